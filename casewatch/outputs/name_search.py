"""Find a person's name whatever the script or Russian case it is written in.

"Zheksebayev" finds the person written "Жексебаев" and back, and "Жексебаеву" (a dative) is
found by its nominative: a query is read as a name (casewatch.names) and looked up by the
blocking keys every person's spellings are stored under (`person_name_keys`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewatch.extract.inflection import lemmas
from casewatch.names import latinize, name_keys
from casewatch.store import models as m
from casewatch.translit import has_cyrillic


def _forms(text: str) -> list[str]:
    """The text, and for a Cyrillic one each word in the nominative too ("Асхату Жексебаеву")."""
    forms = [text]
    if has_cyrillic(text):
        words = text.split()
        forms.append(" ".join(lemmas(w)[0] for w in words))
    return list(dict.fromkeys(forms))


def search_keys(query: str) -> set[str]:
    """Blocking keys a person must have to be what `query` names: surname and given name together
    when both are written, else the one part written."""
    keys: set[str] = set()
    for form in _forms(query.strip()):
        found = name_keys(form)
        keys |= {k for k in found if k.startswith("n:")} or {k for k in found if k[:2] in ("s:", "g:")}
    return keys


def persons_named(session: Session, query: str) -> set[int]:
    """Ids of the persons one of whose spellings `query` is, in any script or case."""
    keys = search_keys(query)
    if not keys:
        return set()
    q = select(m.PersonNameKey.person_id).where(m.PersonNameKey.key.in_(sorted(keys)))
    return set(session.scalars(q))


def spellings(session: Session, word: str) -> list[str]:
    """The words reports use for the name part `word`: itself, then each spelling of it that a
    matching person's mentions hold ("Zheksebayev" -> "Жексебаев", "Жексебаеву", "ZHEKSEBAYEV")."""
    out = [word]
    keys = search_keys(word)
    persons = persons_named(session, word)
    if not persons or not keys:
        return out
    q = (
        select(m.MentionName.name)
        .join(m.PersonMention, m.PersonMention.id == m.MentionName.mention_id)
        .where(m.PersonMention.person_id.in_(sorted(persons)))
    )
    for name in set(session.scalars(q)):
        for part in name.split():
            if part not in out and search_keys(part) & keys:
                out.append(part)
    if latinize(word) not in out:
        out.append(latinize(word))
    return out
