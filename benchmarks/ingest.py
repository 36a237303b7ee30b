"""Benchmark: ingest N generated reports with `casewatch ingest --workers W`; print reports/s and DB size.

    .venv/bin/python benchmarks/ingest.py [--n 2000] [--workers 2] [--db URL]

Target: at least 50 reports/s on a 2-core machine with --workers 2 (SQLite).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _stand_in_reports(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """Minimal generator used until benchmarks/generate_reports.py exists."""
    rng = random.Random(seed)
    given = ["Aidos", "Marat", "Zhanna", "Nurlan", "Gulnara", "Yerlan", "Asel", "Timur", "Dana", "Ruslan"]
    surnames = ["Sadykov", "Omarova", "Bekov", "Tulegenova", "Ismailov", "Akhmetova", "Serikbayev"]
    out = []
    for i in range(n):
        a, b = f"{rng.choice(given)} {rng.choice(surnames)}", f"{rng.choice(given)} {rng.choice(surnames)}"
        day = rng.randint(1, 28)
        text = (
            f"Report {i}. On {day} May 2022 police detained activist {a} in Almaty. "
            f"Judge {b} ordered two months of pre-trial detention under Article 405 Part 2.\n"
        )
        out.append((f"report-{i:05d}.txt", text))
    return out


def generate(n: int, seed: int) -> list[tuple[str, str]]:
    try:
        from generate_reports import generate_reports
    except ImportError:
        return _stand_in_reports(n, seed)
    return generate_reports(n, seed=seed)


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
        for name, text in generate(args.n, args.seed):
            (folder / name).write_text(text, encoding="utf-8")
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
        engine.dispose()
        print(f"{summary}")
        print(
            f"{args.n} reports in {elapsed:.1f} s with --workers {args.workers}: "
            f"{args.n / elapsed:.1f} reports/s"
        )
        if size is not None:
            print(f"database size: {size / 1e6:.1f} MB ({size / args.n / 1e3:.1f} kB per report)")
        print(f"cpu count: {os.cpu_count()}")


if __name__ == "__main__":
    main()
