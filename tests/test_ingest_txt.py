"""Plain-text and Markdown reports: encodings, BOMs, line endings, and text that is not text."""

from __future__ import annotations

import codecs
import random

import pytest

from casewatch.errors import ReaderError
from casewatch.ingest import read_path

RUSSIAN = (
    "12 марта 2024 года Первомайский районный суд Бишкека продлил арест журналистки "
    "Махабат Таджибек кызы ещё на два месяца.\r\n\r\n"
    "Адвокат заявил, что обвинение по статье 278 УК КР «не подтверждено» — защита обжалует решение."
)
EXPECTED = RUSSIAN.replace("\r\n", "\n")


def _random_bytes(seed: int, low: int, high: int, size: int = 2000) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, high) for _ in range(size))


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (RUSSIAN.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"), "UTF-8"),
        (RUSSIAN.encode("utf-16"), "UTF-16"),
        (codecs.BOM_UTF16_LE + RUSSIAN.encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + RUSSIAN.encode("utf-16-be"), "UTF-16"),
        (RUSSIAN.encode("utf-32"), "UTF-32"),
        (RUSSIAN.encode("cp1251"), "Windows-1251"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le-bom", "utf16be-bom", "utf32", "cp1251"],
)
def test_txt_decodes_every_supported_encoding(tmp_path, encoded, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(encoded)
    [doc] = read_path(path)
    assert doc.text == EXPECTED
    assert not doc.text.startswith("\ufeff")
    assert doc.raw == encoded
    assert doc.meta["encoding"] == encoding
    assert (doc.format, doc.path, doc.title, doc.language, doc.report_date) == (
        "txt",
        str(path),
        None,
        None,
        None,
    )


def test_txt_koi8_r(tmp_path):
    text = "Суд Алматы приговорил активиста Марата Жыланбаева к 7 годам лишения свободы."
    path = tmp_path / "koi8.txt"
    path.write_bytes(text.encode("koi8_r"))
    [doc] = read_path(path)
    assert (doc.text, doc.meta["encoding"]) == (text, "KOI8-R")


def test_txt_short_windows_1251_line(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("Суд оставил приговор в силе.".encode("cp1251"))
    assert read_path(path)[0].text == "Суд оставил приговор в силе."


def test_txt_windows_1252_english(tmp_path):
    text = "The court \u201cupheld\u201d the verdict \u2013 a fine of 50 MCI for the caf\u00e9 owner."
    path = tmp_path / "en.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_path(path)[0].text == text


def test_txt_keeps_text_except_line_endings(tmp_path):
    raw = "  Line one\t with tabs  \r\nline two\rline three\n\n\n  indented\u00a0nbsp  ".encode()
    path = tmp_path / "spaces.txt"
    path.write_bytes(raw)
    [doc] = read_path(path)
    assert doc.text == "  Line one\t with tabs  \nline two\nline three\n\n\n  indented\u00a0nbsp  "
    assert doc.raw == raw
    assert doc.sha256 == __import__("hashlib").sha256(raw).hexdigest()


def test_txt_offsets_are_into_the_decoded_text(tmp_path):
    path = tmp_path / "offsets.txt"
    path.write_bytes(codecs.BOM_UTF8 + RUSSIAN.encode())
    [doc] = read_path(path)
    start = doc.text.index("Махабат")
    assert doc.text[start : start + len("Махабат Таджибек кызы")] == "Махабат Таджибек кызы"
    assert start == EXPECTED.index("Махабат")


def test_md_title_from_first_heading(tmp_path):
    path = tmp_path / "report.md"
    path.write_text("# Monitoring for 21 April 2021\n\nOn 21 April the court *fined* Asel Abdullayeva.\n")
    [doc] = read_path(path)
    assert doc.format == "md"
    assert doc.title == "Monitoring for 21 April 2021"
    assert doc.text.startswith("# Monitoring for 21 April 2021\n\nOn 21 April")


def test_md_without_heading_has_no_title(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("Just a paragraph about a search in Aktau.\n")
    assert read_path(path)[0].title is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty file"),
        (b" \r\n\t\n", "only whitespace"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00binary\x00\x00", "NUL bytes"),
        (_random_bytes(7, 1, 32), "control characters"),
        (_random_bytes(3, 128, 256), "not text in a supported encoding"),
        (codecs.BOM_UTF8 + b"abc \xff\xfe broken", "invalid UTF-8 after its byte-order mark"),
    ],
    ids=["empty", "blank", "nul", "controls", "random-high-bytes", "bad-utf8-after-bom"],
)
def test_txt_refuses_what_is_not_text(tmp_path, raw, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert message in info.value.message
    assert info.value.path == str(path)
    assert "\n" not in str(info.value)
