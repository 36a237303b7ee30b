"""Reference data: vocabularies.yaml, and the lexicons and lists that may only use its values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casewatch.data import DATA_DIR, load_yaml
from casewatch.document import Document
from casewatch.extract import extract_document
from casewatch.extract.events import DEFENDANT_EVENTS, NEEDS_TARGET, STATEMENT_EVENTS
from casewatch.extract.roles import OTHER_ROLES, PERPETRATOR_ROLES, TARGET_ROLES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "extraction-record.md"

#: what each vocabulary's entries may hold besides label and description
ENTRY_EXTRAS = {"roles": {"side"}, "relation_types": {"b"}}
VOCABULARIES = (
    "sides",
    "roles",
    "event_types",
    "outcomes",
    "hearing_statuses",
    "date_precisions",
    "relation_types",
    "family_subtypes",
    "organization_kinds",
    "location_kinds",
)

#: the top-level keys of each lexicon under casewatch/data/lexicon; a new lexicon file is listed here
LEXICON_KEYS = {
    "abbreviations.yaml": {"abbreviations"},
    "events.yaml": {
        "triggers",
        "lemma_triggers",
        "spoken_of",
        "retold_charge",
        "charge_clause",
        "protagonist_nouns",
        "prison_terms",
        "penalties",
        "scheduled",
        "outcomes",
        "term",
        "restraint_kinds",
    },
    "person_names.yaml": {
        "surname_suffixes",
        "honorifics",
        "ranks",
        "not_name_words",
        "place_heads",
        "titles_after",
        "titles_before",
        "patronymic_links",
    },
    "public_figures.yaml": {"figures"},
    "relative_dates.yaml": {
        "report_offsets",
        "previous_offsets",
        "later",
        "earlier",
        "counts",
        "weekdays",
        "weekday_lead",
        "day_of_month",
    },
    "roles.yaml": {
        "cues",
        "kinship",
        "family_group",
        "married",
        "subject_nouns",
        "colleague",
        "organisation_roles",
    },
}


def vocab(name: str) -> set[str]:
    return set(load_yaml("vocabularies.yaml")[name])


# ---- the vocabularies themselves


def test_vocabularies_has_every_list_and_nothing_else():
    assert set(load_yaml("vocabularies.yaml")) == set(VOCABULARIES)


@pytest.mark.parametrize("name", VOCABULARIES)
def test_vocabularies_entries_have_label_and_one_line_description(name):
    entries = load_yaml("vocabularies.yaml")[name]
    assert entries
    for value, entry in entries.items():
        assert re.fullmatch(r"[a-z_]+", value), value
        assert set(entry) == {"label", "description"} | ENTRY_EXTRAS.get(name, set()), value
        assert isinstance(entry["label"], str) and entry["label"]
        assert isinstance(entry["description"], str) and entry["description"]
        assert "\n" not in entry["description"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sides", {"target", "perpetrator", "other"}),
        (
            "roles",
            {
                "political_prisoner",
                "activist",
                "human_rights_defender",
                "journalist",
                "relative",
                "colleague",
                "defendant",
                "suspect",
                "judge",
                "investigator",
                "prosecutor",
                "security_officer",
                "police_officer",
                "official",
                "lawyer",
                "advocate",
                "addressee",
                "opposition_figure",
                "deceased",
            },
        ),
        (
            "event_types",
            {
                "arrest",
                "restraint",
                "charge",
                "search",
                "interrogation",
                "hearing",
                "verdict",
                "pressure",
                "ill_treatment",
                "assembly_denied",
                "ban",
                "advocacy",
                "sanction_call",
            },
        ),
        (
            "outcomes",
            {"imprisonment", "probation", "restricted_freedom", "fine", "acquittal", "upheld", "other"},
        ),
        ("hearing_statuses", {"scheduled", "held"}),
        ("date_precisions", {"day", "month", "year"}),
        ("relation_types", {"family", "colleague", "member", "employee", "founder"}),
        (
            "family_subtypes",
            {"brother", "sister", "wife", "husband", "son", "daughter", "father", "mother", "relative"},
        ),
    ],
)
def test_vocabularies_are_the_spec_lists(name, expected):
    assert vocab(name) == expected


@pytest.mark.parametrize(
    "name",
    ["sides", "roles", "event_types", "outcomes", "hearing_statuses", "relation_types", "family_subtypes"],
)
def test_vocabularies_every_value_is_in_the_docs(name):
    docs = DOCS.read_text(encoding="utf-8")
    missing = sorted(v for v in vocab(name) if f"`{v}`" not in docs)
    assert not missing, f"{DOCS.name} does not mention {missing}"


def test_vocabularies_role_sides_agree_with_the_roles_component():
    roles = load_yaml("vocabularies.yaml")["roles"]
    assert {r for r, e in roles.items() if e["side"] == "perpetrator"} == PERPETRATOR_ROLES
    assert {r for r, e in roles.items() if e["side"] == "target"} == TARGET_ROLES
    assert {r for r, e in roles.items() if e["side"] == "other"} == OTHER_ROLES
    assert {e["side"] for e in roles.values()} <= vocab("sides") | {None}


def test_vocabularies_relation_targets():
    assert {e["b"] for e in load_yaml("vocabularies.yaml")["relation_types"].values()} == {
        "person",
        "organization",
    }


def test_vocabularies_event_sets_in_code_are_event_types():
    assert vocab("event_types") >= NEEDS_TARGET | DEFENDANT_EVENTS | STATEMENT_EVENTS


# ---- lexicons use only known keys and vocabulary values


def test_lexicons_are_all_known():
    files = {p.name for p in (DATA_DIR / "lexicon").glob("*.yaml")}
    assert files == set(LEXICON_KEYS), "a new lexicon file: list its keys in LEXICON_KEYS"


@pytest.mark.parametrize("name", sorted(LEXICON_KEYS))
def test_lexicons_load_with_known_keys(name):
    data = load_yaml(f"lexicon/{name}")
    assert isinstance(data, dict)
    assert set(data) == LEXICON_KEYS[name]


def test_lexicons_roles_cues():
    sides = vocab("sides")
    roles = vocab("roles")
    seen: dict[str, int] = {}
    for n, entry in enumerate(load_yaml("lexicon/roles.yaml")["cues"]):
        assert set(entry) <= {"cue", "roles", "side", "official_only_for", "weak"}, entry
        assert {"cue", "roles", "side"} <= set(entry), entry
        assert entry["cue"] and all(isinstance(c, str) and c.strip() == c for c in entry["cue"])
        assert entry["roles"] and set(entry["roles"]) <= roles, entry["roles"]
        assert entry["side"] is None or entry["side"] in sides
        assert set(entry.get("official_only_for", [])) <= set(entry["cue"])
        for cue in entry["cue"]:
            assert seen.setdefault(cue.lower(), n) == n, f"cue {cue!r} is listed twice"


def test_lexicons_roles_kinship_and_colleagues():
    data = load_yaml("lexicon/roles.yaml")
    assert set(data["kinship"]) <= vocab("family_subtypes")
    words = [w.lower() for ws in data["kinship"].values() for w in ws] + [
        w.lower() for w in data["colleague"]
    ]
    assert all(isinstance(w, str) and w for w in words)
    assert len(words) == len(set(words)), "a kinship or colleague word is listed twice"


def test_lexicons_public_figures():
    for figure in load_yaml("lexicon/public_figures.yaml")["figures"]:
        assert set(figure) == {"name", "roles"}
        assert len(figure["name"].split()) >= 2
        assert set(figure["roles"]) <= vocab("roles")


def test_lexicons_events():
    data = load_yaml("lexicon/events.yaml")
    assert set(data["triggers"]) == vocab("event_types")
    assert set(data["outcomes"]) <= vocab("outcomes")
    patterns = [p for ps in data["triggers"].values() for p in ps] + data["scheduled"]
    patterns += [p for ps in data["outcomes"].values() for p in ps]
    patterns += [p for ps in data["restraint_kinds"].values() for p in ps] + [data["term"]]
    patterns += [p for ps in data["spoken_of"].values() for p in ps] + data["retold_charge"]
    patterns += data["prison_terms"]
    for pattern in patterns:
        re.compile(pattern)
    assert set(data["lemma_triggers"]) | set(data["spoken_of"]) <= vocab("event_types")
    for lemmas in data["lemma_triggers"].values():
        assert all(isinstance(w, str) and w.strip() and not re.search(r"[\\()\[\]|?*+]", w) for w in lemmas)


def test_lexicons_names():
    names = load_yaml("names/given_names.yaml")  # one list for extraction and linking
    assert all(isinstance(n, str) and n[:1].isupper() for n in names["male"] + names["female"])
    rules = load_yaml("lexicon/person_names.yaml")
    for key in LEXICON_KEYS["person_names.yaml"]:
        assert rules[key] and all(isinstance(w, str) and w for w in rules[key]), key
    translit = load_yaml("names/translit.yaml")  # one table for extraction and linking
    assert all(len(k) == 1 and isinstance(v, str) for k, v in translit["letters"].items())


# ---- organisations and places


def test_organizations_list():
    data = load_yaml("organizations.yaml")
    assert set(data) == {
        "organizations",
        "kind_words",
        "unquoted_kind_words",
        "kind_words_after_name",
        "not_names_before_kind",
        "name_heads",
        "court_words",
        "ru_court_words",
        "abbreviations",
        "abbreviation_links",
        "lead_words",
    }
    kinds = vocab("organization_kinds")
    spellings: dict[str, str] = {}
    for org in data["organizations"]:
        assert set(org) <= {"name", "aliases", "kind"} and {"name", "kind"} <= set(org), org
        assert org["kind"] in kinds, org
        for spelling in {org["name"], *org.get("aliases", [])}:
            assert spellings.setdefault(spelling, org["name"]) == org["name"], (
                f"{spelling!r} names two organisations"
            )
    assert set(data["kind_words"]) <= kinds
    assert set(data["unquoted_kind_words"]) <= kinds
    assert set(data["kind_words_after_name"]) <= kinds
    assert set(data["name_heads"]) <= kinds
    assert set(data["abbreviations"]) <= kinds
    words = data["court_words"] + data["ru_court_words"] + data["lead_words"] + data["not_names_before_kind"]
    assert all(isinstance(w, str) and w for w in words)


def test_places_list():
    data = load_yaml("places.yaml")
    assert set(data) == {"places", "kind_words"}
    kinds = vocab("location_kinds")
    spellings: dict[str, str] = {}
    for place in data["places"]:
        assert set(place) == {"name", "aliases", "kind", "country"}, place
        assert place["kind"] in kinds, place
        assert re.fullmatch(r"[A-Z]{2}", place["country"]), place
        for spelling in {place["name"], *place["aliases"]}:
            assert spellings.setdefault(spelling, place["name"]) == place["name"], (
                f"{spelling!r} names two places"
            )
    assert set(data["kind_words"]) <= kinds


# ---- what the extractor writes stays inside the vocabularies

REPORT = """Monitoring for 10 March 2022

On 9 March 2022, NSC officers searched the home of journalist Aigul Temirova in Aktau and detained her.
On 14 March at 10:00, the Aktau City Court will hold a hearing in the case of activist Berik Zhanov.
His brother Askar Zhanov was dismissed from work. Berik Zhanov is a member of the movement «Zhana Tolqyn».
On 4 March 2022, Judge Saule Ibrayeva sentenced activist Kairat Ermekov to 2 years of probation.
On 1 March 2022, the movement «Zhana Tolqyn» was banned as extremist.
We call on the EU to impose sanctions against Judge Saule Ibrayeva.
"""


def test_record_values_are_in_the_vocabularies():
    doc = Document(path="r.txt", raw=REPORT.encode(), text=REPORT, format="txt")
    record = extract_document(doc)
    assert {p["side"] for p in record["persons"]} <= vocab("sides")
    assert {r for p in record["persons"] for r in p["roles"]} <= vocab("roles")
    assert {o["kind"] for o in record["organizations"]} <= vocab("organization_kinds")
    assert {loc["kind"] for loc in record["locations"]} <= vocab("location_kinds")
    events = record["events"]
    assert {e["type"] for e in events} <= vocab("event_types")
    assert {e["outcome"] for e in events if e["outcome"]} <= vocab("outcomes")
    assert {e["status"] for e in events if e["status"]} <= vocab("hearing_statuses")
    assert {e["date_precision"] for e in events if e["date"]} <= vocab("date_precisions")
    assert {r["type"] for r in record["relations"]} <= vocab("relation_types")
    assert {r["subtype"] for r in record["relations"] if "subtype" in r} <= vocab("family_subtypes")
    # the report exercises most of the lists, so the check above is not vacuous
    assert {"search", "arrest", "hearing", "verdict", "ban", "sanction_call"} <= {e["type"] for e in events}
    assert {"family", "member"} <= {r["type"] for r in record["relations"]}


def _words(value):
    """Keys and list items: the places where a word, never a flag, is meant."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _words(v)
    elif isinstance(value, list):
        for v in value:
            yield from _words(v) if isinstance(v, dict | list) else [v]


@pytest.mark.parametrize("path", sorted(DATA_DIR.rglob("*.yaml")), ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_data_files_hold_no_yaml_booleans(path):
    """YAML reads a bare No, On or Off as a boolean: a word list must quote them ("No")."""
    import yaml

    found = [v for v in _words(yaml.safe_load(path.read_text(encoding="utf-8"))) if isinstance(v, bool)]
    assert not found, f"{path.name}: quote the words read as booleans"
