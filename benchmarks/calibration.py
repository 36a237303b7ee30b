"""Does a stored claim's confidence mean what it says? Observed precision per confidence band.

    .venv/bin/python benchmarks/calibration.py

Every fact the extractor makes on a report gets the confidence of its rule family from
casewatch/data/confidence.yaml (as the store gives it to the fact's claims); the gold record says
whether the fact is right (benchmarks/calibrate.py judges it as casewatch/evaluate.py matches).
Per confidence band it prints how many facts fall in it, their mean confidence and the share the
gold confirms: on the development reports (where the table was measured: in-sample), on the same
reports each scored by a table measured on the others (5-fold cross-validation by report: what to
look at when changing families), and, as totals only, on the held-out reports (invented 075-086
and the real reports of held-out sites), the honest check. Target: in each band of at least 30
facts, observed precision within 0.10 of the mean confidence. A last line says how much of what is
wrong the least confident fifth of the queue holds.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).parent))

from calibrate import build_table, judged_reports, reports  # noqa: E402

from casewatch.extract.confidence import calibration, parse_table  # noqa: E402

BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))
TOLERANCE = 0.10
#: a band with fewer facts is printed but not judged: one fact more or less moves it by over 0.03
MIN_JUDGED = 30
#: the share of the queue, least confident first, whose share of the wrong facts is printed
QUEUE_HEAD = 0.2
#: development reports are also scored by a table measured without them, in this many folds
FOLDS = 5


def band_label(low: float, high: float) -> str:
    return f"<{high:.2f}" if low == 0 else (f">={low:.2f}" if high > 1 else f"{low:.2f}-{high:.2f}")


def report(label: str, scored: list[tuple[float, bool]]) -> None:
    """The band table of one set of (confidence, right) facts."""
    print(f"\n-- {label}: {len(scored)} facts")
    print(f"  {'band':10} {'facts':>6} {'mean conf':>10} {'observed':>9}  gap")
    for low, high in BANDS:
        inside = [(c, ok) for c, ok in scored if low <= c < high]
        if not inside:
            print(f"  {band_label(low, high):10} {0:6}")
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        observed = sum(ok for _, ok in inside) / len(inside)
        verdict = "ok" if abs(observed - mean) <= TOLERANCE else f"MISS (> {TOLERANCE:.2f})"
        if len(inside) < MIN_JUDGED:
            verdict = f"(fewer than {MIN_JUDGED} facts: not judged)"
        print(
            f"  {band_label(low, high):10} {len(inside):6} {mean:10.3f} {observed:9.3f}  "
            f"{observed - mean:+.3f} {verdict}"
        )
    wrong = sum(not ok for _, ok in scored)
    if scored:
        observed = 1 - wrong / len(scored)
        print(f"  every fact at 1.00, as stored before: observed {observed:.3f}, gap {observed - 1:+.3f}")
    head = sorted(scored, key=lambda x: x[0])[: int(len(scored) * QUEUE_HEAD)]
    if wrong:
        share = sum(not ok for _, ok in head) / wrong
        print(f"  the least confident {QUEUE_HEAD:.0%} of facts hold {share:.0%} of the {wrong} wrong ones")


def cross_validated(facts_by_report: list[list[tuple[str, str, bool]]]) -> list[tuple[float, bool]]:
    """Each development report's facts scored by a table measured on the other folds' reports."""
    out = []
    for fold in range(FOLDS):
        train = [f for i, facts in enumerate(facts_by_report) if i % FOLDS != fold for f in facts]
        table = parse_table(build_table(train), "cross-validation table")
        for i, facts in enumerate(facts_by_report):
            if i % FOLDS == fold:
                out += [(table.confidence(kind, family), ok) for kind, family, ok in facts]
    return out


def main() -> None:
    table = calibration()
    dev = list(judged_reports("dev"))
    report(
        f"development reports ({len(dev)}; the table was measured here)",
        [(table.confidence(kind, family), ok) for facts in dev for kind, family, ok in facts],
    )
    report(
        f"development reports, {FOLDS}-fold: each scored by a table measured without it", cross_validated(dev)
    )
    held_out = [
        (table.confidence(kind, family), ok)
        for facts in judged_reports("held-out")
        for kind, family, ok in facts
    ]
    report(f"held-out reports ({len(reports('held-out'))}; totals only)", held_out)


if __name__ == "__main__":
    main()
