"""Score extraction records against hand-annotated gold records.

The metrics are those of the project's evaluation: persons are aligned by name (order,
case, accents, initials and small spelling differences do not matter), events match by
type, date and at least one shared person, relations by type and both ends. The headline
score is the mean F1 of persons, side, articles, events and relations.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from casewatch.errors import CasewatchError

#: roles that make a person an agent of the state; scored as their own metric
PERPETRATOR_ROLES = frozenset(
    {"judge", "investigator", "prosecutor", "security_officer", "police_officer", "official"}
)
#: every metric, in the order of the printed table
METRICS = (
    "persons",
    "side",
    "perpetrator_roles",
    "articles",
    "events",
    "hearings_exact",
    "relations",
    "organizations",
    "locations",
)
#: the metrics whose F1 is averaged into the headline score
HEADLINE = ("persons", "side", "articles", "events", "relations")

PERSON_THRESHOLD = 0.8
ENTITY_THRESHOLD = 0.75
_NOT_NAME = re.compile(r"[^a-z0-9а-яёәғқңөұүһі ]+")

Record = dict[str, Any]
#: given a gold file and its record, the predicted record (None when there is none)
Predictor = Callable[[Path, Record], Record | None]


@dataclass
class Tally:
    """True positives, false positives and false negatives of one metric."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        """Count more outcomes."""
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def new_tallies() -> dict[str, Tally]:
    """One empty Tally per metric."""
    return {m: Tally() for m in METRICS}


# --- names -----------------------------------------------------------------------------------


def name_tokens(name: str | None) -> list[str]:
    """Lower-case tokens of a name with accents and punctuation removed (Cyrillic kept)."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_NAME.sub(" ", plain.lower()).split()


def token_similarity(a: str, b: str) -> float:
    """1.0 for an initial and a word it starts, else the difflib ratio of the two tokens."""
    if len(a) <= 2 and a.rstrip(".")[:1] == b[:1]:
        return 1.0
    if len(b) <= 2 and b.rstrip(".")[:1] == a[:1]:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def name_similarity(a: str, b: str) -> float:
    """How alike two names are, 0..1, ignoring word order; a lone word never matches a full name."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return 0.0
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1 and len(long_) > 1 and len(short[0]) > 2:
        return 0.0
    used: set[int] = set()
    total, full_words = 0.0, 0
    # whole words pick their partners before initials do
    for token in sorted(short, key=len, reverse=True):
        best, best_i = 0.0, None
        for i, other in enumerate(long_):
            if i in used:
                continue
            s = token_similarity(token, other)
            if s > best or (s == best and best_i is not None and len(other) > len(long_[best_i])):
                best, best_i = s, i
        if best_i is None or best < 0.75:
            return 0.0
        used.add(best_i)
        total += best
        full_words += len(token) > 2 and len(long_[best_i]) > 2
    if not full_words:
        return 0.0  # initials alone never make two names the same
    return total / len(short)


def align_names(gold: list[str], pred: list[str], threshold: float = PERSON_THRESHOLD) -> dict[int, int]:
    """Greedy one-to-one pairing of names, most similar first: {gold index: pred index}."""
    pairs = sorted(
        ((name_similarity(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
        reverse=True,
    )
    out: dict[int, int] = {}
    taken: set[int] = set()
    for sim, gi, pi in pairs:
        if sim >= threshold and gi not in out and pi not in taken:
            out[gi] = pi
            taken.add(pi)
    return out


def names_of(items: Iterable[Any] | None) -> list[str]:
    """Names from a list of strings or of dicts with a `name`."""
    return [i if isinstance(i, str) else i.get("name", "") for i in items or []]


# --- articles and dates ----------------------------------------------------------------------


def article_key(value: str | dict) -> tuple[str, str | None]:
    """(article, part) of an article dict or an "ARTICLE.PART" string; part None when absent."""
    if isinstance(value, str):
        article, _, part = value.partition(".")
        return article.strip(), part.strip() or None
    part = value.get("part")
    return str(value.get("article", "")).strip(), (str(part).strip() if part not in (None, "") else None)


def date_matches(gold_event: dict, pred_event: dict) -> bool:
    """True when the gold event has no date, or the predicted date starts with it."""
    gold_date = gold_event.get("date")
    if not gold_date:
        return True
    return bool(pred_event.get("date")) and str(pred_event["date"]).startswith(gold_date)


# --- one record ------------------------------------------------------------------------------


def score_record(gold: Record, pred: Record, tallies: dict[str, Tally] | None = None) -> dict[str, Tally]:
    """Add the outcomes of one predicted record against its gold record to `tallies`."""
    t = tallies if tallies is not None else new_tallies()
    resolve = _score_persons(gold, pred, t)
    gold_articles = {article_key(a) for a in gold.get("articles", [])}
    pred_articles = {article_key(a) for a in pred.get("articles", []) or []}
    t["articles"].add(
        len(gold_articles & pred_articles),
        len(pred_articles - gold_articles),
        len(gold_articles - pred_articles),
    )
    for key in ("organizations", "locations"):
        g, p = names_of(gold.get(key)), names_of(pred.get(key))
        matched = len(align_names(g, p, ENTITY_THRESHOLD))
        t[key].add(matched, len(p) - matched, len(g) - matched)
    _score_events(gold, pred, resolve, t)
    _score_relations(gold, pred, resolve, t)
    return t


def _score_persons(gold: Record, pred: Record, t: dict[str, Tally]) -> Callable[[Any], str]:
    """Score persons, side and perpetrator roles; return a resolver of predicted ids to gold names."""
    gold_persons = gold.get("persons", [])
    pred_persons = pred.get("persons", []) or []
    pairs = align_names([p["name"] for p in gold_persons], [p.get("name", "") for p in pred_persons])
    optional = sum(1 for gi in pairs if gold_persons[gi].get("optional"))
    missed = sum(1 for gi, p in enumerate(gold_persons) if gi not in pairs and not p.get("optional"))
    t["persons"].add(len(pairs) - optional, len(pred_persons) - len(pairs), missed)
    for gi, pi in pairs.items():
        g, p = gold_persons[gi], pred_persons[pi]
        if g.get("side"):
            same = p.get("side") == g["side"]
            t["side"].add(tp=int(same), fn=int(not same))
        g_roles = set(g.get("roles", [])) & PERPETRATOR_ROLES
        p_roles = set(p.get("roles", []) or []) & PERPETRATOR_ROLES
        t["perpetrator_roles"].add(len(g_roles & p_roles), len(p_roles - g_roles), len(g_roles - p_roles))
    aligned = set(pairs.values())
    for pi, p in enumerate(pred_persons):
        if pi not in aligned:
            t["perpetrator_roles"].add(fp=len(set(p.get("roles", []) or []) & PERPETRATOR_ROLES))

    names = {
        pred_persons[pi]["id"]: gold_persons[gi]["name"]
        for gi, pi in pairs.items()
        if pred_persons[pi].get("id") is not None
    }
    orgs = {
        o.get("id"): o.get("name", "") for o in pred.get("organizations", []) or [] if isinstance(o, dict)
    }

    def resolve(ref: Any) -> str:
        if ref in names:
            return names[ref]
        if ref in orgs:
            return orgs[ref]
        return str(ref)

    return resolve


def _score_events(gold: Record, pred: Record, resolve: Callable[[Any], str], t: dict[str, Tally]) -> None:
    """Match each gold event to the first unused predicted event of its type, date and persons."""
    pred_events = pred.get("events", []) or []
    used: set[int] = set()
    for ge in gold.get("events", []):
        wanted = set(ge.get("persons", []) + ge.get("perpetrators", []))
        for k, pe in enumerate(pred_events):
            if k in used or pe.get("type") != ge["type"] or not date_matches(ge, pe):
                continue
            found = {resolve(x) for x in (pe.get("persons", []) or []) + (pe.get("perpetrators", []) or [])}
            if wanted and not wanted & found:
                continue
            used.add(k)
            if ge["type"] == "hearing":
                exact = not ge.get("time") or pe.get("time") == ge["time"]
                t["hearings_exact"].add(int(exact), int(not exact), int(not exact))
            break
        else:
            if ge["type"] == "hearing":
                t["hearings_exact"].add(fn=1)
    hits = len(used)
    t["events"].add(hits, len(pred_events) - hits, len(gold.get("events", [])) - hits)
    t["hearings_exact"].add(
        fp=sum(1 for k, pe in enumerate(pred_events) if pe.get("type") == "hearing" and k not in used)
    )


def relation_keys(gold: Record, pred: Record, resolve: Callable[[Any], str]) -> tuple[set, list]:
    """(gold relation keys, each predicted relation's key): its type and its two ends."""
    gold_keys = {(r.get("type"), frozenset((r.get("a"), r.get("b")))) for r in gold.get("relations") or []}
    pred_keys = [
        (r.get("type"), frozenset((resolve(r.get("a")), resolve(r.get("b")))))
        for r in pred.get("relations") or []
    ]
    return gold_keys, pred_keys


def matched_relations(gold_keys: set, pred_keys: set) -> set:
    """The predicted relation keys a gold relation matches: same type, both ends (organisation names
    fuzzily); each gold relation matches one predicted key at most."""
    left, hit = set(pred_keys), set()
    for g_type, g_ends in sorted(gold_keys, key=repr):
        for p in sorted(left, key=repr):
            p_type, p_ends = p
            if (
                p_type == g_type
                and len(p_ends) == len(g_ends)
                and all(
                    any(x == y or name_similarity(str(x), str(y)) >= ENTITY_THRESHOLD for y in p_ends)
                    for x in g_ends
                )
            ):
                hit.add(p)
                left.discard(p)
                break
    return hit


def _score_relations(gold: Record, pred: Record, resolve: Callable[[Any], str], t: dict[str, Tally]) -> None:
    """Match relations by type and both ends (organisation names fuzzily)."""
    gold_keys, keys = relation_keys(gold, pred, resolve)
    pred_keys = set(keys)
    hits = len(matched_relations(gold_keys, pred_keys))
    t["relations"].add(hits, len(pred_keys) - hits, len(gold_keys) - hits)


# --- a folder of gold records ----------------------------------------------------------------


@dataclass
class Evaluation:
    """The outcome of scoring a folder of gold records."""

    #: (document name, per-metric tallies), in file order
    documents: list[tuple[str, dict[str, Tally]]] = field(default_factory=list)
    totals: dict[str, Tally] = field(default_factory=new_tallies)
    #: one line per document that could not be scored fully ("name: problem")
    errors: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Mean F1 of the headline metrics, micro-averaged over all documents."""
        return sum(self.totals[m].f1 for m in HEADLINE) / len(HEADLINE)

    def summary(self) -> dict[str, Any]:
        """Totals as plain data: {metric: {p, r, f1}}, score and errors."""
        out: dict[str, Any] = {
            m: {
                "p": round(self.totals[m].precision, 3),
                "r": round(self.totals[m].recall, 3),
                "f1": round(self.totals[m].f1, 3),
            }
            for m in METRICS
        }
        out["score"] = round(self.score, 3)
        out["documents"] = len(self.documents)
        out["errors"] = list(self.errors)
        return out


def evaluate(gold_dir: Path | str, predict: Predictor) -> Evaluation:
    """Score `predict`'s record for every `*.json` gold record in `gold_dir`."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise CasewatchError("not a folder of gold records", str(folder))
    result = Evaluation()
    for path in sorted(folder.glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(gold, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            result.errors.append(f"{path.name}: unreadable gold record ({exc})")
            continue
        try:
            pred = predict(path, gold)
        except CasewatchError as exc:
            result.errors.append(f"{path.stem}: {exc}")
            pred = None
        except Exception as exc:  # one failing document never stops the evaluation
            result.errors.append(f"{path.stem}: {type(exc).__name__}: {exc}")
            pred = None
        tallies = score_record(gold, pred if isinstance(pred, dict) else {})
        for m in METRICS:
            result.totals[m].add(tallies[m].tp, tallies[m].fp, tallies[m].fn)
        result.documents.append((path.stem, tallies))
    if not result.documents and not result.errors:
        raise CasewatchError("no *.json gold records", str(folder))
    return result


def text_path(gold_path: Path, gold: Record, texts_dir: Path | str) -> Path:
    """The report a gold record annotates: its `source.path` (or its own stem + .txt) in texts_dir."""
    source = gold.get("source") or {}
    name = source.get("path") if isinstance(source, dict) else None
    return Path(texts_dir) / (name or gold_path.stem + ".txt")


def extractor_predictor(texts_dir: Path | str) -> Predictor:
    """A Predictor running casewatch's own extractor, in-process, on each gold record's text."""
    from casewatch.extract import extract_document
    from casewatch.ingest import read_path

    def predict(gold_path: Path, gold: Record) -> Record | None:
        path = text_path(gold_path, gold, texts_dir)
        if not path.exists():
            raise CasewatchError("no report text", str(path))
        return extract_document(read_path(path)[0])

    return predict


def directory_predictor(pred_dir: Path | str) -> Predictor:
    """A Predictor reading stored records: PRED_DIR/<gold file name>."""

    def predict(gold_path: Path, gold: Record) -> Record | None:
        path = Path(pred_dir) / gold_path.name
        if not path.exists():
            raise CasewatchError("no prediction", str(path))
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise CasewatchError(f"prediction is not JSON ({exc})", str(path)) from exc

    return predict


def render_table(result: Evaluation) -> str:
    """The per-document F1 table, the totals and the headline score, as text."""
    width = max([len(name) for name, _ in result.documents] + [8])
    lines = [" ".join(["doc".ljust(width), *(m[:9].rjust(9) for m in METRICS)])]
    for name, tallies in result.documents:
        lines.append(" ".join([name.ljust(width), *(f"{tallies[m].f1:9.2f}" for m in METRICS)]))
    lines.append("-" * (width + 10 * len(METRICS)))
    for m in METRICS:
        t = result.totals[m]
        lines.append(f"{m:18} P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}")
    lines.append(f"score {result.score:.3f}  (mean F1 of {', '.join(HEADLINE)})")
    return "\n".join(lines)
