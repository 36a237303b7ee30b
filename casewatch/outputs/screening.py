"""Check perpetrators' names against a FollowTheMoney entities file the user supplies (a sanctions or
PEP list, e.g. an OpenSanctions export as JSON lines): who is already listed, with the match score
of followthemoney's own name comparison, on both sides' names in Latin script (the list may write
"Аскар Жунусов" where the reports write "Askar Zhunusov"). Nothing is fetched: the file is read
from disk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from followthemoney import model
from followthemoney.compare import compare_names
from followthemoney.proxy import EntityProxy

from casewatch.names import latinize

#: below this score a pair is not shown
MIN_SCORE = 0.5


def _tokens(name: str) -> set[str]:
    """Latin, lower-case name words of three letters or more: the blocking keys."""
    return {t for t in latinize(name).lower().replace("-", " ").split() if len(t) >= 3}


def read_entities(path: Path) -> Iterator[EntityProxy]:
    """Person entities of a FtM JSON-lines file (other schemata are skipped)."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                proxy = model.get_proxy(data, cleaned=False)
            except (ValueError, TypeError, KeyError) as exc:
                raise ValueError(f"{path}: line {number} is not a FollowTheMoney entity ({exc})") from exc
            if proxy.schema.is_a("Person"):
                yield proxy


def screen(
    perpetrators: list[dict], entities: Iterable[EntityProxy], min_score: float = MIN_SCORE
) -> list[dict]:
    """For each perpetrator (`{"person_id", "name", "aliases"?}`) the listed entities that match."""
    probes = []
    index: dict[str, list[int]] = {}
    for i, p in enumerate(perpetrators):
        proxy = model.make_entity("Person")
        proxy.id = f"casewatch-{p['person_id']}"
        proxy.add("name", [latinize(n) for n in [p["name"], *p.get("aliases", [])]])
        probes.append(proxy)
        for name in proxy.get("name"):
            for token in _tokens(name):
                index.setdefault(token, []).append(i)
    matches: dict[int, list[dict]] = {}
    person = model.get("Person")
    for entity in entities:
        latin = model.make_entity("Person")
        latin.id = entity.id
        latin.add("name", [latinize(n) for n in entity.names])
        candidates = {i for name in latin.names for t in _tokens(name) for i in index.get(t, [])}
        for i in candidates:
            score = compare_names(person, probes[i], latin) or 0.0
            if score >= min_score:
                matches.setdefault(i, []).append(
                    {
                        "entity_id": entity.id,
                        "caption": entity.caption,
                        "score": round(score, 3),
                        "topics": entity.get("topics"),
                        "datasets": list(getattr(entity, "datasets", []) or []),
                    }
                )
    out = []
    for i, p in enumerate(perpetrators):
        if i in matches:
            found = sorted(matches[i], key=lambda m: -m["score"])
            out.append({"person_id": p["person_id"], "name": p["name"], "matches": found})
    return out
