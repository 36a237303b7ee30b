"""Pairwise precision/recall of person linking on the linked test corpus, review counts and speed.

Usage: .venv/bin/python benchmarks/linking.py [tests/data/linking/reports.yaml]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

import yaml

from casewatch.resolve.linker import LinkResult, decide, link_records
from casewatch.resolve.profiles import profiles_from_entries, profiles_from_record

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "linking" / "reports.yaml"


def _pairs(labels: list[tuple[int, str]]) -> set[tuple[int, int]]:
    """Index pairs of mentions from different reports that share a label."""
    by_label: dict[str, list[int]] = {}
    doc_of: dict[int, int] = {}
    for i, (doc, label) in enumerate(labels):
        by_label.setdefault(label, []).append(i)
        doc_of[i] = doc
    return {(a, b) for ids in by_label.values() for a, b in combinations(ids, 2) if doc_of[a] != doc_of[b]}


def _prf(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(path: Path = DEFAULT) -> int:
    """Link the corpus, print the figures and the mistakes."""
    reports = yaml.safe_load(path.read_text(encoding="utf-8"))["reports"]
    docs = [profiles_from_entries(r["persons"]) for r in reports]
    started = time.perf_counter()
    result = link_records(docs)
    elapsed = time.perf_counter() - started
    gold_labels, pred_labels, names = [], [], []
    for d, (r, ids) in enumerate(zip(reports, result.entity_ids, strict=True)):
        for entry, eid in zip(r["persons"], ids, strict=True):
            gold_labels.append((d, entry["entity"]))
            pred_labels.append((d, eid))
            names.append(f"{r['id']}:{entry['name']}")
    gold, pred = _pairs(gold_labels), _pairs(pred_labels)
    p, r, f = _prf(pred, gold)
    n_mentions = len(gold_labels)
    print(f"reports {len(reports)}  mentions {n_mentions}  gold entities {len({g for _, g in gold_labels})}"
          f"  predicted entities {len(result.entities)}")  # fmt: skip
    print(f"cross-report pairs: gold {len(gold)}  predicted {len(pred)}")
    print(f"precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}   (targets P >= 0.99, R >= 0.95)")

    actions = Counter(d.action for doc in result.decisions for d in doc)
    print(f"decisions: link {actions['link']}  new {actions['new']}  review {actions['review']}")
    gold_of: dict[str, str] = {}
    for (_, g), (_, e) in zip(gold_labels, pred_labels, strict=True):
        gold_of.setdefault(e, g)
    right = wrong = 0
    k = 0
    for doc_decisions in result.decisions:
        for dec in doc_decisions:
            if dec.action == "review" and dec.target_id:
                same = gold_of[dec.target_id] == gold_labels[k][1]
                right, wrong = right + same, wrong + (not same)
                print(f"  review ({'same' if same else 'different'})  {names[k]}  ->  "
                      f"{gold_of[dec.target_id]}  [{dec.score:.2f}: {dec.reason}]")  # fmt: skip
            k += 1
    print(f"reviews whose suggested target is the same person: {right}, a different person: {wrong}")
    accepted = _accept_reviews(result, pred_labels)
    p2, r2, f2 = _prf(_pairs(accepted), gold)
    print(f"if a reviewer accepted every review: precision {p2:.4f}  recall {r2:.4f}  F1 {f2:.4f}")
    for a, b in sorted(pred - gold):
        print(f"  FALSE LINK  {names[a]}  ~  {names[b]}")
    missed: Counter = Counter(gold_labels[a][1] for a, b in gold - pred)
    for ent, n in missed.most_common():
        print(f"  missed pairs {n:3d}  {ent}")
    print(f"link_records: {elapsed * 1000:.1f} ms for {n_mentions} mentions")
    _bench_decide(result)
    return 0


def _accept_reviews(result: LinkResult, pred_labels: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Labels after merging every reviewed entry into its suggested target (union-find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for doc_ids, doc_decisions in zip(result.entity_ids, result.decisions, strict=True):
        for eid, dec in zip(doc_ids, doc_decisions, strict=True):
            if dec.action == "review" and dec.target_id:
                parent[find(eid)] = find(dec.target_id)
    return [(d, find(e)) for d, e in pred_labels]


def _bench_decide(result: LinkResult) -> None:
    """Time `decide` for one mention against 40 candidates."""
    entities = list(result.entities.values())
    candidates = entities[:40]
    mention = entities[0]
    n = 2000
    started = time.perf_counter()
    for _ in range(n):
        decide(mention, candidates)
    per = (time.perf_counter() - started) / n
    print(f"decide vs {len(candidates)} candidates: {per * 1e6:.0f} µs per call (warm caches)")


DEV = Path("/work/shared/eval/dev")

#: Persons of the dev gold records that are one person across records (by display name).
DEV_SAME = [
    {"Bekizhan Mendygaziyev", "Bekizhan Mendygazyev"},
    {"Barlyk Mendygaziyev", "Barlyk Mendygazyev"},
    {"Kalyk Mendygaziyev", "Kalyk Mendygazyev"},
    {"Erik Mendygaziyev", "Erik Mendygazyev"},
    {"Abai Mendygaziyev", "Abay Mendygazyev"},
    {"Arman Mendygaziyev", "Arman Mendygazyev"},
    {"Baurzhan Jussupov"},
    {"Natalia Dauletiarova", "Nataliya Dauletiyarova"},
    {"Karim Massimov"},
    {"Dulat Agadil"},
]


def dev_check(folder: Path = DEV) -> None:
    """Link the persons of the dev gold records and compare with the hand-listed identities."""
    files = sorted(folder.glob("*.json"))
    if not files:
        return
    records = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    result = link_records([profiles_from_record(r) for r in records])
    labels, gold_labels = [], []
    for d, (rec, ids) in enumerate(zip(records, result.entity_ids, strict=True)):
        for p, eid in zip(rec["persons"], ids, strict=True):
            labels.append((d, eid))
            group = next((i for i, g in enumerate(DEV_SAME) if p["name"] in g), None)
            gold_labels.append((d, f"g{group}" if group is not None else f"{d}:{p['name']}"))
    p, r, f = _prf(_pairs(labels), _pairs(gold_labels))
    print(f"dev gold records ({len(files)}): precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}")


if __name__ == "__main__":
    code = main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
    dev_check()
    sys.exit(code)
