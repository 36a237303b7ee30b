"""The "relations" component: family, colleagues, membership, founding, employment."""

from __future__ import annotations

import pytest

from casewatch.extract import components  # noqa: F401  (registers the built-in components)
from casewatch.extract.analysis import Analysis
from casewatch.extract.pipeline import REGISTRY


def run_relations(text: str) -> Analysis:
    analysis = Analysis(text=text, report_date="2022-03-10")
    for name in ("sentences", "gazetteer", "persons", "roles", "relations"):
        REGISTRY[name].func(analysis)
    ids = {e.id for e in analysis.persons + analysis.organizations}
    for rel in analysis.relations:
        assert {rel.a, rel.b} <= ids
        for start, end in rel.evidence:
            assert 0 <= start < end <= len(text)
    return analysis


def relations(text: str) -> list[tuple[str, str | None, str, str]]:
    """(type, subtype, name of a, name of b) for each relation."""
    a = run_relations(text)
    names = {e.id: e.name for e in a.persons + a.organizations}
    return [(r.type, r.subtype, names[r.a], names[r.b]) for r in a.relations]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # X's wife Y
        (
            "Activist Aigul Temirova's husband Nurlan Temirov was dismissed from work.",
            [("family", "husband", "Nurlan Temirov", "Aigul Temirova")],
        ),
        # X and his brother Y
        (
            "Activist Berik Zhanov and his brother Askar Zhanov were detained.",
            [("family", "brother", "Askar Zhanov", "Berik Zhanov")],
        ),
        # the wife of (activist) X, Y
        (
            "The wife of activist Berik Zhanov, Saltanat Zhanova, was summoned.",
            [("family", "wife", "Saltanat Zhanova", "Berik Zhanov")],
        ),
        (
            "The mother of Berik Zhanov, Gulmira Zhanova, was summoned.",
            [("family", "mother", "Gulmira Zhanova", "Berik Zhanov")],
        ),
        # Y, the brother of X
        (
            "Askar Zhanov, the younger brother of activist Berik Zhanov, was detained.",
            [("family", "brother", "Askar Zhanov", "Berik Zhanov")],
        ),
        # Russian
        (
            "Жена активиста Берика Жанова, Салтанат Жанова, была допрошена.",
            [("family", "wife", "Saltanat Zhanova", "Berik Zhanov")],
        ),
        (
            "Берик Жанов и его брат Аскар Жанов задержаны.",
            [("family", "brother", "Askar Zhanov", "Berik Zhanov")],
        ),
    ],
)
def test_relations_family(text, expected):
    assert relations(text) == expected


def test_relations_relatives_of_x_followed_by_a_list():
    text = (
        "Police questioned the relatives of activist Berik Zhanov: "
        "Gulmira Zhanova, Askar Zhanov and Dana Zhanova."
    )
    assert relations(text) == [
        ("family", "relative", "Gulmira Zhanova", "Berik Zhanov"),
        ("family", "relative", "Askar Zhanov", "Berik Zhanov"),
        ("family", "relative", "Dana Zhanova", "Berik Zhanov"),
    ]


def test_relations_relatives_of_x_each_with_their_kinship():
    text = (
        "Relatives of Berik Zhanov were threatened: his mother Gulmira Zhanova and his sister Aliya Zhanova."
    )
    assert relations(text) == [
        ("family", "mother", "Gulmira Zhanova", "Berik Zhanov"),
        ("family", "sister", "Aliya Zhanova", "Berik Zhanov"),
    ]


def test_relations_relatives_get_the_relative_role():
    a = run_relations("Activist Berik Zhanov and his brother Askar Zhanov were detained.")
    roles = {p.name: p.roles for p in a.persons}
    assert roles == {"Berik Zhanov": ["activist"], "Askar Zhanov": ["relative"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Activist Berik Zhanov and his colleagues Timur Ospanov and Dana Kenes were summoned.",
            [
                ("colleague", None, "Timur Ospanov", "Berik Zhanov"),
                ("colleague", None, "Dana Kenes", "Berik Zhanov"),
            ],
        ),
        (
            "Berik Zhanov was detained. Zhanov's colleague Timur Ospanov was also summoned.",
            [("colleague", None, "Timur Ospanov", "Berik Zhanov")],
        ),
    ],
)
def test_relations_colleagues(text, expected):
    assert relations(text) == expected
    a = run_relations(text)
    assert all("colleague" in p.roles for p in a.persons if p.name != "Berik Zhanov")


def test_relations_an_officers_colleague_is_not_a_target_colleague():
    text = "Investigator Timur Abenov and his colleague Marat Bekov came to the flat."
    a = run_relations(text)
    assert relations(text) == [("colleague", None, "Marat Bekov", "Timur Abenov")]
    assert {p.name: p.roles for p in a.persons} == {"Timur Abenov": ["investigator"], "Marat Bekov": []}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Berik Zhanov is a member of the movement «Oyan Qazaqstan».",
            [("member", None, "Berik Zhanov", "Oyan Qazaqstan")],
        ),
        (
            "Berik Zhanov and Dana Kenes are members of the movement «Oyan Qazaqstan».",
            [
                ("member", None, "Berik Zhanov", "Oyan Qazaqstan"),
                ("member", None, "Dana Kenes", "Oyan Qazaqstan"),
            ],
        ),
        (
            "Activist Berik Zhanov, a member of the Koshe Partiyasy, was detained.",
            [("member", None, "Berik Zhanov", "Koshe Partiyasy")],
        ),
        (
            "Berik Zhanov, founder of the Bereke Foundation, was detained.",
            [("founder", None, "Berik Zhanov", "Bereke Foundation")],
        ),
        (
            "Berik Zhanov founded the Bereke Foundation in 2015.",
            [("founder", None, "Berik Zhanov", "Bereke Foundation")],
        ),
        (
            "Berik Zhanov, the director of the company «Nur Trans», was fired.",
            [("employee", None, "Berik Zhanov", "Nur Trans")],
        ),
    ],
)
def test_relations_with_organisations(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Berik Zhanov and Dana Kenes were detained in Aktau.",
        "Police came to the relatives of the activist, Berik Zhanov.",
        "Berik Zhanov criticised the movement «Oyan Qazaqstan».",
        "Judge Saule Ibrayeva and investigator Timur Abenov signed the order.",
    ],
)
def test_relations_none_without_a_cue(text):
    assert relations(text) == []


def test_relations_are_not_repeated():
    text = (
        "Activist Berik Zhanov and his brother Askar Zhanov were detained. "
        "Berik Zhanov's brother Askar Zhanov was released in the evening."
    )
    assert relations(text) == [("family", "brother", "Askar Zhanov", "Berik Zhanov")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Journalist Aigul Temirova was charged. Her husband Nurlan Temirov was dismissed from work.",
            [("family", "husband", "Nurlan Temirov", "Aigul Temirova")],
        ),
        (
            "Задержан активист Ерлан Жакупов. Его жена Асель Жакупова получила угрозы.",
            [("family", "wife", "Asel Zhakupova", "Yerlan Zhakupov")],
        ),
        # two possible owners in the sentence before: nobody is guessed
        (
            "Activists Aigul Temirova and Dana Kenes were charged. Her husband Nurlan Temirov was dismissed.",
            [],
        ),
    ],
)
def test_relations_pronoun_refers_to_the_previous_sentences_target(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "her" is the latest woman named, past a man named since
        (
            "Activist Aidana Seitova was fined. Her brother, Nurlan Seitov, works at a tax office. "
            "Her husband, Arman Kaliyev, was summoned.",
            [
                ("family", "brother", "Nurlan Seitov", "Aidana Seitova"),
                ("family", "husband", "Arman Kaliyev", "Aidana Seitova"),
            ],
        ),
        # words between the pronoun and the kinship word, a date before them
        (
            "Journalist Dana Abenova was searched. On 3 May, police threatened her teenage son, Timur.",
            [("family", "son", "Timur", "Dana Abenova")],
        ),
        # the latest of two men, not coordinated with each other
        (
            "Berik's son Ruslan Omarov was stopped near school. His mother, Gulnara, complained.",
            [("family", "mother", "Gulnara", "Ruslan Omarov")],
        ),
    ],
)
def test_relations_pronoun_by_gender_and_recency(text, expected):
    assert [r for r in relations(text) if r[2] != "Berik"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the name after "kin-word role-noun" agrees with the kinship word: the relative
        (
            "Политзаключённый Ержан Касымов остаётся в СИЗО. Вчера следователь допросил мать "
            "политзаключённого Айгерим Касымову. Ержан Касымов объявил голодовку.",
            [("family", "mother", "Aygerim Kasymova", "Yerzhan Kasymov")],
        ),
        (
            "Журналистка Айжан Бекова под арестом. Мужа журналистки, Азамата Бекова, вызвали в ГКНБ. "
            "Айжан Бекова не признаёт вину.",
            [("family", "husband", "Azamat Bekov", "Ayzhan Bekova")],
        ),
        # otherwise the name is whose relative it is
        (
            "Жена активиста Берика Жанова, Салтанат Жанова, была допрошена.",
            [("family", "wife", "Saltanat Zhanova", "Berik Zhanov")],
        ),
    ],
)
def test_relations_russian_kinship_and_role_noun(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dana Omarova, a reporter for the online outlet «Adyl Soz», was questioned.",
            [("employee", None, "Dana Omarova", "Adyl Soz")],
        ),
        (
            "The court fined journalist Askar Nurov of the regional newspaper «Dala Zhany».",
            [("employee", None, "Askar Nurov", "Dala Zhany")],
        ),
        (
            "Police searched the office of Adyl Media and detained Adyl Media's editor-in-chief "
            "Marat Sadykov.",
            [("employee", None, "Marat Sadykov", "Adyl Media")],
        ),
        (
            "The «Jana Dala» movement was banned. Two of its coordinators in Taraz, Berik Ospanov and "
            "Aliya Nurova, were warned.",
            [
                ("member", None, "Berik Ospanov", "Jana Dala"),
                ("member", None, "Aliya Nurova", "Jana Dala"),
            ],
        ),
        (
            "The outlet «Qazaq Uni» was founded by Nurlan Abenov in 2019.",
            [("founder", None, "Nurlan Abenov", "Qazaq Uni")],
        ),
        (
            "Полиция задержала активиста движения «Жаңа Ел» Ерлана Сапарова.",
            [("member", None, "Yerlan Saparov", "Zhana Yel")],
        ),
        (
            "Aigul Serikova says officers came to the private clinic Medina, where she works as a nurse.",
            [("employee", None, "Aigul Serikova", "Medina")],
        ),
        (
            "Gulnara Abenova heads the Almaty-based organisation «Adal Joly».",
            [("member", None, "Gulnara Abenova", "Adal Joly")],
        ),
    ],
)
def test_relations_roles_written_around_an_organisation(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # another description before the one naming the place
            "Police detained Dana Omarova, a lawyer from Aktau and the founder of the Adal Joly Foundation.",
            [("founder", None, "Dana Omarova", "Adal Joly Foundation")],
        ),
        (  # dismissed from a position named with the job
            "His wife Aliya was dismissed from her post as a teacher at the private clinic Medina.",
            [("employee", None, "Aliya", "Medina")],
        ),
    ],
)
def test_relations_a_place_told_after_another_description_or_a_post(text, expected):
    assert [r for r in relations(text) if r[0] != "family"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a branch of the organisation between the word and its name
            "Police detained Murat Seitov, deputy chair of the Taraz branch of the Green Alliance Party.",
            [("member", None, "Murat Seitov", "Green Alliance Party")],
        ),
        (  # the kind of organisation named before stands for it
            "The Green Alliance Party says police detained party members Dana Abenova and Olzhas Kemelov.",
            [
                ("member", None, "Dana Abenova", "Green Alliance Party"),
                ("member", None, "Olzhas Kemelov", "Green Alliance Party"),
            ],
        ),
        (  # the organisation's name as a title before the word and the name
            "The arrests are political, Green Alliance Party spokesman Arman Zhunusov said.",
            [("member", None, "Arman Zhunusov", "Green Alliance Party")],
        ),
    ],
)
def test_relations_party_members_by_branch_kind_or_title(text, expected):
    assert relations(text) == expected


def test_relations_russian_staff_named_after_the_outlet_s_noun():
    text = (
        "Милиция провела обыск в редакции сайта «Тоо Кабар». Изъята техника.\n\n"
        "Задержаны создатель и редактор сайта Нурлан Осмонов и фотограф Айгуль Бекова."
    )
    assert sorted(relations(text)) == [
        ("employee", None, "Aygul Bekova", "Too Kabar"),
        ("employee", None, "Nurlan Osmonov", "Too Kabar"),
        ("founder", None, "Nurlan Osmonov", "Too Kabar"),
    ]


def test_relations_possessive_with_words_before_the_kinship_word():
    text = "Berik Zhanov's former aide, Timur Ospanov, was questioned."
    assert relations(text) == [("colleague", None, "Timur Ospanov", "Berik Zhanov")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dana Sadykova and Arman Sadykov are sister and brother. Both were fined.",
            [("family", "sister", "Dana Sadykova", "Arman Sadykov")],
        ),
        (
            "Гульнара Ахметова и Берик Ахметов — супруги, оба под арестом.",
            [("family", "wife", "Gulnara Akhmetova", "Berik Akhmetov")],
        ),
    ],
)
def test_relations_a_pair_said_to_be_siblings_or_spouses(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a possessive pronoun with an age between it and the kinship word
        (
            "Бекзат Нуров, 52 года, и его 17-летний сын Алихан Нуров задержаны.",
            [("family", "son", "Alikhan Nurov", "Bekzat Nurov")],
        ),
        # the person a clause is about holds the place it names: copula, dash or a verb of working
        (
            "Болат Ахметов много лет работал корреспондентом газеты «Степной вестник».",
            [("employee", None, "Bolat Akhmetov", "Stepnoy vestnik")],
        ),
        (
            "Серик Оспанов, 40 лет, инженер, — член движения «Жас Дала».",
            [("member", None, "Serik Ospanov", "Zhas Dala")],
        ),
        (
            "Мадина Сейтова, бывшая корреспондентка сайта «Ак Жайык», задержана.",
            [("employee", None, "Madina Seytova", "Ak Zhayyk")],
        ),
        # teaching at, being dismissed from, "where she worked"
        (
            "Gaukhar Bekova taught history and law at Secondary School No. 4 for ten years.",
            [("employee", None, "Gaukhar Bekova", "Secondary School No. 4")],
        ),
        (
            "Arman Sadykov was dismissed from the company “Zhetysu Steel” in May.",
            [("employee", None, "Arman Sadykov", "Zhetysu Steel")],
        ),
        (
            "В марте Айгуль Серикову уволили из школы № 12, где она проработала десять лет.",
            [("employee", None, "Aygul Serikova", "школа № 12")],
        ),
        # founded by someone described first; co-founded with someone
        (
            "The movement “Steppe Voice” was founded by the journalist Ruslan Tulegenov.",
            [("founder", None, "Ruslan Tulegenov", "Steppe Voice")],
        ),
        (
            "Arman Sadykov is the drummer of the band Tumar, which he co-founded in 2018 with his sister "
            "Dana Sadykova.",
            [
                ("family", "sister", "Dana Sadykova", "Arman Sadykov"),
                ("member", None, "Arman Sadykov", "Tumar"),
                ("founder", None, "Arman Sadykov", "Tumar"),
                ("founder", None, "Dana Sadykova", "Tumar"),
            ],
        ),
    ],
)
def test_relations_phrasing_families_around_an_organisation(text, expected):
    assert sorted(relations(text)) == sorted(expected)


def test_relations_his_points_past_a_relative_to_the_person_the_report_is_about():
    text = (
        "Officers questioned Arman Sadykov's father, Bolat Sadykov, in Taraz. "
        "The court will hear the appeal on Monday. His wife, Dana Sadykova, was not allowed to visit."
    )
    assert sorted(relations(text)) == [
        ("family", "father", "Bolat Sadykov", "Arman Sadykov"),
        ("family", "wife", "Dana Sadykova", "Arman Sadykov"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clause saying what someone is to another
        (
            "Ерлан Бекович — постоянный автор газеты и коллега Айгуль Сеитовой.",
            [("colleague", None, "Yerlan Bekovich", "Aygul Seitova")],
        ),
        # an apposition with the other's name in the possessive
        (
            "Samat Orynbayev, Dana's colleague, was followed. Dana Nurlanova was warned.",
            [("colleague", None, "Samat Orynbayev", "Dana Nurlanova")],
        ),
        # a passive after "was" says nothing about what the person is
        ("Aigul Bekova was visited by police and the deputy akim, Marat Ospanov.", []),
    ],
)
def test_relations_what_a_clause_says_someone_is(text, expected):
    assert relations(text) == expected


def test_relations_staff_named_after_their_outlet():
    text = (
        "Police raided the office of the news site Dala Times on Monday. "
        "The court later fined editor Aigul Sadykova and reporter Bolat Ospanov."
    )
    assert sorted(relations(text)) == [
        ("employee", None, "Aigul Sadykova", "Dala Times"),
        ("employee", None, "Bolat Ospanov", "Dala Times"),
    ]


def test_relations_staff_far_from_any_outlet_are_nobody_s():
    text = (
        "The news site Dala Times reported the raid. It was cold. Nobody came. "
        "Later reporter Bolat Ospanov was fined."
    )
    assert relations(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a job at an unlisted company, with an age in the apposition
        (
            "Her husband, Yerlan Tokayev, 44, a driver at Kazphosphate, was detained.",
            [("employee", None, "Yerlan Tokayev", "Kazphosphate")],
        ),
        (
            "Arman Beketov lost his job at KEGOC after the rally.",
            [("employee", None, "Arman Beketov", "KEGOC")],
        ),
        # a table's columns: name, then job and employer
        (
            "| 1 | Rasul Guliyev | reporter, Qafqaz Xeber | 3 months |",
            [("employee", None, "Rasul Guliyev", "Qafqaz Xeber")],
        ),
    ],
)
def test_relations_jobs_at_unlisted_employers(text, expected):
    assert relations(text) == expected


def test_relations_a_kinship_word_without_possessor_is_the_subject_s():
    text = (
        "Daniyar Omarov, 35, runs a channel from Vilnius. Daniyar Omarov says police watch his family. "
        "The first to be detained was the eldest brother, Serik Omarov, 44."
    )
    assert relations(text) == [("family", "brother", "Serik Omarov", "Daniyar Omarov")]


def test_relations_his_after_a_son_is_the_son_s():
    text = (
        "Serik Omarov was detained in May. Daniyar Omarov left the country. Serik's son Ardyn, 15, was "
        "stopped by police. His mother, Gaukhar, complained."
    )
    assert sorted(relations(text)) == [
        ("family", "mother", "Gaukhar", "Ardyn"),
        ("family", "son", "Ardyn", "Serik Omarov"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Берика Сапарова задержали в мае. Он работает на «Казхиммаше» и состоит в профсоюзе «Адал "
            "Еңбек».",
            [
                ("employee", None, "Berik Saparov", "Kazkhimmash"),
                ("member", None, "Berik Saparov", "Adal Yenbek"),
            ],
        ),
        # denied membership is none
        ("Берик Сапаров говорит, что никогда не состоял в движении «Жаңа Жол».", []),
        # a name described right after it
        (
            "Blogger Aizhan Bekova streams on Talas Ordo, the YouTube channel she founded in 2020.",
            [("founder", None, "Aizhan Bekova", "Talas Ordo")],
        ),
    ],
)
def test_relations_joining_working_and_described_outlets(text, expected):
    assert sorted(relations(text)) == sorted(expected)


def test_relations_founding_told_by_a_verb_in_russian():
    assert relations("В 2019 году Арман Беков основал движение «Жаңа Дала».") == [
        ("founder", None, "Arman Bekov", "Zhana Dala")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a colleague from a party is its member, at anywhere else its employee
        (
            'Police questioned Berik Sadykov of the party "Alga". His colleague from "Alga", '
            "Ms A. Nurlanova, was fined.",
            [("colleague", None, "A. Nurlanova", "Berik Sadykov"), ("member", None, "A. Nurlanova", "Alga")],
        ),
        (
            "Timur Bekov, Dana's colleague at the Steppe Rights Bureau, was followed. "
            "Dana Omarova was warned.",
            [
                ("colleague", None, "Timur Bekov", "Dana Omarova"),
                ("employee", None, "Timur Bekov", "Steppe Rights Bureau"),
            ],
        ),
        # coordinated roles before the organisation
        (
            "Ms Aigul Sadykova, a lawyer and volunteer of the Adal Foundation, was detained.",
            [("member", None, "Aigul Sadykova", "Adal Foundation")],
        ),
    ],
)
def test_relations_colleagues_from_and_coordinated_roles(text, expected):
    assert set(expected) <= set(relations(text))


def test_relations_the_committee_s_chair_is_no_member_of_an_outlet():
    text = (
        "The residents formed a committee. Aigul Bekova wrote about it for the outlet Osh Times. "
        "The committee's chair, Bolat Sadykov, was detained."
    )
    assert relations(text) == []


def test_relations_family_ties_go_to_the_person_the_report_names_first():
    text = (
        "Ruslan Amanov left Kazakhstan in 2019. Police detained his brother, Talgat Amanov, in March. "
        "Talgat Amanov was taken to Almaty. Talgat was questioned. Ruslan Amanov calls it revenge.\n\n"
        "A week later the youngest of the brothers, Serik Amanov, was fired. "
        "Their mother, Gulnara Amanova, was summoned twice."
    )
    found = relations(text)
    assert ("family", "brother", "Serik Amanov", "Ruslan Amanov") in found
    assert ("family", "mother", "Gulnara Amanova", "Ruslan Amanov") in found
    assert not [r for r in found if "Talgat Amanov" in r[2:] and "Ruslan Amanov" not in r[2:]]


def test_relations_a_feminine_role_noun_after_the_kinship_word_is_the_last_woman_named():
    text = (
        "Задержаны блогер Арсен Омаров и журналистка Дина Сапарова. "
        "Утром отца журналистки, Болата Сапарова, вызвали в полицию."
    )
    assert ("family", "father", "Bolat Saparov", "Dina Saparova") in relations(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the description is said of the one it is apposed to, not of everyone in the sentence
        (
            "Civil activist Dana Kenes and Berik Zhanov, a human rights activist of the movement "
            "«Oyan Qazaqstan», filed two notifications.",
            [("member", None, "Berik Zhanov", "Oyan Qazaqstan")],
        ),
        # a list after a colon
        (
            "The court fined three members of the movement «Oyan Qazaqstan»: Berik Zhanov, Dana Kenes "
            "and Askar Temirov.",
            [
                ("member", None, "Berik Zhanov", "Oyan Qazaqstan"),
                ("member", None, "Dana Kenes", "Oyan Qazaqstan"),
                ("member", None, "Askar Temirov", "Oyan Qazaqstan"),
            ],
        ),
        # subjects with their ages
        (
            "Berik Zhanov, 29, and Dana Kenes, 35, are members of the movement «Oyan Qazaqstan».",
            [
                ("member", None, "Dana Kenes", "Oyan Qazaqstan"),
                ("member", None, "Berik Zhanov", "Oyan Qazaqstan"),
            ],
        ),
        # a pronoun's sentence, and a description opening the sentence
        (
            "Dana Kenes lives in Aktau. She is a member of the movement «Oyan Qazaqstan».",
            [("member", None, "Dana Kenes", "Oyan Qazaqstan")],
        ),
        (
            "Berik Zhanov lives in Aktau. A member of the movement «Oyan Qazaqstan» since 2019, he was "
            "detained twice.",
            [("member", None, "Berik Zhanov", "Oyan Qazaqstan")],
        ),
        # other descriptions before the membership
        (
            "Berik Zhanov, born in 1990, a driver at Aktau Trans and a member of the movement «Oyan "
            "Qazaqstan», was charged.",
            [("member", None, "Berik Zhanov", "Oyan Qazaqstan")],
        ),
    ],
)
def test_relations_membership_is_said_of_the_person_described(text, expected):
    assert sorted(r for r in relations(text) if r[0] == "member") == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the person named after "is"
        (
            "The chair of the movement «Oyan Qazaqstan» is Berik Zhanov, who lives abroad.",
            [("member", None, "Berik Zhanov", "Oyan Qazaqstan")],
        ),
        # whoever heads or speaks for a company works for it
        (
            "Dana Kenes, who once headed Kyrgyzstan’s Tumar Bank, was charged.",
            [("employee", None, "Dana Kenes", "Tumar Bank")],
        ),
        (
            "Berik Zhanov, spokesman of the K7 mobile network operator, was sentenced.",
            [("employee", None, "Berik Zhanov", "K7")],
        ),
        # a description opening the sentence, its subject after the comma
        (
            "A former head of Tumar Bank now living in exile, Berik Zhanov often criticises the courts.",
            [("employee", None, "Berik Zhanov", "Tumar Bank")],
        ),
    ],
)
def test_relations_heads_and_spokesmen_and_who_is_named_after_is(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dana Kenes, who sits on the political council of the movement «Oyan Qazaqstan», was detained.",
            [("member", None, "Dana Kenes", "Oyan Qazaqstan")],
        ),
        (
            "Суд арестовал Берика Жанова — активиста, состоящего в движении «Ойан Казахстан».",
            [("member", None, "Berik Zhanov", "Oyan Kazakhstan")],
        ),
        (
            "Берик Жанов основал и возглавляет молодёжное общественное движение «Ойан Казахстан».",
            [
                ("founder", None, "Berik Zhanov", "Oyan Kazakhstan"),
                ("member", None, "Berik Zhanov", "Oyan Kazakhstan"),
            ],
        ),
        # a sentence opened by a pronoun
        (
            "Берик Жанов живёт в Актау. Он основал движение «Ойан Казахстан».",
            [("founder", None, "Berik Zhanov", "Oyan Kazakhstan")],
        ),
        # whose movement it is, told after its name
        (
            "The police searched the office of the movement «Oyan Qazaqstan» (OQ), the movement of Berik "
            "Zhanov.",
            [("member", None, "Berik Zhanov", "Oyan Qazaqstan")],
        ),
    ],
)
def test_relations_membership_by_seat_verb_and_owner(text, expected):
    assert sorted(relations(text)) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The list also names the Zhanov family (Berik, Dana and Askar Zhanov, among others).",
            [
                ("family", "relative", "Dana Zhanov", "Berik Zhanov"),
                ("family", "relative", "Askar Zhanov", "Berik Zhanov"),
                ("family", "relative", "Askar Zhanov", "Dana Zhanov"),
            ],
        ),
        (
            "Полиция вызвала на допрос семью Жановых: Берика Жанова и Асель Жанову.",
            [("family", "relative", "Asel Zhanova", "Berik Zhanov")],
        ),
        # a family named with no one listed after it, or others listed: no tie
        ("The Zhanov family lives in Aktau; Berik Zhanov and Dana Kenes were detained.", []),
        ("The Zhanov family (Dana Kenes and Askar Temirov) lives in Aktau.", []),
    ],
)
def test_relations_members_listed_after_a_family_name_are_relatives(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list item's heading names whom its description is about
        (
            "✔#Aktau: ⚡#ZHANOV Berik and ⚡#KENES Dana\n\n— On 5 May, activists of the movement «Oyan "
            "Qazaqstan» were fined for a picket.",
            [
                ("member", None, "Berik Zhanov", "Oyan Qazaqstan"),
                ("member", None, "Dana Kenes", "Oyan Qazaqstan"),
            ],
        ),
        # a counted group is others, not the person the report is about
        (
            "Berik Zhanov was charged in May.\n\nOn 5 May, 13 active members of the movement «Oyan "
            "Qazaqstan» gathered outside the court.",
            [],
        ),
    ],
)
def test_relations_membership_of_a_list_item_and_of_a_counted_group(text, expected):
    assert [r for r in relations(text) if r[0] == "member"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # listed parties in any case, named in English
        (
            "Дана Кенес работает учительницей и является активисткой незарегистрированной "
            "Демократической партии.",
            [("member", None, "Dana Kenes", "Democratic Party of Kazakhstan")],
        ),
        (
            "Берик Жанов является сопредседателем Демократического конгресса народов России.",
            [("member", None, "Berik Zhanov", "Democratic Congress of the Peoples of Russia")],
        ),
    ],
)
def test_relations_with_listed_parties_told_in_russian(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Berik Zhanov, whose wife Aigul Zhanova is also an activist, was detained.",
            [("family", "wife", "Aigul Zhanova", "Berik Zhanov")],
        ),
        (
            "Aigul Temirova is married to Berik Zhanov.",
            [("family", "wife", "Aigul Temirova", "Berik Zhanov")],
        ),
        (
            "Айгуль Темирова замужем за Бериком Жановым.",
            [("family", "wife", "Aygul Temirova", "Berik Zhanov")],
        ),
        (
            "Activists of the Oyan Qazaqstan movement Berik Zhanov and Dana Kenes were detained.",
            [
                ("member", None, "Berik Zhanov", "Oyan Qazaqstan"),
                ("member", None, "Dana Kenes", "Oyan Qazaqstan"),
            ],
        ),
        (
            "Berik Zhanov, who works as a reporter for the Adyl Soz news site, was detained.",
            [("employee", None, "Berik Zhanov", "Adyl Soz")],
        ),
    ],
)
def test_relations_whose_married_and_listed_after_the_kind_word(text, expected):
    assert relations(text) == expected


def test_relations_none_to_a_parliament_or_its_committees():
    text = (
        "The letter was signed by the Chair of the DROI Committee Ms Anna Berg and by Berik Zhanov, a member "
        "of the European Parliament."
    )
    assert relations(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "fellow activists" are the fellows of the person named just before
        (
            "Berik Zhanov, along with fellow activists Dana Kenes and Askar Temirov, was detained.",
            [
                ("colleague", None, "Dana Kenes", "Berik Zhanov"),
                ("colleague", None, "Askar Temirov", "Berik Zhanov"),
            ],
        ),
        ("Police detained fellow activists Dana Kenes and Askar Temirov.", []),
        (
            "Активистка Дана Кенес, соратница Берика Жанова, задержана.",
            [("colleague", None, "Dana Kenes", "Berik Zhanov")],
        ),
        (
            "Айгуль Темирова, сотрудница телеканала «Алау», задержана.",
            [("employee", None, "Aygul Temirova", "Alau")],
        ),
    ],
)
def test_relations_fellows_and_russian_colleagues_and_channels(text, expected):
    assert relations(text) == expected


def test_relations_a_signature_names_the_signers_employer():
    text = (
        'Yours sincerely,\n\nAliya Bekova\nDirector, Legal Aid Centre "Adal Zher"\n\n'
        'Berik Zhanov\nLawyer, Legal Aid Centre "Adal Zher"'
    )
    assert relations(text) == [
        ("employee", None, "Aliya Bekova", "Adal Zher"),
        ("employee", None, "Berik Zhanov", "Adal Zher"),
    ]


def test_relations_a_relative_apposed_with_an_age_first():
    text = "Суд вынес приговор Берику Жанову.\n— Асель Жанова, 43 года, его жена — два года ограничения."
    assert relations(text) == [("family", "wife", "Asel Zhanova", "Berik Zhanov")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the lawyer writing is not the client
        (
            "From: Aliya Bekova, advocate\n\nI act for Berik Zhanov. On 4 May my client's wife, "
            "Asel Zhanova, was summoned.",
            [("family", "wife", "Asel Zhanova", "Berik Zhanov")],
        ),
        (
            "Berik Zhanov was detained. The activist's sister, Dana Zhanova, was fined.",
            [("family", "sister", "Dana Zhanova", "Berik Zhanov")],
        ),
        # an officer is no stand-in for the person the report is about
        ("Berik Zhanov was detained. The officer's wife, Dana Zhanova, was fined.", []),
    ],
)
def test_relations_a_possessive_role_noun_stands_for_the_report_s_subject(text, expected):
    assert relations(text) == expected


def test_relations_dismissed_from_a_named_workplace_in_russian():
    text = "Берик Жанов, уволенный с завода «Металлист», задержан."
    assert relations(text) == [("employee", None, "Berik Zhanov", "Metallist")]


@pytest.mark.parametrize(
    "text",
    [
        "Berik Zhanov criticised the leader of the Oyan Qazaqstan movement.",
        "Police told Berik Zhanov that members of the Koshe Partiyasy movement would be arrested.",
    ],
)
def test_relations_a_verb_between_a_name_and_a_membership_noun_breaks_the_tie(text):
    assert relations(text) == []
def test_relations_the_leader_of_an_organisation_is_named_after_a_copula():
    assert relations("The leader of DVK is Berik Zhanov, a businessman living abroad.") == [
        ("member", None, "Berik Zhanov", "Democratic Choice of Kazakhstan")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Three members of the Seitov family (Nurlan, Aigul and Timur Seitov) were charged in absentia.",
        "Уголовное дело возбуждено против семьи Сейтовых: Нурлана Сейтова и Айгуль Сейтовой.",
    ],
)
def test_relations_a_family_named_by_its_surname_are_relatives(text):
    found = relations(text)
    assert found and all(r[:2] == ("family", "relative") for r in found)
    assert len({r[2] for r in found} | {r[3] for r in found}) >= 2
