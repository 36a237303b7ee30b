"""Word reports (.docx): paragraphs and tables in document order (python-docx), one block per paragraph."""

from __future__ import annotations

import zipfile
from io import BytesIO

from casewatch.document import Document
from casewatch.errors import ReaderError
from casewatch.ingest.source import Source, clean_title, describe, language_code, normalise_newlines, quiet

#: a .docx whose parts unpack to more than this is refused (a zip bomb, not a report)
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
#: the signature of an old binary Word .doc file
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read(source: Source) -> list[Document]:
    """One Document from a .docx file."""
    if source.raw.startswith(OLE_SIGNATURE):
        raise source.error("an old binary Word (.doc) file or an encrypted .docx; save it as .docx first")
    with quiet("docx"):
        try:
            _check_zip(source)
            import docx

            document = docx.Document(BytesIO(source.raw))
            blocks = [_block_text(item) for item in document.iter_inner_content()]
            properties = document.core_properties
            title = clean_title(properties.title)
            language = language_code(properties.language)
        except ReaderError:
            raise
        except Exception as exc:
            raise source.error(f"corrupt or not a .docx file ({describe(exc)})") from exc
    text = normalise_newlines("\n\n".join(block for block in blocks if block.strip()))
    if not any(ch.isalnum() for ch in text):
        raise source.error("no text in the Word document")
    return [
        Document(
            path=source.path, raw=source.raw, text=text, format=source.format, title=title, language=language
        )
    ]


def _check_zip(source: Source) -> None:
    with zipfile.ZipFile(BytesIO(source.raw)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise source.error("the .docx unpacks to more than 500 MB; refusing to read it")


def _block_text(item) -> str:
    """A paragraph's text, or a table one row a line with cells separated by " | "."""
    from docx.table import Table

    if isinstance(item, Table):
        return _table_text(item)
    return item.text


def _table_text(table) -> str:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell repeats across the grid columns it spans
                continue
            seen.add(cell._tc)
            parts = (_block_text(inner) for inner in cell.iter_inner_content())
            cells.append(" ".join(" ".join(part.split()) for part in parts if part.strip()))
        if any(cells):
            lines.append(" | ".join(cells))
    return "\n".join(lines)
