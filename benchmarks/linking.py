"""Pairwise precision/recall of person linking, with the production linker on a temporary database.

Usage: .venv/bin/python benchmarks/linking.py [tests/data/linking/reports.yaml]

Each report of the linked test corpus becomes a stored document whose record holds its person
entries (with their roles, places, organisations, articles and relatives), stored in order with
`casewatch.store.ingest.store_document`: the linking is `casewatch.store.linking`, as on ingest.
When ../shared exists, the seeds and the real English reports are also ingested into a temporary
database and scored with ../shared/eval/link_score.py (targets: F1 >= 0.97, precision >= 0.99).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

import yaml
from sqlalchemy import select

from casewatch.document import Document
from casewatch.store import models as m
from casewatch.store.db import open_database, session_scope
from casewatch.store.ingest import store_document

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "data" / "linking" / "reports.yaml"
SHARED = ROOT.parent / "shared"


def _pairs(labels: list[tuple[int, str]]) -> set[tuple[int, int]]:
    """Index pairs of mentions from different reports that share a label."""
    by_label: dict[str, list[int]] = {}
    for i, (_, label) in enumerate(labels):
        by_label.setdefault(label, []).append(i)
    return {
        (a, b) for ids in by_label.values() for a, b in combinations(ids, 2) if labels[a][0] != labels[b][0]
    }


def _prf(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def report_document(report: dict) -> tuple[Document, dict]:
    """A stored document for one corpus report: its text names everyone, its record holds the entries."""
    lines, persons, events, places, orgs, articles, relations = [], [], [], {}, {}, {}, []
    ids = {e["name"]: f"P{i}" for i, e in enumerate(report["persons"], 1)}
    offset = 0
    for i, entry in enumerate(report["persons"], 1):
        line = f"{entry['name']}."
        lines.append(line)
        pid = f"P{i}"
        persons.append(
            {"id": pid, "name": entry["name"], "side": entry.get("side"), "roles": entry.get("roles") or [],
             "mentions": [[offset, offset + len(entry["name"])]]}
        )  # fmt: skip
        for place in entry.get("places") or []:
            places.setdefault(place, f"L{len(places) + 1}")
        for org in entry.get("organizations") or []:
            orgs.setdefault(org, f"O{len(orgs) + 1}")
        keys = [str(a) for a in entry.get("articles") or []]
        for key in keys:
            article, _, part = key.partition(".")
            articles[key] = {"article": article, "part": part or None}
        for k, place in enumerate(entry.get("places") or [None]):
            if keys or place:
                event = {
                    "type": "charge",
                    "persons": [pid],
                    "articles": keys,
                    "evidence": [[offset, offset + 1]],
                }
                if place:
                    event["location"] = places[place]
                events.append({**event, "id": f"E{i}.{k}"})
        for relative in entry.get("relatives") or []:
            if relative in ids:
                relations.append({"type": "family", "a": pid, "b": ids[relative]})
        offset += len(line) + 1
    record = {
        "persons": persons,
        "locations": [{"id": lid, "name": name, "kind": "city"} for name, lid in places.items()],
        "organizations": [{"id": oid, "name": name} for name, oid in orgs.items()],
        "articles": list(articles.values()),
        "events": events,
        "relations": relations,
    }
    text = "\n".join(lines)
    return Document(path=f"{report['id']}.txt", format="txt", raw=text.encode(), text=text), record


def main(path: Path = DEFAULT) -> int:
    """Link the corpus with the production linker, print the figures and the mistakes."""
    reports = yaml.safe_load(path.read_text(encoding="utf-8"))["reports"]
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(f"sqlite:///{tmp}/linking.db")
        cache: dict = {}
        started = time.perf_counter()
        for report in reports:
            doc, record = report_document(report)
            store_document(engine, doc, record, "benchmark", cache=cache)
        elapsed = time.perf_counter() - started
        with session_scope(engine) as session:
            rows = session.execute(
                select(m.Document.path, m.PersonMention.local_id, m.PersonMention.person_id).join(
                    m.Document, m.Document.id == m.PersonMention.document_id
                )
            ).all()
            reviews = session.execute(
                select(m.LinkDecision.mention_name, m.LinkDecision.document_path, m.LinkDecision.person_id,
                       m.LinkDecision.other_person_id, m.LinkDecision.score, m.LinkDecision.reason)
                .where(m.LinkDecision.status == "pending")
            ).all()  # fmt: skip
        engine.dispose()
    person_of = {(path, local): pid for path, local, pid in rows}
    gold_labels, pred_labels, names = [], [], []
    gold_of_person: dict[int, str] = {}
    for d, report in enumerate(reports):
        for i, entry in enumerate(report["persons"], 1):
            pid = person_of[(f"{report['id']}.txt", f"P{i}")]
            gold_labels.append((d, entry["entity"]))
            pred_labels.append((d, str(pid)))
            names.append(f"{report['id']}:{entry['name']}")
            gold_of_person.setdefault(pid, entry["entity"])
    gold, pred = _pairs(gold_labels), _pairs(pred_labels)
    p, r, f = _prf(pred, gold)
    persons = len({label for _, label in pred_labels})
    entities = len({g for _, g in gold_labels})
    print(f"reports {len(reports)}  mentions {len(gold_labels)}  gold entities {entities}  persons {persons}")
    print(f"cross-report pairs: gold {len(gold)}  predicted {len(pred)}")
    print(f"precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}   (targets P >= 0.99, R >= 0.95)")
    print(f"reviews {len(reviews)} ({len(reviews) / max(persons, 1):.1%} of persons; target <= 5%)")
    for name, doc_path, target, shadow, score, reason in reviews:
        same = gold_of_person.get(target) == gold_of_person.get(shadow)
        print(f"  review ({'same' if same else 'different'})  {doc_path}:{name}  ->  "
              f"{gold_of_person.get(target)}  [{score:.2f}: {reason}]")  # fmt: skip
    for a, b in sorted(pred - gold):
        print(f"  FALSE LINK  {names[a]}  ~  {names[b]}")
    missed: Counter = Counter(gold_labels[a][1] for a, b in gold - pred)
    for ent, n in missed.most_common():
        print(f"  missed pairs {n:3d}  {ent}")
    print(f"stored and linked {len(reports)} reports in {elapsed:.2f} s")
    return 0


def real_english_link_score() -> None:
    """Ingest the seeds and the real English reports into a temporary database and score the links."""
    eval_dir = SHARED / "eval"
    if not (eval_dir / "link_score.py").exists():
        return
    cli = [sys.executable, "-m", "casewatch.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/real.db"
        texts = [str(SHARED / "seeds"), str(eval_dir / "real" / "en" / "texts")]
        subprocess.run([*cli, "ingest", "--db", db, *texts], check=False, capture_output=True)
        persons = Path(tmp) / "persons.json"
        out = subprocess.run(
            [*cli, "persons", "--db", db, "--json"], check=True, capture_output=True, text=True
        )
        persons.write_text(out.stdout, encoding="utf-8")
        score = subprocess.run(
            [sys.executable, str(eval_dir / "link_score.py"), str(eval_dir / "real" / "en" / "links.json"),
             str(eval_dir / "dev"), str(eval_dir / "real" / "en" / "gold"), "--persons", str(persons),
             "--misses"],
            check=False, capture_output=True, text=True,
        )  # fmt: skip
    print("seeds + real English reports (link_score.py; targets F1 >= 0.97, P >= 0.99):")
    print(score.stdout.strip() or score.stderr.strip())


if __name__ == "__main__":
    code = main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
    real_english_link_score()
    sys.exit(code)
