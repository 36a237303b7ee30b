"""The "dates" component: date and time expressions, EN and RU, run on hand-built Analyses."""

from __future__ import annotations

import copy

import pytest

from casewatch.errors import CasewatchError
from casewatch.extract.analysis import Analysis
from casewatch.extract.dates import find_dates, lexicon, validate_lexicon
from casewatch.extract.pipeline import REGISTRY


def run_dates(
    text: str, report_date: str | None = "2022-03-10"
) -> list[tuple[str, str | None, str | None, str | None]]:
    analysis = Analysis(text=text, report_date=report_date)
    REGISTRY["dates"].func(analysis)
    return [(text[d.start : d.end], d.date, d.precision, d.time) for d in analysis.dates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English, day precision
        ("The appeal was heard on 3 March 2022 in Taraz.", [("3 March 2022", "2022-03-03", "day", None)]),
        ("Police came on March 3, 2022 at dawn.", [("March 3, 2022", "2022-03-03", "day", None)]),
        ("The 2nd of February 2022 was cold.", [("2nd of February 2022", "2022-02-02", "day", None)]),
        ("Filed on Feb. 14, 2022.", [("Feb. 14, 2022", "2022-02-14", "day", None)]),
        ("The order dated 09.01.2022 was signed.", [("09.01.2022", "2022-01-09", "day", None)]),
        ("Released 2022-02-28, said the lawyer.", [("2022-02-28", "2022-02-28", "day", None)]),
        # a date and a time in one expression give one mention
        (
            "The hearing starts on 14 March 2022 at 11:20 in Semey.",
            [("14 March 2022 at 11:20", "2022-03-14", "day", "11:20")],
        ),
        (
            "At 16:05 on 1 March 2022 he was detained.",
            [("16:05 on 1 March 2022", "2022-03-01", "day", "16:05")],
        ),
        # without a year: the report's year
        ("On March 15 the picket was dispersed.", [("March 15", "2022-03-15", "day", None)]),
        ("She was summoned on 9 February.", [("9 February", "2022-02-09", "day", None)]),
        # month and year precision
        ("In January 2022 the protests began.", [("January 2022", "2022-01", "month", None)]),
        ("He has been abroad since August.", [("August", "2022-08", "month", None)]),
        ("In 2018, the movement was banned.", [("2018", "2018", "year", None)]),
        ("He first picketed in spring 2017.", [("spring 2017", "2017", "year", None)]),
        ("The case dates from early 2020.", [("early 2020", "2020", "year", None)]),
        # bare times
        ("The session opened at 10.45 am sharp.", [("10.45 am", None, None, "10:45")]),
        ("At 17:30, the verdict was read.", [("17:30", None, None, "17:30")]),
        ("They left the court at 4 pm.", [("4 pm", None, None, "16:00")]),
        # Russian
        (
            "Суд состоялся 12 января 2022 года в Шымкенте.",
            [("12 января 2022 года", "2022-01-12", "day", None)],
        ),
        ("Задержание произошло 7 марта.", [("7 марта", "2022-03-07", "day", None)]),
        (
            "Заседание назначено на 18 марта 2022 г. в 10:00.",
            [("18 марта 2022 г. в 10:00", "2022-03-18", "day", "10:00")],
        ),
        ("Под домашним арестом с 3 ноября 2021 г.", [("3 ноября 2021 г.", "2021-11-03", "day", None)]),
        ("Его уволили в 2020 году.", [("2020 году", "2020", "year", None)]),
        ("Осенью 2016 года прошли митинги.", [("Осенью 2016 года", "2016", "year", None)]),
        ("Пикет прошёл в феврале 2022 года.", [("феврале 2022 года", "2022-02", "month", None)]),
        ("Допрос начался в 9:40 утра.", [("9:40", None, None, "09:40")]),
        ("Начало в 11 часов 15 минут.", [("11 часов 15 минут", None, None, "11:15")]),
        # Kazakh
        ("Сот 2022 жылғы 4 наурызда өтті.", [("2022 жылғы 4 наурызда", "2022-03-04", "day", None)]),
    ],
)
def test_dates_finds(text: str, expected: list) -> None:
    assert run_dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He is charged under Article 405.2 of the Criminal Code.",
        "The prosecutor cited 234.4.3 and 174.1.",
        "A fine of 12.500.000 tenge was imposed.",
        "Call the hotline on +7 701 555 12 34 or 8-727-250-11-22.",
        "About 405 people signed the petition.",
        "Up to 2000 people gathered in the square.",
        "По оценкам, до 2000 человек вышли на площадь.",
        "The deadline of 31.02.2022 does not exist.",
        "You may 5 times ask, the answer is no.",
        "See https://example.org/watch?v=a1b2&t=1234s for the video.",
        "The score was 3:1 for the defence.",
        "В 2019 он переехал.",
    ],
)
def test_dates_ignores(text: str) -> None:
    assert run_dates(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rallies on 16-17 December 2021 in Zhanaozen.",
            [("16", "2021-12-16"), ("17 December 2021", "2021-12-17")],
        ),
        ("Задержаны с 4 по 6 января 2022 года.", [("4", "2022-01-04"), ("6 января 2022 года", "2022-01-06")]),
        ("Hearings on March 2-3, 2022.", [("March 2", "2022-03-02"), ("3, 2022", "2022-03-03")]),
        # a number before a dash is a part or an article, not the first day of a range
        ("under Part 2 - 9 March 2022", [("9 March 2022", "2022-03-09")]),
    ],
)
def test_dates_day_ranges(text: str, expected: list) -> None:
    assert [(text[d.start : d.end], d.date) for d in find_dates(text, None)] == expected


def test_dates_year_from_text_when_no_report_date() -> None:
    text = "The trial began on 12 May 2019. On 20 June the verdict was read."
    found = find_dates(text, None)
    assert [(d.date, d.year_inferred) for d in found] == [("2019-05-12", False), ("2019-06-20", True)]


def test_dates_year_from_later_text_when_nothing_before() -> None:
    found = find_dates("On 2 June a search. The charge followed in July 2020.", None)
    assert [d.date for d in found] == ["2020-06-02", "2020-07"]


def test_dates_year_not_from_the_start_of_a_span_before() -> None:
    text = "On 3 March 2022 the court ruled. He had been held since 14.11.2021. On March 5 he was moved."
    assert [d.date for d in find_dates(text, None)] == ["2022-03-03", "2021-11-14", "2022-03-05"]


def test_dates_year_before_the_end_of_a_span_told_after() -> None:
    text = "On October 2 she was fined, and on September 30 detained. The ban holds until October 2, 2026."
    assert [d.date for d in find_dates(text, None)] == ["2025-10-02", "2025-09-30", "2026-10-02"]


def test_dates_year_near_the_last_date_across_new_year() -> None:
    text = "He was detained on 28 December 2023. On 3 January he was charged."
    assert [d.date for d in find_dates(text, None)] == ["2023-12-28", "2024-01-03"]


def test_dates_without_any_year_are_skipped() -> None:
    assert find_dates("She was questioned on 4 October for hours.", None) == []


def test_dates_impossible_day_with_inferred_year_is_skipped() -> None:
    assert run_dates("A hearing on 29 February.", report_date="2022-03-10") == []
    assert run_dates("A hearing on 29 February.", report_date="2024-03-10") == [
        ("29 February", "2024-02-29", "day", None)
    ]


@pytest.mark.parametrize(
    ("text", "modifier"),
    [
        ("Since 2 March 2022 she is in custody.", "since"),
        ("Arrested until 2 March 2022.", "until"),
        ("Под стражей с 2 марта 2022 года.", "since"),
        ("Продлили до 2 марта 2022 года.", "until"),
        ("The hearing on 2 March 2022.", None),
    ],
)
def test_dates_modifier(text: str, modifier: str | None) -> None:
    (mention,) = find_dates(text, None)
    assert mention.modifier == modifier


def test_dates_several_in_one_text_are_in_order() -> None:
    text = "Detained on 1 March 2022, released 3 March 2022; trial at 10:00 on 9 March 2022."
    assert [d.date for d in find_dates(text, None)] == ["2022-03-01", "2022-03-03", "2022-03-09"]
    assert find_dates(text, None)[-1].time == "10:00"


def test_dates_lexicon_is_valid() -> None:
    data = lexicon()
    assert sorted(data["months"]) == list(range(1, 13))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(weekdays={}), "unknown key(s) weekdays"),
        (lambda d: d["months"][3].update(de=["März"]), "months.3: unknown key(s) de"),
        (lambda d: d["months"].pop(12), "months: expected the keys 1 to 12"),
        (lambda d: d["prepositions"]["en"].update(around="about"), "unknown modifier(s) about"),
    ],
)
def test_dates_lexicon_rejects_bad_data(change, message: str) -> None:
    data = copy.deepcopy(lexicon())
    change(data)
    with pytest.raises(CasewatchError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate_lexicon(data)


def test_dates_component_declares_its_fields() -> None:
    comp = REGISTRY["dates"]
    assert comp.requires == ("text", "report_date")
    assert comp.assigns == ("dates",)


def test_dates_a_season_in_the_genitive_keeps_the_preposition_before_it() -> None:
    found = find_dates("Его нет в стране с весны 2022 года, а до осени 2021 года он жил дома.", None)
    assert [(d.date, d.precision, d.modifier) for d in found] == [
        ("2022", "year", "since"),
        ("2021", "year", "until"),
    ]


def test_dates_year_from_the_end_of_a_range_before() -> None:
    text = "Приговор вынесен 2 марта 2021 года. С 7 по 25 июня 2019 года он был под стражей, а 25 июня его "
    text += "отпустили."
    assert [d.date for d in find_dates(text, None)][-1] == "2019-06-25"
