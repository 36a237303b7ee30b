"""Reports that would stall a reader or the extractor are refused with one line: too much text, zip bombs,
huge XML, PDF streams that unpack to gigabytes; and the indexes extraction asks answer as scans would."""

from __future__ import annotations

import itertools
import random
import zipfile
import zlib
from io import BytesIO

import docx
import pytest
from typer.testing import CliRunner

from casewatch.cli import app
from casewatch.document import Document
from casewatch.errors import CasewatchError, ReaderError
from casewatch.extract import extract_document
from casewatch.extract.analysis import Analysis, Entity
from casewatch.extract.context import mentions_in
from casewatch.extract.spans import Covered, Lines
from casewatch.ingest import docx as docx_reader
from casewatch.ingest import pdf as pdf_reader
from casewatch.ingest import read_path
from casewatch.settings import DEFAULT_MAX_REPORT_CHARS, MAX_REPORT_CHARS_ENV, max_report_chars

PARAGRAPH = (
    "On 3 May 2023 police in Aktobe detained the blogger Kairat Ospanuly after a post about the "
    "regional akim; the next day a court gave him ten days of administrative arrest."
)


def docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_entry(raw: bytes, name: str, chunks, replace: bool = False) -> bytes:
    """A copy of a .docx zip with an entry written from `chunks` (streamed, never whole in memory)."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if not (replace and info.filename == name):
                dst.writestr(info, src.read(info.filename))
        with dst.open(name, "w") as entry:
            for chunk in chunks:
                entry.write(chunk)
    return out.getvalue()


def forbid_parsing(monkeypatch) -> None:
    """From now on python-docx must never be asked to parse: the archive is refused before."""

    def refuse(*args, **kwargs):
        raise AssertionError("python-docx was asked to parse the archive")

    monkeypatch.setattr(docx, "Document", refuse)


# --- the character cap -----------------------------------------------------------------------------------


def test_the_cap_defaults_to_two_million_characters(monkeypatch):
    monkeypatch.delenv(MAX_REPORT_CHARS_ENV, raising=False)
    assert max_report_chars() == DEFAULT_MAX_REPORT_CHARS == 2_000_000
    monkeypatch.setenv(MAX_REPORT_CHARS_ENV, "5_000")
    assert max_report_chars() == 5000
    monkeypatch.setenv(MAX_REPORT_CHARS_ENV, "lots")
    with pytest.raises(CasewatchError, match=f"{MAX_REPORT_CHARS_ENV} must be a positive number"):
        max_report_chars()


def test_a_report_over_the_cap_is_refused_naming_file_and_limit(tmp_path, monkeypatch):
    monkeypatch.setenv(MAX_REPORT_CHARS_ENV, "1000")
    path = tmp_path / "long.txt"
    path.write_text((PARAGRAPH + "\n") * 10, encoding="utf-8")
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert info.value.path == str(path)
    assert info.value.message == (
        f"the report's text is {len(path.read_text()):,} characters; the limit is 1,000 "
        f"(set {MAX_REPORT_CHARS_ENV} to change it)"
    )
    path.write_text(PARAGRAPH, encoding="utf-8")
    assert read_path(path)[0].text == PARAGRAPH


def test_the_extractor_refuses_a_text_over_the_cap(monkeypatch):
    monkeypatch.setenv(MAX_REPORT_CHARS_ENV, "100")
    doc = Document(path="given.txt", raw=b"x", text=PARAGRAPH, format="txt")
    with pytest.raises(
        CasewatchError, match=r"^given\.txt: the report's text is 170 characters; the limit is 100"
    ):
        extract_document(doc)


def test_ingest_reports_a_report_over_the_cap_and_stores_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "short.txt").write_text(PARAGRAPH, encoding="utf-8")
    (folder / "long.txt").write_text((PARAGRAPH + "\n") * 20, encoding="utf-8")
    db = tmp_path / "case.db"
    result = CliRunner().invoke(
        app, ["ingest", str(folder), "--db", str(db)], env={MAX_REPORT_CHARS_ENV: "1000"}
    )
    assert result.exit_code == 1
    assert result.stdout.strip() == "1 new, 0 unchanged, 1 failed"
    (line,) = result.stderr.splitlines()
    assert line.startswith("failed: in/long.txt: the report's text is ")
    assert "the limit is 1,000" in line


# --- .docx -----------------------------------------------------------------------------------------------


def test_docx_zip_bomb_is_refused_before_parsing(tmp_path, monkeypatch):
    # 120 MB of zeros deflate to about 120 KB: far under the file size limit, far over what reports unpack to
    raw = with_entry(docx_bytes([PARAGRAPH]), "word/media/image1.png", (bytes(1 << 20) for _ in range(120)))
    path = tmp_path / "bomb.docx"
    path.write_bytes(raw)
    forbid_parsing(monkeypatch)
    assert len(raw) < 1_000_000
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert info.value.path == str(path)
    assert info.value.message.startswith("the .docx unpacks to 120.")
    assert "a zip bomb, not a report" in info.value.message


def test_docx_with_huge_xml_is_refused_before_parsing(tmp_path, monkeypatch):
    run = b"<w:p><w:r><w:t>" + b"x" * 64 + b"</w:t></w:r></w:p>"
    body = (run * (1 << 14) for _ in range(40))  # about 64 MB of paragraphs
    head = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    tail = b"</w:body></w:document>"
    chunks = itertools.chain([head], body, [tail])
    raw = with_entry(docx_bytes(["placeholder"]), "word/document.xml", chunks, replace=True)
    path = tmp_path / "huge.docx"
    path.write_bytes(raw)
    forbid_parsing(monkeypatch)
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert info.value.message.startswith("the .docx's XML unpacks to ")
    assert f"the limit is {docx_reader.MAX_XML_BYTES / (1 << 20):,.1f} MB" in info.value.message


def test_docx_with_too_many_entries_is_refused(tmp_path, monkeypatch):
    forbid_parsing(monkeypatch)
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(docx_reader.MAX_ENTRIES + 1):
            archive.writestr(f"word/media/{n}.bin", b"")
    path = tmp_path / "many.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(ReaderError, match=f"holds {docx_reader.MAX_ENTRIES + 1:,} files"):
        read_path(path)


def test_docx_text_stops_at_the_cap_while_reading(tmp_path, monkeypatch):
    monkeypatch.setenv(MAX_REPORT_CHARS_ENV, "1000")
    read = []
    original = docx_reader._block_text
    monkeypatch.setattr(docx_reader, "_block_text", lambda item: read.append(1) or original(item))
    path = tmp_path / "long.docx"
    path.write_bytes(docx_bytes([PARAGRAPH] * 200))
    with pytest.raises(ReaderError, match="the report's text is over 1,000 characters; the limit is 1,000"):
        read_path(path)
    assert len(read) == 1000 // (len(PARAGRAPH) + 2) + 1  # not the 200 paragraphs


def merged_table(rows: int) -> bytes:
    """A .docx with one table whose first column is a single cell merged down all its rows."""
    document = docx.Document()
    table = document.add_table(rows=rows, cols=2)
    table.cell(0, 0).text = "Detained in Aktobe"
    for r in range(rows):
        table.cell(r, 1).text = f"Person {r}"
    table.cell(0, 0).merge(table.cell(rows - 1, 0))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_vertically_merged_table_is_read_in_linear_time(tmp_path, monkeypatch):
    from docx.oxml.table import CT_Tc

    lookups = []
    above = CT_Tc._tc_above
    monkeypatch.setattr(CT_Tc, "_tc_above", property(lambda tc: lookups.append(1) or above.fget(tc)))
    counts = {}
    for rows in (20, 80):
        path = tmp_path / f"merged-{rows}.docx"
        path.write_bytes(merged_table(rows))
        lookups.clear()
        [doc] = read_path(path)
        counts[rows] = len(lookups)
        lines = doc.text.splitlines()
        assert len(lines) == rows
        assert lines[0] == "Detained in Aktobe | Person 0"
        assert lines[-1] == f"Detained in Aktobe | Person {rows - 1}"
    # python-docx walks up from each merged cell to the first, row by row: 190 steps for 20 rows, 3,160 for 80
    assert counts[80] <= 4 * counts[20]


# --- .pdf ------------------------------------------------------------------------------------------------


def pdf_with_stream(content: bytes) -> bytes:
    """A one-page PDF whose content stream is `content`, deflated."""
    data = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_stream_unpacking_past_the_limit_is_refused(tmp_path):
    # a content stream of 20 MB of drawing operators deflates to about 30 KB
    content = b"0 0 m\n" * (pdf_reader.MAX_STREAM_BYTES // 6 + 600_000)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_with_stream(content))
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert info.value.path == str(path)
    assert info.value.message.startswith("page 1 unpacks to more than pypdf's limits allow (LimitReached")


def test_pdf_text_is_capped_per_page_and_in_total(tmp_path, monkeypatch):
    line = b"BT /F1 11 Tf 72 720 Td (" + PARAGRAPH.encode() + b") Tj ET\n"
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf_with_stream(line * 10))
    monkeypatch.setattr(pdf_reader, "MAX_PAGE_CHARS", 1000)
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert info.value.message == "page 1 has 1,700 characters of text (the limit is 1,000)"
    monkeypatch.setattr(pdf_reader, "MAX_PAGE_CHARS", 100_000)
    monkeypatch.setenv(MAX_REPORT_CHARS_ENV, "1000")
    with pytest.raises(ReaderError, match="the report's text is over 1,000 characters"):
        read_path(path)


# --- the indexes extraction asks instead of scanning -------------------------------------------------------


def test_covered_and_lines_answer_as_scans_do():
    rng = random.Random(7)
    spans = [(s, s + rng.randint(1, 30)) for s in (rng.randrange(0, 500) for _ in range(60))]
    covered = Covered(spans)
    for pos in range(-2, 540):
        assert (pos in covered) == any(s <= pos < e for s, e in spans)
    for start, end in [(rng.randrange(0, 500), 0) for _ in range(200)]:
        end = start + rng.randint(0, 20)
        assert covered.holds(start, end) == any(s <= start and end <= e for s, e in spans)
    text = "".join(rng.choice("ab \n") for _ in range(400))
    lines = Lines(text)
    for pos in range(len(text) + 1):
        assert lines.start(pos) == text.rfind("\n", 0, pos) + 1
        found = text.find("\n", pos)
        assert lines.end(pos) == (len(text) if found < 0 else found)


def test_mentions_in_sees_mentions_added_after_it_was_asked():
    analysis = Analysis(text="Asel Bekova met Timur Sadykov. Later Bekova spoke.")
    asel = Entity(id="P1", name="Asel Bekova", mentions=[(0, 11)])
    timur = Entity(id="P2", name="Timur Sadykov", mentions=[(16, 29)])
    analysis.persons = [asel, timur]
    assert mentions_in(analysis, 31, 50) == []
    asel.mentions.append((37, 43))
    assert mentions_in(analysis, 31, 50) == [asel]
    timur.mentions = [(16, 29), (31, 36)]
    assert mentions_in(analysis, 31, 50) == [timur, asel]
    analysis.persons = [timur]
    assert mentions_in(analysis, 31, 50) == [timur]


def test_a_stretch_without_sentence_ends_is_cut_at_spaces():
    from casewatch.extract.sentences import MAX_SENTENCE, split_sentences

    words = " ".join(f"word{n}" for n in range(1500))  # no full stop
    text = f"Police detained Dana Omarova in Taraz. Then {words}. The court fined her."
    spans = split_sentences(text)
    assert text[slice(*spans[0])] == "Police detained Dana Omarova in Taraz."
    assert text[slice(*spans[-1])] == "The court fined her."
    middle = spans[1:-1]
    assert len(middle) == 5  # about 12,400 characters
    assert all(e - s <= MAX_SENTENCE for s, e in middle)
    assert " ".join(text[s:e] for s, e in middle) == f"Then {words}."  # cut between words, nothing lost
