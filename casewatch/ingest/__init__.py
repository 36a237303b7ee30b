"""Readers: a report file in, Documents out (one per report; a Telegram export holds many)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from casewatch.document import Document
from casewatch.errors import ReaderError
from casewatch.ingest.registry import READERS, SUPPORTED_SUFFIXES, reader_for
from casewatch.ingest.source import describe, load
from casewatch.settings import max_report_chars, too_long

__all__ = ["READERS", "SUPPORTED_SUFFIXES", "ReaderError", "iter_report_files", "read_path"]


def read_path(path: Path | str) -> list[Document]:
    """Read one report file into Documents; any problem is raised as a one-line ReaderError."""
    path = Path(path)
    found = reader_for(path.suffix)
    if found is None:
        if path.is_dir():
            raise ReaderError("is a folder, not a report file", path=str(path))
        supported = " ".join(sorted(SUPPORTED_SUFFIXES))
        raise ReaderError(
            f"unsupported file type {path.suffix or '(no suffix)'!r}; supported: {supported}", path=str(path)
        )
    spec, read = found
    source = load(path, spec.format)
    try:
        documents = read(source)
    except ReaderError:
        raise
    except Exception as exc:  # a library failing on hostile or broken input must not escape as a traceback
        raise source.error(f"cannot read as {spec.format}: {describe(exc)}") from exc
    if not documents:
        raise source.error("no text found")
    limit = max_report_chars()
    for doc in documents:  # checked before extraction, whose time grows with the text
        if len(doc.text) > limit:
            raise ReaderError(too_long(limit, len(doc.text)), path=doc.path)
    return documents


def iter_report_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Report files under the given paths: folders walked recursively in sorted order.

    Inside folders, hidden files and folders and unsupported suffixes are skipped, and a .json
    file is kept only when it is a Telegram Desktop export. A path given explicitly is yielded
    as is (even if missing or unsupported) so that `read_path` reports the problem.
    """
    seen: set[Path] = set()
    for given in paths:
        given = Path(given)
        candidates = _walk(given) if given.is_dir() else iter([given])
        for path in candidates:
            if path not in seen:
                seen.add(path)
                yield path


def _walk(folder: Path) -> Iterator[Path]:
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    yield from (path for path in sorted(found) if _is_report(path))


def _is_report(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".json":
        from casewatch.ingest.telegram import looks_like_export

        return looks_like_export(path)
    return suffix in SUPPORTED_SUFFIXES
