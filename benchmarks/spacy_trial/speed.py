"""Words per second of blank spaCy pipelines beside casewatch's own extractor, on the same texts.

    .venv/bin/python benchmarks/spacy_trial/speed.py [--repeat 3]

Texts: tests/corpus/*.txt (invented) and the development-site reports of tests/corpus/real. Each
variant runs on the English texts with `spacy.blank("en")` and on the Russian ones with
`spacy.blank("ru")`; words are `len(text.split())`, as in benchmarks/extraction.py. Times are CPU
time of this process (`time.process_time`, one core; the machine is shared, so wall time would
measure the neighbours) after a warm-up, the best of --repeat runs.

Variants: the tokenizer alone; the tokenizer and the Russian lemmatizer (pymorphy3); those and a
`Matcher` holding one token pattern per trigger of casewatch/data/lexicon/events.yaml (converted
mechanically, see `trigger_patterns`); casewatch's `extract_document` (the whole extractor).
Nothing is downloaded: blank pipelines only, the lemmatizer's data is pymorphy3's dictionary.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import spacy  # noqa: E402
from reports import CORPUS, REPO, reports  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.matcher import Matcher  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from casewatch.document import Document  # noqa: E402
from casewatch.extract import extract_document  # noqa: E402
from casewatch.extract.lexicon import load  # noqa: E402
from casewatch.extract.sentences import split_sentences  # noqa: E402
from casewatch.ingest import read_path  # noqa: E402

#: a run of optional words: `(?:\w+ ){0,3}`, `(?:[\w-]+ ){0,2}`, `(?:\w+ )?`
_GAP = re.compile(r"\(\?:(?:\\w\+|\[[^\]]+\]\+) \)(?:\{(\d+),(\d+)\}|\?)\??")
#: one optional word out of a few: `(?:a |the )?`, `(?:main )?`
_OPTIONAL = re.compile(r"\(\?:((?:[^()\s|\\]+ \|)*[^()\s|\\]+ )\)\?")
_PLAIN = re.compile(r"^[^\W\d_][\w-]*$")
#: an alternation of plain words: `(?:took|taken|led)`
_WORDS = re.compile(r"^\(\?:[^\W\d_][\w-]*(?:\|[^\W\d_][\w-]*)*\)$")


def split_top(regex: str) -> list[str]:
    """The regex cut at the spaces outside parentheses: one piece per token, roughly."""
    regex = _GAP.sub(lambda m: f" \0GAP{m.group(1) or 0},{m.group(2) or 1} ", regex)
    regex = _OPTIONAL.sub(lambda m: " \0OPT" + m.group(1).replace(" ", "") + " ", regex)
    pieces, depth, cur, escaped = [], 0, "", False
    for ch in regex:
        if escaped:
            cur, escaped = cur + ch, False
            continue
        if ch == "\\":
            cur, escaped = cur + ch, True
            continue
        depth += (ch == "(") - (ch == ")")
        if ch == " " and depth == 0:
            pieces.append(cur)
            cur = ""
        else:
            cur += ch
    return [p for p in [*pieces, cur] if p]


def _compiles(piece: str) -> bool:
    try:
        re.compile(piece)
    except re.error:
        return False
    return True


def trigger_patterns(triggers: dict[str, list[str]]) -> tuple[dict[str, list[list[dict]]], Counter]:
    """One Matcher pattern per trigger regex, and how many tokens each kind of conversion took.

    A plain word becomes {"LOWER": word} (the form a LEMMA pattern would generalise), a list of
    words {"LOWER": {"IN": [...]}}, an optional word {"LOWER": {"IN": [...]}, "OP": "?"}; a gap
    `(?:\\w+ ){0,3}` becomes a wildcard token with "OP": "{0,3}"; anything else stays a regex on one
    token ({"LOWER": {"REGEX": ...}}), which is faithful only when the piece never spans two tokens.
    """
    out: dict[str, list[list[dict]]] = {}
    kinds: Counter = Counter()
    for kind, regexes in triggers.items():
        for regex in regexes:
            pattern: list[dict] = []
            faithful = True
            for piece in split_top(regex):
                if piece.startswith("\0GAP"):
                    pattern.append({"OP": "{" + piece[4:] + "}"})
                    kinds["gap tokens"] += 1
                elif piece.startswith("\0OPT"):
                    pattern.append({"LOWER": {"IN": piece[4:].split("|")}, "OP": "?"})
                    kinds["optional-word tokens"] += 1
                elif _PLAIN.match(piece):
                    pattern.append({"LOWER": piece.lower()})
                    kinds["plain-word tokens"] += 1
                elif _WORDS.match(piece):
                    pattern.append({"LOWER": {"IN": piece[3:-1].lower().split("|")}})
                    kinds["word-list tokens"] += 1
                elif _compiles(piece):
                    pattern.append({"LOWER": {"REGEX": f"^(?:{piece})"}})
                    kinds["regex tokens"] += 1
                    faithful &= not re.search(r" |\\s|\(\?[!=<]|\^|-\?", piece)
                else:  # a piece that is no regex of its own ("?guilty" of "(?:him|her)? ?guilty")
                    kinds["pieces that are no regex alone"] += 1
                    faithful = False
            kinds["triggers"] += 1
            kinds["triggers converted faithfully (by inspection of the pieces)"] += faithful
            out.setdefault(kind, []).append(pattern)
    return out, kinds


def texts() -> dict[str, list[str]]:
    """{language: texts}: tests/corpus/*.txt and the development real reports."""
    by_lang: dict[str, list[str]] = {"en": [], "ru": []}
    language = {r.text_path: r.language for r in reports()}
    paths = sorted(CORPUS.glob("*.txt")) + [r.text_path for r in reports("dev") if r.kind == "real"]
    for path in paths:
        text = read_path(path)[0].text
        lang = language.get(path) or ("ru" if len(re.findall("[а-яё]", text, re.I)) > len(text) / 4 else "en")
        by_lang["ru" if lang == "ru" else "en"].append(text)
    return by_lang


def equality(pattern: list[dict], attr: str) -> list[dict]:
    """The pattern with every regex token turned into an equality test (LOWER or LEMMA == a word).

    What a lexicon migrated from stems (`задержа\\w*`) to lemmas (`задержать`) would cost the Matcher.
    """
    out = []
    for token in pattern:
        value = token.get("LOWER")
        if isinstance(value, dict) and "REGEX" in value:
            token = {attr: re.sub(r"\W", "", value["REGEX"]) or "x"}
        out.append(token)
    return out


@Language.component("cached_lemmas")
def cached_lemmas(doc: Doc) -> Doc:
    """Russian lemmas from pymorphy3's first parse, cached per word (no part of speech to choose by)."""
    for token in doc:
        token.lemma_ = cached_lemma(token.lower_)
    return doc


@lru_cache(maxsize=200_000)
def cached_lemma(word: str) -> str:
    return _morph().parse(word)[0].normal_form


@lru_cache(maxsize=1)
def _morph():  # noqa: ANN202
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def fidelity(
    nlp: spacy.language.Language, matcher: Matcher, triggers: dict[str, list[str]], batch: list[str]
) -> Counter:
    """Sentence × event type pairs where the trigger regexes fire, where the Matcher fires, and both."""
    regexes = {k: re.compile(r"(?<!\w)(?:" + "|".join(v) + ")", re.I) for k, v in triggers.items()}
    tally: Counter = Counter()
    for text in batch:
        doc = nlp(text)
        spans = split_sentences(text)
        found = [set() for _ in spans]
        for match_id, start, _ in matcher(doc):
            at = doc[start].idx
            for i, (a, b) in enumerate(spans):
                if a <= at < b:
                    found[i].add(nlp.vocab.strings[match_id])
        for (a, b), by_matcher in zip(spans, found, strict=True):
            by_regex = {k for k, rx in regexes.items() if rx.search(text[a:b])}
            tally["regex"] += len(by_regex)
            tally["matcher"] += len(by_matcher)
            tally["both"] += len(by_regex & by_matcher)
    return tally


def rate(run: Callable[[list[str]], None], batch: list[str], repeat: int) -> float:
    """Words per CPU second of `run` over the batch: warm-up, then the best of `repeat` runs."""
    words = sum(len(t.split()) for t in batch)
    run(batch[:5])
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run(batch)
        best = min(best, time.process_time() - start)
    return words / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    by_lang = texts()
    patterns, kinds = trigger_patterns(load("events")["triggers"])
    print("== trigger lexicon as Matcher patterns (casewatch/data/lexicon/events.yaml)")
    for k, v in kinds.items():
        print(f"  {k:62} {v}")

    def pipeline(lang: str, lemmas: bool | str) -> spacy.language.Language:
        nlp = spacy.blank(lang)
        if lemmas == "cached" and lang == "ru":
            nlp.add_pipe("cached_lemmas")
        elif lemmas and lang == "ru":
            nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
            nlp.initialize()
        return nlp

    def make_matcher(nlp: spacy.language.Language, equality_only: bool = False) -> Matcher:
        matcher = Matcher(nlp.vocab)
        for kind, pats in patterns.items():
            attr = "LEMMA" if nlp.lang == "ru" else "LOWER"
            matcher.add(kind, [equality(p, attr) for p in pats] if equality_only else pats)
        return matcher

    print("\n== does the converted Matcher fire where the regexes fire? (sentence × event type pairs)")
    for lang, batch in by_lang.items():
        nlp = pipeline(lang, True)
        t = fidelity(nlp, make_matcher(nlp), load("events")["triggers"], batch)
        print(
            f"  {lang}: regexes {t['regex']}, Matcher {t['matcher']}, both {t['both']} "
            f"(Matcher finds {t['both'] / max(t['regex'], 1):.0%} of the regexes' pairs, "
            f"{t['both'] / max(t['matcher'], 1):.0%} of its own are theirs)"
        )

    def with_matcher(
        nlp: spacy.language.Language, equality_only: bool = False
    ) -> Callable[[list[str]], None]:
        matcher = make_matcher(nlp, equality_only)

        def run(batch: list[str]) -> None:
            for doc in nlp.pipe(batch):
                matcher(doc)

        return run

    def consume(nlp: spacy.language.Language) -> Callable[[list[str]], None]:
        return lambda batch: [None for _ in nlp.pipe(batch)] and None

    def ours(batch: list[str]) -> None:
        for text in batch:
            extract_document(Document(path="t.txt", raw=text.encode(), text=text, format="txt"))

    print(f"\n== words per CPU second (best of {args.repeat}; spaCy {spacy.__version__})")
    for lang, batch in by_lang.items():
        words = sum(len(t.split()) for t in batch)
        print(f"  -- {lang}: {len(batch)} texts, {words:,} words")
        variants: list[tuple[str, Callable[[list[str]], None]]] = [
            ("spaCy blank tokenizer", consume(pipeline(lang, False))),
        ]
        if lang == "ru":
            variants.append(("spaCy tokenizer + lemmatizer (pymorphy3)", consume(pipeline(lang, True))))
        label = f"spaCy tokenizer{' + lemmatizer' if lang == 'ru' else ''} + Matcher"
        variants.append((label, with_matcher(pipeline(lang, True))))
        variants.append(
            (
                "  the same, regex tokens as equality tests (migrated)",
                with_matcher(pipeline(lang, "cached"), equality_only=True),
            )
        )
        if lang == "ru":
            cached = consume(pipeline(lang, "cached"))
            variants.insert(2, ("spaCy tokenizer + pymorphy3 lemmas cached per word", cached))
        variants.append(("casewatch extract_document (whole extractor)", ours))
        for label, run in variants:
            print(f"  {label:52} {rate(run, batch, args.repeat):10,.0f} words/s")
    print(f"\n(repository: {REPO})")


if __name__ == "__main__":
    main()
