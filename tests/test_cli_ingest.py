"""`casewatch ingest` end to end: idempotence, versions, bad files in a batch, kill -9 mid-batch, workers."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfWriter
from typer.testing import CliRunner

from casewatch.cli import app

GIVEN = ["Aidos", "Marat", "Zhanna", "Nurlan", "Gulnara", "Yerlan", "Asel", "Timur", "Dana", "Ruslan"]
SURNAMES = ["Sadykov", "Omarova", "Bekov", "Tulegenova", "Ismailov", "Akhmetova", "Serikbayev", "Zhunusova"]
CITIES = ["Almaty", "Aktau", "Shymkent", "Uralsk", "Taraz"]


def report(i: int) -> str:
    """An invented monitoring report (numbered so every one has different bytes)."""
    rng = random.Random(i)
    target = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
    judge = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
    day, month = rng.randint(1, 28), rng.choice(["March", "April", "May"])
    city = rng.choice(CITIES)
    return (
        f"Bulletin no. {i} on politically motivated prosecutions, {day} {month} 2022.\n\n"
        f"On {day} {month} 2022, police in {city} detained civic activist {target} after a "
        f"single-person picket near the akimat. On the next day judge {judge} of the {city} "
        f"city court ordered two months of pre-trial detention for {target.split()[1].upper()} "
        f"under Article 405 Part 2 of the Criminal Code.\n"
    )


def write_reports(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"report-{i:04d}.txt"
        path.write_text(report(i), encoding="utf-8")
        paths.append(path)
    return paths


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


#: a bad file of each kind; the failure line names the file
BAD_FILES = {
    "empty.txt": b"",
    "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "garbled.txt": bytes(random.Random(3).randrange(128, 256) for _ in range(3000)),
    "scan.pdf": blank_pdf(),
    "result.json": b'{"name": "monitoring", "messages": [{"id": 1, "text": ',
}


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def count_documents(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def per_document(db: Path) -> dict[str, tuple[int, int, int]]:
    """sha256 -> (claims, person mentions, events): what one whole document left in the store."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT d.sha256,"
            " (SELECT count(*) FROM claims c WHERE c.document_id = d.id),"
            " (SELECT count(*) FROM person_mentions p WHERE p.document_id = d.id),"
            " (SELECT count(*) FROM events e WHERE e.document_id = d.id)"
            " FROM documents d"
        ).fetchall()
    return {sha: (c, p, e) for sha, c, p, e in rows}


def test_reingest_same_bytes_is_a_no_op(tmp_path):
    write_reports(tmp_path / "in", 3)
    db = tmp_path / "case.db"
    first = run("ingest", str(tmp_path / "in"), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == "3 new, 0 unchanged, 0 failed"
    before = per_document(db)
    again = run("ingest", str(tmp_path / "in"), "--db", str(db))
    assert again.exit_code == 0 and again.stdout.strip() == "0 new, 3 unchanged, 0 failed"
    assert per_document(db) == before


def test_changed_file_becomes_a_new_version(tmp_path):
    (path,) = write_reports(tmp_path / "in", 1)
    db = tmp_path / "case.db"
    assert run("ingest", str(path), "--db", str(db)).exit_code == 0
    path.write_text(report(0) + "\nUpdate: the hearing was postponed.\n", encoding="utf-8")
    result = run("ingest", str(path), "--db", str(db))
    assert result.exit_code == 0
    assert result.stdout.strip() == "1 new (1 new versions of known files), 0 unchanged, 0 failed"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT path, version, is_current FROM documents ORDER BY version").fetchall()
    assert rows == [(f"in/{path.name}", 1, 0), (f"in/{path.name}", 2, 1)]


def test_stored_paths_never_say_whose_computer_it_was(tmp_path, monkeypatch):
    write_reports(tmp_path / "work" / "reports" / "2021", 2)
    (tmp_path / "cwd").mkdir()
    db = tmp_path / "case.db"
    monkeypatch.chdir(tmp_path / "work")  # inside the working folder: relative to it
    assert run("ingest", "reports", "--db", str(db)).exit_code == 0
    monkeypatch.chdir(tmp_path / "cwd")  # outside it: from the folder holding what was named
    (outside,) = write_reports(tmp_path / "inbox", 1, start=5)
    assert run("ingest", str(outside), str(tmp_path / "work" / "reports"), "--db", str(db)).exit_code == 0
    with sqlite3.connect(db) as conn:
        paths = sorted(p for (p,) in conn.execute("SELECT path FROM documents"))
    assert paths == ["inbox/report-0005.txt", "reports/2021/report-0000.txt", "reports/2021/report-0001.txt"]


def test_bad_files_are_reported_and_good_ones_stored(tmp_path):
    folder = tmp_path / "in"
    good = write_reports(folder, 3)
    for name, content in BAD_FILES.items():
        (folder / name).write_bytes(content)
    db = tmp_path / "case.db"
    result = run("ingest", str(folder), "--db", str(db))
    # any failure makes the exit code 1, so that scripts notice; the good files are stored anyway
    assert result.exit_code == 1
    assert result.stdout.strip() == f"3 new, 0 unchanged, {len(BAD_FILES)} failed"
    lines = result.stderr.splitlines()
    assert len(lines) == len(BAD_FILES)
    for name in BAD_FILES:
        (line,) = [x for x in lines if f"/{name}: " in x]
        assert line.startswith(f"failed: in/{name}: ")
    assert "Traceback" not in result.output
    assert count_documents(db) == len(good)


def test_workers_store_the_same_as_one_process(tmp_path):
    write_reports(tmp_path / "in", 12)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert run("ingest", str(tmp_path / "in"), "--db", str(one)).exit_code == 0
    result = run("ingest", str(tmp_path / "in"), "--db", str(two), "--workers", "2")
    assert result.exit_code == 0 and result.stdout.startswith("12 new")
    assert per_document(one) == per_document(two)


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_9_mid_batch_leaves_whole_documents(tmp_path, workers):
    n = 300
    write_reports(tmp_path / "in", n)
    reference, db = tmp_path / "reference.db", tmp_path / "case.db"
    assert run("ingest", str(tmp_path / "in"), "--db", str(reference)).exit_code == 0
    env = {**os.environ, "CASEWATCH_DATABASE_URL": f"sqlite:///{db}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "casewatch.cli", "ingest", str(tmp_path / "in"), "--workers", workers],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while not db.exists() or count_documents_safely(db) < 20:
            assert proc.poll() is None, "the batch finished before it could be killed"
            time.sleep(0.01)
        workers_pids = children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert bool(workers_pids) == (workers == "2")
    for _ in range(100):  # orphaned extraction workers notice and exit (they poll every 0.5 s)
        if not any(alive(pid) for pid in workers_pids):
            break
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers_pids)
    stored = per_document(db)
    assert 20 <= len(stored) < n
    expected = per_document(reference)
    assert {sha: expected[sha] for sha in stored} == stored  # every stored document is whole
    rerun = run("ingest", str(tmp_path / "in"), "--db", str(db))
    assert rerun.exit_code == 0
    assert rerun.stdout.strip() == f"{n - len(stored)} new, {len(stored)} unchanged, 0 failed"
    assert per_document(db) == expected


def count_documents_safely(db: Path) -> int:
    try:
        return count_documents(db)
    except sqlite3.OperationalError:  # the schema is still being created
        return 0


def test_persons_json_lists_documents_and_spellings(tmp_path):
    write_reports(tmp_path / "in", 4)
    db = tmp_path / "case.db"
    assert run("ingest", str(tmp_path / "in"), "--db", str(db)).exit_code == 0
    result = run("persons", "--json", "--db", str(db))
    assert result.exit_code == 0
    persons = json.loads(result.stdout)
    assert persons
    for p in persons:
        assert list(p) == [
            "id",
            "name",
            "side",
            "aliases",
            "roles",
            "articles",
            "article_labels",
            "places",
            "status",
            "reports",
            "documents",
        ]
        assert isinstance(p["id"], int) and isinstance(p["aliases"], list)
        assert p["reports"] == len(p["documents"])
        for d in p["documents"]:
            assert list(d) == ["id", "path", "sha256", "names"] and len(d["sha256"]) == 64 and d["names"]


def test_person_prints_a_dossier(tmp_path):
    write_reports(tmp_path / "in", 2)
    db = tmp_path / "case.db"
    assert run("ingest", str(tmp_path / "in"), "--db", str(db)).exit_code == 0
    persons = json.loads(run("persons", "--json", "--db", str(db)).stdout)
    target = next(p for p in persons if p["side"] == "target")
    result = run("person", str(target["id"]), "--db", str(db))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"#{target['id']} {target['name']}")
    assert "Timeline (" in result.stdout and "source: " in result.stdout
    missing = run("person", "Nobody Nowhere", "--db", str(db))
    assert (
        missing.exit_code == 1
        and missing.stderr.strip() == "casewatch: error: no person named 'Nobody Nowhere'"
    )


def test_review_rejects_a_claim_from_the_terminal(tmp_path):
    write_reports(tmp_path / "in", 1)
    db = tmp_path / "case.db"
    assert run("ingest", str(tmp_path / "in"), "--db", str(db)).exit_code == 0
    result = CliRunner().invoke(app, ["review", "--db", str(db), "--user", "ana"], input="x\nq\n")
    assert result.exit_code == 0, result.output
    assert "1 decisions stored" in result.stdout
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT action, user, new_status FROM review_actions").fetchall()
    assert rows == [("reject", "ana", "rejected")]


def test_two_ingests_at_once_store_each_report_once(tmp_path):
    n = 40
    write_reports(tmp_path / "in", n)
    db = tmp_path / "case.db"
    assert run("persons", "--db", str(db)).exit_code == 0  # create the schema first
    env = {**os.environ, "CASEWATCH_DATABASE_URL": f"sqlite:///{db}"}
    cmd = [sys.executable, "-m", "casewatch.cli", "ingest", str(tmp_path / "in")]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate()[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    new = [int(out.split(" new")[0]) for out in outs]
    assert sum(new) == n and count_documents(db) == n


def test_batch_restores_the_garbage_collector_settings(tmp_path):
    import gc

    from casewatch.store.db import open_database
    from casewatch.store.ingest import ingest_paths

    write_reports(tmp_path / "in", 2)
    before = gc.get_threshold()
    summary = ingest_paths(open_database(f"sqlite:///{tmp_path / 'case.db'}"), [tmp_path / "in"])
    assert summary.new == 2 and gc.get_threshold() == before
