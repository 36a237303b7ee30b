"""Read → extract → link → store for a batch of report files; one transaction per document.

Extraction may run in worker processes; only the main process writes (one writer). A document
whose bytes are already stored (same SHA-256) is skipped; new bytes at a known path are stored
as a new version of that document.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from casewatch.document import Document
from casewatch.errors import CasewatchError
from casewatch.store import models as m
from casewatch.store.claims import carry_reviews
from casewatch.store.db import session_scope
from casewatch.store.states import mark_stale

#: how much lower than the writing process extraction workers are scheduled
WORKER_NICENESS = 5
#: new objects between two garbage collections while a batch is stored (Python's default: 700)
GC_THRESHOLD = 50_000

#: hashes already stored, given to each worker so that it skips extracting them
_KNOWN: frozenset[str] = frozenset()


@dataclass
class FileResult:
    """What a worker made of one file: records to store, hashes already stored, problems."""

    path: str
    extracted: list[tuple[Document, dict]] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class IngestSummary:
    """Counts of documents (a Telegram export holds many) and one line per failure."""

    new: int = 0
    versions: int = 0
    unchanged: int = 0
    reextracted: int = 0
    failed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        versions = f" ({self.versions} new versions of known files)" if self.versions else ""
        again = f", {self.reextracted} re-extracted" if self.reextracted else ""
        return f"{self.new} new{versions}{again}, {self.unchanged} unchanged, {len(self.failed)} failed"


def _problem(path: str, exc: BaseException) -> str:
    if isinstance(exc, CasewatchError):
        return str(exc) if exc.path else f"{path}: {exc}"
    return f"{path}: {type(exc).__name__}: {exc}"


def _init_worker(known: frozenset[str], parent: int | None = None) -> None:
    global _KNOWN
    _KNOWN = known
    if parent is not None:
        threading.Thread(target=exit_with_parent, args=(parent,), daemon=True).start()
        # the one writer is what limits a batch: extraction yields the processor to it
        os.nice(WORKER_NICENESS)


def exit_with_parent(parent: int) -> None:
    """A worker whose ingest process was killed (kill -9) must not linger: exit when orphaned."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def stored_path(path: Path, given: Path) -> str:
    """The name a report file gets in the database, never an absolute path (it would tell whose
    computer it was): relative to the working folder when inside it, else starting with the
    folder that holds the file or folder named on the command line."""
    absolute = path.absolute()
    if absolute.is_relative_to(Path.cwd()):
        return absolute.relative_to(Path.cwd()).as_posix()
    base = given.absolute().parent if given.is_dir() else given.absolute().parent.parent
    return absolute.relative_to(base).as_posix()


def report_files(paths: Iterable[Path | str]) -> list[tuple[str, str]]:
    """(file to read, name to store it under) for every report file under `paths`."""
    from casewatch.ingest import iter_report_files

    found: dict[str, str] = {}
    for given in map(Path, paths):
        for path in iter_report_files([given]):
            found.setdefault(str(path.absolute()), stored_path(path, given))
    return list(found.items())


def extract_file(path: str, name: str | None = None) -> FileResult:
    """Read one file and extract every document in it not already stored (runs in a worker);
    the documents are named after `name` (see `stored_path`), or `path`."""
    from casewatch.extract import extract_document
    from casewatch.ingest import read_path

    name = name or path
    result = FileResult(name)
    try:
        documents = read_path(path)
    except Exception as exc:  # one bad file never stops the batch
        result.errors.append(_problem(name, exc).replace(path, name))
        return result
    for doc in documents:
        doc.path = name + doc.path[len(path) :] if doc.path.startswith(path) else doc.path
        if doc.sha256 in _KNOWN:
            result.unchanged += 1
            continue
        try:
            result.extracted.append((doc, extract_document(doc)))
        except Exception as exc:
            result.errors.append(_problem(doc.path, exc))
    return result


def store_document(
    engine: Engine, doc: Document, record: dict, extractor_version: str, cache: dict | None = None
) -> str:
    """Store one document, its claims and links in one transaction: "new", "version" or "unchanged"."""
    with session_scope(engine) as session:
        return add_extracted(session, doc, record, extractor_version, cache)[0]


def add_extracted(
    session: Session, doc: Document, record: dict, extractor_version: str, cache: dict | None = None
) -> tuple[str, int]:
    """Store one document in the caller's transaction: ("new" | "version" | "unchanged", its row id).

    A new version gets the reviews of its unchanged claims from the previous one (claims.carry_reviews).
    """
    from casewatch.store.linking import link_document
    from casewatch.store.load import RecordLoader, add_document
    from casewatch.store.marks import carry_marks

    found = session.scalar(select(m.Document.id).where(m.Document.sha256 == doc.sha256))
    if found is not None:
        return "unchanged", found
    source = record.get("source") or {}
    doc.report_date = doc.report_date or source.get("report_date")
    doc.title = doc.title or source.get("title")
    doc.language = doc.language or source.get("language")
    row, is_version = add_document(session, doc, extractor_version)
    loader = RecordLoader(session, row, record, extractor_version, fresh=True)
    loader.load()
    if is_version:
        carry_reviews(session, row, _previous_version(session, row))
    link_document(
        session, row, facts=loader.facts, cache=cache, rows=loader.mention_rows(), new_path=not is_version
    )
    if is_version:
        carry_marks(session, row)
    mark_stale(session, documents=[row.id])
    return ("version" if is_version else "new"), row.id


def _previous_version(session: Session, row: m.Document) -> m.Document:
    """The version of `row`'s report stored before it."""
    query = select(m.Document).where(m.Document.path == row.path, m.Document.version < row.version)
    return session.scalars(query.order_by(m.Document.version.desc()).limit(1)).one()


def reextract_document(engine: Engine, doc: Document, record: dict, extractor_version: str) -> str:
    """Replace a stored document's derived rows from a new record; reviewed claims and human
    link decisions are kept and applied again. Returns "reextracted" (or "new" if not stored)."""
    from casewatch.store.linking import link_document, refresh_person
    from casewatch.store.load import RecordLoader, clear_document
    from casewatch.store.marks import carry_marks

    with session_scope(engine) as session:
        row = session.scalar(select(m.Document).where(m.Document.sha256 == doc.sha256))
        if row is None:
            return store_document(engine, doc, record, extractor_version)
        previous = clear_document(session, row)
        before = list(session.scalars(select(m.Person).where(m.Person.id.in_({pid for _, pid in previous}))))
        for person in before:  # the document's old facts must not vouch for its new mentions
            refresh_person(session, person)
        row.extractor_version = extractor_version
        RecordLoader(session, row, record, extractor_version).load()
        link_document(session, row, previous)
        carry_marks(session, row)
        for person in before:
            refresh_person(session, person)
        mark_stale(session, documents=[row.id])
        return "reextracted"


def _stored(engine: Engine, sha256: str) -> bool:
    with session_scope(engine) as session:
        return session.scalar(select(m.Document.id).where(m.Document.sha256 == sha256)) is not None


def _results(files: list[tuple[str, str]], workers: int, known: frozenset[str]) -> Iterator[FileResult]:
    paths, names = [f for f, _ in files], [n for _, n in files]
    if workers <= 1:
        _init_worker(known)
        yield from map(extract_file, paths, names)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(known, os.getpid())
    ) as pool:
        yield from pool.map(extract_file, paths, names, chunksize=4)


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path | str],
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    reextract: bool = False,
) -> IngestSummary:
    """Ingest files and folders (recursively); `progress(done, total)` is called after each file.

    With `reextract`, documents already stored are extracted again (see `reextract_document`).
    """
    files = report_files(paths)
    with session_scope(engine) as session:
        known = frozenset() if reextract else frozenset(session.scalars(select(m.Document.sha256)))
    summary = IngestSummary()
    with _fewer_collections():
        _store_results(engine, _results(files, workers, known), len(files), reextract, summary, progress)
    return summary


def _store_results(
    engine: Engine,
    results: Iterator[FileResult],
    total: int,
    reextract: bool,
    summary: IngestSummary,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Store what the workers extracted, in file order, counting the outcomes into `summary`."""
    from casewatch.extract import EXTRACTOR_VERSION

    cache: dict = {}  # person profiles this batch compares against (linking.Cache)
    for done, result in enumerate(results, start=1):
        summary.unchanged += result.unchanged
        summary.failed.extend(result.errors)
        for doc, record in result.extracted:
            try:
                if reextract:
                    outcome = reextract_document(engine, doc, record, EXTRACTOR_VERSION)
                else:
                    outcome = store_document(engine, doc, record, EXTRACTOR_VERSION, cache)
            except Exception as exc:  # a record the store cannot take fails alone
                cache.clear()  # it may hold profiles of the rolled-back transaction
                if _stored(engine, doc.sha256):  # another ingest stored the same bytes meanwhile
                    summary.unchanged += 1
                else:
                    summary.failed.append(_problem(doc.path, exc))
                continue
            if outcome == "unchanged":
                summary.unchanged += 1
            elif outcome == "reextracted":
                summary.reextracted += 1
            else:
                summary.new += 1
                summary.versions += outcome == "version"
        if progress is not None:
            progress(done, total)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """A batch allocates many short-lived objects: look for reference cycles less often meanwhile."""
    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
