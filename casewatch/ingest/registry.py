"""Which reader handles which file suffix: declarative, readers are imported only when used."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from casewatch.document import Document
    from casewatch.ingest.source import Source

Reader = Callable[["Source"], "list[Document]"]


class ReaderSpec(NamedTuple):
    """A reader module under casewatch.ingest (it defines `read(Source) -> list[Document]`) and its format."""

    module: str
    format: str


#: file suffix (lower case) -> reader
READERS: dict[str, ReaderSpec] = {
    ".txt": ReaderSpec("txt", "txt"),
    ".md": ReaderSpec("txt", "md"),
    ".html": ReaderSpec("html", "html"),
    ".htm": ReaderSpec("html", "html"),
    ".pdf": ReaderSpec("pdf", "pdf"),
    ".docx": ReaderSpec("docx", "docx"),
    ".json": ReaderSpec("telegram", "telegram"),
}

#: every suffix a reader exists for (a .json must also look like a Telegram Desktop export)
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(READERS)


def reader_for(suffix: str) -> tuple[ReaderSpec, Reader] | None:
    """The reader spec and its `read` function for a suffix, or None if unsupported."""
    spec = READERS.get(suffix.lower())
    if spec is None:
        return None
    module = import_module(f"casewatch.ingest.{spec.module}")
    return spec, module.read
