"""Benchmark: ingest N generated reports with `casewatch ingest --workers W`; print reports/s, the DB
size, and how well persons were linked (the generator knows who each name is).

    .venv/bin/python benchmarks/ingest.py [--n 2000] [--workers 2] [--db URL]

Target: at least 50 reports/s on a 2-core machine with --workers 2 (SQLite).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_reports import generate_corpus, truth_spans  # noqa: E402


def _pairs(counts) -> int:
    """Pairs of mentions within each group."""
    return sum(k * (k - 1) // 2 for k in counts.values())


def linking_against_truth(engine, corpus: list) -> str:
    """Pairwise precision and recall of the stored person links against the generator's truth: each
    stored mention is the true person whose written name its spans overlap."""
    from collections import Counter

    from sqlalchemy import text

    spans = {report.name: truth_spans(report) for report in corpus}
    with engine.connect() as conn:
        merged = dict(conn.execute(text("SELECT id, merged_into FROM persons")).all())
        rows = conn.execute(
            text(
                'SELECT pm.id, d.path, pm.person_id, mn.start, mn."end" FROM person_mentions pm '
                "JOIN documents d ON d.id = pm.document_id JOIN mention_names mn ON mn.mention_id = pm.id"
            )
        ).all()
        reviews = conn.execute(
            text("SELECT other_person_id, person_id FROM link_decisions WHERE status = 'pending'")
        ).all()

    def final(pid: int) -> int:
        seen = set()
        while merged.get(pid) and pid not in seen:
            seen.add(pid)
            pid = merged[pid]
        return pid

    votes: dict[int, Counter] = {}
    person_of: dict[int, int] = {}
    for mid, path, pid, start, end in rows:
        person_of[mid] = final(pid)
        for s, e, true_id in spans.get(Path(path).name, []):
            if start is not None and start < e and s < end:
                votes.setdefault(mid, Counter())[true_id] += 1
    truth = {mid: c.most_common(1)[0][0] for mid, c in votes.items()}
    joined: dict[int, int] = {}  # every review suggestion taken (union-find over stored persons)

    def root(pid: int) -> int:
        while pid in joined:
            pid = joined[pid]
        return pid

    for shadow, target in reviews:
        a, b = root(final(shadow)), root(final(target))
        if a != b:
            joined[a] = b
    accepted = {mid: root(pid) for mid, pid in person_of.items()}
    return (
        f"linking against the generator's truth: {len(truth)} of {len(person_of)} mentions placed, "
        f"{len(set(truth.values()))} true persons -> {len(set(person_of.values()))} stored persons; "
        f"{_precision_recall(truth, person_of)}; {len(reviews)} links wait for review\n"
        f"  if a reviewer accepted every suggestion: {_precision_recall(truth, accepted)}"
    )


def _precision_recall(truth: dict[int, int], person_of: dict[int, int]) -> str:
    """Pairwise precision and recall of mention pairs put in one stored person."""
    from collections import Counter

    by_db, by_true, by_both = Counter(), Counter(), Counter()
    for mid, true_id in truth.items():
        by_db[person_of[mid]] += 1
        by_true[true_id] += 1
        by_both[(person_of[mid], true_id)] += 1
    both, found, wanted = _pairs(by_both), _pairs(by_db), _pairs(by_true)
    return f"pairwise precision {both / max(found, 1):.3f}, recall {both / max(wanted, 1):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file in a temp folder)")
    args = parser.parse_args()

    from casewatch.store.db import open_database
    from casewatch.store.ingest import ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        corpus = generate_corpus(args.n, seed=args.seed)
        for report in corpus:
            (folder / report.name).write_text(report.text, encoding="utf-8")
        db_file = Path(tmp) / "bench.db"
        engine = open_database(args.db or f"sqlite:///{db_file}")
        start = time.perf_counter()
        summary = ingest_paths(engine, [folder], workers=args.workers)
        elapsed = time.perf_counter() - start
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                size = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
        else:
            size = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*")) if not args.db else None
        figures = linking_against_truth(engine, corpus)
        engine.dispose()
        print(f"{summary}")
        print(
            f"{args.n} reports in {elapsed:.1f} s with --workers {args.workers}: "
            f"{args.n / elapsed:.1f} reports/s"
        )
        if size is not None:
            print(f"database size: {size / 1e6:.1f} MB ({size / args.n / 1e3:.1f} kB per report)")
        print(figures)
        print(f"cpu count: {os.cpu_count()}")


if __name__ == "__main__":
    main()
