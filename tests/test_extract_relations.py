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
            [("member", None, "Yerlan Saparov", "Жаңа Ел")],
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
        ("employee", None, "Aygul Bekova", "Тоо Кабар"),
        ("employee", None, "Nurlan Osmonov", "Тоо Кабар"),
        ("founder", None, "Nurlan Osmonov", "Тоо Кабар"),
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
            [("employee", None, "Bolat Akhmetov", "Степной вестник")],
        ),
        (
            "Серик Оспанов, 40 лет, инженер, — член движения «Жас Дала».",
            [("member", None, "Serik Ospanov", "Жас Дала")],
        ),
        (
            "Мадина Сейтова, бывшая корреспондентка сайта «Ак Жайык», задержана.",
            [("employee", None, "Madina Seytova", "Ак Жайык")],
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
                ("employee", None, "Berik Saparov", "Казхиммаш"),
                ("member", None, "Berik Saparov", "Адал Еңбек"),
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
        ("founder", None, "Arman Bekov", "Жаңа Дала")
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
