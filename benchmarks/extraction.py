"""Extraction quality and speed, in one run.

    .venv/bin/python benchmarks/extraction.py [--reports N]

1. the development set: the project's scorer (../shared/eval/score.py, next to the repository)
   runs `casewatch extract --json` on each seed report;
2. parity: our `casewatch eval` metrics against that scorer on the same stored predictions;
3. real reports: (a) ../shared/eval/real/en and ../shared/eval/real/ru through score.py;
   (b) tests/corpus/real from development sites, per report; (c) tests/corpus/real from
   held-out sites, as totals only (never per-report lines), and the development/held-out gap;
4. our invented corpus: `casewatch eval tests/corpus --texts tests/corpus`, then the same
   figures for the reports rules were developed on and for the held-out ones apart, and the gap;
5. throughput in words per second on N generated reports (in-process, one core, after a
   warm-up), beside a spaCy small English pipeline on the same text when one is installed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from generate_reports import generate_reports  # noqa: E402
from real_corpus import report_splits  # noqa: E402

from casewatch.document import Document  # noqa: E402
from casewatch.evaluate import (  # noqa: E402
    METRICS,
    Evaluation,
    Predictor,
    directory_predictor,
    evaluate,
    extractor_predictor,
    render_table,
)
from casewatch.extract import extract_document  # noqa: E402
from casewatch.ingest import read_path  # noqa: E402

TARGETS = {"score": 0.90, "persons": 0.95, "articles": 0.97, "events": 0.85}
#: corpus reports numbered from here on were written by engineers who never read the extractor and
#: have not been analysed since: they tell how the rules do on reports nobody tuned them on
HELD_OUT_FROM = 75
#: real public reports, reworded and annotated; split.yaml says which sites are held out
REAL_CORPUS = REPO / "tests" / "corpus" / "real"
REAL_SOURCES = REPO / "tests" / "corpus" / "SOURCES.md"
SUMMARY_METRICS = ("persons", "side", "articles", "events", "relations")
WORDS_PER_SECOND_TARGET = 20_000


def verdict(value: float, target: float) -> str:
    return f"(target ≥ {target:g}: {'met' if value >= target else 'NOT met'})"


def print_targets(summary: dict) -> None:
    """The headline figures with their targets."""
    print(f"  score    {summary['score']:.3f}  {verdict(summary['score'], TARGETS['score'])}")
    for m in ("persons", "articles", "events"):
        f1 = summary[m]["f1"]
        print(f"  {m:8} {f1:.3f}  {verdict(f1, TARGETS[m])}")


def dev_scores() -> None:
    """The development set through the project's own scorer and extract command."""
    score_py, gold, texts = SHARED / "eval" / "score.py", SHARED / "eval" / "dev", SHARED / "seeds"
    print("== development set (../shared/eval/score.py)")
    if not score_py.exists():
        print(f"  skipped: {SHARED} is not there")
        return
    cmd = f"{REPO / '.venv' / 'bin' / 'casewatch'} extract --json {{}}"
    run = [sys.executable, str(score_py), str(gold), "--texts", str(texts), "--cmd", cmd]
    table = subprocess.run(run, capture_output=True, text=True)
    print(table.stdout.rstrip())
    if table.stderr.strip():
        print(table.stderr.rstrip())
    summary = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True).stdout)
    print_targets(summary)


def store_predictions(gold_dir: Path, texts_dir: Path, out: Path) -> None:
    """Run the extractor on every gold record's text and store its record under the gold's name."""
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = texts_dir / ((gold.get("source") or {}).get("path") or path.stem + ".txt")
        record = extract_document(read_path(text)[0])
        (out / path.name).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def parity() -> None:
    """Our metrics and the project's scorer agree on the same stored predictions."""
    print("\n== parity of casewatch eval with score.py")
    score_py = SHARED / "eval" / "score.py"
    if not score_py.exists():
        print(f"  skipped: {SHARED} is not there")
        return
    sets = [
        ("dev", SHARED / "eval" / "dev", SHARED / "seeds"),
        ("corpus", REPO / "tests/corpus", REPO / "tests/corpus"),
    ]
    for label, gold_dir, texts_dir in sets:
        with tempfile.TemporaryDirectory() as tmp:
            store_predictions(gold_dir, texts_dir, Path(tmp))
            theirs = json.loads(
                subprocess.run(
                    [sys.executable, str(score_py), str(gold_dir), tmp, "--json"],
                    capture_output=True,
                    text=True,
                ).stdout
            )
            ours = evaluate(gold_dir, directory_predictor(tmp)).summary()
        differ = [m for m in [*METRICS, "score"] if ours[m] != theirs[m]]
        print(f"  {label:7} {'identical' if not differ else 'DIFFERENT: ' + ', '.join(differ)}")
        for m in differ:
            print(f"    {m}: ours {ours[m]}  score.py {theirs[m]}")


def summary_line(label: str, result: Evaluation) -> str:
    """One line of totals: score and the F1 of each headline metric."""
    summary = result.summary()
    if not summary["documents"]:
        return f"  {label}: no reports"
    return f"  {label} ({summary['documents']} reports): score {summary['score']:.3f}  " + "  ".join(
        f"{m} {summary[m]['f1']:.3f}" for m in SUMMARY_METRICS
    )


def gap_line(developed: Evaluation, held_out: Evaluation) -> str:
    """The development/held-out gap: how much lower the held-out figures are."""
    if not developed.documents or not held_out.documents:
        return "  gap: needs reports on both sides"
    dev, held = developed.summary(), held_out.summary()
    return f"  gap (development - held out): score {dev['score'] - held['score']:+.3f}  " + "  ".join(
        f"{m} {dev[m]['f1'] - held[m]['f1']:+.3f}" for m in SUMMARY_METRICS
    )


def shared_real_scores() -> None:
    """The real reports of ../shared/eval/real/{en,ru} through the project's scorer."""
    score_py = SHARED / "eval" / "score.py"
    cmd = f"{REPO / '.venv' / 'bin' / 'casewatch'} extract --json {{}}"
    for lang in ("en", "ru"):
        folder = SHARED / "eval" / "real" / lang
        print(f"\n== real reports, {lang} (../shared/eval/real/{lang}, score.py)")
        if not score_py.exists() or not (folder / "gold").is_dir():
            print(f"  skipped: {folder} is not there")
            continue
        run = [sys.executable, str(score_py), str(folder / "gold"), "--texts", str(folder / "texts")]
        table = subprocess.run([*run, "--cmd", cmd], capture_output=True, text=True)
        print(table.stdout.rstrip())
        if table.stderr.strip():
            print(table.stderr.rstrip())


def real_corpus_scores(predictor: Predictor | None = None) -> tuple[Evaluation, Evaluation] | None:
    """tests/corpus/real: development sites per report, held-out sites as totals only, and the gap."""
    print("\n== real reports of tests/corpus/real (sites split by split.yaml)")
    if not (REAL_CORPUS / "split.yaml").exists() or not REAL_SOURCES.exists():
        print(f"  skipped: {REAL_CORPUS}/split.yaml or {REAL_SOURCES} is not there")
        return None
    splits = report_splits(REAL_CORPUS, REAL_SOURCES)
    result = evaluate(REAL_CORPUS, predictor or extractor_predictor(REAL_CORPUS))
    developed = subset(result, lambda name: splits.get(name) == "dev")
    held_out = subset(result, lambda name: splits.get(name) == "held-out")
    unsplit = [name for name, _ in result.documents if name not in splits]

    def split_of_error(line: str) -> str | None:
        return splits.get(line.split(":")[0].removesuffix(".json"))

    print("  -- development sites")
    print(render_table(developed))
    for line in result.errors:
        if split_of_error(line) != "held-out":
            print("  error:", line)
    print("  -- held-out sites: totals only (looking at their reports would make them development)")
    held_errors = sum(1 for line in result.errors if split_of_error(line) == "held-out")
    if held_errors:
        print(f"  {held_errors} held-out report(s) could not be scored")
    print(summary_line("development sites", developed))
    print(summary_line("held-out sites", held_out))
    print(gap_line(developed, held_out))
    if unsplit:
        print(f"  not in SOURCES.md/split.yaml, left out: {', '.join(unsplit)}")
    return developed, held_out


def corpus_scores(predictor: Predictor | None = None) -> None:
    """Our invented corpus, scored in-process."""
    print("\n== our invented corpus (casewatch eval tests/corpus --texts tests/corpus)")
    corpus = REPO / "tests" / "corpus"
    result = evaluate(corpus, predictor or extractor_predictor(corpus))
    print(render_table(result))
    for line in result.errors:
        print("  error:", line)
    print_targets(result.summary())
    print()
    parts = {}
    for label, held_out in (("developed on", False), ("held out", True)):
        parts[label] = subset(result, lambda name, h=held_out: (int(name[:3]) >= HELD_OUT_FROM) == h)
        print(summary_line(label, parts[label]))
    print(gap_line(parts["developed on"], parts["held out"]))


def subset(result: Evaluation, keep: Callable[[str], bool]) -> Evaluation:
    """The evaluation of the documents whose names `keep` accepts."""
    part = Evaluation()
    for name, tallies in result.documents:
        if keep(name):
            part.documents.append((name, tallies))
            for metric, tally in tallies.items():
                part.totals[metric].add(tally.tp, tally.fp, tally.fn)
    return part


def throughput(n: int) -> None:
    """Words per second of the extractor, and of spaCy's small English pipeline if installed."""
    print(f"\n== throughput on {n} generated reports (in-process, one core)")
    reports = generate_reports(n, seed=1)
    docs = [Document(path=name, raw=text.encode(), text=text, format="txt") for name, text in reports]
    words = sum(len(text.split()) for _, text in reports)
    for doc in docs[:20]:  # warm-up: imports, compiled patterns, loaded data
        extract_document(doc)
    start = time.perf_counter()
    for doc in docs:
        extract_document(doc)
    elapsed = time.perf_counter() - start
    rate = words / elapsed
    print(f"  casewatch   {rate:10,.0f} words/s  ({words:,} words in {elapsed:.2f} s)  ", end="")
    print(
        verdict(rate, WORDS_PER_SECOND_TARGET).replace(
            f"{WORDS_PER_SECOND_TARGET:g}", f"{WORDS_PER_SECOND_TARGET:,}"
        )
    )
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm")
    except (ImportError, OSError):
        print("  spaCy en_core_web_sm: not installed")
        return
    texts = [text for _, text in reports]
    list(nlp.pipe(texts[:20]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=1):
        pass
    elapsed = time.perf_counter() - start
    print(f"  spaCy sm    {words / elapsed:10,.0f} words/s  ({words:,} words in {elapsed:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300, help="generated reports for throughput (≥ 200)")
    args = parser.parse_args()
    dev_scores()
    parity()
    shared_real_scores()
    real_corpus_scores()
    corpus_scores()
    throughput(max(args.reports, 200))


if __name__ == "__main__":
    main()
