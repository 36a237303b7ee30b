"""Measure how often each rule family's facts are right, and write casewatch/data/confidence.yaml.

    .venv/bin/python benchmarks/calibrate.py [--check]

Runs the extractor on the DEVELOPMENT reports only — the invented reports of tests/corpus numbered
below HELD_OUT_FROM and the real reports of tests/corpus/real whose site split.yaml marks `dev` —
and judges every fact against the gold record the way casewatch/evaluate.py matches them: persons
(and organisations, places) by aligned name, events by type, date and a shared person (gold events
in order, each taking the first unused predicted event), relations by type and both ends, articles
by number and part. A person's side is right when the person is found and the gold side is the same;
a role, when the person is found and the gold person has that role.

Every family path (`own_date`, `own_date/person`, `own_date/person/arrest`, ...) seen at least MIN_COUNT times
gets its precision, shrunk towards its parent's by PRIOR_WEIGHT pseudo-facts so that a small family
does not get 0 or 1 by chance. `--check` prints the table without writing it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from real_corpus import report_splits  # noqa: E402

from casewatch.data import DATA_DIR  # noqa: E402
from casewatch.evaluate import (  # noqa: E402
    ENTITY_THRESHOLD,
    align_names,
    article_key,
    date_matches,
    matched_relations,
    names_of,
    relation_keys,
)
from casewatch.extract import extract_document  # noqa: E402
from casewatch.extract.confidence import KINDS, TABLE_FILE, parse_table, record_facts  # noqa: E402
from casewatch.ingest import read_path  # noqa: E402

CORPUS = REPO / "tests" / "corpus"
REAL_CORPUS = CORPUS / "real"
REAL_SOURCES = CORPUS / "SOURCES.md"
#: invented reports from this number on are held out (as in benchmarks/extraction.py)
HELD_OUT_FROM = 75
MIN_COUNT = 12
PRIOR_WEIGHT = 8.0
#: no rule is certain: a family that was always right in the development reports gets this
CEILING = 0.99

#: one judged fact: (kind, family, right?)
Judged = tuple[str, str, bool]


def reports(split: str) -> list[tuple[Path, Path]]:
    """(gold, text) of the reports of one split: `dev` or `held-out`."""
    out = []
    for gold in sorted(CORPUS.glob("[0-9][0-9][0-9]_*.json")):
        if (int(gold.name[:3]) >= HELD_OUT_FROM) == (split == "held-out"):
            out.append(gold)
    splits = report_splits(REAL_CORPUS, REAL_SOURCES)
    out += [g for g in sorted(REAL_CORPUS.glob("*.json")) if splits.get(g.stem) == split]
    return [(g, g.with_suffix(".txt")) for g in out]


def judge(gold: dict, pred: dict) -> list[Judged]:
    """Every fact of `pred`, with its family and whether the gold record confirms it."""
    right: dict[int, bool] = {}  # id() of a fact (or of a (person, role) pair) → confirmed
    gold_persons = gold.get("persons") or []
    pred_persons = pred.get("persons") or []
    pairs = align_names([p["name"] for p in gold_persons], [p.get("name", "") for p in pred_persons])
    found = {pi: gold_persons[gi] for gi, pi in pairs.items()}
    names = {pred_persons[pi].get("id"): g["name"] for pi, g in found.items()}
    orgs = {o.get("id"): o.get("name", "") for o in pred.get("organizations") or []}

    def resolve(ref: Any) -> str:
        return names.get(ref) or orgs.get(ref) or str(ref)

    sides: dict[int, bool | None] = {}
    roles: dict[tuple[int, str], bool] = {}
    for pi, p in enumerate(pred_persons):
        g = found.get(pi)
        right[id(p)] = g is not None
        sides[id(p)] = None if g is not None and not g.get("side") else bool(g) and g["side"] == p.get("side")
        for role in p.get("roles") or []:
            roles[(id(p), role)] = g is not None and role in (g.get("roles") or [])
    for key in ("organizations", "locations"):
        preds = pred.get(key) or []
        hit = set(align_names(names_of(gold.get(key)), names_of(preds), ENTITY_THRESHOLD).values())
        right.update({id(e): i in hit for i, e in enumerate(preds)})
    gold_articles = {article_key(a) for a in gold.get("articles") or []}
    right.update({id(a): article_key(a) in gold_articles for a in pred.get("articles") or []})
    right.update(_events(gold, pred, resolve))
    right.update(_relations(gold, pred, resolve))
    out: list[Judged] = []
    for kind, family, what in record_facts(pred):
        if kind == "side":
            ok = sides[id(what)]
            if ok is None:
                continue  # the gold record takes no side on this person: not scored, as in evaluate.py
        elif kind == "role":
            ok = roles[(id(what[0]), what[1])]
        else:
            ok = right[id(what)]
        out.append((kind, family, ok))
    return out


def _events(gold: dict, pred: dict, resolve: Callable[[Any], str]) -> dict[int, bool]:
    """evaluate._score_events, keeping which predicted events were matched."""
    pred_events = pred.get("events") or []
    used: set[int] = set()
    for ge in gold.get("events") or []:
        wanted = set(ge.get("persons", []) + ge.get("perpetrators", []))
        for k, pe in enumerate(pred_events):
            if k in used or pe.get("type") != ge["type"] or not date_matches(ge, pe):
                continue
            found = {resolve(x) for x in (pe.get("persons") or []) + (pe.get("perpetrators") or [])}
            if wanted and not wanted & found:
                continue
            used.add(k)
            break
    return {id(pe): k in used for k, pe in enumerate(pred_events)}


def _relations(gold: dict, pred: dict, resolve: Callable[[Any], str]) -> dict[int, bool]:
    """Which predicted relations evaluate matches to gold (duplicates share a key)."""
    gold_keys, keys = relation_keys(gold, pred, resolve)
    hit = matched_relations(gold_keys, set(keys))
    return {id(r): key in hit for r, key in zip(pred.get("relations") or [], keys, strict=True)}


def judged_reports(split: str) -> Iterator[list[Judged]]:
    """The judged facts of each report of one split, report by report (in-process extraction)."""
    for gold_path, text_path in reports(split):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        yield judge(gold, extract_document(read_path(text_path)[0]))


def judged_facts(split: str) -> Iterator[Judged]:
    """The judged facts of every report of one split."""
    for facts in judged_reports(split):
        yield from facts


def _prefixes(family: str) -> list[str]:
    parts = family.split("/")
    return ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]


def build_table(facts: list[Judged]) -> dict:
    """{kind: {path: {precision, count, observed}}} for the kind (`*`) and every path seen MIN_COUNT times."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for kind, family, ok in facts:
        for path in ["*", *_prefixes(family)]:
            counts[kind][path][0] += ok
            counts[kind][path][1] += 1
    kinds: dict[str, dict] = {}
    for kind in KINDS:
        if kind not in counts:
            continue
        table: dict[str, dict] = {}
        for path in sorted(counts[kind], key=lambda p: (p != "*", p.count("/"), p)):
            ok, n = counts[kind][path]
            if n < MIN_COUNT and path != "*":
                continue
            parent = "*" if "/" not in path else path.rsplit("/", 1)[0]
            while parent not in table and parent != "*":
                parent = "*" if "/" not in parent else parent.rsplit("/", 1)[0]
            prior = table[parent]["precision"] if path != "*" else 0.5
            weight = PRIOR_WEIGHT if path != "*" else 1.0
            table[path] = {
                "precision": round(min(CEILING, (ok + weight * prior) / (n + weight)), 3),
                "count": n,
                "observed": round(ok / n, 3),
            }
        kinds[kind] = table
    return {"kinds": kinds}


def to_yaml(table: dict) -> str:
    """The table as YAML, one line per family."""
    lines = ["kinds:"]
    for kind, families in table["kinds"].items():
        lines.append(f"  {kind}:")
        for family, entry in families.items():
            values = ", ".join(f"{k}: {v}" for k, v in entry.items())
            lines.append(f"    {json.dumps(family)}: {{{values}}}")
    return "\n".join(lines) + "\n"


HEADER = """\
# How often each rule family's facts are right: measured by benchmarks/calibrate.py on the development
# reports only (invented 001-074 and the real reports of development sites); never edit by hand, run
#     .venv/bin/python benchmarks/calibrate.py
# kinds.KIND.FAMILY: precision (shrunk towards the parent family's, which stored claims take as their
# confidence), count (facts of the family seen) and observed (right / count). A family is a path from
# coarse to fine (casewatch/extract/confidence.py says what each part means); a fact takes the longest
# path listed here, then the kind's "*"; no family is given more than CEILING (0.99).
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print the table, do not write it")
    args = parser.parse_args()
    facts = list(judged_facts("dev"))
    table = build_table(facts)
    parse_table(table, "measured table")
    text = HEADER + to_yaml(table)
    if yaml.safe_load(text) != table:
        raise SystemExit("the written table would not read back the same")
    if args.check:
        print(text)
        return
    (DATA_DIR / TABLE_FILE).write_text(text, encoding="utf-8")
    print(f"{len(facts)} facts of {len(reports('dev'))} development reports → {DATA_DIR / TABLE_FILE}")


if __name__ == "__main__":
    main()
