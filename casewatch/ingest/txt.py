"""Plain-text and Markdown reports: decode (UTF-8, UTF-16/32 with BOM, Windows-1251 ...) and nothing more."""

from __future__ import annotations

import codecs
import re
import unicodedata

from casewatch.document import Document
from casewatch.ingest.source import Source, normalise_newlines, quiet

#: byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one)
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: single-byte encodings tried when a file is not UTF-8 (charset-normalizer picks among them)
LEGACY_ENCODINGS = ("cp1251", "koi8_r", "cp1252")

#: a decoded text with more than this share of control or stray symbol characters is not a report
MAX_JUNK_SHARE = 0.1

#: characters outside letters, digits and ASCII that real reports use
TYPOGRAPHY = set("«»“”„‘’‚—–…№•·§°€\u00a0\u2009\u202f")

_WHITESPACE_CONTROLS = set("\t\n\r\f\v")
_MD_TITLE = re.compile(r"^#{1,2}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def read(source: Source) -> list[Document]:
    """One Document from a .txt or .md file."""
    text, encoding = decode(source)
    text = normalise_newlines(text)
    if not text.strip():
        raise source.error("no text (the file holds only whitespace)")
    title = None
    if source.format == "md" and (match := _MD_TITLE.search(text)):
        title = match.group(1).strip() or None
    return [
        Document(
            path=source.path,
            raw=source.raw,
            text=text,
            format=source.format,
            title=title,
            meta={"encoding": encoding},
        )
    ]


def decode(source: Source) -> tuple[str, str]:
    """The text of a file and the encoding it was read with; ReaderError if it is not text."""
    raw = source.raw
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                raise source.error(f"invalid {_label(encoding)} after its byte-order mark") from None
            _check_text(source, text)
            return text.removeprefix("\ufeff"), _label(encoding)
    if b"\x00" in raw:
        raise source.error("binary data (NUL bytes), not a text report")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_text(source, text)
        return text, _label("utf-8")
    return _decode_legacy(source)


def _decode_legacy(source: Source) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    with quiet("charset_normalizer"):
        best = from_bytes(source.raw, cp_isolation=list(LEGACY_ENCODINGS)).best()
    text = None
    if best is not None:
        try:
            text = source.raw.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None or _junk_share(text, strict=True) > MAX_JUNK_SHARE:
        names = ", ".join(_label(e) for e in ("utf-8", *LEGACY_ENCODINGS))
        raise source.error(f"not text in a supported encoding ({names}, or UTF-16 with a byte-order mark)")
    _check_text(source, text)
    return text, _label(best.encoding)


def _check_text(source: Source, text: str) -> None:
    if _junk_share(text, strict=False) > MAX_JUNK_SHARE:
        raise source.error("binary data (control characters), not a text report")


def _junk_share(text: str, strict: bool) -> float:
    """Share of control characters (and, if strict, stray symbols typical of a wrong decoding)."""
    if not text:
        return 0.0
    junk = sum(text.count(ch) for ch in set(text) if _is_junk(ch, strict))
    return junk / len(text)


def _is_junk(ch: str, strict: bool) -> bool:
    if ch.isascii():
        return (ch < " " and ch not in _WHITESPACE_CONTROLS) or ch == "\x7f"
    category = unicodedata.category(ch)
    if category in ("Cc", "Cs", "Co", "Cn"):
        return True
    return strict and not (category[0] in "LM" or category == "Nd" or ch in TYPOGRAPHY or ch.isspace())


def _label(encoding: str) -> str:
    return {
        "utf-8-sig": "UTF-8",
        "utf-8": "UTF-8",
        "utf-16": "UTF-16",
        "utf-32": "UTF-32",
        "cp1251": "Windows-1251",
        "cp1252": "Windows-1252",
        "koi8_r": "KOI8-R",
    }.get(encoding, encoding)
