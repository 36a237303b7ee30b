"""Word reports: paragraphs and tables in document order, title and language from core properties."""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
import pytest

from casewatch.errors import ReaderError
from casewatch.ingest import read_path


def save(document, path) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    document = docx.Document()
    document.core_properties.title = "Political prisoners of Kazakhstan, May 2024"
    document.core_properties.language = "ru-RU"
    document.add_heading("Monitoring, 14 May 2024", level=1)
    document.add_paragraph("On 14 May 2024 police in Almaty detained activist Marat Zhylanbayev.")
    document.add_paragraph("")  # an empty paragraph leaves no trace
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(
        table.rows,
        [
            ("Name", "Article", "Term"),
            ("Marat Zhylanbayev", "405.2", "7 years"),
            ("Asel Abdullayeva", "274", ""),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "274 (fine)"
    line = document.add_paragraph("The verdict was upheld on appeal.")
    line.add_run().add_break()
    line.add_run("Second line of the same paragraph.")
    raw = save(document, tmp_path / "report.docx")

    [doc] = read_path(tmp_path / "report.docx")
    assert doc.format == "docx"
    assert doc.raw == raw
    assert doc.title == "Political prisoners of Kazakhstan, May 2024"
    assert doc.language == "ru"
    assert doc.text == (
        "Monitoring, 14 May 2024\n\n"
        "On 14 May 2024 police in Almaty detained activist Marat Zhylanbayev.\n\n"
        "Name | Article | Term\n"
        "Marat Zhylanbayev | 405.2 | 7 years\n"
        "Asel Abdullayeva | 274 (fine)\n\n"
        "The verdict was upheld on appeal.\nSecond line of the same paragraph."
    )


def test_docx_without_title_property(tmp_path):
    document = docx.Document()
    document.core_properties.title = ""
    document.add_paragraph("Searches were carried out at the homes of three journalists in Bishkek.")
    save(document, tmp_path / "untitled.docx")
    [doc] = read_path(tmp_path / "untitled.docx")
    assert doc.title is None
    assert doc.text == "Searches were carried out at the homes of three journalists in Bishkek."


def test_docx_without_text_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("   ")
    save(document, tmp_path / "blank.docx")
    with pytest.raises(ReaderError, match="no text in the Word document"):
        read_path(tmp_path / "blank.docx")


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"this is plain text renamed to .docx", "corrupt or not a .docx file"),
        (_zip({"hello.txt": b"a zip, but not a Word document"}), "corrupt or not a .docx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old binary Word (.doc)"),
    ],
    ids=["not-zip", "zip-not-docx", "old-doc"],
)
def test_docx_corrupt_is_refused(tmp_path, raw, message):
    path = tmp_path / "broken.docx"
    path.write_bytes(raw)
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert message in info.value.message
    assert info.value.path == str(path)


def test_docx_truncated_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("A paragraph that will be cut off.")
    raw = save(document, tmp_path / "whole.docx")
    path = tmp_path / "cut.docx"
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(ReaderError, match="corrupt or not a .docx file"):
        read_path(path)
