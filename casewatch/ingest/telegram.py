"""Telegram Desktop channel exports (result.json): one Document per text message, dated by the message."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

from casewatch.document import Document
from casewatch.ingest.source import Source, normalise_newlines

#: the file name Telegram Desktop gives a JSON export
EXPORT_NAME = "result.json"
#: how much of another .json file is read to decide whether it is an export
SNIFF_BYTES = 64 * 1024
_MESSAGES_KEY = re.compile(rb'"messages"\s*:\s*\[')


def looks_like_export(path: Path) -> bool:
    """True for result.json, or a .json whose beginning has a Telegram export's "messages" list."""
    if path.name.lower() == EXPORT_NAME:
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and bool(_MESSAGES_KEY.search(head))


def read(source: Source) -> list[Document]:
    """One Document per non-empty, non-service message of the export."""
    try:
        data = json.loads(source.raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise source.error("not a Telegram export: the JSON is not UTF-8") from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise source.error(f"not a Telegram export: invalid JSON at {where}") from None
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise source.error('not a Telegram Desktop chat export: no "messages" list')
    channel = data.get("name") if isinstance(data.get("name"), str) else None
    documents = []
    for number, message in enumerate(data["messages"], start=1):
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        text = normalise_newlines(flatten_text(message.get("text")))
        if not text.strip():
            continue
        ident = message.get("id", number)
        meta = {"message_id": str(ident)}
        if channel:
            meta["channel"] = channel
        documents.append(
            Document(
                path=f"{source.path}#{ident}",
                raw=json.dumps(message, ensure_ascii=False, sort_keys=True).encode(),
                text=text,
                format=source.format,
                report_date=message_date(message),
                meta=meta,
            )
        )
    if not documents:
        raise source.error("the Telegram export has no text messages")
    return documents


def flatten_text(value: object) -> str:
    """A message's `text`: a string, or a list of strings and entity dicts whose `text` is concatenated."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
        return "".join(parts)
    return ""


def message_date(message: dict) -> str | None:
    """The ISO date of a message, from `date` ("2021-04-21T10:15:00") or else `date_unixtime`."""
    value = message.get("date")
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            pass
    try:
        return datetime.fromtimestamp(int(message["date_unixtime"]), UTC).date().isoformat()
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return None
