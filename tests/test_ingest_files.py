"""Finding report files in folders, and the checks made before any reader runs."""

from __future__ import annotations

import json
import logging
import pathlib

import pytest

from casewatch.errors import ReaderError
from casewatch.ingest import SUPPORTED_SUFFIXES, iter_report_files, read_path
from casewatch.ingest import txt as txt_reader
from casewatch.ingest.registry import READERS
from casewatch.ingest.source import quiet


def touch(path: pathlib.Path, content: str = "x") -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def test_supported_suffixes():
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".json"} == SUPPORTED_SUFFIXES
    assert {spec.format for spec in READERS.values()} == {"txt", "md", "html", "pdf", "docx", "telegram"}


def test_iter_report_files_walks_sorted_and_filters(tmp_path):
    export = json.dumps({"name": "c", "type": "public_channel", "id": 1, "messages": []})
    wanted = [
        touch(tmp_path / "2021" / "04" / "a.txt"),
        touch(tmp_path / "2021" / "04" / "b.MD"),
        touch(tmp_path / "2021" / "c.pdf"),
        touch(tmp_path / "2021" / "d.htm"),
        touch(tmp_path / "telegram" / "ChatExport_2021" / "result.json", "{}"),
        touch(tmp_path / "telegram" / "channel.json", export),
        touch(tmp_path / "z.docx"),
    ]
    touch(tmp_path / ".git" / "notes.txt")
    touch(tmp_path / "2021" / ".draft.txt")
    touch(tmp_path / "2021" / "photo.jpg")
    touch(tmp_path / "2021" / "README")
    touch(tmp_path / "telegram" / "settings.json", '{"theme": "dark"}')
    assert list(iter_report_files([tmp_path])) == sorted(wanted)


def test_iter_report_files_passes_explicit_files_through_once(tmp_path):
    folder = tmp_path / "reports"
    report = touch(folder / "a.txt")
    explicit = [tmp_path / "missing.txt", tmp_path / "image.png", report, folder]
    assert list(iter_report_files(explicit)) == [tmp_path / "missing.txt", tmp_path / "image.png", report]


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing written

    def refuse(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)
    with pytest.raises(ReaderError, match=r"file is too large \(50.0 MB; the limit is 20.0 MB"):
        read_path(big)


def test_size_limit_from_environment(tmp_path, monkeypatch):
    path = touch(tmp_path / "report.txt", "Arrest in Aktau. " * 200)
    monkeypatch.setenv("CASEWATCH_MAX_REPORT_MB", "0.001")
    with pytest.raises(ReaderError, match="CASEWATCH_MAX_REPORT_MB"):
        read_path(path)
    monkeypatch.setenv("CASEWATCH_MAX_REPORT_MB", "1")
    assert read_path(path)[0].text.startswith("Arrest in Aktau.")
    monkeypatch.setenv("CASEWATCH_MAX_REPORT_MB", "lots")
    with pytest.raises(ReaderError, match="must be a positive number"):
        read_path(path)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.txt", "no such file"),
        ("folder.txt", "is a folder"),
        ("notes.rtf", "unsupported file type '.rtf'"),
    ],
)
def test_read_path_refuses_before_reading(tmp_path, name, message):
    (tmp_path / "folder.txt").mkdir()
    touch(tmp_path / "notes.rtf")
    with pytest.raises(ReaderError, match=message) as info:
        read_path(tmp_path / name)
    assert info.value.path == str(tmp_path / name)


def test_read_path_wraps_unexpected_reader_failures(tmp_path, monkeypatch):
    def broken(source):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(txt_reader, "read", broken)
    path = touch(tmp_path / "report.txt")
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert str(info.value) == f"{path}: cannot read as txt: RuntimeError: boom second line"


def test_quiet_restores_logger_levels_when_nested():
    logger = logging.getLogger("casewatch-test-library")
    logger.setLevel(logging.INFO)
    with quiet("casewatch-test-library"):
        with quiet("casewatch-test-library"):
            assert not logger.isEnabledFor(logging.CRITICAL)
        assert not logger.isEnabledFor(logging.CRITICAL)
    assert logger.level == logging.INFO
