"""PDF reports: the text layer page by page; scanned, encrypted, huge and corrupt PDFs refused."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PageObject, PdfReader, PdfWriter

from casewatch.errors import ReaderError
from casewatch.ingest import pdf as pdf_reader
from casewatch.ingest import read_path


def make_pdf(pages: list[str], title: str | None = None, lang: str | None = None) -> bytes:
    """A minimal valid PDF with a Helvetica text layer (ASCII text), one string a line."""
    objects: list[str] = []
    count = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    lang_entry = f" /Lang ({lang})" if lang else ""
    objects.append(f"<< /Type /Catalog /Pages 2 0 R{lang_entry} >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>")
    font = 3 + 2 * count
    for i, text in enumerate(pages):
        lines = " ".join(f"({_escape(line)}) Tj T*" for line in text.split("\n"))
        stream = f"BT /F1 11 Tf 14 TL 72 720 Td {lines} ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    info = ""
    if title:
        objects.append(f"<< /Title ({_escape(title)}) >>")
        info = f" /Info {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def blank_pdf(pages: int = 1) -> bytes:
    """A PDF whose pages carry no text at all, like a scan without OCR."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_reads_text_layer_in_page_order(tmp_path):
    raw = make_pdf(
        [
            "On 5 June 2021 the court sent Bekizhan Mendygaziyev\nto pre-trial detention for 2 months.",
            "The appeal (case No. 7112-21) was rejected on 17 June 2021.",
        ],
        title="Monitoring  report, June 2021",
        lang="en-GB",
    )
    path = tmp_path / "report.pdf"
    path.write_bytes(raw)
    [doc] = read_path(path)
    assert doc.format == "pdf"
    assert doc.raw == raw
    assert doc.title == "Monitoring report, June 2021"
    assert doc.language == "en"
    assert doc.meta["pages"] == "2"
    first, second = doc.text.split("\n\n")
    assert "Bekizhan Mendygaziyev" in first and "pre-trial detention for 2 months." in first
    assert "\n" in first  # line breaks of the text layer are kept
    assert second == "The appeal (case No. 7112-21) was rejected on 17 June 2021."
    assert "\r" not in doc.text


def test_pdf_without_metadata_has_no_title(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(make_pdf(["Search at the home of Duman Mukhammedkarim in Almaty."]))
    [doc] = read_path(path)
    assert (doc.title, doc.language) == (None, None)


def test_pdf_skips_blank_pages(tmp_path):
    path = tmp_path / "gaps.pdf"
    path.write_bytes(make_pdf(["First page text.", "", "Third page text."]))
    assert read_path(path)[0].text == "First page text.\n\nThird page text."


def test_pdf_scanned_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(blank_pdf(3))
    with pytest.raises(ReaderError, match=r"no text layer \(scanned\?\); run OCR first"):
        read_path(path)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_pdf_owner_password_only_is_read(tmp_path, algorithm):
    writer = PdfWriter(clone_from=PdfReader(BytesIO(make_pdf(["Protected, but readable by anyone."]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm=algorithm)
    buffer = BytesIO()
    writer.write(buffer)
    path = tmp_path / "protected.pdf"
    path.write_bytes(buffer.getvalue())
    assert read_path(path)[0].text == "Protected, but readable by anyone."


def test_pdf_encrypted_with_password_is_refused(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = BytesIO()
    writer.write(buffer)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ReaderError, match="encrypted PDF"):
        read_path(path)


@pytest.mark.parametrize(
    "raw",
    [b"%PDF-1.4\n1 0 obj << /Type /Catalog", b"not a pdf at all", make_pdf(["Some text."])[:150]],
    ids=["truncated-header", "not-pdf", "cut-in-half"],
)
def test_pdf_corrupt_is_refused(tmp_path, raw):
    path = tmp_path / "broken.pdf"
    path.write_bytes(raw)
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert info.value.path == str(path)
    assert "\n" not in info.value.message


def test_pdf_without_header_is_not_a_pdf(tmp_path):
    path = tmp_path / "renamed.pdf"
    path.write_bytes(b"PK\x03\x04 this is a zip archive renamed to .pdf")
    with pytest.raises(ReaderError, match="not a PDF file"):
        read_path(path)


def test_pdf_broken_page_is_skipped(tmp_path, monkeypatch):
    original = PageObject.extract_text

    def extract_text(page, *args, **kwargs):
        text = original(page, *args, **kwargs)
        if "BROKEN" in text:
            raise ValueError("bad content stream")
        return text

    monkeypatch.setattr(PageObject, "extract_text", extract_text)
    path = tmp_path / "partly.pdf"
    path.write_bytes(make_pdf(["Page one.", "BROKEN page", "Page three."]))
    [doc] = read_path(path)
    assert doc.text == "Page one.\n\nPage three."
    assert doc.meta == {"pages": "3", "unreadable_pages": "2"}
    path.write_bytes(make_pdf(["BROKEN", "BROKEN too"]))
    with pytest.raises(
        ReaderError, match=r"cannot read any page of the PDF \(ValueError: bad content stream\)"
    ):
        read_path(path)


def test_pdf_page_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf(["one", "two", "three"]))
    with pytest.raises(ReaderError, match="PDF has 3 pages; the limit is 2"):
        read_path(path)
