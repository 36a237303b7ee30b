"""The "articles" component: code article references, EN and RU, run on hand-built Analyses."""

from __future__ import annotations

import copy

import pytest

from casewatch.errors import CasewatchError
from casewatch.extract.analysis import Analysis
from casewatch.extract.articles import (
    article_title,
    codes,
    find_articles,
    guess_country,
    titles,
    validate_codes,
    validate_titles,
)
from casewatch.extract.pipeline import REGISTRY


def run_articles(text: str) -> list[tuple[str, str, str, str | None]]:
    analysis = Analysis(text=text)
    REGISTRY["articles"].func(analysis)
    return [(text[a.start : a.end], a.code, a.article, a.part) for a in analysis.articles]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She is accused under Article 174 Part 2 of the Criminal Code of inciting discord.",
            [("Article 174 Part 2 of the Criminal Code", "KZ-CC", "174", "2")],
        ),
        (
            "(Art. 272, Part 2 of Kazakhstan's Criminal Code)",
            [("Art. 272, Part 2 of Kazakhstan's Criminal Code", "KZ-CC", "272", "2")],
        ),
        ("charged under Part 3 of Article 293", [("Part 3 of Article 293", "KZ-CC", "293", "3")]),
        (
            "a case under Article 405 Parts 1 and 2 was opened",
            [
                ("Article 405 Parts 1 and 2", "KZ-CC", "405", "1"),
                ("Article 405 Parts 1 and 2", "KZ-CC", "405", "2"),
            ],
        ),
        (
            "charged under Articles 174 and 274",
            [("Articles 174 and 274", "KZ-CC", "174", None), ("Articles 174 and 274", "KZ-CC", "274", None)],
        ),
        ("acquitted under Article 380.", [("Article 380", "KZ-CC", "380", None)]),
        (
            "Article 108-1 of the Criminal Code",
            [("Article 108-1 of the Criminal Code", "KZ-CC", "108-1", None)],
        ),
        ("convicted under 179.2 of the CC RK", [("179.2 of the CC RK", "KZ-CC", "179", "2")]),
        # part 3, paragraph 1: the paragraph stays with the part
        ("found guilty under 297.3.1 УК РК", [("297.3.1 УК РК", "KZ-CC", "297", "3.1")]),
        ("under Article 405.1 he faces", [("Article 405.1", "KZ-CC", "405", "1")]),
        ("under Article 272(3) he faces", [("Article 272(3)", "KZ-CC", "272", "3")]),
        (
            "fined under Article 488 of the Code of Administrative Offences",
            [("Article 488 of the Code of Administrative Offences", "KZ-AC", "488", None)],
        ),
        (
            "Article 434 Part 1 of the Administrative Code",
            [("Article 434 Part 1 of the Administrative Code", "KZ-AC", "434", "1")],
        ),
        (
            "paragraph 2 of Part 2 of Article 297 of the Criminal Code",
            [("paragraph 2 of Part 2 of Article 297 of the Criminal Code", "KZ-CC", "297", "2")],
        ),
        # Russian
        ("осуждён по ч. 2 ст. 174 УК РК", [("ч. 2 ст. 174 УК РК", "KZ-CC", "174", "2")]),
        ("по ст.405 ч.1 УК", [("ст.405 ч.1 УК", "KZ-CC", "405", "1")]),
        (
            "по статье 274 части 4 Уголовного кодекса",
            [("статье 274 части 4 Уголовного кодекса", "KZ-CC", "274", "4")],
        ),
        (
            "частями 1 и 2 статьи 272",
            [
                ("частями 1 и 2 статьи 272", "KZ-CC", "272", "1"),
                ("частями 1 и 2 статьи 272", "KZ-CC", "272", "2"),
            ],
        ),
        ("арест по ст. 488 КоАП.", [("ст. 488 КоАП", "KZ-AC", "488", None)]),
        ("по п. 1 ч. 3 ст. 297 УК РК", [("п. 1 ч. 3 ст. 297 УК РК", "KZ-CC", "297", "3")]),
        (
            "по ст.ст. 174, 405 УК РК",
            [
                ("ст.ст. 174, 405 УК РК", "KZ-CC", "174", None),
                ("ст.ст. 174, 405 УК РК", "KZ-CC", "405", None),
            ],
        ),
        # other countries, named by the reference
        (
            "Part 1 of Article 342 of the Criminal Code of the Republic of Belarus",
            [("Part 1 of Article 342 of the Criminal Code of the Republic of Belarus", "BY-CC", "342", "1")],
        ),
        ("по ч. 1 ст. 361-1 УК РБ", [("ч. 1 ст. 361-1 УК РБ", "BY-CC", "361-1", "1")]),
        ("по ст. 282.2 УК РФ", [("ст. 282.2 УК РФ", "RU-CC", "282.2", None)]),
        ("штраф по ч. 5 ст. 20.2 КоАП РФ", [("ч. 5 ст. 20.2 КоАП РФ", "RU-AC", "20.2", "5")]),
        ("по ст. 24.23 КоАП РБ", [("ст. 24.23 КоАП РБ", "BY-AC", "24.23", None)]),
        (
            "Article 278 of the Criminal Code of the Kyrgyz Republic",
            [("Article 278 of the Criminal Code of the Kyrgyz Republic", "KG-CC", "278", None)],
        ),
        (
            "Article 283 of Azerbaijan's Criminal Code",
            [("Article 283 of Azerbaijan's Criminal Code", "AZ-CC", "283", None)],
        ),
        # a code named just before the article
        ("согласно УК РФ, ст. 207.3", [("УК РФ, ст. 207.3", "RU-CC", "207.3", None)]),
        # Kazakh: the number comes before the word for article
        ("ҚР ҚК 174-бабының 1-бөлігі бойынша", [("ҚР ҚК 174-бабының 1-бөлігі", "KZ-CC", "174", "1")]),
        ("ҚР ӘҚБтК 488-бабы бойынша", [("ҚР ӘҚБтК 488-бабы", "KZ-AC", "488", None)]),
    ],
)
def test_articles_finds(text: str, expected: list) -> None:
    assert run_articles(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "About 405 people joined the march on 12.03.2022.",
        "Call +7 (701) 405-22-74 for the lawyer.",
        "She paid 174 000 tenge and 405.50 dollars.",
        "Article 19 of the Universal Declaration of Human Rights protects speech.",
        "Article 32 of the Constitution guarantees peaceful assembly.",
        "согласно статье 32 Конституции Республики Казахстан",
        "under Article 10 of the Law on Peaceful Assemblies",
        "Article 109 of the Criminal Procedure Code",
        "по статье 106 УПК РК",
        "He wrote an article 3 days before his arrest.",
        "Point 4.2 of the report; part 2 of the agenda.",
        "On 21.12.2021 at 10:30 the court met.",
    ],
)
def test_articles_ignores(text: str) -> None:
    assert run_articles(text) == []


def test_articles_do_not_take_a_following_date_as_a_part() -> None:
    assert run_articles("under Article 272 Part 2, 14 March 2022") == [
        ("Article 272 Part 2", "KZ-CC", "272", "2")
    ]


def test_articles_country_of_report_decides_a_bare_code() -> None:
    text = "In Minsk, the KGB detained him. Lukashenko's court charged him under Part 1 of Article 342."
    assert guess_country(text) == "BY"
    assert [(a.code, a.key) for a in find_articles(text)] == [("BY-CC", "342.1")]


@pytest.mark.parametrize(
    "text, country",
    [
        ("Жителя Бреста задержали сотрудники ГУБОПиК.", "BY"),  # an inflected city, a security service
        ("Суд Брестской области оставил приговор в силе.", "BY"),
        ("A court in Karakol fined the blogger.", "KG"),  # a city known from places.yaml
        ("Активиста из Джалал-Абада вызвали на допрос.", "KG"),
    ],
)
def test_articles_country_guess_reads_places_and_russian_case_endings(text: str, country: str) -> None:
    assert guess_country(text) == country


TABLE = """No. | Name | Decision | Article (CC unless marked)
----+------+----------+---------------------------
1 | Anar Aliyev | 5 years | 206.3.2
2 | Tural Guliyev | 30 days | 535.1 CAO
3 | Leyla Aliyeva | 6 years upheld | 192.3.2; 213.1

Notes: the court in Baku heard all five cases in February 2024, 5 of them in one week.
"""


def test_articles_in_the_article_column_of_a_table() -> None:
    found = sorted((a.code, a.key) for a in find_articles(TABLE))
    assert found == [("AZ-AC", "535.1"), ("AZ-CC", "192.3.2"), ("AZ-CC", "206.3.2"), ("AZ-CC", "213.1")]


def test_articles_country_guess_defaults_to_kazakhstan() -> None:
    assert guess_country("No place is named here.") == "KZ"


def test_articles_code_hint_applies_to_references_without_a_code() -> None:
    text = "under Article 20.2 Part 8, and under ст. 405 ч. 2 УК РК"
    assert [(a.code, a.article, a.part) for a in find_articles(text, code_hint="RU-AC")] == [
        ("RU-AC", "20.2", "8"),
        ("KZ-CC", "405", "2"),
    ]


def test_articles_titles_are_attached() -> None:
    (mention,) = find_articles("ч. 2 ст. 405 УК РК")
    assert mention.title == "participation in the activities of an extremist organisation"
    (mention,) = find_articles("Article 274 of the Criminal Code")
    assert mention.title == article_title("KZ-CC", "274")
    assert mention.title and "false information" in mention.title


@pytest.mark.parametrize(
    "number",
    ["174", "179", "200", "218", "245", "262", "272", "274", "293", "296", "297", "361", "380", "405"],
)
def test_articles_title_table_covers_the_usual_charges(number: str) -> None:
    assert article_title("KZ-CC", number)
    assert article_title("KZ-CC", number, lang="ru")


def test_articles_administrative_titles() -> None:
    assert article_title("KZ-AC", "488")
    assert article_title("KZ-AC", "999") is None


def test_articles_data_files_are_valid() -> None:
    assert set(codes()["codes"]) >= {"KZ-CC", "KZ-AC", "BY-CC", "KG-CC", "AZ-CC", "RU-CC"}
    assert titles()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(statutes=[]), r"unknown key\(s\) statutes"),
        (lambda d: d["codes"]["KZ-CC"].update(year=2014), r"codes.KZ-CC: unknown key\(s\) year"),
        (lambda d: d["codes"]["KZ-CC"].update(kind="civil"), "kind must be one of"),
        (lambda d: d["codes"]["KZ-CC"].update(country="XX"), "country 'XX' is not under countries"),
        (lambda d: d["countries"]["KZ"].update(capital="Astana"), r"countries.KZ: unknown key\(s\) capital"),
    ],
)
def test_articles_codes_file_rejects_bad_data(change, message: str) -> None:
    data = copy.deepcopy(codes())
    change(data)
    with pytest.raises(CasewatchError, match=message):
        validate_codes(data)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            {"code": "KZ-CC", "articles": {"405": {"label": {"en": "x"}, "penalty": "y"}}},
            r"unknown key\(s\) penalty",
        ),
        ({"code": "KZ-CC", "articles": {"405": {"label": {"de": "x"}}}}, r"unknown key\(s\) de"),
        ({"code": "KZ-CC", "articles": {405: {"label": {"en": "x"}}}}, "quoted strings"),
        ({"code": "XX-CC", "articles": {}}, "is not in codes.yaml"),
        ({"code": "KZ-CC", "articles": {"405": {"label": {"ru": "x"}}}}, "English label is required"),
    ],
)
def test_articles_title_table_rejects_bad_data(table: dict, message: str) -> None:
    with pytest.raises(CasewatchError, match=message):
        validate_titles(table, "articles/test.yaml")


def test_articles_component_declares_its_fields() -> None:
    comp = REGISTRY["articles"]
    assert comp.requires == ("text",)
    assert comp.assigns == ("articles",)


def keys(text: str) -> list[tuple[str, str, str | None]]:
    return [(code, article, part) for _, code, article, part in run_articles(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # parts joined by a slash, then more articles before the code
        (
            "Сейтов Н, ст.293 ч.1/2, 380, 174 УК РК: приговор",
            [("KZ-CC", "293", "1"), ("KZ-CC", "293", "2"), ("KZ-CC", "380", None), ("KZ-CC", "174", None)],
        ),
        # an ordinal part
        ("ему вменяют часть 8-ю статьи 488 КоАП", [("KZ-AC", "488", "8")]),
        # a plural keyword lists one more article after the part
        ("обвинение по статьям 174 часть 1 и 405: первая", [("KZ-CC", "174", "1"), ("KZ-CC", "405", None)]),
        # both parts
        ("признаны виновными по обеим частям статьи 405", [("KZ-CC", "405", "1"), ("KZ-CC", "405", "2")]),
        ("guilty under both parts of Article 405", [("KZ-CC", "405", "1"), ("KZ-CC", "405", "2")]),
        # the code's abbreviation in capitals
        ("оштрафован по ст.489 ч.10 КОАП РК", [("KZ-AC", "489", "10")]),
        # a part at the end of a sentence
        ("charged under Article 174 Part 1.", [("KZ-CC", "174", "1")]),
        # a term after the part is no part
        ("по ст. 488 ч. 6, 15 суток ареста", [("KZ-CC", "488", "6")]),
    ],
)
def test_articles_lists_ordinals_and_both_parts(text: str, expected: list) -> None:
    assert keys(text) == expected


def test_articles_a_quoted_name_is_no_article() -> None:
    assert run_articles("an activist of the “Article 21” movement and of «Статья 5»") == []


def test_articles_a_number_cut_off_after_its_hyphen_is_no_article() -> None:
    assert run_articles("‘creating an extremist group’ (Part 1 of Article 361-") == []


def test_articles_listed_with_titles_in_brackets() -> None:
    text = (
        "Charges: Criminal Code Articles 179.3.2 (Embezzlement in large amounts); 274 (High treason); "
        "and 283 (Inciting hatred)."
    )
    assert keys(text) == [("KZ-CC", "179", "3.2"), ("KZ-CC", "274", None), ("KZ-CC", "283", None)]
