"""Terminal side of the store commands: ingest with a progress bar, persons table, interactive review."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Engine, select

from casewatch.errors import CasewatchError
from casewatch.store import models as m
from casewatch.store.db import session_scope


def current_user(explicit: str | None = None) -> str:
    """Who is deciding: --user, else $USER, else the login name."""
    if explicit:
        return explicit
    try:
        return os.environ.get("USER") or getpass.getuser()
    except Exception:
        return "unknown"


def run_ingest(
    engine: Engine, paths: Sequence[Path], workers: int, reextract: bool = False, user: str | None = None
) -> int:
    """Ingest with a Rich progress bar on a terminal; print the summary; return the exit code."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from casewatch.services.ingest import ingest_files

    err = Console(stderr=True)
    with Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=not err.is_terminal,
        transient=True,
    ) as bar:
        task = bar.add_task("ingest", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        summary = ingest_files(
            engine, paths, current_user(user), workers=workers, progress=progress, reextract=reextract
        )
    for line in summary.failed:
        sys.stderr.write(f"failed: {line}\n")
    sys.stdout.write(f"{summary}\n")
    return 1 if summary.failed else 0


def print_persons(engine: Engine, query: str | None, as_json: bool) -> int:
    """Print canonical persons as JSON or as a table."""
    from casewatch.outputs.dossier import list_persons
    from casewatch.outputs.scope import EVERYTHING

    with session_scope(engine) as session:
        persons = list_persons(session, EVERYTHING, query)
    if as_json:
        sys.stdout.write(json.dumps(persons, ensure_ascii=False, indent=1) + "\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name", "side", "roles", "docs", "also written")
    for p in persons:
        table.add_row(
            str(p["id"]),
            p["name"],
            p["side"] or "",
            ", ".join(p["roles"]),
            str(len(p["documents"])),
            "; ".join(p["aliases"][:4]),
        )
    Console().print(table)
    return 0


Ask = Callable[[str, Sequence[str]], str]


def _ask(prompt: str, choices: Sequence[str]) -> str:
    import typer

    while True:
        answer = typer.prompt(prompt, default=choices[-1]).strip().lower()
        if answer in choices:
            return answer


def review_session(engine: Engine, user: str, sha256: str | None, limit: int, ask: Ask = _ask) -> int:
    """Ask about uncertain links, then unreviewed claims; every answer is stored at once."""
    import typer

    from casewatch.services.curation import review_claim, settle_link
    from casewatch.store.curation import claims_to_review, mention_sentence, pending_links, person_sentence

    decided = 0
    with session_scope(engine) as session:
        links = [
            (d.id, d.person_id, d.other_person_id, d.mention_name, d.reason, d.score, d.mention_id)
            for d in pending_links(session)
        ]
    for did, candidate, current, name, reason, score, mention_id in links:
        with session_scope(engine) as session:
            cand = session.get(m.Person, candidate)
            typer.echo(
                f"\nIs {name!r} (person #{current}) the same as #{candidate} {cand.name if cand else '?'}?"
                f"  (score {score or 0.0:.2f}: {reason or 'uncertain'})"
            )
            for label, sentence in (
                ("this mention", mention_sentence(session, mention_id)),
                (f"#{candidate}", person_sentence(session, candidate)),
            ):
                if sentence:
                    typer.echo(f'  {label}: "{sentence}"')
        answer = ask("[m]erge, [k]eep apart, [s]kip, [q]uit", ["m", "k", "q", "s"])
        if answer == "q":
            return decided
        if answer in ("m", "k"):
            with session_scope(engine) as session:
                settle_link(session, user, did, "merge" if answer == "m" else "keep_apart")
            decided += 1
    with session_scope(engine) as session:
        claims = [(c.id, c.document_id) for c in claims_to_review(session, sha256, limit)]
    for cid, doc_id in claims:
        with session_scope(engine) as session:
            c = session.get(m.Claim, cid)
            doc = session.scalar(select(m.Document).where(m.Document.id == doc_id))
            typer.echo(f"\n{doc.path}  claim {c.id[:12]}  (confidence {c.confidence:.2f})")
            typer.echo(f"  {c.subject}  {c.property} = {c.value!r}")
            if c.start is not None:
                typer.echo(f'  "{" ".join(doc.text[max(0, c.start - 60) : c.end + 60].split())}"')
        answer = ask("[c]onfirm, co[r]rect, [x] reject, [s]kip, [q]uit", ["c", "r", "x", "q", "s"])
        if answer == "q":
            return decided
        if answer == "s":
            continue
        action = {"c": "confirm", "r": "correct", "x": "reject"}[answer]
        while True:
            value = typer.prompt("  correct value") if answer == "r" else None
            try:
                with session_scope(engine) as session:
                    review_claim(session, user, cid, action, value)
                break
            except CasewatchError as exc:  # a correction its field does not take: ask again
                if answer != "r":
                    raise
                typer.echo(f"  not saved: {exc}")
        decided += 1
    return decided
