"""The extraction record: to_record, `casewatch extract --json` end to end, and the summary."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from casewatch.extract.analysis import Analysis, ArticleMention, Entity, Event, Relation
from casewatch.extract.record import to_record
from casewatch.outputs.summary import render_summary

TOP_LEVEL = {"source", "persons", "organizations", "locations", "articles", "events", "relations"}
SOURCE = {"path", "sha256", "report_date", "language", "title"}
PERSON = {"id", "name", "aliases", "side", "roles", "mentions"}
ORGANIZATION = {"id", "name", "aliases", "kind", "mentions"}
LOCATION = {"id", "name", "kind", "mentions"}
ARTICLE = {"code", "article", "part", "title", "mentions"}
EVENT = {
    "id",
    "type",
    "date",
    "date_precision",
    "time",
    "status",
    "persons",
    "perpetrators",
    "articles",
    "court",
    "location",
    "outcome",
    "term",
    "evidence",
}
RELATION = {"type", "a", "b", "evidence"}

DIGEST = """Monitoring of political persecution for 10 March 2022

— On 9 March 2022, police in Aktau detained civil activist Daulet ORAZBEKOV at a picket. On the same \
day, investigator Timur Abenov interrogated him for six hours. Orazbekov is a member of the movement \
«Zhana Tolqyn».

— On 14 March at 11:30, the Aktau City Court will hold a hearing in the case of journalist Aigul Temirova, \
charged under Part 1 of Article 274 of the Criminal Code. Her husband Nurlan Temirov was dismissed from work.

— On 4 March 2022, Judge Saule Ibrayeva sentenced activist Kairat ERMEKOV to 2 years of restricted freedom.
"""

RUSSIAN = """Мониторинг нарушений за 10 марта 2022 года

9 марта 2022 года в Шымкенте задержан гражданский активист Ерлан Жакупов. Жакупов отказался от дачи показаний.

Его жена Асель Жакупова сообщила, что сотрудники полиции угрожают семье.
"""

LETTER = """To: H.E. Aidar Serikbayev
Minister of Justice of the Republic of Kazakhstan

Brussels, 10 March 2022

Your Excellency,

We are writing about human rights defender Dana Kenes, who was placed in pre-trial detention for two months \
on 2 March 2022.

We call on the European Union to impose sanctions against judge Marat Bekov and prosecutor Aliya Sagatova.

Sincerely,

Anna Lind, MEP
Jan Novak, MEP
"""


def hand_built() -> Analysis:
    text = (
        "Judge Saule Ibrayeva fined activist Berik Zhanov under Article 488 Part 6 in Aktau; his wife Dana."
    )
    return Analysis(
        text=text,
        path="r.txt",
        sha256="ab" * 32,
        report_date="2022-03-10",
        title="A report",
        language="en",
        sentences=[(0, len(text))],
        articles=[
            ArticleMention(55, 73, "KZ-AC", "488", "6", "Violation of the assembly law"),
            ArticleMention(55, 73, "KZ-AC", "488", "6", "Violation of the assembly law"),
        ],
        persons=[
            Entity("P1", "Saule Ibrayeva", mentions=[(6, 20)], side="perpetrator", roles=["judge"]),
            Entity("P2", "Berik Zhanov", mentions=[(36, 48)], side="target", roles=["activist"]),
            Entity("P3", "Dana", mentions=[(93, 97)], side="target", roles=["relative"]),
        ],
        organizations=[Entity("O1", "Aktau City Court", kind="court", aliases=["the court"])],
        locations=[Entity("L1", "Aktau", kind="city", mentions=[(77, 82)])],
        events=[
            Event(
                "E1",
                "verdict",
                date="2022-03-09",
                date_precision="day",
                persons=["P2"],
                perpetrators=["P1"],
                articles=["488.6"],
                location="L1",
                outcome="fine",
                evidence=[(0, len(text))],
            )
        ],
        relations=[
            Relation("family", "P3", "P2", "wife", [(0, len(text))]),
            Relation("colleague", "P2", "P1", None, [(0, 10)]),
        ],
    )


def test_record_has_the_spec_fields():
    record = to_record(hand_built())
    assert set(record) == TOP_LEVEL
    assert set(record["source"]) == SOURCE
    assert all(set(p) == PERSON for p in record["persons"])
    assert all(set(o) >= ORGANIZATION for o in record["organizations"])
    assert all(set(loc) >= LOCATION for loc in record["locations"])
    assert all(set(a) == ARTICLE for a in record["articles"])
    assert all(set(ev) >= EVENT for ev in record["events"])
    assert all(set(r) >= RELATION for r in record["relations"])


def test_record_values():
    record = to_record(hand_built())
    assert record["source"] == {
        "path": "r.txt",
        "sha256": "ab" * 32,
        "report_date": "2022-03-10",
        "language": "en",
        "title": "A report",
    }
    assert record["persons"][0] == {
        "id": "P1",
        "name": "Saule Ibrayeva",
        "aliases": [],
        "side": "perpetrator",
        "roles": ["judge"],
        "mentions": [[6, 20]],
    }
    assert record["organizations"][0]["aliases"] == ["the court"]
    assert record["organizations"][0]["kind"] == "court"
    assert record["locations"][0]["kind"] == "city"
    event = record["events"][0]
    assert (event["type"], event["outcome"], event["articles"], event["location"]) == (
        "verdict",
        "fine",
        ["488.6"],
        "L1",
    )
    assert event["status"] is None and event["time"] is None and event["term"] is None


def test_record_repeated_article_mentions_merge():
    record = to_record(hand_built())
    assert record["articles"] == [
        {
            "code": "KZ-AC",
            "article": "488",
            "part": "6",
            "title": "Violation of the assembly law",
            "mentions": [[55, 73]],
        }
    ]


def test_record_relation_subtype_only_when_known():
    relations = to_record(hand_built())["relations"]
    assert relations[0] == {"type": "family", "subtype": "wife", "a": "P3", "b": "P2", "evidence": [[0, 98]]}
    assert relations[1] == {"type": "colleague", "a": "P2", "b": "P1", "evidence": [[0, 10]]}


def test_record_is_json():
    record = to_record(hand_built())
    assert json.loads(json.dumps(record)) == record


# ---- end to end: `casewatch extract --json` on reports of our own


def extract_json(tmp_path: Path, name: str, text: str) -> tuple[str, dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "casewatch.cli", "extract", "--json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return path.read_text(encoding="utf-8"), json.loads(result.stdout)


def check_record(text: str, record: dict) -> None:
    """The spec's shape, ids that refer to entries of the same record, and offsets that are the mentions."""
    assert set(record) == TOP_LEVEL
    assert set(record["source"]) == SOURCE
    persons = {p["id"]: p for p in record["persons"]}
    orgs = {o["id"]: o for o in record["organizations"]}
    places = {loc["id"]: loc for loc in record["locations"]}
    for table in (record["persons"], record["organizations"], record["locations"], record["events"]):
        ids = [x["id"] for x in table]
        assert len(ids) == len(set(ids))
    for p in record["persons"]:
        assert set(p) >= PERSON
        spellings = " ".join([p["name"], *p["aliases"]]).lower().split()
        for start, end in p["mentions"]:
            mention = text[start:end]
            assert mention and mention == mention.strip()
            assert all(word in spellings for word in mention.lower().split()), (mention, p)
    for ent in record["organizations"] + record["locations"]:
        for start, end in ent["mentions"]:
            assert text[start:end] in [ent["name"], *ent.get("aliases", [])], (text[start:end], ent)
    for art in record["articles"]:
        for start, end in art["mentions"]:
            assert art["article"] in text[start:end]
    for ev in record["events"]:
        assert set(ev) >= EVENT
        assert set(ev["persons"]) | set(ev["perpetrators"]) <= set(persons)
        assert ev["location"] is None or ev["location"] in places
        for start, end in ev["evidence"]:
            assert 0 <= start < end <= len(text)
    for rel in record["relations"]:
        assert rel["a"] in persons
        assert rel["b"] in persons or rel["b"] in orgs
        for start, end in rel["evidence"]:
            assert 0 <= start < end <= len(text)


@pytest.mark.parametrize(
    ("name", "text"), [("digest.txt", DIGEST), ("ru.txt", RUSSIAN), ("letter.txt", LETTER)]
)
def test_record_cli_json_is_consistent(tmp_path, name, text):
    text, record = extract_json(tmp_path, name, text)
    check_record(text, record)
    assert record["source"]["path"].endswith(name)
    assert record["source"]["report_date"] == "2022-03-10"


def test_record_cli_digest(tmp_path):
    _, record = extract_json(tmp_path, "digest.txt", DIGEST)
    people = {p["name"]: p for p in record["persons"]}
    assert {n: (p["side"], p["roles"]) for n, p in people.items()} == {
        "Daulet Orazbekov": ("target", ["activist"]),
        "Timur Abenov": ("perpetrator", ["investigator"]),
        "Aigul Temirova": ("target", ["journalist", "defendant"]),
        "Nurlan Temirov": ("target", ["relative"]),
        "Saule Ibrayeva": ("perpetrator", ["judge"]),
        "Kairat Ermekov": ("target", ["activist", "defendant"]),
    }
    assert people["Daulet Orazbekov"]["aliases"] == ["Daulet ORAZBEKOV"]
    assert len(people["Daulet Orazbekov"]["mentions"]) == 2
    ids = {p["id"]: n for n, p in people.items()}
    events = {(e["type"], e["date"]): e for e in record["events"]}
    hearing = events[("hearing", "2022-03-14")]
    assert (hearing["time"], hearing["status"], hearing["court"]) == (
        "11:30",
        "scheduled",
        "Aktau City Court",
    )
    assert [ids[i] for i in hearing["persons"]] == ["Aigul Temirova"]
    assert hearing["articles"] == ["274.1"]
    verdict = events[("verdict", "2022-03-04")]
    assert (verdict["outcome"], verdict["term"]) == ("restricted_freedom", "2 years of restricted freedom")
    assert [ids[i] for i in verdict["perpetrators"]] == ["Saule Ibrayeva"]
    assert ("arrest", "2022-03-09") in events
    assert [ids[i] for i in events[("interrogation", "2022-03-09")]["perpetrators"]] == ["Timur Abenov"]
    orgs = {o["id"]: o["name"] for o in record["organizations"]}
    relations = {
        (r["type"], r.get("subtype"), ids[r["a"]], ids.get(r["b"]) or orgs[r["b"]])
        for r in record["relations"]
    }
    assert relations == {
        ("member", None, "Daulet Orazbekov", "Zhana Tolqyn"),
        ("family", "husband", "Nurlan Temirov", "Aigul Temirova"),
    }
    assert [(a["code"], a["article"], a["part"]) for a in record["articles"]] == [("KZ-CC", "274", "1")]
    assert [loc["name"] for loc in record["locations"]] == ["Aktau"]


def test_record_cli_russian(tmp_path):
    _, record = extract_json(tmp_path, "ru.txt", RUSSIAN)
    assert record["source"]["language"] == "ru"
    people = {p["name"]: p for p in record["persons"]}
    assert set(people) == {"Yerlan Zhakupov", "Asel Zhakupova"}
    assert "Ерлан Жакупов" in people["Yerlan Zhakupov"]["aliases"]
    assert len(people["Yerlan Zhakupov"]["mentions"]) == 2
    assert people["Yerlan Zhakupov"]["side"] == "target"
    assert [(e["type"], e["date"]) for e in record["events"] if e["type"] == "arrest"] == [
        ("arrest", "2022-03-09")
    ]
    assert [loc["name"] for loc in record["locations"]] == ["Shymkent"]
    (relation,) = record["relations"]
    ids = {p["id"]: n for n, p in people.items()}
    assert (relation["subtype"], ids[relation["a"]], ids[relation["b"]]) == (
        "wife",
        "Asel Zhakupova",
        "Yerlan Zhakupov",
    )


def test_record_cli_letter(tmp_path):
    _, record = extract_json(tmp_path, "letter.txt", LETTER)
    people = {p["name"]: (p["side"], p["roles"]) for p in record["persons"]}
    assert people == {
        "Aidar Serikbayev": ("other", ["addressee"]),
        "Dana Kenes": ("target", ["human_rights_defender", "defendant"]),
        "Marat Bekov": ("perpetrator", ["judge"]),
        "Aliya Sagatova": ("perpetrator", ["prosecutor"]),
        "Anna Lind": ("other", ["advocate"]),
        "Jan Novak": ("other", ["advocate"]),
    }
    ids = {p["id"]: p["name"] for p in record["persons"]}
    by_type = {e["type"]: e for e in record["events"]}
    assert by_type["restraint"]["term"] == "pre-trial detention, two months"
    assert by_type["restraint"]["date"] == "2022-03-02"
    assert [ids[i] for i in by_type["sanction_call"]["perpetrators"]] == ["Marat Bekov", "Aliya Sagatova"]


def test_record_cli_summary_without_json(tmp_path):
    path = tmp_path / "digest.txt"
    path.write_text(DIGEST, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "casewatch.cli", "extract", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Targets:" in out and "Perpetrators:" in out
    assert "  - Saule Ibrayeva (judge)" in out
    assert "2022-03-14 11:30  hearing [scheduled]: Aigul Temirova; articles 274.1" in out


def test_summary_orders_events_and_names_people():
    record = to_record(hand_built())
    record["events"].append(
        dict(record["events"][0], id="E2", type="arrest", date=None, outcome=None, articles=[])
    )
    record["events"].append(
        dict(record["events"][0], id="E3", type="search", date="2022-01-05", outcome=None)
    )
    lines = render_summary(record).splitlines()
    assert lines[0] == "r.txt  (report date 2022-03-10, en)"
    assert lines[1] == "  A report"
    assert lines[lines.index("Targets:") + 1 :][:2] == ["  - Berik Zhanov (activist)", "  - Dana (relative)"]
    assert "  - Saule Ibrayeva (judge)" in lines
    events = lines[lines.index("Events:") + 1 : lines.index("Articles:")]
    assert events == [
        "  - 2022-01-05  search: Berik Zhanov; by Saule Ibrayeva; articles 488.6",
        "  - 2022-03-09  verdict [fine]: Berik Zhanov; by Saule Ibrayeva; articles 488.6",
        "  - undated  arrest: Berik Zhanov; by Saule Ibrayeva",
    ]
    assert lines[-1] == "  - KZ-AC 488 part 6: Violation of the assembly law"


def test_summary_of_an_empty_record():
    record = to_record(Analysis(text="Nothing happened.", path="empty.txt"))
    assert render_summary(record) == "empty.txt  (report date unknown, ?)"


def test_record_hand_built_offsets_are_the_mentions():
    analysis = hand_built()
    check_record(analysis.text, to_record(analysis))
