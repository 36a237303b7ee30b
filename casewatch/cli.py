"""The casewatch command line. Each command is a thin wrapper around a plain function."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from casewatch.errors import CasewatchError

app = typer.Typer(
    help="casewatch: turn human-rights monitoring reports into a provenance-linked case database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main() -> None:
    """Make `casewatch <command>` a group of commands, however many are registered."""


def fail(message: str, code: int = 1) -> None:
    """Print one error line to stderr and exit."""
    typer.echo(f"casewatch: error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    report: Annotated[
        Path, typer.Argument(help="A report file (.txt .md .html .pdf .docx or Telegram result.json)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the extraction record as JSON")] = False,
) -> None:
    """Extract persons, articles, events and relations from one report."""
    from casewatch.ingest import read_path
    from casewatch.ingest.source import describe

    try:
        documents = read_path(report)
    except CasewatchError as exc:
        fail(str(exc))
    except Exception as exc:  # a reader bug still prints one line naming the file, never a traceback
        fail(f"{report}: cannot read ({describe(exc)})")
    from casewatch.extract import extract_document
    from casewatch.outputs.summary import render_summary

    records, failed = [], False
    for doc in documents:
        try:
            records.append(extract_document(doc))
        except Exception as exc:  # an extractor bug on one report: one line naming it, the rest go on
            typer.echo(f"casewatch: error: {doc.path}: extraction failed ({describe(exc)})", err=True)
            failed = True
    if not records:
        raise typer.Exit(1)
    if as_json:
        out = records[0] if len(records) == 1 else records
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    else:
        for rec in records:
            sys.stdout.write(render_summary(rec) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command("eval")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold records (*.json)")],
    texts: Annotated[
        Path | None, typer.Option("--texts", help="Folder of the reports; run the extractor on them")
    ] = None,
    pred: Annotated[
        Path | None, typer.Option("--pred", help="Folder of stored records to score instead")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the totals as JSON")] = False,
) -> None:
    """Score extraction against gold records: per-document table, totals and headline score."""
    from casewatch.evaluate import directory_predictor, evaluate, extractor_predictor, render_table

    if (texts is None) == (pred is None):
        fail("give --texts DIR (run the extractor) or --pred DIR (stored records)")
    predictor = extractor_predictor(texts) if texts is not None else directory_predictor(pred)
    try:
        result = evaluate(gold_dir, predictor)
    except CasewatchError as exc:
        fail(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(result.summary(), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(render_table(result) + "\n")
    for line in result.errors:
        typer.echo(f"casewatch: error: {line}", err=True)


# --- case database (casewatch/store) -----------------------------------------------------------

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database URL or SQLite file (default: $CASEWATCH_DATABASE_URL or ./casewatch.db)"
    ),
]
UserOption = Annotated[str | None, typer.Option("--user", help="Who decides (default: $USER)")]


def _open_db(db: str | None):
    from casewatch.store.db import open_database

    try:
        return open_database(db)
    except Exception as exc:  # an unreachable server or a file that is not a database: one line
        fail(f"cannot open database: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Report files and folders (walked recursively)")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extract in N parallel processes")] = 1,
    reextract: Annotated[
        bool, typer.Option("--reextract", help="Extract stored documents again (reviews and merges are kept)")
    ] = False,
    user: UserOption = None,
) -> None:
    """Add reports to the case database. Exit code 1 if any file failed (each is named on stderr)."""
    from casewatch.console import run_ingest

    raise typer.Exit(run_ingest(_open_db(db), paths, workers, reextract, user))


@app.command()
def persons(
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list (stable shape for scripts)")
    ] = False,
    query: Annotated[
        str | None, typer.Option("--query", help="Only persons with a name containing TEXT")
    ] = None,
) -> None:
    """List canonical persons with their spellings, side, roles and documents."""
    from casewatch.console import print_persons

    raise typer.Exit(print_persons(_open_db(db), query, as_json))


@app.command()
def person(
    ref: Annotated[str, typer.Argument(metavar="ID|NAME", help="A person id or name")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the dossier as JSON")] = False,
) -> None:
    """Print a person's dossier: names, roles, relations and a dated, sourced timeline."""
    from casewatch.outputs.dossier import find_person, person_dossier, render_dossier
    from casewatch.outputs.scope import EVERYTHING
    from casewatch.store.db import session_scope

    try:
        with session_scope(_open_db(db)) as session:
            dossier = person_dossier(session, EVERYTHING, find_person(session, EVERYTHING, ref))
    except CasewatchError as exc:
        fail(str(exc))
    out = json.dumps(dossier, ensure_ascii=False, indent=1) if as_json else render_dossier(dossier)
    sys.stdout.write(out + "\n")


def _write(text: str | bytes, output: Path | None) -> None:
    """Write an export to a file, or to standard output."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)


OutputOption = Annotated[Path | None, typer.Option("-o", "--output", help="Write to FILE (default: stdout)")]
CountryOption = Annotated[str | None, typer.Option("--country", metavar="CC", help="Only this country")]
PublicOption = Annotated[
    bool,
    typer.Option("--public", help="Reviewed facts only, nothing about a person with a sensitive mark"),
]


def session_scope_of(db: str | None):
    """A session on the database named by --db."""
    from casewatch.store.db import session_scope

    return session_scope(_open_db(db))


def _scope(session, public: bool):
    from casewatch.outputs.scope import EVERYTHING, public_scope

    return public_scope(session) if public else EVERYTHING


@app.command()
def prisoners(
    db: DbOption = None,
    country: CountryOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV")] = False,
    public: PublicOption = False,
) -> None:
    """The political prisoner list: status, since when, articles, term, expected release, source."""
    from casewatch.outputs.exports import tables, to_csv
    from casewatch.outputs.prisoners import prisoners as prisoner_list
    from casewatch.outputs.render import render_prisoners
    from casewatch.store.db import session_scope

    with session_scope(_open_db(db)) as session:
        scope = _scope(session, public)
        listed = prisoner_list(session, scope, country)
        rows = [r for r in tables(session, scope)["prisoners"] if r["person_id"] in
                {p["person_id"] for p in listed["prisoners"]}] if as_csv else []
    if as_json:
        _write(json.dumps(listed, ensure_ascii=False, indent=1) + "\n", None)
    elif as_csv:
        _write(to_csv(rows), None)
    else:
        _write(render_prisoners(listed) + "\n", None)


@app.command()
def hearings(
    db: DbOption = None,
    date_from: Annotated[str | None, typer.Option("--from", metavar="DATE", help="From this date")] = None,
    date_to: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Up to this date")] = None,
    country: CountryOption = None,
    court: Annotated[str | None, typer.Option("--court", help="Only courts named with TEXT")] = None,
    person_ref: Annotated[str | None, typer.Option("--person", metavar="ID|NAME", help="Only them")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    as_ics: Annotated[bool, typer.Option("--ics", help="Print an iCalendar (.ics) file")] = False,
    public: PublicOption = False,
) -> None:
    """The hearing calendar by day: time, court, judge, defendants, articles."""
    from casewatch.outputs.dossier import find_person
    from casewatch.outputs.hearings import hearings as hearing_calendar
    from casewatch.outputs.ics import hearings_ics
    from casewatch.outputs.render import render_hearings
    from casewatch.store.db import session_scope

    try:
        with session_scope(_open_db(db)) as session:
            scope = _scope(session, public)
            person_id = find_person(session, scope, person_ref) if person_ref else None
            calendar = hearing_calendar(
                session, scope, date_from=date_from, date_to=date_to, country=country,
                court=court, person_id=person_id,
            )
    except CasewatchError as exc:
        fail(str(exc))
    if as_ics:
        _write(hearings_ics(calendar), None)
    elif as_json:
        _write(json.dumps(calendar, ensure_ascii=False, indent=1) + "\n", None)
    else:
        _write(render_hearings(calendar) + "\n", None)


@app.command()
def perpetrators(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
    check: Annotated[
        Path | None,
        typer.Option("--check", metavar="FILE", help="Match against a FtM file (a sanctions or PEP list)"),
    ] = None,
) -> None:
    """Sanctions candidates: judges, prosecutors, investigators, officers and officials ranked by
    documented decisions, each with every case and decision they took part in."""
    from casewatch.outputs.perpetrators import perpetrators as ranked
    from casewatch.outputs.perpetrators import render_perpetrators
    from casewatch.outputs.screening import read_entities, screen

    with session_scope_of(db) as session:
        listed = ranked(session)
    if check is not None:
        try:
            found = screen(listed["perpetrators"], read_entities(check))
        except (OSError, ValueError) as exc:
            fail(str(exc))
        by_id = {f["person_id"]: f["matches"] for f in found}
        for p in listed["perpetrators"]:
            p["listed_as"] = by_id.get(p["person_id"], [])
    if as_json:
        _write(json.dumps(listed, ensure_ascii=False, indent=1) + "\n", None)
        return
    _write(render_perpetrators(listed, check.name if check else None) + "\n", None)


@app.command()
def export(
    fmt: Annotated[str, typer.Argument(metavar="csv|json|ftm|graphml", help="The export format")],
    db: DbOption = None,
    table: Annotated[
        str, typer.Option("--table", help="With csv: persons, events, hearings or prisoners")
    ] = "persons",
    public: PublicOption = False,
    output: OutputOption = None,
) -> None:
    """Export the case database: CSV tables, JSON, FollowTheMoney entities (JSON lines) or GraphML."""
    from casewatch.outputs import exports
    from casewatch.store.db import session_scope

    if fmt not in ("csv", "json", "ftm", "graphml"):
        fail(f"unknown export format {fmt!r}: use csv, json, ftm or graphml")
    if table not in exports.TABLES:
        fail(f"unknown table {table!r}: use {', '.join(exports.TABLES)}")
    with session_scope(_open_db(db)) as session:
        scope = _scope(session, public)
        if fmt == "csv":
            text = exports.to_csv(exports.tables(session, scope)[table])
        elif fmt == "json":
            text = exports.to_json(session, scope) + "\n"
        elif fmt == "ftm":
            entities = exports.ftm_entities(session, scope)
            text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities)
        else:
            text = exports.to_graphml(session, scope) + "\n"
    _write(text, output)


@app.command()
def merge(
    keep: Annotated[int, typer.Argument(metavar="A", help="The person to keep")],
    other: Annotated[int, typer.Argument(metavar="B", help="The person merged into A")],
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Merge person B into person A (a human decision: re-linking never undoes it)."""
    from casewatch.console import current_user
    from casewatch.services.curation import merge as merge_persons
    from casewatch.store.db import session_scope

    try:
        with session_scope(_open_db(db)) as session:
            kept = merge_persons(session, current_user(user), keep, other)
            typer.echo(f"merged #{other} into #{kept.id} {kept.name}")
    except CasewatchError as exc:
        fail(str(exc))


@app.command()
def split(
    person_id: Annotated[int, typer.Argument(metavar="ID", help="The person to split")],
    document: Annotated[str, typer.Option("--document", help="SHA-256 (or unique prefix) of the document")],
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Move a person's mention in one document to a new person, and keep the two apart."""
    from casewatch.console import current_user
    from casewatch.services.curation import split as split_person
    from casewatch.store.db import session_scope

    try:
        with session_scope(_open_db(db)) as session:
            new = split_person(session, current_user(user), person_id, document)
            typer.echo(f"split #{new.id} {new.name} off #{person_id}")
    except CasewatchError as exc:
        fail(str(exc))


@app.command()
def relink(db: DbOption = None, user: UserOption = None) -> None:
    """Link every person mention again with this version's linker; human decisions still win."""
    from casewatch.console import current_user
    from casewatch.services.curation import relink as relink_all
    from casewatch.store.db import session_scope

    try:
        with session_scope(_open_db(db)) as session:
            typer.echo(str(relink_all(session, current_user(user))))
    except CasewatchError as exc:
        fail(str(exc))


@app.command()
def review(
    db: DbOption = None,
    user: UserOption = None,
    document: Annotated[
        str | None, typer.Option("--document", help="Only claims of this document (SHA-256)")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many claims")] = 50,
) -> None:
    """Decide uncertain links (merge / keep apart), then confirm, correct or reject claims."""
    from casewatch.console import current_user, review_session

    try:
        decided = review_session(_open_db(db), current_user(user), document, limit)
    except CasewatchError as exc:
        fail(str(exc))
    typer.echo(f"{decided} decisions stored")


# --- web app and its users (casewatch/web) -------------------------------------------------------

user_app = typer.Typer(help="Manage the users of the web app.", no_args_is_help=True)
app.add_typer(user_app, name="user")
WebDbOption = Annotated[str | None, typer.Option("--db", help="Database URL or SQLite file")]


def _web_db(db: str | None):
    from casewatch.store import accounts  # noqa: F401  (registers the account tables)
    from casewatch.store.db import open_database

    try:
        return open_database(db)
    except Exception as exc:
        fail(f"cannot open database: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")


def _ask_password(label: str) -> str:
    """Ask for a password, saying the rule first and refusing a short one before it is asked again."""
    from casewatch.store.accounts import MIN_PASSWORD_LENGTH, check_password_strength

    typer.echo(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    password = typer.prompt(label, hide_input=True)
    try:
        check_password_strength(password)
    except CasewatchError as exc:
        fail(str(exc))
    if typer.prompt("Repeat for confirmation", hide_input=True) != password:
        fail("the two entries differ")
    return password


@app.command()
def serve(
    db: WebDbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (keep 127.0.0.1)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    https_proxy: Annotated[
        bool, typer.Option("--https-proxy", help="Behind a TLS proxy: Secure cookies, HSTS, X-Forwarded-*")
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A host name browsers use to reach the app, besides the address listened on "
            "(repeatable; also $CASEWATCH_ALLOWED_HOSTS, comma-separated)",
        ),
    ] = None,
) -> None:
    """Run the web app (login required for everything; create an admin first with `user add`)."""
    from casewatch.web.commands import serve as run

    try:
        run(db, host, port, https_proxy, allowed_host or [])
    except CasewatchError as exc:
        fail(str(exc))


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Login name")],
    admin: Annotated[bool, typer.Option("--admin", help="Users and settings, and everything else")] = False,
    editor: Annotated[bool, typer.Option("--editor", help="Ingest, review and edit")] = False,
    viewer: Annotated[bool, typer.Option("--viewer", help="Read only (the default)")] = False,
    totp: Annotated[bool, typer.Option("--totp", help="Set up a TOTP second factor now")] = False,
    db: WebDbOption = None,
) -> None:
    """Add a user; the password is asked twice (there is no default password)."""
    from casewatch.web.commands import add_user

    if admin + editor + viewer > 1:
        fail("choose one of --admin, --editor, --viewer")
    role = "admin" if admin else "editor" if editor else "viewer"
    password = _ask_password("Password")
    try:
        new = add_user(_web_db(db), name, role, password, totp)
    except CasewatchError as exc:
        fail(str(exc))
    typer.echo(f"added {new.role} {new.name}")
    if new.totp_uri:
        typer.echo(f"TOTP key (type it into an authenticator app): {new.totp_secret}")
        typer.echo(f"or as a URI: {new.totp_uri}")


@user_app.command("list")
def user_list(db: WebDbOption = None) -> None:
    """List users with role, status and second factor."""
    from casewatch.web.commands import list_users

    for u in list_users(_web_db(db)):
        status = "active" if u["active"] else "deactivated"
        typer.echo(f"{u['name']}\t{u['role']}\t{status}\t{'totp' if u['totp'] else '-'}")


@user_app.command("password")
def user_password(
    name: Annotated[str, typer.Argument(help="Login name")],
    db: WebDbOption = None,
) -> None:
    """Set a new password for a user (asked twice); also forgets their failed logins."""
    from casewatch.web.commands import set_password

    password = _ask_password("New password")
    try:
        set_password(_web_db(db), name, password)
    except CasewatchError as exc:
        fail(str(exc))
    typer.echo(f"password of {name} changed")


@user_app.command("unlock")
def user_unlock(
    name: Annotated[str, typer.Argument(help="Login name")],
    db: WebDbOption = None,
) -> None:
    """Forget a user's failed logins, so no browser has to wait before the next try."""
    from casewatch.web.commands import unlock_user

    try:
        unlock_user(_web_db(db), name)
    except CasewatchError as exc:
        fail(str(exc))
    typer.echo(f"{name} unlocked")


if __name__ == "__main__":
    app()
