"""What a page shows for an internal key: the vocabularies' labels (data/vocabularies.yaml), and
articles always with their code ("KZ-CC 405.2")."""

from __future__ import annotations

from functools import cache

from casewatch.data import load_yaml
from casewatch.store.claims import VOCABULARY_FIELDS

#: the vocabulary of each kind of key a page shows
VOCABULARIES = {
    "side": "sides",
    "role": "roles",
    "event_type": "event_types",
    "outcome": "outcomes",
    "status": "hearing_statuses",
    "date_precision": "date_precisions",
    "relation_type": "relation_types",
    "family_subtype": "family_subtypes",
    "organization_kind": "organization_kinds",
    "location_kind": "location_kinds",
}


@cache
def _labels(vocabulary: str) -> dict[str, str]:
    return {key: entry["label"] for key, entry in (load_yaml("vocabularies.yaml")[vocabulary] or {}).items()}


def label(kind: str, key: str | None) -> str:
    """The label of `key` in the vocabulary of `kind` (a key no vocabulary knows is shown readably)."""
    if not key:
        return ""
    vocabulary = VOCABULARIES.get(kind, kind)
    return _labels(vocabulary).get(key) or key.replace("_", " ")


def claim_value_label(subject: str, prop: str, value: str | None) -> str:
    """A claim's value as a page shows it: the label when the value comes from a vocabulary."""
    if value is None:
        return ""
    found = VOCABULARY_FIELDS.get((subject.split(":", 1)[0], prop))
    return _labels(found[0]).get(value, value) if found else value


def article_label(key: str, code: str | None) -> str:
    """ "KZ-CC 405.2": an article always with its code (a Belarus 342 is not a Kazakhstan 342)."""
    return f"{code} {key}" if code else key
