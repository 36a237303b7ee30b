"""The bytes of one report file, loaded safely, and helpers shared by the readers."""

from __future__ import annotations

import logging
import os
import re
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from casewatch.errors import ReaderError

#: environment variable holding the size limit for one report file, in megabytes
MAX_REPORT_MB_ENV = "CASEWATCH_MAX_REPORT_MB"
DEFAULT_MAX_REPORT_MB = 20.0


@dataclass(frozen=True)
class Source:
    """One report file as handed to a reader: where it is, its bytes, and the format to read it as."""

    path: str
    raw: bytes
    format: str

    def error(self, message: str) -> ReaderError:
        """A ReaderError for this file."""
        return ReaderError(one_line(message), path=self.path)


def max_report_bytes() -> int:
    """The size limit for one report file, from CASEWATCH_MAX_REPORT_MB (default 20 MB)."""
    value = os.environ.get(MAX_REPORT_MB_ENV, "").strip()
    if not value:
        return int(DEFAULT_MAX_REPORT_MB * 1024 * 1024)
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = -1.0
    if not megabytes > 0:
        raise ReaderError(f"{MAX_REPORT_MB_ENV} must be a positive number of megabytes, not {value!r}")
    return int(megabytes * 1024 * 1024)


def load(path: Path, format: str) -> Source:
    """Read a report file's bytes, refusing missing, special, empty and too-large files before reading."""
    where = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReaderError("no such file", path=where) from None
    except OSError as exc:
        raise ReaderError(f"cannot open: {exc.strerror or exc}", path=where) from None
    if path.is_dir():
        raise ReaderError("is a folder, not a report file", path=where)
    if not path.is_file():
        raise ReaderError("not a regular file", path=where)
    limit = max_report_bytes()
    if st.st_size > limit:
        raise ReaderError(
            f"file is too large ({_mb(st.st_size)}; the limit is {_mb(limit)}, "
            f"set {MAX_REPORT_MB_ENV} to change it)",
            path=where,
        )
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}", path=where) from None
    if len(raw) > limit:
        raise ReaderError(
            f"file is too large (over {_mb(limit)}, set {MAX_REPORT_MB_ENV} to change it)", path=where
        )
    if not raw:
        raise ReaderError("empty file", path=where)
    return Source(path=where, raw=raw, format=format)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def one_line(message: str) -> str:
    """Collapse whitespace so an error message prints as a single line."""
    return re.sub(r"\s+", " ", message).strip()


def describe(exc: BaseException) -> str:
    """A library exception as a short one-line phrase."""
    text = one_line(str(exc))
    if len(text) > 160:
        text = text[:157] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def normalise_newlines(text: str) -> str:
    """Turn \\r\\n and lone \\r line endings into \\n; change nothing else."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def language_code(value: object) -> str | None:
    """An ISO 639-1 code from a tag such as "ru-RU" or "en_GB", else None."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*", value)
    return match.group(1).lower() if match else None


def clean_title(value: object) -> str | None:
    """A title with whitespace collapsed, or None when there is none."""
    if not isinstance(value, str):
        return None
    return one_line(value) or None


_QUIET_LOCK = threading.Lock()
#: logger name -> (how many readers currently silence it, the level to restore afterwards)
_QUIETED: dict[str, tuple[int, int]] = {}


@contextmanager
def quiet(*loggers: str) -> Iterator[None]:
    """Silence a library's logging and warnings while it parses untrusted input (safe across threads)."""
    with _QUIET_LOCK:
        for name in loggers:
            logger = logging.getLogger(name)
            depth, level = _QUIETED.get(name, (0, logger.level))
            _QUIETED[name] = (depth + 1, level)
            logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        with _QUIET_LOCK:
            for name in loggers:
                depth, level = _QUIETED.pop(name)
                if depth > 1:
                    _QUIETED[name] = (depth - 1, level)
                else:
                    logging.getLogger(name).setLevel(level)
