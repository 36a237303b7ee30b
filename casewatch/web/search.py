"""Full-text search over reports: SQLite FTS5, PostgreSQL tsvector, else a LIKE fallback."""

from __future__ import annotations

import re

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from casewatch.outputs.name_search import spellings
from casewatch.store import models as m

_WORD = re.compile(r"\w+", re.UNICODE)


def terms(query: str) -> list[str]:
    """The words of a user's query (operators and punctuation dropped)."""
    return _WORD.findall(query)[:12]


def alternatives(db: Session, words: list[str]) -> list[list[str]]:
    """Per query word, the words that count as it: a name part's spellings in other scripts and
    Russian cases ("Zheksebayev" -> "Жексебаев", "Жексебаеву"), see casewatch.outputs.name_search."""
    return [[w for s in spellings(db, word) for w in terms(s)] for word in words]


def search_documents(db: Session, query: str, limit: int = 50) -> list[int]:
    """Ids of current reports containing every word of `query` (or a spelling of it), best match first."""
    words = terms(query)
    if not words:
        return []
    either = alternatives(db, words)
    dialect = db.get_bind().dialect.name
    if dialect == "sqlite":
        quoted = [" OR ".join('"' + w.replace('"', '""') + '"' for w in alts) for alts in either]
        match = " AND ".join(f"({q})" for q in quoted)
        rows = db.execute(
            text(
                "SELECT d.id FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
                "WHERE documents_fts MATCH :match AND d.is_current ORDER BY bm25(documents_fts) LIMIT :limit"
            ),
            {"match": match, "limit": limit},
        )
        return [r[0] for r in rows]
    if dialect == "postgresql":
        rows = db.execute(
            text(
                "SELECT id FROM documents WHERE is_current AND "
                "to_tsvector('simple', coalesce(title, '') || ' ' || text) @@ to_tsquery('simple', :q) "
                "ORDER BY ts_rank(to_tsvector('simple', coalesce(title, '') || ' ' || text), "
                "to_tsquery('simple', :q)) DESC LIMIT :limit"
            ),
            {"q": " & ".join("(" + " | ".join(alts) + ")" for alts in either), "limit": limit},
        )
        return [r[0] for r in rows]
    conditions = [
        or_(*(col.ilike(f"%{w}%") for w in alts for col in (m.Document.text, m.Document.title)))
        for alts in either
    ]
    q = select(m.Document.id).where(m.Document.is_current.is_(True), *conditions).limit(limit)
    return list(db.scalars(q))


def snippet(text_: str, words: list[str], width: int = 220) -> tuple[str, str, str]:
    """(before, match, after) around the first word found in `text_`."""
    folded = text_.casefold()
    hits = [(folded.find(w.casefold()), w) for w in words]
    hits = [(at, w) for at, w in hits if at >= 0]
    if not hits:
        return text_[:width], "", ""
    at, word = min(hits)
    start = max(0, at - width // 2)
    end = min(len(text_), at + len(word) + width // 2)
    prefix = "…" if start else ""
    suffix = "…" if end < len(text_) else ""
    return prefix + text_[start:at], text_[at : at + len(word)], text_[at + len(word) : end] + suffix


def count_documents(db: Session) -> int:
    return db.scalar(select(func.count(m.Document.id))) or 0
