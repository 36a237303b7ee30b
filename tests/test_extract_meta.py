"""The "report_meta" component: language, title and report date from a report's own text."""

from __future__ import annotations

import pytest

from casewatch.extract.analysis import Analysis
from casewatch.extract.meta import guess_language, guess_report_date, guess_title
from casewatch.extract.pipeline import REGISTRY


def run_meta(text: str, **given: str | None) -> Analysis:
    analysis = Analysis(text=text, **given)
    REGISTRY["report_meta"].func(analysis)
    return analysis


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The court in Oral extended the detention of two activists.", "en"),
        ("Суд в Уральске продлил арест двух активистов на месяц.", "ru"),
        ("Орал қаласының соты екі белсендінің қамауын тағы бір айға ұзартты.", "kk"),
        ("Суд над Ерланом Ж. (Erlan Zh.) состоится в понедельник в Актобе.", "ru"),
        ("Monitoring report: Сот — court (Kazakh word), all else is English text here.", "en"),
        ("12345 — 67 / 89", None),
    ],
)
def test_report_meta_language(text: str, language: str | None) -> None:
    assert guess_language(text) == language


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("\n\n**Weekly digest of political trials**\n\nBody text.", "Weekly digest of political trials"),
        ("# Hearing calendar: 2 March 2022\nBody.", "Hearing calendar: 2 March 2022"),
        ("⚡#Semey:UPD:✔ #ORAZOV Nurlan\nBody.", "Semey:UPD: ORAZOV Nurlan"),
        ("[Statement of the movement](https://example.org/x)\nBody.", "Statement of the movement"),
        ("On 2 March 2022 " + "the court heard a long list of motions and refused all of them " * 4, None),
        ("   \n\n", None),
    ],
)
def test_report_meta_title(text: str, title: str | None) -> None:
    assert guess_title(text) == title


@pytest.mark.parametrize(
    ("text", "report_date"),
    [
        ("Weekly digest of political trials for 4 March 2022\n\nOn 2 March 2022 ...", "2022-03-04"),
        ("Hearings scheduled on 9 March 2022:\n\n1) At 10:00 ...", "2022-03-09"),
        ("On 3 March 2022, the court in Semey refused bail. " * 5, "2022-03-03"),
        ("To: the Prosecutor General\n\nAddress line\n\nVienna, 8 March 2022\n\nDear Sir,", "2022-03-08"),
        ("Кому: Генеральному прокурору\n\nШымкент, 11 марта 2022 г.\n\nУважаемый...", "2022-03-11"),
        ("Обращение\n\n14.03.2022\n\nМы, родственники...", "2022-03-14"),
        # a date in the middle of the text is not the report's date
        ("Statement of the movement\n\nThe police detained him on 2 March 2022 in Semey.", None),
        ("A long first paragraph without a date, telling how activists " * 4 + "met on 2 March 2022.", None),
        # a dateline of two cities joined by a dash
        ("Совместное заявление\n\nАлматы — Бишкек, 2 марта 2022 г.\n\nМы, организации...", "2022-03-02"),
        # a title naming a period: the dateline below it, else the period's last day
        ("Monthly round-up (1–30 June 2023)\n\n3 July 2023\n\nIn June the courts ...", "2023-07-03"),
        ("Обзор за период с 5 по 11 мая 2023 года\n\nЗа неделю суды ...", "2023-05-11"),
        # a date without a year in the title is not enough
        ("Hearings scheduled on 9 March:\n\nbody", None),
    ],
)
def test_report_meta_report_date(text: str, report_date: str | None) -> None:
    assert guess_report_date(text) == report_date


def test_report_meta_dateline_at_the_end_of_a_long_letter() -> None:
    body = "\n".join(f"Paragraph {i} of the letter." for i in range(200))
    assert guess_report_date(f"Open letter\n\n{body}\n\nGeneva, 1 March 2022\n") == "2022-03-01"
    assert guess_report_date(f"Open letter\n\n{body}\n\n1 March 2022\n\n{body}") is None


def test_report_meta_fills_only_what_is_missing() -> None:
    text = "Digest of hearings for 4 March 2022\n\nThe court in Semey ..."
    analysis = run_meta(text, report_date="2022-03-05", language="ru")
    assert (analysis.report_date, analysis.language, analysis.title) == (
        "2022-03-05",
        "ru",
        "Digest of hearings for 4 March 2022",
    )
    analysis = run_meta(text)
    assert (analysis.report_date, analysis.language) == ("2022-03-04", "en")


def test_report_meta_component_declares_its_fields() -> None:
    comp = REGISTRY["report_meta"]
    assert comp.requires == ("text",)
    assert set(comp.assigns) == {"report_date", "title", "language"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police raid a newsroom\n\n(published 18 October 2021)\n\nThe story.", "2021-10-18"),
        ("Заголовок\nОпубликовано 30 ноября 2022 года\nТекст.", "2022-11-30"),
        ("A release\n\nGENEVA (14 September 2023) – The expert said on 1 May 2023 that ...", "2023-09-14"),
        ("Title\nUpdated 15.03.2023\nBody.", "2023-03-15"),
        ("Subject: urgent action\nDate: 3 November 2021\nTo: the Prosecutor", "2021-11-03"),
        ("A long read\n\nBishkek, 24 January 2022 — On 21 January 2022, officers came.", "2022-01-24"),
        # wire datelines: an agency in brackets or slashes, "г." after a Russian date, a full stop
        ("Editors jailed\n\nTASHKENT, Feb 7, 2023 (Steppe Wire) - A court on Monday ...", "2023-02-07"),
        ("Заголовок\n\nМИНСК, 14 января 2023 г. /Вестник/ — Суд во вторник ...", "2023-01-14"),
        ("Picket in Oral\n\nOral, 05.04.2022. Police on Monday detained two activists.", "2022-04-05"),
        # a timestamp line, an e-mail header with a weekday, a place pair, a compiler's line
        ("Editor held\nMarch 3, 2024 9:40 AM UTC · Updated an hour ago\n\nOSH, March 3 –", "2024-03-03"),
        ("From: desk@example.org\nDate: Wed, 6 Mar 2024 08:15:00 +0500\nSubject: alert", "2024-03-06"),
        ("Appeal\n\nVienna – Bishkek, 12 April 2024\n\nTo: the Council", "2024-04-12"),
        ("Arrests in March\nKyrgyzstan. Compiled by the watch group, 2 April 2024\n\nText.", "2024-04-02"),
        ("PRESS RELEASE\n\nTitle\n\nParis / Berlin, 9 May 2024 — Ten groups today asked ...", "2024-05-09"),
        # a date inside the story is no report date
        ("A story\n\nThe court sat in silence. On 5 May 2021 police detained him.", None),
    ],
)
def test_report_meta_marked_dates_and_press_datelines(text, expected):
    from casewatch.extract.meta import guess_report_date

    assert guess_report_date(text) == expected
