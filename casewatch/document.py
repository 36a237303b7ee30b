"""The Document: one report as read, before extraction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Document:
    """One monitoring report: its original bytes and the text a reader produced from them.

    Offsets in extraction records refer to `text`. `raw` is kept byte-exact; `sha256` is its hash.
    A Telegram channel export yields one Document per message; their `raw` is that message's JSON.
    """

    #: where it came from (a file path; "result.json#1234" for a Telegram message)
    path: str
    #: the original bytes, unchanged
    raw: bytes
    #: the text as read (decoded; markup removed for html/pdf/docx)
    text: str
    #: "txt", "md", "html", "pdf", "docx" or "telegram"
    format: str
    #: ISO date of the report when the container says (Telegram message date), else None
    report_date: str | None = None
    title: str | None = None
    #: ISO 639-1 code when the reader knows it, else None (extraction guesses)
    language: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return sha256_hex(self.raw)
