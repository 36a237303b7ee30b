"""Linking person entries across reports: decide, and the production linker on stored reports."""

import importlib.util
from itertools import combinations
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from casewatch.document import Document
from casewatch.resolve.linker import PersonProfile, decide
from casewatch.store import models as m
from casewatch.store.db import open_database, session_scope
from casewatch.store.ingest import store_document

CORPUS = Path(__file__).parent / "data" / "linking" / "reports.yaml"
BENCHMARK = Path(__file__).parent.parent / "benchmarks" / "linking.py"


def person(pid, *names, side="target", roles=(), co=(), relatives=(), places=(), orgs=(), articles=()):
    return PersonProfile(
        pid,
        list(names),
        side,
        set(roles),
        set(articles),
        set(places),
        set(orgs),
        set(co),
        set(relatives),
    )


MENDYGAZIYEV_FAMILY = [
    person(
        "barlyk", "Barlyk MENDYGAZIYEV", roles=["activist"], co=["Bekizhan MENDYGAZIYEV", "Baurzhan JUSSUPOV"]
    ),
    person(
        "bekizhan",
        "Bekizhan MENDYGAZIYEV",
        roles=["political_prisoner", "defendant"],
        co=["Barlyk MENDYGAZIYEV", "Baurzhan JUSSUPOV"],
        relatives=["Barlyk MENDYGAZIYEV"],
        articles=["296.2"],
    ),
    person(
        "kalyk", "Kalyk Mendygaziyev", roles=["relative"], co=["Barlyk MENDYGAZIYEV", "Baurzhan JUSSUPOV"]
    ),
    person("abai_m", "Abai MENDYGAZIYEV", roles=["relative", "defendant"], co=["Barlyk MENDYGAZIYEV"]),
]


def test_decide_links_transliteration_variant_with_context():
    mention = person(
        None,
        "Mr Bekizhan Mendygazyev",
        roles=["political_prisoner"],
        co=["Barlyk Mendygazyev", "Karim Massimov"],
        relatives=["Barlyk Mendygazyev"],
    )
    d = decide(mention, MENDYGAZIYEV_FAMILY)
    assert (d.action, d.target_id) == ("link", "bekizhan")
    assert d.score >= 0.9 and d.reason


def test_decide_links_cyrillic_spelling():
    mention = person(None, "Мендыгазиев Бекижан", roles=["defendant"], co=["Barlyk Mendygaziyev"])
    assert decide(mention, MENDYGAZIYEV_FAMILY).target_id == "bekizhan"


def test_decide_never_links_relatives_sharing_a_surname():
    arman = person(
        None, "Arman MENDYGAZIYEV", roles=["relative"], co=["Barlyk MENDYGAZIYEV", "Baurzhan JUSSUPOV"]
    )
    d = decide(arman, MENDYGAZIYEV_FAMILY)
    assert d.action == "new" and d.target_id is None


def test_decide_surname_only_among_relatives_is_review():
    mention = person(None, "MENDYGAZIYEV", roles=["defendant"], co=["Baurzhan Jussupov"])
    d = decide(mention, MENDYGAZIYEV_FAMILY)
    assert d.action == "review"
    assert "ambiguous" in d.reason


def test_decide_surname_only_with_unique_candidate_and_shared_people_links():
    candidates = [
        person("utepova", "Aigul Utepova", roles=["journalist"], places=["Semey"], co=["Nurlan Akhmetov"])
    ]
    mention = person(None, "UTEPOVA", roles=["journalist"], places=["Semey"], co=["Nurlan AKHMETOV"])
    assert decide(mention, candidates).action == "link"


def test_decide_surname_only_without_shared_people_is_review():
    candidates = [
        person("b", "Yerlan Baimukhanov", side="perpetrator", roles=["judge"], co=["Aigul Utepova"])
    ]
    mention = person(None, "Baimukhanov", side="perpetrator", roles=["judge"], places=["Almaty"])
    assert decide(mention, candidates).action == "review"


def test_decide_surname_only_with_nothing_in_common_is_new():
    candidates = [person("k", "Kassymova", roles=["journalist"], places=["Semey"], co=["Aigul Utepova"])]
    mention = person(None, "Nazira Kassymova", roles=["activist"], places=["Taraz"], co=["Serik Zhumabekov"])
    assert decide(mention, candidates).action == "new"


def test_decide_full_names_that_differ_are_new_whatever_partial_spellings_share():
    marzhan = person("m", "Marzhan Kassymova", "Kassymova", roles=["journalist"], places=["Almaty"])
    nazira = person(None, "Nazira Kassymova", roles=["journalist"], places=["Almaty"])
    assert decide(nazira, [marzhan]).action == "new"
    elvin = person("e", "Elvin Mammadli", "Elvin", roles=["journalist"])
    assert decide(person(None, "Elvin Guliyev", roles=["journalist"]), [elvin]).action == "new"


def test_decide_patronymics_that_differ_are_new_whatever_shorter_names_share():
    kairatovich = person(
        "k", "ZHUNUSOV Arman Kairatovich", "Arman Zhunusov", roles=["activist"], places=["Aktau"]
    )
    seitovich = person(
        None, "Arman Seitovich Zhunusov", "Arman Zhunusov", roles=["activist"], places=["Aktau"]
    )
    assert decide(seitovich, [kairatovich]).action == "new"
    same = person(None, "Жунусов Арман Кайратович", roles=["activist"], places=["Aktau"])
    assert decide(same, [kairatovich]).action == "link"


def test_decide_same_given_name_patronymic_and_surname_link_with_nothing_else_shared():
    known = person("k", "ZHUNUSOV Arman Kairatovich", roles=["activist"], places=["Aktau"])
    again = person(None, "Arman Kairatovich Zhunusov", roles=["journalist"], co=["Aliya Omarova"])
    assert decide(again, [known]).action == "link"
    without = person(None, "Arman Zhunusov", roles=["journalist"], co=["Aliya Omarova"])
    assert decide(without, [known]).action == "review"


def test_decide_a_full_name_match_outranks_initials_that_fit_as_well():
    by_initials = person("i", "R. Nurpeisov", roles=["journalist"], places=["Taraz"], co=["Aliya Omarova"])
    by_name = person("n", "Ruslan Nurpeisov", roles=["journalist"], places=["Taraz"], co=["Aliya Omarova"])
    mention = person(None, "Ruslan Nurpeisov", roles=["journalist"], places=["Taraz"], co=["Aliya Omarova"])
    d = decide(mention, [by_initials, by_name])
    assert (d.action, d.target_id) == ("link", "n")


TOKAYEV = person("tokayev", "Kassym-Jomart Tokayev", side="other", roles=["official"], co=["Karim Massimov"])


def test_decide_public_figure_named_by_surname_alone_links():
    mention = person(None, "Tokayev", side="other", roles=["official"], places=["Almaty"])
    d = decide(mention, [TOKAYEV])
    assert (d.action, d.target_id) == ("link", "tokayev")
    assert "public figure" in d.reason


def test_decide_public_figure_on_trial_is_the_official_he_was():
    official = person("massimov", "Karim MASSIMOV", side="perpetrator", roles=["official"])
    defendant = person(None, "Карим Масимов", side="target", roles=["suspect"], articles=["179"])
    assert decide(defendant, [official]).target_id == "massimov"
    assert decide(defendant, [official]).action == "link"


def test_decide_namesake_of_a_public_figure_is_not_the_figure():
    activist = person(None, "Aidos Tokayev", roles=["activist"], places=["Almaty"])
    assert decide(activist, [TOKAYEV]).action == "new"
    same_report = person(None, "Aidos Tokayev", "Tokayev", roles=["activist"], places=["Almaty"])
    assert decide(same_report, [TOKAYEV]).action == "new"


def test_decide_surname_of_a_public_figure_prefers_the_figure_to_a_namesake():
    aidos = person("aidos", "Aidos Tokayev", roles=["activist"], places=["Almaty"])
    mention = person(None, "Tokayev")
    assert decide(mention, [aidos, TOKAYEV]).target_id == "tokayev"


def test_decide_given_name_only_between_namesakes():
    candidates = [
        person(
            "abai_b",
            "Abai Begimbekov",
            roles=["political_prisoner"],
            co=["Askhat Zheksebayev", "Kairat Klyshev"],
        ),
        person("abai_m", "Abai Mendygaziyev", roles=["relative"], co=["Barlyk Mendygaziyev"]),
    ]
    with_context = person(None, "Abai", roles=["political_prisoner"], co=["Askhat", "Kairat"])
    assert (decide(with_context, candidates).action, decide(with_context, candidates).target_id) == (
        "link",
        "abai_b",
    )
    bare = person(None, "Abai", roles=["activist"])
    assert decide(bare, candidates).action != "link"


def test_decide_judge_and_activist_with_same_name_not_linked():
    judge = person("judge", "PAZYLOV Bolat Seitovich", side="perpetrator", roles=["judge"])
    activist = person(None, "Bulat PAZYLOV", side="target", roles=["activist"], places=["Shymkent"])
    assert decide(activist, [judge]).action in ("review", "new")


def test_decide_official_and_activist_with_near_names_are_new():
    minister = person("minister", "Yerlan TURGUMBAYEV", side="perpetrator", roles=["official"])
    activist = person(None, "Yerlan Turgunbayev", side="target", roles=["activist"])
    assert decide(activist, [minister]).action == "new"


def test_decide_conflicting_patronymics_are_new():
    investigator = person("inv", "AKHMETOV Nurlan Serikovich", side="perpetrator", roles=["investigator"])
    mention = person(None, "Nurlan Bolatovich Akhmetov", side="perpetrator", roles=["investigator"])
    assert decide(mention, [investigator]).action == "new"


def test_decide_initials_with_context_link():
    judge = person(
        "judge", "PAZYLOV Bolat Seitovich", side="perpetrator", roles=["judge"], co=["Kuandyk KUMEKBAYEV"]
    )
    mention = person(None, "Pazylov B.S.", side="perpetrator", roles=["judge"], co=["Kuandyk Kumekbaev"])
    assert decide(mention, [judge]).action == "link"


def test_decide_initials_without_context_are_review():
    investigator = person("inv", "Gizat Kazhybayev", side="perpetrator", roles=["investigator"])
    mention = person(None, "G. Kazhibayev", side="perpetrator")
    assert decide(mention, [investigator]).action == "review"


def test_decide_initials_of_the_one_candidate_with_the_same_side_and_role_link():
    advocate = person("a", "Rustem Berikovich Zhakupov", side="other", roles=["advocate"])
    mention = person(None, "R. Zhakupov", side="other", roles=["advocate"])
    assert decide(mention, [advocate]).action == "link"
    relative = person("r", "Rustem Zhakupov", roles=["relative"])
    assert decide(person(None, "R. Zhakupov", roles=["relative"]), [relative]).action == "review"


def test_decide_picks_the_right_namesake_by_context():
    investigator = person("inv", "AKHMETOV Nurlan Serikovich", side="perpetrator", roles=["investigator"])
    activist = person(
        "act", "Nurlan Bolatovich Akhmetov", roles=["activist"], places=["Semey"], co=["Aigul Utepova"]
    )
    mention = person(None, "Nurlan Akhmetov", roles=["activist"], places=["Semey"], co=["Aigul Utepova"])
    d = decide(mention, [investigator, activist])
    assert (d.action, d.target_id) == ("link", "act")


def test_decide_two_equally_good_candidates_is_review():
    a = person("a", "Marat Zhakupov", roles=["journalist"], places=["Pavlodar"])
    b = person("b", "Marat ZHAKUPOV", roles=["journalist"], places=["Pavlodar"])
    assert (
        decide(person(None, "Марат Жакупов", roles=["journalist"], places=["Pavlodar"]), [a, b]).action
        == "review"
    )


def test_decide_identical_full_name_with_no_conflicting_fact_links():
    journalist = person("j", "Marat ZHAKUPOV", roles=["journalist"], places=["Pavlodar"])
    activist = person(None, "Марат Жакупов", roles=["activist"])
    d = decide(activist, [journalist])
    assert d.action == "link" and "identical name" in d.reason
    elsewhere = person(None, "Марат Жакупов", roles=["activist"], places=["Aktobe"])
    assert decide(elsewhere, [journalist]).action == "review"


def test_decide_identical_full_name_of_opposed_roles_with_nothing_shared_is_review():
    judge = person("j", "Marat ZHAKUPOV", side="perpetrator", roles=["judge"], places=["Pavlodar"])
    activist = person(None, "Marat Zhakupov", roles=["activist"], places=["Aktobe"])
    d = decide(activist, [judge])
    assert d.action == "review" and "nothing else in common" in d.reason


def test_decide_identical_name_without_the_patronymic_the_other_has_is_review():
    known = person("k", "ZHAKUPOV Marat Serikovich", roles=["journalist"])
    d = decide(person(None, "Marat Zhakupov", roles=["activist"]), [known])
    assert d.action == "review"


def test_decide_without_candidates_is_new():
    assert decide(person(None, "Kuandyk Kumekbayev"), []).action == "new"


def _store(engine, path: str, names: list[str]) -> None:
    text = ". ".join(names) + "."
    persons, at = [], 0
    for i, name in enumerate(names, 1):
        persons.append({"id": f"P{i}", "name": name, "side": "target", "mentions": [[at, at + len(name)]]})
        at += len(name) + 2
    doc = Document(path=path, format="txt", raw=text.encode(), text=text)
    store_document(engine, doc, {"persons": persons}, "test")


def test_linking_keeps_persons_of_one_report_apart(engine):
    _store(engine, "a.txt", ["Bekizhan MENDYGAZIYEV", "Barlyk MENDYGAZIYEV"])
    _store(engine, "b.txt", ["Barlyk Mendygazyev", "Bekizhan Mendygazyev"])
    with session_scope(engine) as session:
        rows = session.execute(select(m.PersonMention.name, m.PersonMention.person_id)).all()
    person = dict(rows)
    assert person["Bekizhan MENDYGAZIYEV"] == person["Bekizhan Mendygazyev"]
    assert person["Barlyk MENDYGAZIYEV"] == person["Barlyk Mendygazyev"]
    assert person["Bekizhan MENDYGAZIYEV"] != person["Barlyk MENDYGAZIYEV"]


def _corpus():
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["reports"]


def test_corpus_is_well_formed():
    reports = _corpus()
    assert len(reports) >= 40
    assert len({r["id"] for r in reports}) == len(reports)
    for r in reports:
        entities = [p["entity"] for p in r["persons"]]
        assert len(entities) == len(set(entities)), r["id"]
        assert all(p["name"] for p in r["persons"])


def _benchmark():
    """benchmarks/linking.py, whose corpus reports become stored documents."""
    spec = importlib.util.spec_from_file_location("linking_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus_pairs(tmp_path_factory):
    """Gold and predicted cross-report pairs of the corpus, linked on ingest by the production linker."""
    reports = _corpus()
    engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'case.db'}")
    for report in reports:
        store_document(engine, *_benchmark().report_document(report), "test")
    with session_scope(engine) as session:
        rows = session.execute(
            select(m.Document.path, m.PersonMention.local_id, m.PersonMention.person_id).join(
                m.Document, m.Document.id == m.PersonMention.document_id
            )
        ).all()
    engine.dispose()
    person_of = {(path, local): pid for path, local, pid in rows}
    flat = [
        (d, p["entity"], person_of[(f"{r['id']}.txt", f"P{i}")])
        for d, r in enumerate(reports)
        for i, p in enumerate(r["persons"], 1)
    ]
    gold, pred = set(), set()
    for (i, (da, ga, ea)), (j, (db, gb, eb)) in combinations(enumerate(flat), 2):
        if da != db:
            if ga == gb:
                gold.add((i, j))
            if ea == eb:
                pred.add((i, j))
    return gold, pred


def test_corpus_sanity_floor(corpus_pairs):
    gold, pred = corpus_pairs
    precision = len(gold & pred) / len(pred)
    recall = len(gold & pred) / len(gold)
    assert precision >= 0.97
    assert recall >= 0.8


def test_decide_near_given_name_in_one_family_is_review():
    bekizhan = person(
        "bek", "Bekizhan Mendygaziyev", roles=["relative"], co=["Barlyk Mendygaziyev", "Kalyk Mendygaziyev"]
    )
    mention = person(
        None, "Bekzhan Mendygaziyev", roles=["relative"], co=["Barlyk Mendygaziyev", "Kalyk Mendygaziyev"]
    )
    d = decide(mention, [bekizhan])
    assert d.action == "review" and d.target_id == "bek"


def test_decide_surname_a_letter_apart_links_inside_a_shared_case():
    akhmetov = person(
        "a", "Nurlan Akhmetov", roles=["activist"], places=["Semey"], co=["Aigul Utepova", "Serik Utepov"]
    )
    mention = person(
        None, "Nurlan Akhmedov", roles=["activist"], places=["Semey"], co=["Aigul Utepova", "Serik Utepov"]
    )
    assert decide(mention, [akhmetov]).action == "link"


def test_decide_surname_a_letter_apart_outside_a_shared_case_is_review():
    akhmetov = person("a", "Nurlan Akhmetov", roles=["activist"], co=["Aigul Utepova"])
    mention = person(None, "Nurlan Akhmedov", roles=["activist"], co=["Bolat Seitov"])
    assert decide(mention, [akhmetov]).action == "review"
    one_person_only = person(None, "Nurlan Akhmedov", roles=["activist"], co=["Aigul Utepova"])
    assert decide(one_person_only, [akhmetov]).action == "review"


def test_decide_kyrgyz_surname_without_its_russian_ending_links_inside_a_shared_case():
    known = person("t", "Temirbek Sydykbaev", roles=["defendant"], co=["Aizada Osmonova", "Kanat Tursunov"])
    mention = person(None, "Temirbek Sydykba", roles=["defendant"], co=["Aizada Osmonova", "Kanat Tursunov"])
    assert decide(mention, [known]).action == "link"
    alone = person(None, "Temirbek Sydykba", roles=["defendant"])
    assert decide(alone, [known]).action == "review"


def test_decide_vowel_only_surname_variant_links_with_context():
    maria = person(
        "m", "Maria KALESNIKAVA", roles=["political_prisoner"], co=["Ales Bialiatski", "Marfa Rabkova"]
    )
    mention = person(
        None, "Мария Колесникова", roles=["political_prisoner"], co=["Ales Bialiatski", "Marfa Rabkova"]
    )
    assert decide(mention, [maria]).action == "link"


def test_decide_russian_spelling_of_a_belarusian_name_links_on_one_shared_fact():
    ales = person("a", "Ales Bialiatski", roles=["human_rights_defender"], co=["Marfa Rabkova"])
    mention = person(None, "Алесь Беляцкий", roles=["human_rights_defender"], co=["Marfa Rabkova"])
    assert decide(mention, [ales]).action == "link"


def test_decide_vowel_only_variant_with_nothing_shared_is_not_linked():
    ales = person("a", "Ales Bialiatski", roles=["human_rights_defender"], co=["Marfa Rabkova"])
    mention = person(None, "Алесь Беляцкий", roles=["journalist"], co=["Ihar Losik"])
    assert decide(mention, [ales]).action != "link"


def test_decide_addressee_and_official_of_the_same_name_are_one_person():
    official = person(
        "o", "Yerbol Tasmagambetov", side="perpetrator", roles=["official"], co=["Dana Akhmetova"]
    )
    addressee = person(None, "Yerbol TASMAGAMBETOV", side="other", roles=["addressee"], co=["Ilse Varga"])
    d = decide(addressee, [official])
    assert (d.action, d.target_id) == ("link", "o")


def test_decide_official_later_prosecuted_is_the_official_inside_a_shared_case():
    official = person(
        "o", "Serik Abdrakhmanov", side="perpetrator", roles=["official"], co=["Aigul Nurova", "Bolat Seitov"]
    )
    defendant = person(
        None, "Серик Абдрахманов", side="target", roles=["defendant"], co=["Aigul Nurova", "Bolat Seitov"]
    )
    assert decide(defendant, [official]).action == "link"
    alone = person(None, "Серик Абдрахманов", side="target", roles=["defendant"], co=["Timur Ospanov"])
    assert decide(alone, [official]).action == "review"


def test_decide_initials_on_the_other_side_link_inside_a_shared_case():
    investigator = person(
        "i",
        "Nurzhan Baitasov",
        side="perpetrator",
        roles=["investigator"],
        co=["Aidana Kemel", "Ruslan Ospan"],
    )
    mention = person(None, "BAITASOV N.", side="target", co=["Aidana Kemel", "Ruslan Ospan"])
    assert decide(mention, [investigator]).action == "link"


def test_decide_surname_alone_links_inside_a_shared_case_even_on_the_other_side():
    judge = person(
        "j", "Yernur Kassenov", side="perpetrator", roles=["judge"], co=["Marat Ospanov", "Aliya Baizhan"]
    )
    inside = person(None, "KASSENOV", side="target", co=["Marat Ospanov", "Aliya Baizhan"])
    assert decide(inside, [judge]).action == "link"
    outside = person(None, "KASSENOV", side="target", co=["Timur Zhaksylyk"])
    assert decide(outside, [judge]).action == "new"


def test_decide_belarusian_and_russian_forms_of_one_surname_link_inside_a_shared_case():
    known = person("b", "Ihar Ulasenka", roles=["political_prisoner"], co=["Palina Sharenda", "Ales Kazlou"])
    mention = person(
        None, "Игорь Уласенко", roles=["political_prisoner"], co=["Palina Sharenda", "Ales Kazlou"]
    )
    assert decide(mention, [known]).action == "link"


def test_decide_a_foreign_mep_is_never_the_local_judge_of_the_same_name():
    judge = person(
        "j", "Miras Alimov", side="perpetrator", roles=["judge"], co=["Aigul Sarsen", "Berik Tulen"]
    )
    mep = person(None, "Miras ALIMOV", side="other", roles=["advocate"], co=["Aigul Sarsen", "Berik Tulen"])
    assert decide(mep, [judge]).action == "new"
    signer = person("m", "Miras Alimov", side="other", roles=["advocate"], co=["Aigul Sarsen"])
    assert decide(mep, [signer]).action == "link"


def test_decide_opposed_sides_alone_do_not_keep_an_identical_name_apart():
    known = person("k", "Elmira Tasova", side="perpetrator", co=["Nurlan Bek"])
    misread = person(None, "Эльмира Тасова", side="target", co=["Dana Orak"])
    assert decide(misread, [known]).action == "link"
