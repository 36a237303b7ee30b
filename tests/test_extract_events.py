"""The "events" and "sides" components: types, dates, participants, outcomes and terms."""

from __future__ import annotations

import re

import pytest

from casewatch.extract import components  # noqa: F401  (registers the built-in components)
from casewatch.extract.analysis import Analysis, Event
from casewatch.extract.context import Subjects, mentions_in
from casewatch.extract.events import sentence_types
from casewatch.extract.pipeline import REGISTRY

STEPS = ("sentences", "dates", "articles", "gazetteer", "persons", "roles", "relations", "events", "sides")
REPORT_DATE = "2022-03-10"


def run_events(text: str) -> Analysis:
    analysis = Analysis(text=text, report_date=REPORT_DATE)
    for name in STEPS:
        REGISTRY[name].func(analysis)
    ids = {p.id for p in analysis.persons}
    for n, ev in enumerate(analysis.events, 1):
        assert ev.id == f"E{n}"
        assert set(ev.persons) | set(ev.perpetrators) <= ids
        for start, end in ev.evidence:
            assert 0 <= start < end <= len(text)
    return analysis


def names(a: Analysis, ids: list[str]) -> list[str]:
    by_id = {p.id: p.name for p in a.persons}
    return [by_id[i] for i in ids]


def only(text: str, kind: str) -> tuple[Analysis, Event]:
    """The analysis and its one event, which must be of type `kind`."""
    a = run_events(text)
    assert [ev.type for ev in a.events] == [kind]
    return a, a.events[0]


def test_events_hearing_scheduled_with_time_court_and_place():
    a, ev = only(
        "On 14 March at 10:30, the Aktau City Court will consider the appeal of activist Daulet Orazbekov.",
        "hearing",
    )
    assert (ev.date, ev.date_precision, ev.time, ev.status) == ("2022-03-14", "day", "10:30", "scheduled")
    assert ev.court == "Aktau City Court"
    assert ev.location == a.locations[0].id
    assert names(a, ev.persons) == ["Daulet Orazbekov"]


def test_events_hearing_held():
    a, ev = only(
        "On 2 March 2022, the Aktau City Court held a hearing in the case of activist Daulet Orazbekov.",
        "hearing",
    )
    assert (ev.date, ev.time, ev.status) == ("2022-03-02", None, "held")
    assert names(a, ev.persons) == ["Daulet Orazbekov"]


def test_events_hearing_after_the_report_date_is_scheduled():
    _, ev = only(
        "On 21 March 2022, the court session in the case of activist Daulet Orazbekov takes place.", "hearing"
    )
    assert (ev.date, ev.status) == ("2022-03-21", "scheduled")


def test_events_an_item_of_a_court_schedule_is_a_hearing_whatever_it_calls_it():
    a = run_events(
        "Суды 10 марта 2022 года\n\n"
        "1) В 10:15, зал № 3, районный суд г. Костаная — рассмотрение жалобы блогера Армана ЖУМАБАЕВА.\n\n"
        "2) В 15:00, онлайн, городской суд Семея — оглашение решения по делу активистки Динары САТПАЕВОЙ.\n"
    )
    hearings = [ev for ev in a.events if ev.type == "hearing"]
    assert [(names(a, ev.persons), ev.time) for ev in hearings] == [
        (["Arman Zhumabayev"], "10:15"),
        (["Dinara Satpayeva"], "15:00"),
    ]


@pytest.mark.parametrize(
    "item",
    [
        "3) At 12:00, Taraz City Court — Olzhas Bekov. The prosecutor asked for 4 years of imprisonment.",
        "3) Олжас Беков, Тараз. Обвинитель просил назначить ему 4 года лишения свободы.",
    ],
)
def test_events_a_penalty_asked_for_in_a_list_item_is_no_verdict(item):
    assert "verdict" not in [ev.type for ev in run_events(item).events]


def test_events_an_undated_event_happened_on_the_day_the_headline_names():
    a = run_events(
        "Обыски 3 марта: что известно\n\nВ Караганде у активиста Болата Ахметова прошёл обыск.\n\n"
        "The court will hear the appeal of blogger Dana Serikova on 14 March."
    )
    assert [(ev.type, ev.date) for ev in a.events] == [("search", "2022-03-03"), ("hearing", "2022-03-14")]


def test_events_a_headline_day_after_the_report_dates_nothing():
    a = run_events("Пикет 20 марта: итоги\n\nАктивиста Болата Ахметова задержали у акимата.")
    assert [(ev.type, ev.date) for ev in a.events] == [("arrest", None)]


@pytest.mark.parametrize("verb", ["состоится", "пройдёт", "назначено"])
def test_events_russian_hearing_announced_without_the_word_court(verb):
    a, ev = only(f"15 марта в 11:00 {verb} заседание по делу журналистки Айгерим Сапаровой.", "hearing")
    assert (ev.date, ev.time) == ("2022-03-15", "11:00")
    assert names(a, ev.persons) == ["Aygerim Saparova"]


def test_events_hearing_defendant_role():
    a, _ = only(
        "On 2 March 2022, the court held a hearing in the case of activist Daulet Orazbekov.", "hearing"
    )
    assert a.persons[0].roles == ["activist", "defendant"]
    assert a.persons[0].side == "target"


@pytest.mark.parametrize(
    "text",
    [
        # asking observers to attend a trial is not a hearing
        "Activists Aigul Temirova and Berik Zhanov asked diplomats to participate in the trial "
        "of Daulet Orazbekov as observers.",
        # a hearing of nobody is not kept
        "The trial was held yesterday in Aktau.",
    ],
)
def test_events_no_hearing(text):
    assert [ev.type for ev in run_events(text).events] == []


@pytest.mark.parametrize(
    ("text", "outcome", "term"),
    [
        (
            "On 3 March 2022, the court sentenced activist Daulet Orazbekov to 5 years of imprisonment.",
            "imprisonment",
            "5 years of imprisonment",
        ),
        (
            "Activist Daulet Orazbekov was sentenced to 5 years in prison on 3 March 2022.",
            "imprisonment",
            "5 years in prison",
        ),
        (
            "On 3 March 2022, activist Daulet Orazbekov was sentenced to 2 years of probation.",
            "probation",
            "2 years of probation",
        ),
        (
            "On 3 March 2022, activist Daulet Orazbekov was sentenced to 1 year of restricted freedom.",
            "restricted_freedom",
            "1 year of restricted freedom",
        ),
        ("On 3 March 2022, activist Daulet Orazbekov was fined 100 MCI.", "fine", None),
        (
            "On 3 March 2022, the appeals court upheld the verdict against activist Daulet Orazbekov.",
            "upheld",
            None,
        ),
        ("On 3 March 2022, activist Daulet Orazbekov was acquitted.", "acquittal", None),
    ],
)
def test_events_verdict_outcomes_and_terms(text, outcome, term):
    a, ev = only(text, "verdict")
    assert (ev.date, ev.date_precision) == ("2022-03-03", "day")
    assert (ev.outcome, ev.term) == (outcome, term)
    assert names(a, ev.persons) == ["Daulet Orazbekov"]
    assert "defendant" in a.persons[0].roles


def test_events_verdict_court_and_articles():
    _, ev = only(
        "On 4 March 2022, the Aktau City Court sentenced activist Daulet Orazbekov "
        "under Part 2 of Article 405 to 5 years of imprisonment.",
        "verdict",
    )
    assert ev.court == "Aktau City Court"
    assert ev.articles == ["405.2"]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        (
            "On 3 March 2022, the court placed activist Daulet Orazbekov in pre-trial detention "
            "for 2 months.",
            "pre-trial detention, 2 months",
        ),
        (
            "On 3 March 2022, the court placed activist Daulet Orazbekov under house arrest for one month.",
            "house arrest, one month",
        ),
    ],
)
def test_events_restraint_with_term(text, term):
    a, ev = only(text, "restraint")
    assert (ev.date, ev.term) == ("2022-03-03", term)
    assert names(a, ev.persons) == ["Daulet Orazbekov"]


def test_events_arrest_with_place():
    a, ev = only("On 5 March 2022, police detained activist Aigul Temirova at a picket in Almaty.", "arrest")
    assert (ev.date, ev.location) == ("2022-03-05", a.locations[0].id)
    assert names(a, ev.persons) == ["Aigul Temirova"]


@pytest.mark.parametrize(
    "text",
    [
        "On 5 March 2022, the flat of journalist Aigul Temirova was searched.",
        "On 5 March 2022, NSC officers searched the home of journalist Aigul Temirova.",
    ],
)
def test_events_search(text):
    a, ev = only(text, "search")
    assert ev.date == "2022-03-05"
    assert names(a, ev.persons) == ["Aigul Temirova"]


def test_events_charge_with_article():
    a = run_events(
        "On 2 March 2022, activist Daulet Orazbekov was detained in Aktau. "
        "He was charged under Part 2 of Article 405."
    )
    assert [(ev.type, ev.date, ev.articles) for ev in a.events] == [
        ("arrest", "2022-03-02", []),
        ("charge", "2022-03-02", ["405.2"]),
    ]


def test_events_interrogation_with_perpetrator():
    a, ev = only(
        "On 9 March 2022, investigator Timur Abenov interrogated activist Aigul Temirova for six hours.",
        "interrogation",
    )
    assert names(a, ev.persons) == ["Aigul Temirova"]
    assert names(a, ev.perpetrators) == ["Timur Abenov"]


def test_events_pressure_month_precision():
    a, ev = only(
        "In February, police officers visited the workplace of activist Aigul Temirova and threatened her.",
        "pressure",
    )
    assert (ev.date, ev.date_precision) == ("2022-02", "month")
    assert names(a, ev.persons) == ["Aigul Temirova"]


def test_events_assembly_denied():
    a, ev = only(
        "The akimat refused to agree the rally notified by activist Aigul Temirova on 20 February 2022.",
        "assembly_denied",
    )
    assert ev.date == "2022-02-20"
    assert names(a, ev.persons) == ["Aigul Temirova"]


def test_events_assembly_denied_to_a_group_named_between_verb_and_meeting():
    a, ev = only(
        "3 марта 2022 года аким района отказал инициативной группе (Айгуль Темирова и другие) "
        "в проведении митинга.",
        "assembly_denied",
    )
    assert ev.date == "2022-03-03"
    assert names(a, ev.persons) == ["Aygul Temirova"]


def test_events_ban_names_the_organisation():
    a, ev = only(
        "On 1 March 2022, the court recognized the movement «Oyan Qazaqstan» as extremist and banned it.",
        "ban",
    )
    assert (ev.date, ev.persons) == ("2022-03-01", [])
    assert ev.organizations == [a.organizations[0].id]
    assert a.organizations[0].name == "Oyan Qazaqstan"


def test_events_ban_with_year_precision():
    _, ev = only("In 2018, the movement «Koshe Partiyasy» was banned as extremist by the court.", "ban")
    assert (ev.date, ev.date_precision) == ("2018", "year")


def test_events_advocacy_takes_the_report_date():
    a, ev = only("We call on the authorities to release activist Aigul Temirova.", "advocacy")
    assert (ev.date, ev.date_precision) == (REPORT_DATE, "day")
    assert names(a, ev.persons) == ["Aigul Temirova"]


def test_events_advocacy_with_its_own_date():
    _, ev = only(
        "On 1 March 2022, Human Rights Watch issued a joint statement demanding the release of activist "
        "Daulet Orazbekov.",
        "advocacy",
    )
    assert ev.date == "2022-03-01"


def test_events_sanction_call_officials_are_perpetrators():
    a, ev = only(
        "We call on the EU to impose sanctions against judge Saule Ibrayeva and investigator Timur Abenov.",
        "sanction_call",
    )
    assert names(a, ev.perpetrators) == ["Saule Ibrayeva", "Timur Abenov"]
    assert ev.persons == []
    assert ev.date == REPORT_DATE
    assert {p.side for p in a.persons} == {"perpetrator"}


def test_events_sanction_call_without_an_official_is_dropped():
    assert run_events("We call on the EU to impose sanctions.").events == []


def test_events_dates_are_inherited_within_one_story():
    a = run_events(
        "On 1 March 2022, activist Daulet Orazbekov was detained in Aktau.\n"
        "He was beaten in the police car.\n"
        "Police officers threatened his wife."
    )
    assert [(ev.type, ev.date) for ev in a.events] == [
        ("arrest", "2022-03-01"),
        ("ill_treatment", "2022-03-01"),
        ("pressure", "2022-03-01"),
    ]
    assert all(names(a, ev.persons) == ["Daulet Orazbekov"] for ev in a.events)


def test_events_an_own_date_wins_over_the_previous_sentence():
    a = run_events("On 1 March 2022, police detained activist Aigul Temirova. In 2019, she had been fined.")
    assert [(ev.type, ev.date, ev.date_precision) for ev in a.events] == [
        ("arrest", "2022-03-01", "day"),
        ("verdict", "2019", "year"),
    ]


def test_events_one_event_per_type_date_and_person():
    a = run_events(
        "On 1 March 2022, activist Aigul Temirova was detained in Almaty. "
        "On 1 March 2022, police detained Aigul Temirova again after a picket."
    )
    assert [ev.type for ev in a.events] == ["arrest"]
    assert len(a.events[0].evidence) == 2


def test_sides_undecided_persons_default_to_target():
    a = run_events("On 1 March 2022, Berik Zhanov was detained.")
    assert [(p.name, p.side) for p in a.persons] == [("Berik Zhanov", "target")]


# ---- context: who a sentence naming nobody is about


def test_context_subjects_follow_the_last_named_target_and_reset_at_paragraphs():
    text = (
        "#ZHANOV Berik\n"
        "Activist Berik Zhanov was detained. Judge Saule Ibrayeva remanded him. He was beaten.\n\n"
        "Activist Dana Kenes was fined. She refused to pay."
    )
    analysis = Analysis(text=text)
    for name in ("sentences", "gazetteer", "persons", "roles"):
        REGISTRY[name].func(analysis)
    subjects = Subjects(analysis)
    rows = [
        (text[s:e], [p.name for p in mentions_in(analysis, s, e)], [p.name for p in subjects.about(k)])
        for k, (s, e) in enumerate(analysis.sentences)
    ]
    assert rows == [
        ("#ZHANOV Berik", ["Berik Zhanov"], ["Berik Zhanov"]),
        ("Activist Berik Zhanov was detained.", ["Berik Zhanov"], ["Berik Zhanov"]),
        # a perpetrator named here does not become the subject
        ("Judge Saule Ibrayeva remanded him.", ["Saule Ibrayeva"], ["Berik Zhanov"]),
        ("He was beaten.", [], ["Berik Zhanov"]),
        # a new paragraph starts from the section's header until a target is named
        ("Activist Dana Kenes was fined.", ["Dana Kenes"], ["Berik Zhanov"]),
        ("She refused to pay.", [], ["Dana Kenes"]),
    ]
    assert subjects.index(text.index("He was")) == 3


def test_events_sentence_naming_nobody_is_about_the_last_target():
    a = run_events(
        "On 1 March 2022, activist Berik Zhanov was detained. Judge Saule Ibrayeva remanded him in custody."
    )
    restraint = next(ev for ev in a.events if ev.type == "restraint")
    assert names(a, restraint.persons) == ["Berik Zhanov"]
    assert names(a, restraint.perpetrators) == ["Saule Ibrayeva"]


def test_events_schedule_items_take_the_header_date_not_a_date_they_recall():
    a = run_events(
        "Hearings on 11 March:\n\n"
        "1) At 10:00, the Almaty City Court will hear the appeal of activist Berik Zhanov, "
        "who was detained on 2 February.\n\n"
        "2) At 15:40, blogger Dana Kenesova will stand trial online."
    )
    hearings = [ev for ev in a.events if ev.type == "hearing"]
    assert [(ev.date, ev.time, ev.status) for ev in hearings] == [
        ("2022-03-11", "10:00", "scheduled"),
        ("2022-03-11", "15:40", "scheduled"),
    ]
    assert [ev.type for ev in a.events if ev.type == "arrest"] == ["arrest"]


def test_events_scheduled_appeal_keeps_the_past_verdict_it_recalls():
    a = run_events(
        "On 14 March, the Almaty City Court will hear the appeal of activist Yerkebulan Toleu, "
        "who was sentenced on 4 March to 2 years of probation."
    )
    verdict = next(ev for ev in a.events if ev.type == "verdict")
    assert (verdict.date, verdict.outcome) == ("2022-03-04", "probation")
    assert not [ev for ev in a.events if ev.type == "restraint"]


def test_events_a_judge_on_a_line_of_its_own_joins_the_hearing_before():
    a = run_events(
        "On 14 March, the Aktau City Court will consider the case of activist Daulet Orazbekov.\n"
        "Judge: Saule IBRAYEVA."
    )
    (ev,) = a.events
    assert names(a, ev.perpetrators) == ["Saule Ibrayeva"]


def test_events_sanctions_by_asset_freeze_name_the_officials_and_take_the_report_date():
    a = run_events(
        "We ask governments to freeze the assets of judge Yerlan Abdikadyrov, who on 1 March 2022 "
        "sentenced activist Berik Zhylkybayev to 7 years of imprisonment, and of prosecutor Dana Serikova."
    )
    call = next(ev for ev in a.events if ev.type == "sanction_call")
    assert sorted(names(a, call.perpetrators)) == ["Dana Serikova", "Yerlan Abdikadyrov"]
    assert call.date == REPORT_DATE
    verdict = next(ev for ev in a.events if ev.type == "verdict")
    assert verdict.date == "2022-03-01"


def test_events_headline_makes_no_event():
    a = run_events(
        "Activist Berik Zhanov detained in Aktau\n\nOn 9 March 2022, police detained activist Berik Zhanov."
    )
    assert [(ev.type, ev.date) for ev in a.events] == [("arrest", "2022-03-09")]


def test_events_a_dateline_is_not_the_date_of_the_event():
    a = run_events(
        "Bishkek, 10 March 2022 — On 7 March 2022, officers searched the home of journalist Aizada Mamytova."
    )
    assert [(ev.type, ev.date) for ev in a.events] == [("search", "2022-03-07")]


def test_events_the_same_day_takes_the_date_before():
    a = run_events(
        "On 3 March 2022, police detained activist Berik Zhanov. "
        "The same day officers searched the flat of his sister, Dana Zhanova."
    )
    search = next(ev for ev in a.events if ev.type == "search")
    assert search.date == "2022-03-03"


def test_events_a_retold_charge_beside_the_hearing_is_dropped():
    a = run_events(
        "On 14 March, the Aktau City Court will consider the case of activist Daulet Orazbekov.\n\n"
        "Daulet Orazbekov is being prosecuted for:\n— reposts about peaceful protests."
    )
    assert [ev.type for ev in a.events] == ["hearing"]


def test_events_a_detention_centre_is_a_place_not_a_measure():
    a = run_events(
        "On 2 March 2022 the court remanded activist Talgat Omarov in custody for two months. "
        "Since then the administration of the pre-trial detention centre has refused "
        "to let a doctor examine him."
    )
    restraints = [ev for ev in a.events if ev.type == "restraint"]
    assert [(ev.date, ev.term) for ev in restraints] == [("2022-03-02", "pre-trial detention, two months")]
    assert [ev.type for ev in a.events if ev.type == "ill_treatment"] == ["ill_treatment"]


def test_events_a_court_event_naming_nobody_is_the_report_protagonists():
    a = run_events(
        "Activist Talgat Omarov was detained on 1 March 2022. Talgat Omarov denies the charges.\n\n"
        "The trial began on 9 March 2022 before judge Nurlan Dossov."
    )
    hearing = next(ev for ev in a.events if ev.type == "hearing")
    assert names(a, hearing.persons) == ["Talgat Omarov"]
    assert names(a, hearing.perpetrators) == ["Nurlan Dossov"]


@pytest.mark.parametrize(
    "text",
    [
        "Journalist Dana Kenesova is in detention at risk of torture.",
        "The complaint of torture filed by activist Ruslan Iskakov was closed on 3 March 2022.",
    ],
)
def test_events_torture_spoken_of_is_no_ill_treatment(text):
    assert "ill_treatment" not in [ev.type for ev in run_events(text).events]


def test_events_a_statement_naming_nobody_defends_the_report_protagonist():
    a = run_events(
        "Activist Talgat Omarov was detained on 1 March 2022. Talgat Omarov denies the charges.\n\n"
        "We demand his immediate release."
    )
    advocacy = next(ev for ev in a.events if ev.type == "advocacy")
    assert names(a, advocacy.persons) == ["Talgat Omarov"]


def test_events_court_table_rows_are_verdicts_without_a_verb():
    a = run_events(
        "Court results\n\n"
        "Name | article | court, date | sentence\n"
        "Timur Aldabergenov | Art. 405 Part 2 | Aktobe City Court, 01.03.2022 | 4 years of imprisonment\n"
        "Сарсенова Айгуль Маратовна | ч. 1 ст. 174 УК РК | Уральский городской суд, 02.03.2022 "
        "| 2 года ограничения свободы\n"
        "Берик Оспанов | ч. 1 ст. 405 УК РК | Актюбинский областной суд (апелляция), 03.03.2022 "
        "| приговор оставлен без изменения"
    )
    assert [(ev.type, ev.date, names(a, ev.persons), ev.outcome) for ev in a.events] == [
        ("verdict", "2022-03-01", ["Timur Aldabergenov"], "imprisonment"),
        ("verdict", "2022-03-02", ["Aygul Maratovna Sarsenova"], "restricted_freedom"),
        ("verdict", "2022-03-03", ["Berik Ospanov"], "upheld"),  # the appeal column is no session
    ]


def test_events_list_entries_give_penalties_without_a_verb():
    a = run_events(
        "Summary of March. Prepared on 1 March 2022.\n\n"
        "ARRESTS\n\n"
        "1. Marat KULOV, Taraz. 12 days, Art. 488 Part 6 CAO. He was detained at a bus stop the day before. "
        "The arrest was ordered on 3 March by judge A. SEITOVA.\n\n"
        "FINES\n\n"
        "2. Dana ABISHEVA, Oral. 40 MCI, Art. 488 Part 6 CAO, 7 March, for a solo picket."
    )
    verdicts = [(ev.date, names(a, ev.persons), ev.outcome) for ev in a.events if ev.type == "verdict"]
    assert verdicts == [("2022-03-03", ["Marat Kulov"], "other"), ("2022-03-07", ["Dana Abisheva"], "fine")]
    ordered = next(ev for ev in a.events if ev.type == "verdict")
    assert names(a, ordered.perpetrators) == ["A. Seitova"]
    assert ordered.term == "12 days"  # from the undated entry it was folded with


@pytest.mark.parametrize(
    "text",
    [
        "Приговор Берику Оспанову огласила судья; защита подала апелляционную жалобу.",
        "Председательствующий апелляционной коллегии — судья Алмаз Бекенов.",
    ],
)
def test_events_an_appeal_filed_or_a_panel_named_is_no_hearing(text):
    assert "hearing" not in [ev.type for ev in run_events(text).events]


def test_events_an_arrest_of_nobody_named_is_dropped():
    assert run_events("Several of those arrested in March had been warned by police beforehand.").events == []


def test_events_officers_visiting_people_at_home_is_pressure():
    a = run_events(
        "Activists Aliya Suleimenova and Nurlan Kemelov plan a rally on 20 March 2022. "
        "On 5 March 2022, a police officer visited both at home and told them not to take part."
    )
    pressure = [ev for ev in a.events if ev.type == "pressure"]
    assert [(ev.date, names(a, ev.persons)) for ev in pressure] == [
        ("2022-03-05", ["Aliya Suleimenova", "Nurlan Kemelov"])
    ]


def test_events_a_date_bounding_another_span_or_dating_a_statement_is_not_the_event_date():
    a = run_events(
        "Activist Aliya Nurmagambetova, who chaired the council until 2021, was detained on 3 March 2022. "
        "On 2 March 2022, police searched the flat of blogger Marat Ospanov and questioned him for hours, "
        "Ospanov wrote on Facebook on 4 March 2022."
    )
    assert [(ev.type, ev.date) for ev in a.events] == [
        ("arrest", "2022-03-03"),
        ("search", "2022-03-02"),
        ("interrogation", "2022-03-02"),
    ]


def test_events_a_court_ordering_an_arrest_is_a_restraint():
    text = "Journalist Kanat Seitov has been in custody since 5 March 2022, when a court ordered his arrest."
    a, ev = only(text, "restraint")
    assert (ev.date, names(a, ev.persons)) == ("2022-03-05", ["Kanat Seitov"])


@pytest.mark.parametrize(
    "text",
    [
        'In January 2022 the Prosecutor General\'s Office declared the Open Steppe Foundation "undesirable".',
        "В январе 2022 года фонд «Открытая степь» признан «нежелательной» организацией.",
    ],
)
def test_events_an_organisation_declared_undesirable_is_banned(text):
    a = run_events(text)
    assert [(ev.type, ev.date) for ev in a.events] == [("ban", "2022-01")]


def test_events_a_note_under_a_table_is_about_the_row_it_comments_on():
    a = run_events(
        "| 1 | 4 March 2022 | Arman Tolegenov | Almaty City Court | 5 years of imprisonment |\n"
        "| 2 | 7 March 2022 | Dina Sarsenova | Semey City Court | 2 years of restricted freedom |\n\n"
        "Notes\n\n"
        "(1) He was detained on 1 February 2022 at his flat.\n\n"
        "(2) On 8 March 2022 police officers threatened her with a new case."
    )
    found = [(ev.type, ev.date, names(a, ev.persons)) for ev in a.events if ev.type != "verdict"]
    assert found == [
        ("arrest", "2022-02-01", ["Arman Tolegenov"]),
        ("pressure", "2022-03-08", ["Dina Sarsenova"]),
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Officers took Ruslan Abenov from his office on 3 March.", "arrest"),
        ("He spent a week in a police cell after his detention on 3 March.", "arrest"),
        ("The district court extends the detention by two months.", "restraint"),
        ("Суд продлил срок содержания под стражей ещё на три месяца.", "restraint"),
        ("Его поместили в СИЗО № 1 после допроса.", "restraint"),
        ("Его брата до вечера допрашивали как свидетеля.", "interrogation"),
        ("Судья назначила Асхату Бекову 15 суток административного ареста.", "verdict"),
        ("Судья назначила ей штраф в 50 МРП.", "verdict"),
        ("The judge gave pensioner Dina Aliyeva, 70, ten days of administrative arrest.", "verdict"),
        ("His relatives had repeated preventive conversations with the police.", "pressure"),
        ("On 3 March she was placed in a punishment cell for ten days.", "pressure"),
        ("3 марта участковый пришёл к матери активиста и предупредил её.", "pressure"),
        ("Затем его на сутки поместили в карцер.", "pressure"),
        ("According to him, he was punched and kicked in the car.", "ill_treatment"),
        ("Администрация колонии отказала ему в медицинской помощи.", "ill_treatment"),
        ("В проведении пикета активистам отказано.", "assembly_denied"),
        ("5 марта акимат снова отказал организаторам.", "assembly_denied"),
        ("His wife filed a complaint with the prosecutor's office on 3 March.", "advocacy"),
    ],
)
def test_events_trigger_families(sentence, kind):
    assert kind in sentence_types(sentence, has_when=True)


@pytest.mark.parametrize(
    "sentence",
    [
        "Адвокат подала на имя начальника СИЗО ходатайство.",  # the remand centre as a place, not a measure
        "Письма можно отправлять по адресу: СИЗО № 1, г. Минск.",
    ],
)
def test_events_a_remand_centre_named_is_no_restraint(sentence):
    assert "restraint" not in sentence_types(sentence, has_when=True)


def test_events_a_scene_setting_sentence_naming_nobody_dates_the_next():
    a = run_events("Oral, 5 March 2022. Police detained activist Berik Tolegenov at a picket.")
    assert [(ev.type, ev.date) for ev in a.events] == [("arrest", "2022-03-05")]


def test_events_items_under_a_colon_line_take_the_date_of_the_story_before_it():
    a = run_events(
        "On 5 March 2022 officers searched the home of activist Berik Tolegenov.\n\n"
        "What we know so far:\n\n"
        "— his brother, Arman Tolegenov, was questioned for five hours;"
    )
    assert [(ev.type, ev.date, names(a, ev.persons)) for ev in a.events] == [
        ("search", "2022-03-05", ["Berik Tolegenov"]),
        ("interrogation", "2022-03-05", ["Arman Tolegenov"]),
    ]


def test_events_a_story_keeps_the_date_given_to_the_sentences_before():
    a = run_events(
        "• 2 March 2022\n"
        "Activist Dana Serikova was detained near her home. Her family was not told where she was. "
        "According to Dana Serikova, she was punched in the car."
    )
    assert [(ev.type, ev.date) for ev in a.events] == [
        ("arrest", "2022-03-02"),
        ("ill_treatment", "2022-03-02"),
    ]


def test_events_a_verdict_row_with_a_colony_or_a_fine_needs_no_verb():
    a = run_events(
        "Decisions of the week.\n\n"
        "| 1 | 4 March 2022 | Arman Tolegenov | Almaty City Court | 3 years, general-regime colony |\n"
        "| 2 | 7 March 2022 | Dina Sarsenova | Semey City Court | fine of 200 MCI |"
    )
    assert [(ev.type, ev.date) for ev in a.events] == [("verdict", "2022-03-04"), ("verdict", "2022-03-07")]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("On 3 March police detain Arman Sadykov outside the akimat.", "arrest"),
        ("The homes of both activists are searched the same morning.", "search"),
        ("Officers search his flat and seize two laptops.", "search"),
        ("The trial opens in the Almaty City Court.", "hearing"),
        ("The hearing lasts twenty minutes.", "hearing"),
    ],
)
def test_events_present_tense_timelines(sentence, kind):
    assert kind in sentence_types(sentence, has_when=True)


@pytest.mark.parametrize(
    "sentence",
    [
        "3 марта районный суд арестовал на два месяца блогера Асета Нурова.",
        "The court arrested him for two months on 3 March.",
    ],
)
def test_events_a_court_arresting_someone_for_a_term_is_a_restraint(sentence):
    assert sentence_types(sentence, has_when=True) == ["restraint"]


def test_events_a_call_to_attend_a_hearing_is_no_hearing():
    assert "hearing" not in sentence_types(
        "His mother asks everyone to attend the hearing at the court.", False
    )


def test_events_the_activists_are_the_targets_named_last():
    a = run_events(
        "On 1 March 2022 Aigul Temirova and Nurlan Kemelov notified the akimat of a rally.\n\n"
        "On 3 March 2022 the activists were told that the rally was not allowed by the akimat."
    )
    denied = [ev for ev in a.events if ev.type == "assembly_denied"]
    assert [(ev.date, names(a, ev.persons)) for ev in denied] == [
        ("2022-03-03", ["Aigul Temirova", "Nurlan Kemelov"])
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        'On 3 March the ministry added journalist Ilya Sorokin to the list of "foreign agents".',
        "3 марта Минюст признал журналиста Илью Сорокина «иностранным агентом».",
        "Его внесли в реестр иностранных агентов.",
    ],
)
def test_events_being_listed_as_a_foreign_agent_is_pressure(sentence):
    assert "pressure" in sentence_types(sentence, has_when=True)


def test_events_penalties_in_clauses_of_their_own_are_verdicts_of_their_own():
    a = run_events(
        "3 марта судья Айгерим Касымова назначила Асхату Бекову и Ерлану Сапарову по 15 суток ареста, "
        "Дане Аскаровой — 10 суток ареста, а Нурлану Жаксылыкову — штраф 100 МРП."
    )
    verdicts = [(names(a, ev.persons), ev.outcome) for ev in a.events if ev.type == "verdict"]
    assert verdicts == [
        (["Askhat Bekov", "Yerlan Saparov"], "other"),
        (["Dana Askarova"], "other"),
        (["Nurlan Zhaksylykov"], "fine"),
    ]


def test_events_one_sentence_handing_out_terms_without_dashes_is_one_verdict():
    a = run_events(
        "On 3 March 2022 the court sentenced Arman Tolegenov to 5 years and Dina Sarsenova to 3 years."
    )
    verdicts = [names(a, ev.persons) for ev in a.events if ev.type == "verdict"]
    assert verdicts == [["Arman Tolegenov", "Dina Sarsenova"]]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Two officers visited his 80-year-old mother at home and spoke of her pension.", "pressure"),
        ("Her sister was called in by the head of the hospital and told to choose.", "pressure"),
        ("A man from the NSC came to the private school where she teaches.", "pressure"),
        ("His cousin was asked to “influence” him before the elections.", "pressure"),
        ("The editor was banned from leaving the country in May.", "pressure"),
        ("Her lawyer was disbarred after the trial.", "pressure"),
        ("His father was warned by the factory management that he could lose his job.", "pressure"),
        ("The defender's wife was not let into the courtroom.", "pressure"),
        ("Участковый звонил ему и советовал «не высовываться».", "pressure"),
        ("К сестре блогера, Асель Нуровой, на работу пришли двое полицейских.", "pressure"),
        ("Сотрудники полиции пригрозили ей уголовным делом.", "pressure"),
        ("Ему запретили выезд из страны.", "pressure"),
        ("He is suspected of calling for mass unrest.", "charge"),
        ("The investigator brought a new charge against the blogger.", "charge"),
        ("Уголовное дело, которое 2 мая возбудили против блогера, передано в суд.", "charge"),
        ("The NGO has recognised four more people as political prisoners.", "advocacy"),
        ("Since March he has been on the list of political prisoners.", "advocacy"),
        ("His wife asks anyone who can attend to come to the court building.", "advocacy"),
        ("The union raised his case at the conference.", "advocacy"),
        ("Адвокат подала на имя начальника колонии ходатайство о медицинском осмотре.", "advocacy"),
    ],
)
def test_events_pressure_charge_and_advocacy_phrasings(sentence: str, kind: str) -> None:
    assert kind in sentence_types(sentence, has_when=True)


def test_events_officers_demanding_are_pressure_and_calls_to_end_intimidation_are_advocacy() -> None:
    demand = "On 3 May a police officer came to his workplace and demanded that he delete his posts."
    assert "advocacy" not in sentence_types(demand, True) and "pressure" in sentence_types(demand, True)
    call = "On 4 May two NGOs called for his release and urged an end to the campaign of intimidation."
    assert "pressure" not in sentence_types(call, True) and "advocacy" in sentence_types(call, True)


def test_events_pressure_on_a_lawyer_is_the_lawyer_s() -> None:
    a = run_events(
        "Blogger Marat Ospanov was detained on 2 March 2022. "
        "His lawyer, Dana Serikova, was disbarred on 5 March."
    )
    pressure = [ev for ev in a.events if ev.type == "pressure"]
    assert [names(a, ev.persons) for ev in pressure] == [["Dana Serikova"]]


def test_events_a_relative_s_complaint_defends_the_detained() -> None:
    a = run_events(
        "Activist Bolat Serikov was beaten in custody on 2 March 2022. "
        "On 4 March his wife Aigerim Serikova filed a complaint with the prosecutor's office."
    )
    (advocacy,) = [ev for ev in a.events if ev.type == "advocacy"]
    assert "Bolat Serikov" in names(a, advocacy.persons)


def test_events_a_statement_naming_nobody_is_about_the_few_targets_of_the_report() -> None:
    a = run_events(
        "The centre has recognised two more people as political prisoners.\n\n"
        "Name: Ales Karpovich\nDetained on 2 February 2022.\n\n"
        "Name: Ina Lutskaya\nDetained on 4 February 2022."
    )
    (advocacy,) = [ev for ev in a.events if ev.type == "advocacy"]
    assert sorted(names(a, advocacy.persons)) == ["Ales Karpovich", "Ina Lutskaya"]


def test_events_what_a_relative_tells_happened_to_the_one_she_speaks_of() -> None:
    a = run_events(
        "Activist Askar Beisenov was detained on 2 March 2022. "
        '"He was beaten in the car and denied a doctor," says his sister, Dana Beisenova.'
    )
    (ill,) = [ev for ev in a.events if ev.type == "ill_treatment"]
    assert names(a, ill.persons) == ["Askar Beisenov"]


def test_events_a_search_of_a_relative_s_home_is_the_relative_s() -> None:
    a = run_events(
        "Блогер Ерлан Сапаров живёт за границей. Его мать, Айгуль Сапарова, работает в школе.\n\n"
        "2 марта 2022 года полиция провела обыск в доме матери блогера Ерлана Сапарова."
    )
    (search,) = [ev for ev in a.events if ev.type == "search"]
    assert names(a, search.persons) == ["Aygul Saparova"]


def test_events_a_span_of_time_before_a_list_does_not_date_its_items() -> None:
    a = run_events(
        "On 5 March 2022 police searched the homes of blogger Timur Amanov's family. "
        "Timur has lived abroad since spring 2021.\n"
        "What we know:\n"
        "- his brother Arman Amanov was questioned for six hours."
    )
    (questioned,) = [ev for ev in a.events if ev.type == "interrogation"]
    assert questioned.date == "2022-03-05"


@pytest.mark.parametrize(
    "sentence",
    [
        "She demanded that the officers be prosecuted for torture.",
        "The centre helps people who allege torture in custody.",
        "Her group reported to the UN Committee against Torture.",
        "The judge ignored his testimony about torture.",
        "Адвокат пытался попасть к подзащитному, но его не пустили.",
    ],
)
def test_events_torture_spoken_of_or_tried_is_no_ill_treatment(sentence: str) -> None:
    assert "ill_treatment" not in sentence_types(sentence, True)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ambulance his mother called to the station was turned away.",
        "Врача, которого вызвали родные, к нему не пустили.",
        "Его пытали током.",
    ],
)
def test_events_refused_medical_help_and_torture_are_ill_treatment(sentence: str) -> None:
    assert "ill_treatment" in sentence_types(sentence, True)


def test_events_a_court_arresting_for_days_is_a_penalty_for_months_a_measure() -> None:
    days = (
        "On 3 March 2022 the court arrested activist Erlan Dosov for 10 days under Article 488 of the Code."
    )
    assert "verdict" in sentence_types(days, True) and "restraint" not in sentence_types(days, True)
    months = "On 3 March 2022 the court arrested activist Erlan Dosov for two months."
    assert "restraint" in sentence_types(months, True) and "verdict" not in sentence_types(months, True)


def test_events_broken_terms_of_house_arrest_are_no_measure() -> None:
    sentence = "The prosecutor said that she had violated the conditions of her house arrest."
    assert "restraint" not in sentence_types(sentence, True)
    assert "restraint" not in sentence_types("Он якобы нарушил условия домашнего ареста.", True)


def test_events_a_tally_of_unnamed_people_is_nobody_s_event() -> None:
    a = run_events(
        "Blogger Serik Amanov was detained on 2 March 2022.\n\n"
        "Since January at least nine journalists have been detained in the country."
    )
    assert [(ev.type, ev.date) for ev in a.events] == [("arrest", "2022-03-02")]


def test_events_all_three_are_the_three_named_together_before() -> None:
    a = run_events(
        "Activists Timur Bekov, Aliya Nurova and Daniyar Ospan were detained on 1 March 2022.\n\n"
        "Their lawyer Gulnara Sadykova was not allowed to see them.\n\n"
        "On 3 March 2022 the court ordered two months of pre-trial detention for all three."
    )
    (restraint,) = [ev for ev in a.events if ev.type == "restraint"]
    assert names(a, restraint.persons) == ["Timur Bekov", "Aliya Nurova", "Daniyar Ospan"]


def test_events_different_measures_on_one_day_stay_apart() -> None:
    a = run_events(
        "On 3 March 2022 the court placed activist Aliya Nurova under house arrest for two months. "
        "The same day the court remanded activist Timur Bekov in pre-trial detention for two months."
    )
    restraints = [(names(a, ev.persons), ev.term) for ev in a.events if ev.type == "restraint"]
    assert restraints == [
        (["Aliya Nurova"], "house arrest, two months"),
        (["Timur Bekov"], "pre-trial detention, two months"),
    ]


def test_events_a_verdict_retold_in_quoted_words_is_not_another_verdict() -> None:
    a = run_events(
        "On 7 March 2022 the city court sentenced blogger Arman Sadykov to three years in prison.\n\n"
        '"My client has been sentenced for his posts," lawyer Aigul Bekova told reporters on 9 March 2022.'
    )
    assert [(ev.type, ev.date) for ev in a.events if ev.type == "verdict"] == [("verdict", "2022-03-07")]


@pytest.mark.parametrize(
    ("sentence", "absent", "present"),
    [
        ("При задержании его несколько раз ударили о стену.", "arrest", "ill_treatment"),
        ("After her husband's arrest she was fired from the school.", "arrest", "pressure"),
        (
            "His brother is taken to the police station and questioned for two hours.",
            "arrest",
            "interrogation",
        ),
        (
            "Her son was summoned to the police on 3 May and questioned about her posts.",
            "pressure",
            "interrogation",
        ),
    ],
)
def test_events_what_only_sets_the_scene_is_no_event_of_its_own(
    sentence: str, absent: str, present: str
) -> None:
    types = sentence_types(sentence, True)
    assert absent not in types and present in types


def test_events_a_lawyer_summoned_for_questioning_is_the_one_questioned() -> None:
    a = run_events(
        "Trade unionist Erlan Mukhanov was detained on 1 March 2022. "
        "On 4 March 2022 the union's lawyer, Dana Serikova, was summoned for questioning."
    )
    (questioned,) = [ev for ev in a.events if ev.type == "interrogation"]
    assert names(a, questioned.persons) == ["Dana Serikova"]


def test_events_a_lawyer_s_client_is_the_report_s_defendant() -> None:
    a = run_events(
        "Political prisoner Nurlan Abenov is on hunger strike in colony No. 3.\n\n"
        "His lawyer Aigerim Sadykova visited him twice.\n\n"
        "She says that on 7 March 2022 her client was placed in a punishment cell for ten days."
    )
    (cell,) = [ev for ev in a.events if ev.type == "pressure"]
    assert names(a, cell.persons) == ["Nurlan Abenov"]


def test_events_a_teller_spoken_of_herself_keeps_the_event() -> None:
    a = run_events(
        "Defender Aliya Ermekova says that on 3 March 2022 a man who called himself an officer "
        "came to the clinic where she works."
    )
    (visit,) = [ev for ev in a.events if ev.type == "pressure"]
    assert names(a, visit.persons) == ["Aliya Ermekova"]


def test_events_what_happened_during_an_arrest_takes_its_day() -> None:
    a = run_events(
        "Blogger Arman Sadykov was detained on 6 March 2022 in Aktau.\n\n"
        "His mother says that during his arrest officers punched him several times."
    )
    (ill,) = [ev for ev in a.events if ev.type == "ill_treatment"]
    assert (names(a, ill.persons), ill.date) == (["Arman Sadykov"], "2022-03-06")


def test_events_a_date_in_the_event_s_own_clause_is_its_date() -> None:
    a = run_events(
        "Activist Serik Ermekov lives in Aktau. In April 2021 his flat was searched, "
        "and in May 2021 a court placed him under house arrest for three months."
    )
    dates = {ev.type: ev.date for ev in a.events}
    assert (dates["search"], dates["restraint"]) == ("2021-04", "2021-05")


def test_events_a_refusal_signed_by_an_official_is_a_denied_assembly_with_its_signer() -> None:
    a = run_events(
        "The akimat refused to let the group hold a picket on 20 March 2022. "
        "The refusal, dated 14 March 2022, is signed by deputy akim Serik Zhakupov."
    )
    denied = [(ev.date, names(a, ev.perpetrators)) for ev in a.events if ev.type == "assembly_denied"]
    assert ("2022-03-14", ["Serik Zhakupov"]) in denied
    assert "assembly_denied" in sentence_types("Отказ подписал заместитель акима города.", True)


@pytest.mark.parametrize(
    "sentence",
    [
        "Вечером на активиста составили протокол по ч. 1 ст. 20.2 КоАП.",
        "Police drew up an administrative protocol against the blogger for the picket.",
        "Задержана в марте, обвинена по ч. 2 ст. 174 УК.",
        "The poet is a suspect in a case of insulting officials.",
    ],
)
def test_events_a_protocol_drawn_up_or_being_a_suspect_is_a_charge(sentence):
    assert "charge" in sentence_types(sentence, has_when=False)


def test_events_the_same_day_looks_back_past_sentences_without_a_date():
    a = run_events(
        "On 4 March 2022 the court fined activist Arman Serikov. Nobody from his family was let in.\n\n"
        "His colleague Dina Omarova was not taken to court. Officers said they found leaflets in her bag. "
        "Her lawyer could not see her. On the same day she was charged with distributing extremist materials."
    )
    charge = next(ev for ev in a.events if ev.type == "charge")
    assert (names(a, charge.persons), charge.date) == (["Dina Omarova"], "2022-03-04")


def test_events_a_sanctions_call_is_against_officials_not_the_persecuted_it_names():
    a = run_events(
        "The coalition asks the EU to impose sanctions on the officials responsible for the detention of two "
        "journalists, Arman Tulegenov and Dina Sarsenova.\n\n"
        "On 3 March 2022 police detained Arman Tulegenov and Dina Sarsenova in Almaty.\n\n"
        "Officials responsible\n\n1. Bolat Kaliyev, judge of the Almaty City Court — sentenced them."
    )
    call = next(ev for ev in a.events if ev.type == "sanction_call")
    assert names(a, call.perpetrators) == ["Bolat Kaliyev"]
    assert {p.name: p.side for p in a.persons}["Arman Tulegenov"] == "target"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Since May the prison doctor has refused to treat his diabetes.", "ill_treatment"),
        ("Врачи СИЗО отказались его лечить.", "ill_treatment"),
        ("In March the prison cancelled his mother's long visit.", "pressure"),
        ("В феврале ему отменили длительное свидание с женой.", "pressure"),
    ],
)
def test_events_treatment_refused_and_visits_cancelled_in_prison(sentence, kind):
    assert kind in sentence_types(sentence, has_when=True)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("A week later an investigator charged her under Article 174 of the Criminal Code.", "charge"),
        ("Her custody has been extended three times.", "restraint"),
        ("The search went on until noon; officers took two laptops.", "search"),
    ],
)
def test_events_a_case_history_s_wording_of_charge_extension_and_search(sentence, kind):
    assert kind in sentence_types(sentence, has_when=True)


def test_events_a_paragraph_label_names_what_its_first_sentence_tells():
    a = run_events(
        "Background.\n\nThe arrest. Before dawn on 2 March 2022 masked men broke into the flat of blogger "
        "Timur Sadykov in Aktobe.\n\nОбыск. 3 марта 2022 года у активистки Айгуль Бековой изъяли телефон."
    )
    assert [(ev.type, ev.date, names(a, ev.persons)) for ev in a.events] == [
        ("arrest", "2022-03-02", ["Timur Sadykov"]),
        ("search", "2022-03-03", ["Aygul Bekova"]),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "On 4 March activist Erlan Bekov was detained, and the next day a court gave him 15 days of arrest.",
        "Её задержали 2 марта, а на следующий день суд назначил ей 10 суток ареста.",
    ],
)
def test_events_an_arrest_and_a_court_s_penalty_in_other_clauses_are_both_told(sentence):
    assert sentence_types(sentence, has_when=True) == ["arrest", "verdict"]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("С марта активист находится в СИЗО № 1 Караганды.", "restraint"),
        ("She has been held in a pre-trial detention centre in Taraz since May.", "restraint"),
        ("A week later the university expelled her for missing classes.", "pressure"),
        ("Через неделю его отчислили из колледжа.", "pressure"),
        ("On Monday his manager told him to resign.", "pressure"),
    ],
)
def test_events_held_in_a_remand_prison_expelled_or_made_to_resign(sentence, kind):
    assert kind in sentence_types(sentence, has_when=True)


def test_events_a_sentence_naming_nobody_is_about_the_last_person_of_its_pronoun_s_gender():
    text = (
        "On 2 March 2022 police searched the flat of activist Bolat Seitov. Officers wanted him to persuade "
        "his sister, journalist Aliya Seitova, to stop writing. On 3 March his employer told him to resign."
    )
    a = run_events(text)
    last = next(ev for ev in a.events if any(text[s:e].startswith("On 3 March") for s, e in ev.evidence))
    assert (last.type, last.date, names(a, last.persons)) == ("pressure", "2022-03-03", ["Bolat Seitov"])


@pytest.mark.parametrize(
    ("sentence", "is_ban"),
    [
        ('In May 2023 the KGB designated the chat an "extremist formation".', True),
        ('The chat was designated an "extremist formation" in May 2023.', True),
        ("В 2022 году МВД признало канал «экстремистским формированием».", True),
        # a ban told as what a group is, not as what happened to it
        ("Police seized leaflets of the banned party Alga in his flat.", False),
    ],
)
def test_events_a_designation_as_extremist_is_a_ban_and_a_banned_group_is_none(sentence, is_ban):
    assert ("ban" in sentence_types(sentence, has_when=True)) == is_ban


@pytest.mark.parametrize(
    "sentence",
    [
        "Мы требуем освободить журналистов и пересмотреть их дела в открытых судебных процессах.",
        "We demand that the court hold a fair trial for the two bloggers.",
    ],
)
def test_events_a_demand_for_a_fair_trial_is_no_hearing(sentence):
    assert sentence_types(sentence, has_when=False) == ["advocacy"]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("В пятницу суд санкционировал арест блогера сроком на два месяца.", "restraint"),
        ("The court sanctioned her arrest for two months.", "restraint"),
        ("For three days in custody he received no insulin.", "ill_treatment"),
        ("Guards denied her inhaler twice during the night.", "ill_treatment"),
        ("We respectfully urge the authorities to release him.", "advocacy"),
    ],
)
def test_events_an_arrest_sanctioned_medicine_withheld_and_a_call_with_an_adverb(sentence, kind):
    assert kind in sentence_types(sentence, has_when=True)


def test_events_an_official_s_list_entry_retells_an_event_told_before():
    a = run_events(
        "On 3 March 2022 the Almaty City Court sentenced activist Bolat Seitov to three years.\n\n"
        "On 5 March 2022 police detained his brother, Arman Seitov.\n\nOfficials responsible\n\n"
        "1. Dana Omarova, judge of the Almaty City Court — sentenced Bolat Seitov for his posts."
    )
    verdicts = [ev for ev in a.events if ev.type == "verdict"]
    assert [(ev.date, names(a, ev.perpetrators)) for ev in verdicts] == [("2022-03-03", ["Dana Omarova"])]


@pytest.mark.parametrize(
    "sentence",
    [
        "В марте мы зафиксировали два обыска, три задержания и один отказ в проведении митинга.",
        "This month we recorded 14 detentions, two searches and a verdict.",
    ],
)
def test_events_a_report_s_tally_of_what_it_recorded_is_no_event(sentence):
    assert sentence_types(sentence, has_when=True) == []


def test_events_a_decision_told_right_after_one_of_its_kind_shares_its_date():
    a = run_events(
        "On 4 March 2022 the Bishkek court remanded blogger Azamat Osmonov in custody for two months. "
        "Journalist Aizada Bekova was placed under house arrest."
    )
    assert [(ev.type, ev.date) for ev in a.events] == [("restraint", "2022-03-04")] * 2


def test_events_a_place_searched_told_by_a_pronoun_is_a_search():
    assert "search" in sentence_types("Officers came at dawn and searched it for six hours.", has_when=True)


# ---- triggers written as lemmas, and what only speaks of an event


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Следователи подозревают блогера Арсена Досова в организации протеста.", "charge"),
        ("Блогера Арсена Досова подозревали в призывах к протесту.", "charge"),
        ("Дело против Арсена Досова завели ещё в марте.", "charge"),
        ("Суд признал Арсена Досова виновным в участии в митинге.", "verdict"),
        ("A court in Taraz found 41-year-old Nurlan Seitov guilty of joining a banned party.", "verdict"),
        ("Nurlan Seitov, who had been detained and charged in May, denies everything.", "charge"),
        ("On 4 May, investigator Aidos Bekov prepared the indictment against Nurlan Seitov.", "charge"),
        ("Два заседания по делу Досова состоялись в четверг.", "hearing"),
        ("Жалобу Досова рассматривали в закрытом режиме.", "hearing"),
        ("Оглашая приговор, судья Берик Омаров сказал, что Досов не опасен.", "hearing"),
        ("Правозащитники признали Арсена Досова политзаключённым.", "advocacy"),
        ("Сторонники пришли к суду, требуя освободить Арсена Досова.", "advocacy"),
        ("Six MEPs signed a letter about Nurlan Seitov on 3 March.", "advocacy"),
        ("The embassy voiced its support for the activist Nurlan Seitov.", "advocacy"),
        ("This follows the letters which six MEPs sent to the President about Nurlan Seitov.", "advocacy"),
        ("Nurlan Seitov told the trial that the case against him was fabricated.", "hearing"),
        ("The hearing in the case of Nurlan Seitov was interrupted after two hours.", "hearing"),
        ("Заседание по делу Досова было прервано.", "hearing"),
        ("The court left them in custody.", "restraint"),
        ("Ерлана Касымова, который находится под стражей, суд приговорил к двум годам колонии.", "verdict"),
        ("The case of Nurlan Seitov was heard by the Taraz City Court.", "hearing"),
        ("An MEP sent the Commission a written question on the case of Nurlan Seitov.", "advocacy"),
    ],
)
def test_events_trigger_by_lemma_matches_inflected_forms(sentence, kind):
    assert kind in sentence_types(sentence, True)


def test_events_lemma_forms_cover_russian_and_english_inflection():
    from casewatch.extract.triggers import english_forms, lemma_pattern, russian_forms

    forms = set(russian_forms("подозревать"))
    assert {"подозревают", "подозревали", "подозреваемый", "подозреваемого"} <= forms
    assert {"banned", "banning", "bans"} <= set(english_forms("ban"))
    assert {"convicted", "convicts"} <= set(english_forms("convict"))
    phrase = re.compile(lemma_pattern("признать виновный"), re.I)
    assert phrase.search("суд признал 30-летнего активиста виновным")
    assert not phrase.search("суд признал ошибку, а через неделю адвокат сказал, что клиент не виновен")


@pytest.mark.parametrize(
    "sentence",
    [
        "We demand the withdrawal of all charges against Nurlan Seitov.",
        "Государственное обвинение по делу Досова поддерживал прокурор Ерлан Касымов.",
        "What is Nurlan Seitov charged with?",
        "ADMINISTRATIVE CASES",
        "The officers threatened to convict Nurlan Seitov if he kept posting.",
    ],
)
def test_events_spoken_of_asked_or_threatened_is_no_charge_or_verdict(sentence):
    assert not {"charge", "verdict"} & set(sentence_types(sentence, True))


def test_events_heading_in_capitals_keeps_only_a_statement():
    assert sentence_types("OPEN LETTER", False) == ["advocacy"]


def test_events_charge_told_on_its_own_stays_beside_the_verdict():
    a = run_events(
        "On 3 May 2022 the Taraz City Court sentenced activist Nurlan Seitov to two years of restricted "
        "freedom.\n"
        "Seitov had been suspected of taking part in the activities of a banned party since January."
    )
    assert sorted(ev.type for ev in a.events) == ["charge", "verdict"]


def test_events_charge_inside_the_court_events_sentence_is_the_same_case():
    a = run_events(
        "On 3 May 2022 the Taraz City Court remanded activist Nurlan Seitov in custody for two months under "
        "fabricated charges of organising mass riots."
    )
    assert [ev.type for ev in a.events] == ["restraint"]


# ---- court sessions told in prose


def test_events_hearing_told_with_its_day_took_place():
    a = run_events("Relatives of Nurlan Seitov were kept out of the hearing on 3 March.")
    assert [(ev.type, ev.date) for ev in a.events] == [("hearing", "2022-03-03")]


def test_events_that_same_day_takes_the_day_told_before():
    a = run_events(
        "Supporters of Nurlan Seitov gathered outside the court on 3 March.\n"
        "Police detained one of them, Aidar Kenzhebek, and later that same day he was given ten days in jail."
    )
    dated = {(ev.type, ev.date) for ev in a.events if "Aidar Kenzhebek" in names(a, ev.persons)}
    assert dated == {("arrest", "2022-03-03"), ("verdict", "2022-03-03")}


def test_events_hearing_of_a_group_nobody_names_with_the_judge_of_that_day():
    a = run_events(
        "The criminal case of eleven civil activists from Taraz had its fifth court session on 2 March "
        "2022.\n\n"
        "On 2 March 2022, the activists asked judge Berik Omarov to read out the banning decision."
    )
    hearings = [ev for ev in a.events if ev.type == "hearing"]
    assert [(ev.date, ev.persons, names(a, ev.perpetrators)) for ev in hearings] == [
        ("2022-03-02", [], ["Berik Omarov"])
    ]


def test_events_hearing_naming_nobody_outside_a_group_case_is_dropped():
    a = run_events("The court session resumed on 2 March 2022 after a break.")
    assert a.events == []


# ---- a post under a header of tags


def test_events_dash_items_under_a_tag_header_take_its_day_and_person():
    a = run_events(
        "✔️#Taraz⚡️#Serikbol Amanzhol – On 4 May 2022 at 09:00, police officers detained Serikbol near his "
        "home.\n\n"
        "– The officers took him to the district police department and held him for six hours.\n\n"
        "– Inside the building, Serikbol was subjected to brute physical force by two officers.\n\n"
        "– An investigator questioned him without a lawyer."
    )
    assert [p.name for p in a.persons] == ["Serikbol Amanzhol"]
    dated = {(ev.type, ev.date) for ev in a.events}
    assert {"arrest", "ill_treatment", "interrogation"} <= {kind for kind, _ in dated}
    assert all(ev.date == "2022-05-04" for ev in a.events)


# ---- refusals of assemblies


def test_events_refusal_dated_inside_an_inserted_clause():
    a = run_events(
        "The Akimat of Taraz, on 2 March 2022, refused a peaceful rally, answering a notification filed by "
        "activist Dana Omarova."
    )
    assert [(ev.type, ev.date, names(a, ev.persons)) for ev in a.events] == [
        ("assembly_denied", "2022-03-02", ["Dana Omarova"])
    ]


def test_events_refusals_listed_each_with_its_date():
    a = run_events(
        "Monitors counted four refusals of pickets planned for 8 March 2022 in three cities (Aktobe — a "
        "refusal dated 1 March 2022, Oral — a refusal dated 3 March 2022, Taraz — two refusals dated 4 "
        "March)."
    )
    assert sorted(ev.date for ev in a.events if ev.type == "assembly_denied") == [
        "2022-03-01",
        "2022-03-03",
        "2022-03-04",
    ]


# ---- lists


def test_events_list_lines_with_the_same_measure_are_one_decision():
    a = run_events(
        "The investigator asked the court to keep the measures for all defendants.\n\n"
        "Nurlan Seitov – house arrest – 2 months\n\n"
        "Aidar Kenzhebek – in pre-trial detention centre – 2 months\n\n"
        "Dana Omarova – house arrest – 2 months\n\n"
        "Berik Zhanov – in pre-trial detention centre – 2 months"
    )
    measures = sorted((ev.term or "", names(a, ev.persons)) for ev in a.events if ev.type == "restraint")
    assert [(term.split(",")[0], persons) for term, persons in measures] == [
        ("house arrest", ["Nurlan Seitov", "Dana Omarova"]),
        ("pre-trial detention", ["Aidar Kenzhebek", "Berik Zhanov"]),
    ]


def test_events_list_of_terms_giving_the_unit_once_is_a_verdict_each():
    a = run_events(
        "Приговор огласил областной суд 3 марта 2022 года. Осуждены: Ерлан Касымов — 7 лет колонии, "
        "Дана Омарова — 5, Берик Жанов — 6."
    )
    verdicts = [names(a, ev.persons) for ev in a.events if ev.type == "verdict"]
    assert sorted(verdicts) == [["Berik Zhanov"], ["Dana Omarova"], ["Yerlan Kasymov"]]


def test_events_sessions_told_in_turn_are_a_hearing_each():
    a = run_events(
        "The Taraz City Court held the first hearing in the trial of Messrs. Nurlan Seitov and Berik "
        "Zhanov at 11.00 am on 1 March 2022; the second followed on 2 March, and the third on 9 March."
    )
    hearings = sorted((ev.date, ev.time, len(ev.persons)) for ev in a.events if ev.type == "hearing")
    assert hearings == [("2022-03-01", "11:00", 2), ("2022-03-02", None, 2), ("2022-03-09", None, 2)]


# ---- entries of a monitoring report


def test_events_dated_entry_with_a_prison_term_is_that_persons_verdict():
    a = run_events(
        "March 2, Taraz, Seitov N., Article 174, Part 1 of the Criminal Code, 4 years' imprisonment, was "
        "moved to another colony without notice."
    )
    assert [ev.type for ev in a.events] == ["verdict"]


def test_events_dated_entry_with_an_arrest_for_days_is_an_arrest():
    a = run_events(
        "March 2, Taraz, Seitov N., Article 488, Part 6 of the Code of Administrative Offences, arrest for "
        "10 days over a picket."
    )
    assert [ev.type for ev in a.events] == ["arrest"]


def test_events_each_clause_with_its_own_day_is_its_own_measure():
    a = run_events(
        "С 7 марта 2022 года Ерлан Касымов содержался под стражей, а 25 марта его перевели под домашний "
        "арест."
    )
    assert sorted(ev.date for ev in a.events if ev.type == "restraint") == ["2022-03-07", "2022-03-25"]


def test_events_a_group_the_sentence_does_not_name_is_the_list_after_the_next_colon_line():
    a = run_events(
        "2 марта суд перевёл под домашний арест несколько активистов.\n"
        "Из СИЗО уже отпустили:\n- Ерлана Касымова;\n- Берика Жанова."
    )
    restraint = [ev for ev in a.events if ev.type == "restraint"]
    assert [names(a, ev.persons) for ev in restraint] == [["Yerlan Kasymov", "Berik Zhanov"]]


def test_events_a_ban_on_leaving_the_city_is_a_measure_of_restraint():
    assert "restraint" in sentence_types("Nurlan Seitov was placed under a ban on leaving the city.", False)
    assert "restraint" in sentence_types("Дана Омарова находится под подпиской о невыезде.", False)


def test_events_a_banned_organisation_named_in_passing_is_no_ban():
    assert "ban" not in sentence_types("Её подозревают в участии в «запрещённой организации».", True)
    assert "ban" not in sentence_types("Ему вменили членство в запрещенной партии «Алга».", True)
    assert "ban" in sentence_types("Движение «Алга» было запрещено судом в 2020 году.", True)


def test_events_likewise_joins_the_decision_told_before():
    a = run_events(
        "On 2 March 2022 the district court kept activist Nurlan Seitov in custody until 2 May.\n"
        "Berik Zhanov and Aidar Kenzhebek likewise stayed in custody."
    )
    restraints = [(ev.date, sorted(names(a, ev.persons))) for ev in a.events if ev.type == "restraint"]
    assert restraints == [("2022-03-02", ["Aidar Kenzhebek", "Berik Zhanov", "Nurlan Seitov"])]


def test_events_arrest_of_people_the_report_does_not_name_is_its_own():
    a = run_events(
        "On 2 March 2022 activist Nurlan Seitov was detained at the rally.\n"
        "Police also detained some of the protesters and gave no reason."
    )
    arrests = sorted((ev.date, names(a, ev.persons)) for ev in a.events if ev.type == "arrest")
    assert arrests == [("2022-03-02", []), ("2022-03-02", ["Nurlan Seitov"])]


def test_events_a_year_told_before_dates_no_session():
    text = (
        "10 апреля суд приговорил Арсена Досова к 6 годам условно.\n"
        "Подсудимого обвиняли в организации беспорядков в период событий 2021 года.\n"
        "Процесс шёл в онлайн-режиме."
    )
    a = Analysis(text=text, report_date=None)
    for name in STEPS:
        REGISTRY[name].func(a)
    assert [ev.date for ev in a.events if ev.type == "hearing"] == ["2021-04-10"]  # not the year "2021"


def test_events_an_indictment_naming_the_prosecution_is_a_charge_beside_the_hearing():
    a = run_events(
        "A court session in the case against activist Nurlan Seitov under Article 405 Part 1 will take "
        "place on 14 March 2022.\n"
        "Investigator Aidos Bekov prepared an indictment on 1 March 2022 against Nurlan Seitov, whose "
        "politically motivated prosecution is brought under Article 405 Part 1 of the Criminal Code."
    )
    assert sorted(ev.type for ev in a.events) == ["charge", "hearing"]


def test_events_a_charge_told_in_a_clause_of_its_own_beside_a_verdict_is_kept() -> None:
    a = run_events(
        "On 3 March 2022, a court in Taraz sentenced activist Nurlan Omarbekov, against whom charges had"
        " been brought under Article 405 of the Criminal Code, to two years of restricted freedom."
    )
    kinds = {ev.type: ev for ev in a.events}
    assert set(kinds) == {"verdict", "charge"}
    assert names(a, kinds["charge"].persons) == ["Nurlan Omarbekov"]
    assert kinds["charge"].articles == ["405"]


def test_events_a_verdict_on_a_charge_named_only_stays_one_event() -> None:
    _, ev = only(
        "On 3 March 2022, a court in Taraz sentenced activist Nurlan Omarbekov under Article 405 of the"
        " Criminal Code to two years of restricted freedom.",
        "verdict",
    )
    assert ev.articles == ["405"]


def test_events_the_defendant_as_subject_is_the_report_s_defendant() -> None:
    a = run_events(
        "Суд в Таразе приговорил Ерлана Сейтказина к двум годам ограничения свободы."
        " Выслушав приговор, Ерлан Сейтказин сказал, что не согласен с ним."
        " С ним согласилась и журналистка Динара Омарова."
        " Подсудимого обвиняли в участии в деятельности запрещённой организации."
    )
    charges = [ev for ev in a.events if ev.type == "charge"]
    assert len(charges) == 1
    assert charges[0].persons == [p.id for p in a.persons if p.name.startswith("Yerlan")]


def test_events_the_detained_in_a_case_as_an_attribute_tell_no_arrest() -> None:
    _, ev = only(
        "3 марта суд Тараза перевёл под домашний арест активиста Ерлана Нурова, задержанного по делу"
        " о массовых беспорядках.",
        "restraint",
    )
    assert ev.term
