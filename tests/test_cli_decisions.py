"""Decisions taken at the terminal (ingest, merge, split, relink, review) are audited like the web's."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from casewatch.cli import app

REPORTS = {
    "one.txt": "Bulletin, 4 May 2023.\n\nOn 3 May 2023 police in Taraz detained the blogger "
    "Askar Nurmagambetov after a picket. Judge Roza Temirbekova of the Taraz city court fined him.\n",
    "two.txt": "Bulletin, 9 May 2023.\n\nOn 8 May 2023 police in Uralsk detained the activist "
    "Bolat Zhaksylykov at his home. He was charged under Article 174 of the Criminal Code.\n",
}


def run(*args: str, stdin: str | None = None):
    result = CliRunner().invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result


def ingested(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "case.db"
    run("ingest", str(folder), "--db", str(db))
    return db


def audit(db: Path, since: int = 1) -> list[tuple]:
    """Audit entries after the first (the ingest's own) by default."""
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT username, action, entity_type, entity_id FROM audit_entry WHERE id > ? ORDER BY id",
            (since,),
        ).fetchall()


def test_an_ingest_at_the_terminal_is_audited_with_counts_only(tmp_path, monkeypatch):
    monkeypatch.setenv("USER", "cem")
    db = ingested(tmp_path)
    run("ingest", str(tmp_path / "in"), "--db", str(db), "--user", "ana", "--reextract")
    assert audit(db, since=0) == [
        ("cem", "ingest", "database", "documents"),
        ("ana", "reextract", "database", "documents"),
    ]
    with sqlite3.connect(db) as conn:
        (after,) = conn.execute("SELECT after FROM audit_entry WHERE id = 1").fetchone()
    assert json.loads(after) == {"new": 2, "versions": 0, "unchanged": 0, "reextracted": 0, "failed": 0}
    assert str(tmp_path) not in after


def person_named(db: Path, name: str) -> int:
    persons = json.loads(run("persons", "--json", "--db", str(db)).stdout)
    return next(p["id"] for p in persons if p["name"] == name)


def test_a_merge_at_the_terminal_is_audited_for_both_persons(tmp_path):
    db = ingested(tmp_path)
    askar, bolat = person_named(db, "Askar Nurmagambetov"), person_named(db, "Bolat Zhaksylykov")
    run("merge", str(askar), str(bolat), "--db", str(db), "--user", "ana")
    assert audit(db) == [("ana", "merge", "person", str(askar)), ("ana", "merge", "person", str(bolat))]
    history = json.loads(run("person", str(askar), "--json", "--db", str(db)).stdout)["history"]
    assert history[0]["user"] == "ana" and history[0]["after"] == {"merged": bolat}


def test_a_review_at_the_terminal_is_audited(tmp_path):
    db = ingested(tmp_path)
    run("review", "--db", str(db), "--user", "ana", "--limit", "1", stdin="x\nq\n")
    with sqlite3.connect(db) as conn:
        (claim_id,) = conn.execute("SELECT claim_id FROM review_actions").fetchone()
        (before, after) = conn.execute("SELECT before, after FROM audit_entry WHERE id = 2").fetchone()
    assert audit(db) == [("ana", "reject", "claim", claim_id)]
    assert json.loads(after)["status"] == "rejected" and json.loads(before)["status"] == "unreviewed"


def test_split_and_relink_at_the_terminal_are_audited(tmp_path, monkeypatch):
    db = ingested(tmp_path)
    askar, bolat = person_named(db, "Askar Nurmagambetov"), person_named(db, "Bolat Zhaksylykov")
    run("merge", str(askar), str(bolat), "--db", str(db), "--user", "ana")
    with sqlite3.connect(db) as conn:
        (sha,) = conn.execute("SELECT sha256 FROM documents WHERE path LIKE '%two.txt'").fetchone()
    monkeypatch.setenv("USER", "bea")  # without --user, the login name decides
    run("split", str(askar), "--document", sha, "--db", str(db))
    run("relink", "--db", str(db))
    actions = [(user, action) for user, action, _, _ in audit(db)]
    assert actions[2:] == [("bea", "split"), ("bea", "split"), ("bea", "relink")]
