"""Word reports (.docx): paragraphs and tables in document order (python-docx), one block per paragraph.

A .docx is a zip of XML parts, and a few kilobytes can unpack to gigabytes: the archive's entries and their
unpacked sizes are checked before python-docx reads a byte of them, and the text is capped while it is read.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from casewatch.document import Document
from casewatch.errors import ReaderError
from casewatch.ingest.source import Source, clean_title, describe, language_code, normalise_newlines, quiet
from casewatch.settings import max_report_chars, too_long

#: a .docx whose parts unpack to more than this is refused (a zip bomb, not a report); a report's pictures
#: are stored, not compressed, so a .docx within the 20 MB file limit unpacks to little more than that
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: the XML parts python-docx parses into memory, together: ten times the markup of a report at the text cap
MAX_XML_BYTES = 32 * 1024 * 1024
#: a .docx holds a few dozen parts, a few hundred with many pictures
MAX_ENTRIES = 2000
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
            blocks = _blocks(source, document)
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
    """Refuse an archive with too many entries or parts that unpack too large, before anything is unpacked.

    The sizes are the ones the archive declares; zipfile never unpacks more of an entry than its declared
    size (it stops there and fails the entry's checksum), so they also bound what python-docx can read.
    """
    with zipfile.ZipFile(BytesIO(source.raw)) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise source.error(f"the .docx holds {len(entries):,} files (the limit is {MAX_ENTRIES:,})")
        unpacked = sum(info.file_size for info in entries)
        if unpacked > MAX_UNPACKED_BYTES:
            raise source.error(
                f"the .docx unpacks to {_mb(unpacked)} (the limit is {_mb(MAX_UNPACKED_BYTES)}): "
                "a zip bomb, not a report; refusing it"
            )
        xml = sum(info.file_size for info in entries if info.filename.lower().endswith((".xml", ".rels")))
        if xml > MAX_XML_BYTES:
            raise source.error(
                f"the .docx's XML unpacks to {_mb(xml)} (the limit is {_mb(MAX_XML_BYTES)}); refusing it"
            )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def _blocks(source: Source, document) -> list[str]:
    """The text of each paragraph and table, stopping with an error once past the character cap."""
    limit = max_report_chars()
    blocks, total = [], 0
    for item in document.iter_inner_content():
        blocks.append(_block_text(item))
        total += len(blocks[-1]) + 2
        if total > limit:
            raise source.error(too_long(limit))
    return blocks


def _block_text(item) -> str:
    """A paragraph's text, or a table one row a line with cells separated by " | "."""
    from docx.table import Table

    if isinstance(item, Table):
        return _table_text(item)
    return item.text


def _table_text(table) -> str:
    """The rows of a table; a cell merged over several rows or columns is written in each row it spans, once.

    python-docx finds the first cell of a vertical merge by looking up the row above from each row, which
    takes cubic time on a table of a few thousand merged rows; here each row knows the row above's cells.
    """
    from docx.table import _Cell

    texts: dict[object, str] = {}
    above: dict[int, object] = {}  # grid column -> the first cell of the (merged) cell starting there
    lines = []
    for tr in table._tbl.tr_lst:
        here: dict[int, object] = {}
        cells, seen = [], set()
        column = tr.grid_before
        for own in tr.tc_lst:
            tc = own
            if own.vMerge == "continue":  # the rest of a vertical merge: its first cell holds the text
                if column not in above:
                    raise ValueError(f"no cell above a vertically merged cell at grid column {column}")
                tc = above[column]
            here[column] = tc
            column += own.grid_span
            if tc in seen:  # a merged cell repeats across the grid columns it spans
                continue
            seen.add(tc)
            if tc not in texts:
                parts = (_block_text(inner) for inner in _Cell(tc, table).iter_inner_content())
                texts[tc] = " ".join(" ".join(part.split()) for part in parts if part.strip())
            cells.append(texts[tc])
        above = here
        if any(cells):
            lines.append(" | ".join(cells))
    return "\n".join(lines)
