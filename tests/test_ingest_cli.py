"""`casewatch extract` on bad report files: one line on stderr naming the file, exit code 1, no traceback."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfWriter
from typer.testing import CliRunner

import casewatch.ingest
from casewatch.cli import app

REPO = Path(__file__).resolve().parents[1]


def _scanned_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _random_high_bytes() -> bytes:
    rng = random.Random(11)
    return bytes(rng.randrange(128, 256) for _ in range(4000))


#: file name, content (None: do not create), words the error line must contain
BAD_INPUTS = [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
    ("garbled.txt", _random_high_bytes(), "not text in a supported encoding"),
    ("scan.pdf", _scanned_pdf(), "no text layer (scanned?); run OCR first"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", "corrupt or unreadable PDF"),
    ("broken.docx", b"PK\x03\x04 not really a zip archive", "corrupt or not a .docx file"),
    ("result.json", b'{"name": "channel", "messages": [{"id": 1,', "invalid JSON"),
    ("export.json", b'{"name": "channel", "chats": []}', 'no "messages" list'),
    ("menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main text"),
    ("missing.txt", None, "no such file"),
    ("report.rtf", b"{\\rtf1 text}", "unsupported file type"),
]


def run_extract(path: Path, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, ["extract", str(path)], env=env)


def assert_one_error_line(result, path: Path, words: str) -> None:
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"casewatch: error: {path}: ")
    assert words in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize(("name", "content", "words"), BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS])
def test_extract_bad_input_prints_one_line(tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert_one_error_line(run_extract(path), path, words)


def test_extract_too_large_file(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    assert_one_error_line(run_extract(path), path, "file is too large")
    small = tmp_path / "small.txt"
    small.write_text("Report text. " * 100)
    assert_one_error_line(run_extract(small, env={"CASEWATCH_MAX_REPORT_MB": "0.0005"}), small, "too large")


def test_extract_folder_is_refused(tmp_path):
    assert_one_error_line(run_extract(tmp_path), tmp_path, "is a folder")


def test_extract_unexpected_reader_failure_is_one_line(tmp_path, monkeypatch):
    def explode(path):
        raise ValueError("internal\nfailure")

    monkeypatch.setattr(casewatch.ingest, "read_path", explode)
    path = tmp_path / "report.txt"
    path.write_text("A report.")
    assert_one_error_line(run_extract(path), path, "cannot read (ValueError: internal failure)")


@pytest.mark.parametrize(
    "name", ["scan.pdf", "broken.pdf", "broken.docx", "menu.html", "garbled.txt", "missing.txt"]
)
def test_extract_bad_input_in_a_real_process(tmp_path, name):
    row = next(row for row in BAD_INPUTS if row[0] == name)
    path = tmp_path / name
    if row[1] is not None:
        path.write_bytes(row[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "casewatch.cli", "extract", str(path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"casewatch: error: {path}: ")
    assert row[2] in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
