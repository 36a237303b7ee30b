"""The "relative_dates" component: dates told relative to the report or to the date before them."""

from __future__ import annotations

import pytest

from casewatch.extract.dates import find_dates
from casewatch.extract.relative_dates import find_relative_dates

REPORT = "2021-10-20"  # a Wednesday


def resolved(text: str, report: str | None = REPORT) -> list[tuple[str, str | None]]:
    found = find_dates(text, report)
    return [(text[m.start : m.end], m.date) for m in find_relative_dates(text, report, found)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yesterday his wife was summoned.", [("Yesterday", "2021-10-19")]),
        ("Сегодня суд продолжится.", [("Сегодня", "2021-10-20")]),
        ("Last Tuesday the court sat.", [("Last Tuesday", "2021-10-19")]),
        ("The court sat on Monday.", [("Monday", "2021-10-18")]),
        ("В прошлый четверг его задержали.", [("В прошлый четверг", "2021-10-14")]),
        ("On the 5th he was warned.", [("On the 5th", "2021-10-05")]),
        # a day of the month still to come is last month's
        ("On the 25th he was warned.", [("On the 25th", "2021-09-25")]),
        # chained: each relative date counts from the one told before it
        (
            "On 13 October 2021 police detained him. The next day he was fined. "
            "Three days later he was freed.",
            [("The next day", "2021-10-14"), ("Three days later", "2021-10-17")],
        ),
        ("Его задержали 3 октября. На следующий день его отпустили.", [("На следующий день", "2021-10-04")]),
        # weeks after the date told before
        ("He was fined on 2 October 2021. A week later he lost his job.", [("A week later", "2021-10-09")]),
        ("Суд был 1 октября. Через две недели его уволили.", [("Через две недели", "2021-10-15")]),
        # days before the date told before
        (
            "He was remanded on 15 October 2021. Two days earlier police had searched his flat.",
            [("Two days earlier", "2021-10-13")],
        ),
        (
            "Суд арестовал его 12 октября. Задержали его тремя днями ранее.",
            [("тремя днями ранее", "2021-10-09")],
        ),
        # a date after the report's is a plan: the next day counts from the day before it
        (
            "11 октября акимат отказал в митинге, заявленном на 24 октября. На следующий день его вызвали.",
            [("На следующий день", "2021-10-12")],
        ),
    ],
)
def test_relative_dates_resolved(text, expected):
    assert resolved(text) == expected


def test_relative_dates_need_an_anchor():
    assert resolved("Yesterday he was summoned. The next day he was freed.", report=None) == []


def test_relative_dates_in_a_note_under_a_table_count_from_its_row():
    text = (
        "| 1 | 4 October 2021 | Arman Tolegen | 5 years |\n"
        "| 2 | 6 October 2021 | Dina Sarsen | fine |\n\n"
        "Notes\n\n"
        "(1) Tolegen has been in custody since 1 May 2021.\n\n"
        "(2) A week later her son was dismissed from his job."
    )
    assert resolved(text) == [("A week later", "2021-10-13")]
