"""The evaluation metrics on hand-made gold/prediction pairs, the eval command and the test corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casewatch.cli import app
from casewatch.errors import CasewatchError
from casewatch.evaluate import (
    HEADLINE,
    METRICS,
    Tally,
    align_names,
    article_key,
    directory_predictor,
    evaluate,
    name_similarity,
    name_tokens,
    render_table,
    score_record,
)

CORPUS = Path(__file__).parent / "corpus"


def person(pid: str, name: str, side: str = "target", *roles: str) -> dict:
    return {"id": pid, "name": name, "side": side, "roles": list(roles)}


# --- tallies ---------------------------------------------------------------------------------


def test_tally_precision_recall_f1():
    t = Tally(tp=3, fp=1, fn=2)
    assert t.precision == pytest.approx(0.75)
    assert t.recall == pytest.approx(0.6)
    assert t.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


@pytest.mark.parametrize(
    ("tally", "p", "r", "f"),
    [
        (Tally(), 1.0, 1.0, 1.0),  # nothing expected, nothing predicted: perfect
        (Tally(fp=2), 0.0, 1.0, 0.0),
        (Tally(fn=2), 0.0, 0.0, 0.0),
    ],
)
def test_tally_empty_cases(tally, p, r, f):
    assert (tally.precision, tally.recall, tally.f1) == (p, r, f)


# --- names -----------------------------------------------------------------------------------


def test_name_tokens_fold_case_accents_and_punctuation():
    assert name_tokens("Róża THUN-und Hohenstein") == ["roza", "thun", "und", "hohenstein"]
    assert name_tokens("ҚОЖАХМЕТОВА Әсел") == ["қожахметова", "әсел"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kuandyk Kumekbayev", "KUMEKBAYEV Kuandyk"),  # order and case
        ("Bolat Seitovich Pazylov", "PAZYLOV Bolat Seitovich"),
        ("A. Baypakov", "BAYPAKOV A."),  # an initial
        ("D. Zholdasbekov", "Dauren Zholdasbekov"),  # an initial stands for the given name
        ("Bekizhan Mendygaziyev", "Bekizhan Mendygazyev"),  # transliteration variants
        ("Yerlan Kaliyev", "Erlan Kaliev"),
        ("Petras Austrevicius", "Petras AUŠTREVIČIUS"),
    ],
)
def test_same_person_spelled_differently(a, b):
    assert name_similarity(a, b) >= 0.8


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kumekbayev", "Kuandyk Kumekbayev"),  # a lone surname is not a full name
        ("A. B.", "Aigul Baimukhan"),  # initials alone never match
        ("Askar Mukhtarov", "Bolat Mukhtarov"),  # same surname, different person
        ("Aliya Zhakupova", "Asel Kozhakhmetova"),
        ("", "Aliya Zhakupova"),
    ],
)
def test_different_or_incomplete_names(a, b):
    assert name_similarity(a, b) < 0.8


def test_align_names_is_one_to_one_best_first():
    gold = ["Erik Mendygaziyev", "Arman Mendygaziyev"]
    pred = ["Arman MENDYGAZIYEV", "Erik MENDYGAZIYEV", "Arman Mendygazyev"]
    assert align_names(gold, pred) == {0: 1, 1: 0}


def test_single_given_names_match_each_other():
    assert align_names(["Almas"], ["Almas", "Kuandyk Kumekbayev"]) == {0: 0}


# --- articles --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("405.2", ("405", "2")),
        ("200", ("200", None)),
        ({"code": "KZ-CC", "article": "405", "part": "2"}, ("405", "2")),
        ({"code": "KZ-CC", "article": 200, "part": None}, ("200", None)),
        ({"code": "BY-CC", "article": "361-1", "part": ""}, ("361-1", None)),
    ],
)
def test_article_key(value, key):
    assert article_key(value) == key


def test_articles_scored_by_article_and_part_not_code():
    gold = {"articles": [{"code": "KZ-CC", "article": "405", "part": "2"}, {"article": "174", "part": "1"}]}
    pred = {"articles": [{"code": "KZ-AC", "article": "405", "part": "2"}, {"article": "174", "part": None}]}
    t = score_record(gold, pred)["articles"]
    assert (t.tp, t.fp, t.fn) == (1, 1, 1)


# --- persons, side, roles --------------------------------------------------------------------


def test_persons_optional_gold_person_neither_required_nor_wrong():
    gold = {
        "persons": [
            {"name": "Venera Mukhamadiyanova", "side": "target", "roles": ["relative"]},
            {"name": "Almas", "side": "perpetrator", "roles": ["security_officer"], "optional": True},
        ]
    }
    found = score_record(gold, {"persons": [person("P1", "MUKHAMADIYANOVA Venera"), person("P2", "Almas")]})
    missed = score_record(gold, {"persons": [person("P1", "Venera Mukhamadiyanova")]})
    for t in (found, missed):
        assert (t["persons"].tp, t["persons"].fp, t["persons"].fn) == (1, 0, 0)


def test_side_and_perpetrator_roles_scored_on_aligned_persons():
    gold = {
        "persons": [
            {"name": "Bolat Seitovich Pazylov", "side": "perpetrator", "roles": ["judge"]},
            {"name": "Kuandyk Kumekbayev", "side": "target", "roles": ["activist"]},
            {"name": "Bakhyt Tulebayeva", "side": None, "roles": []},
        ]
    }
    pred = {
        "persons": [
            person("P1", "PAZYLOV Bolat Seitovich", "perpetrator", "judge", "official"),
            person("P2", "Kuandyk KUMEKBAYEV", "other", "activist"),
            person("P3", "Bakhyt TULEBAYEVA", "target"),
            person("P4", "Gizat Kazhybayev", "perpetrator", "investigator"),
        ]
    }
    t = score_record(gold, pred)
    assert (t["persons"].tp, t["persons"].fp, t["persons"].fn) == (3, 1, 0)
    # a gold person without a side is not scored for side
    assert (t["side"].tp, t["side"].fp, t["side"].fn) == (1, 0, 1)
    # "official" is extra on the judge; the unaligned investigator's role is a false positive
    assert (t["perpetrator_roles"].tp, t["perpetrator_roles"].fp, t["perpetrator_roles"].fn) == (1, 2, 0)


# --- events ----------------------------------------------------------------------------------

GOLD_EVENTS = {
    "persons": [
        {"name": "Aibek Sabitov", "side": "target", "roles": []},
        {"name": "Berik Nogayev", "side": "target", "roles": []},
    ],
    "events": [
        {"type": "hearing", "date": "2021-05-06", "time": "09:15", "persons": ["Aibek Sabitov"]},
        {"type": "hearing", "date": "2021-05-06", "time": "14:30", "persons": ["Berik Nogayev"]},
        {"type": "advocacy", "date": None, "persons": []},
        {"type": "verdict", "date": "2019", "persons": ["Berik Nogayev"]},
    ],
}
PRED_PERSONS = [person("P1", "Aibek SABITOV"), person("P2", "Berik NOGAYEV")]


def test_events_match_by_type_date_and_a_shared_person():
    pred = {
        "persons": PRED_PERSONS,
        "events": [
            {"type": "hearing", "date": "2021-05-06", "time": "14:30", "persons": ["P2"]},
            {"type": "hearing", "date": "2021-05-06", "time": "09:15", "persons": ["P1"]},
            {"type": "advocacy", "date": "2021-02-11", "persons": ["P1"]},  # gold date null: any date
            {"type": "verdict", "date": "2019-10-01", "persons": ["P2"]},  # year precision: prefix
        ],
    }
    t = score_record(GOLD_EVENTS, pred)
    assert (t["events"].tp, t["events"].fp, t["events"].fn) == (4, 0, 0)
    assert (t["hearings_exact"].tp, t["hearings_exact"].fp, t["hearings_exact"].fn) == (2, 0, 0)


def test_events_with_wrong_date_person_or_type_do_not_match():
    pred = {
        "persons": PRED_PERSONS,
        "events": [
            {"type": "hearing", "date": "2021-05-07", "time": "09:15", "persons": ["P1"]},  # date
            {"type": "hearing", "date": "2021-05-06", "time": "14:30", "persons": []},  # no shared person
            {"type": "charge", "date": None, "persons": []},  # type
            {"type": "verdict", "date": None, "persons": ["P2"]},  # gold has a date, pred none
        ],
    }
    t = score_record(GOLD_EVENTS, pred)
    assert (t["events"].tp, t["events"].fp, t["events"].fn) == (0, 4, 4)
    assert (t["hearings_exact"].tp, t["hearings_exact"].fp, t["hearings_exact"].fn) == (0, 2, 2)


def test_hearing_with_wrong_time_counts_but_is_not_exact():
    pred = {
        "persons": PRED_PERSONS,
        "events": [{"type": "hearing", "date": "2021-05-06", "time": "09:00", "persons": ["P1"]}],
    }
    t = score_record(GOLD_EVENTS, pred)
    assert t["events"].tp == 1
    assert (t["hearings_exact"].tp, t["hearings_exact"].fp, t["hearings_exact"].fn) == (0, 1, 2)


def test_event_perpetrators_and_organisations_resolve_by_id():
    gold = {
        "persons": [{"name": "Karim Massimov", "side": "perpetrator", "roles": ["official"]}],
        "events": [
            {"type": "sanction_call", "date": None, "persons": [], "perpetrators": ["Karim Massimov"]}
        ],
    }
    pred = {
        "persons": [person("P7", "Karim MASSIMOV", "perpetrator", "official")],
        "events": [{"type": "sanction_call", "date": None, "persons": [], "perpetrators": ["P7"]}],
    }
    assert score_record(gold, pred)["events"].tp == 1


# --- relations -------------------------------------------------------------------------------


def test_relations_match_by_type_and_ends_in_either_order():
    gold = {
        "persons": [
            {"name": "Venera Mukhamadiyanova", "side": "target", "roles": []},
            {"name": "Yerdembek Zarkumkanov", "side": "target", "roles": []},
            {"name": "Aliya Zhakupova", "side": "target", "roles": []},
        ],
        "relations": [
            {
                "type": "family",
                "subtype": "wife",
                "a": "Venera Mukhamadiyanova",
                "b": "Yerdembek Zarkumkanov",
            },
            {"type": "member", "a": "Aliya Zhakupova", "b": "Veritas"},
            {"type": "colleague", "a": "Aliya Zhakupova", "b": "Venera Mukhamadiyanova"},
        ],
    }
    pred = {
        "persons": [
            person("P1", "ZARKUMKANOV Yerdembek"),
            person("P2", "MUKHAMADIYANOVA Venera"),
            person("P3", "Alia ZHAKUPOVA"),
        ],
        "organizations": [{"id": "O1", "name": "«Veritas»"}],
        "relations": [
            {"type": "family", "subtype": "husband", "a": "P1", "b": "P2"},  # subtype is not scored
            {"type": "member", "a": "P3", "b": "O1"},
            {"type": "family", "subtype": "relative", "a": "P3", "b": "P2"},  # wrong type
        ],
    }
    t = score_record(gold, pred)["relations"]
    assert (t.tp, t.fp, t.fn) == (2, 1, 1)


# --- folders, predictors and the command -----------------------------------------------------


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def gold_and_pred(tmp_path: Path) -> tuple[Path, Path]:
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    gold = {
        "persons": [{"name": "Aibek Sabitov", "side": "target", "roles": ["activist"]}],
        "articles": [{"code": "KZ-CC", "article": "405", "part": "2"}],
        "events": [{"type": "hearing", "date": "2021-05-06", "time": "09:15", "persons": ["Aibek Sabitov"]}],
        "relations": [],
    }
    write_json(gold_dir / "a.json", gold)
    write_json(gold_dir / "b.json", gold)
    write_json(
        pred_dir / "a.json",
        {
            "persons": [person("P1", "Aibek SABITOV", "target", "activist")],
            "articles": [{"code": "KZ-CC", "article": "405", "part": "2"}],
            "events": [{"type": "hearing", "date": "2021-05-06", "time": "09:15", "persons": ["P1"]}],
        },
    )
    return gold_dir, pred_dir


def test_evaluate_folder_totals_and_missing_prediction(gold_and_pred):
    gold_dir, pred_dir = gold_and_pred
    result = evaluate(gold_dir, directory_predictor(pred_dir))
    assert [name for name, _ in result.documents] == ["a", "b"]
    assert result.documents[0][1]["persons"].f1 == 1.0
    assert result.documents[1][1]["persons"].fn == 1  # no prediction scores as an empty record
    assert result.errors == [f"b: {pred_dir / 'b.json'}: no prediction"]
    assert result.totals["persons"].recall == 0.5
    summary = result.summary()
    assert set(METRICS) <= set(summary)
    assert summary["score"] == round(sum(result.totals[m].f1 for m in HEADLINE) / len(HEADLINE), 3)
    table = render_table(result)
    assert table.splitlines()[0].split()[0] == "doc"
    assert "score" in table.splitlines()[-1]


def test_evaluate_bad_gold_is_reported_and_skipped(gold_and_pred):
    gold_dir, pred_dir = gold_and_pred
    (gold_dir / "c.json").write_text("{not json", encoding="utf-8")
    result = evaluate(gold_dir, directory_predictor(pred_dir))
    assert len(result.documents) == 2
    assert any(e.startswith("c.json: unreadable gold record") for e in result.errors)


def test_evaluate_predictor_crash_is_one_error(gold_and_pred):
    gold_dir, _ = gold_and_pred

    def crash(path, gold):
        raise RuntimeError("boom")

    result = evaluate(gold_dir, crash)
    assert result.errors == ["a: RuntimeError: boom", "b: RuntimeError: boom"]
    assert result.totals["persons"].fn == 2


def test_evaluate_refuses_a_missing_or_empty_folder(tmp_path):
    with pytest.raises(CasewatchError, match="not a folder"):
        evaluate(tmp_path / "nope", directory_predictor(tmp_path))
    with pytest.raises(CasewatchError, match="no \\*.json gold records"):
        evaluate(tmp_path, directory_predictor(tmp_path))


def test_eval_command_json_and_table(gold_and_pred):
    gold_dir, pred_dir = gold_and_pred
    runner = CliRunner()
    out = runner.invoke(app, ["eval", str(gold_dir), "--pred", str(pred_dir), "--json"])
    assert out.exit_code == 0
    summary = json.loads(out.stdout)
    assert summary["persons"] == {"p": 1.0, "r": 0.5, "f1": 0.667}
    assert summary["documents"] == 2
    table = runner.invoke(app, ["eval", str(gold_dir), "--pred", str(pred_dir)])
    assert table.exit_code == 0
    assert table.stdout.splitlines()[1].startswith("a ")


def test_eval_command_needs_exactly_one_source(gold_and_pred):
    gold_dir, pred_dir = gold_and_pred
    out = CliRunner().invoke(app, ["eval", str(gold_dir)])
    assert out.exit_code == 1
    assert "--texts" in out.stderr


def test_eval_command_missing_folder_is_one_line(tmp_path):
    out = CliRunner().invoke(app, ["eval", str(tmp_path / "nope"), "--pred", str(tmp_path)])
    assert out.exit_code == 1
    assert out.stderr.strip() == f"casewatch: error: {tmp_path / 'nope'}: not a folder of gold records"


def test_eval_command_missing_text_is_reported_per_document(gold_and_pred, tmp_path):
    gold_dir, _ = gold_and_pred
    out = CliRunner().invoke(app, ["eval", str(gold_dir), "--texts", str(tmp_path / "texts"), "--json"])
    assert out.exit_code == 0
    assert json.loads(out.stdout)["errors"] == [
        f"a: {tmp_path / 'texts' / 'a.txt'}: no report text",
        f"b: {tmp_path / 'texts' / 'b.txt'}: no report text",
    ]


def test_eval_command_runs_the_extractor_on_each_gold_text(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "report.txt").write_text(
        "On 3 May 2021, police detained civil activist Daulet SEITKHAN in Almaty.\n", encoding="utf-8"
    )
    gold = {"source": {"path": "report.txt"}, "persons": [{"name": "Daulet Seitkhan", "side": "target"}]}
    write_json(tmp_path / "r.json", gold)
    out = CliRunner().invoke(app, ["eval", str(tmp_path), "--texts", str(texts), "--json"])
    assert out.exit_code == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["errors"] == [] and summary["documents"] == 1
    assert summary["persons"]["f1"] == 1.0  # the gold's text was read via source.path and extracted


# --- the annotated corpus --------------------------------------------------------------------

SIDES = {"target", "perpetrator", "other", None}
ROLES = {
    "political_prisoner", "activist", "human_rights_defender", "journalist", "relative", "colleague",
    "defendant", "suspect", "judge", "investigator", "prosecutor", "security_officer", "police_officer",
    "official", "lawyer", "advocate", "addressee", "opposition_figure", "deceased",
}  # fmt: skip
EVENT_TYPES = {
    "arrest", "restraint", "charge", "search", "interrogation", "hearing", "verdict", "pressure",
    "ill_treatment", "assembly_denied", "ban", "advocacy", "sanction_call",
}  # fmt: skip
OUTCOMES = {"imprisonment", "probation", "restricted_freedom", "fine", "acquittal", "upheld", "other"}
RELATIONS = {"family", "colleague", "member", "employee", "founder"}
CORPUS_GOLD = sorted(CORPUS.glob("*.json"))


def test_corpus_is_large_and_bilingual():
    languages = [json.loads(p.read_text(encoding="utf-8"))["source"]["language"] for p in CORPUS_GOLD]
    assert len(CORPUS_GOLD) >= 20
    assert languages.count("ru") >= 5


@pytest.mark.parametrize("path", CORPUS_GOLD, ids=lambda p: p.stem)
def test_corpus_gold_follows_the_record_vocabularies(path: Path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert (CORPUS / gold["source"]["path"]).exists()
    names = {p["name"] for p in gold["persons"]}
    orgs = set(gold["organizations"])
    assert len(names) == len(gold["persons"])
    for p in gold["persons"]:
        assert p["side"] in SIDES and set(p["roles"]) <= ROLES, p
        assert p["name"].isascii() or p.get("optional"), p  # names are transliterated
    for e in gold["events"]:
        assert e["type"] in EVENT_TYPES, e
        assert set(e["persons"]) | set(e.get("perpetrators", [])) <= names, e
        assert set(e.get("organizations", [])) <= orgs, e
        assert e.get("outcome") in OUTCOMES | {None}, e
        assert e.get("status") in {"scheduled", "held", None}, e
        assert (e["type"] == "verdict") == ("outcome" in e), e
    for r in gold["relations"]:
        assert r["type"] in RELATIONS and {r["a"], r["b"]} <= names | orgs, r
