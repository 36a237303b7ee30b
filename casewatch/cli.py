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

    records = [extract_document(doc) for doc in documents]
    if as_json:
        out = records[0] if len(records) == 1 else records
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    else:
        for rec in records:
            sys.stdout.write(render_summary(rec) + "\n")


if __name__ == "__main__":
    app()
