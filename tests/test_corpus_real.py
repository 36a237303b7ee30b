"""The real-report corpus (tests/corpus/real): every text is annotated, sourced, split and valid."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from casewatch.data import load_yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
REAL = CORPUS / "real"
VOCAB = load_yaml("vocabularies.yaml")
CODES = set(load_yaml("codes.yaml")["codes"])
TEXTS = sorted(REAL.glob("*.txt"))
GOLDS = sorted(REAL.glob("*.json"))
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}


def source_rows() -> dict[str, dict[str, str]]:
    """SOURCES.md's table rows by file name."""
    rows: dict[str, dict[str, str]] = {}
    header: list[str] | None = None
    for line in (CORPUS / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
        elif not set("".join(cells)) <= set("-: "):
            rows[cells[0]] = dict(zip(header, cells, strict=False))
    return rows


def test_the_real_corpus_has_reports():
    assert len(TEXTS) >= 10
    assert {p.stem for p in TEXTS} == {p.stem for p in GOLDS}


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_every_text_has_gold_source_row_and_split(text: Path):
    assert text.with_suffix(".json").exists(), f"{text.name}: no gold record"
    row = source_rows().get(text.name)
    assert row, f"{text.name}: no row in tests/corpus/SOURCES.md"
    assert row["source"].startswith("http"), f"{text.name}: source is no address"
    sites = yaml.safe_load((REAL / "split.yaml").read_text(encoding="utf-8"))["sites"]
    assert row["site"] in sites, f"{text.name}: site {row['site']} not in split.yaml"
    assert sites[row["site"]] in ("dev", "held-out")
    assert row["split"] == sites[row["site"]], f"{text.name}: SOURCES.md and split.yaml disagree"


def check_event(event: dict, names: set[str], where: str) -> None:
    """An event's type, date, outcome, status, articles and persons."""
    assert event["type"] in VOCAB["event_types"], f"{where}: type {event['type']}"
    date = event.get("date")
    if date is not None:
        assert DATE.match(date), f"{where}: date {date}"
        precision = event.get("date_precision", "day")
        assert precision in VOCAB["date_precisions"], f"{where}: precision {precision}"
        assert len(date) == PRECISION_LENGTH[precision], f"{where}: {date} is not of precision {precision}"
    if event.get("outcome") is not None:
        assert event["outcome"] in VOCAB["outcomes"], f"{where}: outcome {event['outcome']}"
        assert event["type"] == "verdict", f"{where}: an outcome outside a verdict"
    if event.get("status") is not None:
        assert event["status"] in VOCAB["hearing_statuses"], f"{where}: status {event['status']}"
    if event.get("time") is not None:
        assert re.match(r"^\d{2}:\d{2}$", event["time"]), f"{where}: time {event['time']}"
    for article in event.get("articles", []):
        assert re.match(r"^[0-9][0-9.\-]*$", article), f"{where}: article {article}"
    for person in event.get("persons", []) + event.get("perpetrators", []):
        assert person in names, f"{where}: {person} is not a person of the record"


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.stem)
def test_gold_uses_the_record_vocabularies(gold_path: Path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    name = gold_path.name
    assert gold["source"]["path"] == gold_path.with_suffix(".txt").name, f"{name}: source.path"
    assert gold["source"]["language"] in ("en", "ru"), f"{name}: language"
    persons = {p["name"] for p in gold["persons"]}
    assert len(persons) == len(gold["persons"]), f"{name}: a person listed twice"
    for person in gold["persons"]:
        assert not CYRILLIC.search(person["name"]), f"{name}: {person['name']} is not in Latin script"
        assert person.get("side") in (None, *VOCAB["sides"]), f"{name}: side of {person['name']}"
        for role in person.get("roles", []):
            assert role in VOCAB["roles"], f"{name}: role {role} of {person['name']}"
    for article in gold["articles"]:
        assert article["code"] in CODES, f"{name}: code {article['code']}"
        assert str(article["article"])[:1].isdigit(), f"{name}: article {article['article']}"
    orgs = {o if isinstance(o, str) else o["name"] for o in gold["organizations"]}
    for i, event in enumerate(gold["events"]):
        check_event(event, persons, f"{name} event {i + 1}")
    for relation in gold["relations"]:
        assert relation["type"] in VOCAB["relation_types"], f"{name}: relation {relation['type']}"
        if relation["type"] == "family":
            assert relation.get("subtype") in VOCAB["family_subtypes"], f"{name}: subtype {relation}"
        assert relation["a"] in persons, f"{name}: relation end {relation['a']}"
        ends = orgs if VOCAB["relation_types"][relation["type"]]["b"] == "organization" else persons
        assert relation["b"] in ends, f"{name}: relation end {relation['b']}"
