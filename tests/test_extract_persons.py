"""The "persons" component: name forms, one entry per person, namesakes kept apart."""

from __future__ import annotations

import pytest

from casewatch.extract import components  # noqa: F401  (registers the built-in components)
from casewatch.extract.analysis import Analysis
from casewatch.extract.lexicon import gender_of
from casewatch.extract.pipeline import REGISTRY


def run_persons(text: str) -> Analysis:
    analysis = Analysis(text=text, report_date="2022-03-10")
    for name in ("sentences", "gazetteer", "persons"):
        REGISTRY[name].func(analysis)
    for p in analysis.persons:
        for start, end in p.mentions:
            assert 0 <= start < end <= len(text)
    return analysis


def people(text: str) -> list[tuple[str, list[str]]]:
    """(name, the mentions as written) for each person."""
    a = run_persons(text)
    return [(p.name, [text[s:e] for s, e in p.mentions]) for p in a.persons]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Given SURNAME
        ("Civil activist Daulet ORAZBEKOV was detained.", [("Daulet Orazbekov", ["Daulet ORAZBEKOV"])]),
        # SURNAME Given Patronymic
        (
            "ORAZBEKOV Daulet Serikovich was detained.",
            [("Daulet Serikovich Orazbekov", ["ORAZBEKOV Daulet Serikovich"])],
        ),
        # Given Patronymic Surname, title case
        (
            "Daulet Serikovich Orazbekov was detained.",
            [("Daulet Serikovich Orazbekov", ["Daulet Serikovich Orazbekov"])],
        ),
        # Surname Given in title case, when the surname is surname-shaped and the other word a given name
        ("Orazbekov Daulet was detained.", [("Daulet Orazbekov", ["Orazbekov Daulet"])]),
        # Surname G. and G. Surname are one person
        (
            "Zhakupova A. was fined. Later A. Zhakupova appealed.",
            [("A. Zhakupova", ["Zhakupova A.", "A. Zhakupova"])],
        ),
        ("Kumekbayev K.S. appealed.", [("K. S. Kumekbayev", ["Kumekbayev K.S."])]),
        # a hashtag header
        ("#KARIMOV Nurlan\nThe activist was detained.", [("Nurlan Karimov", ["KARIMOV Nurlan"])]),
        # honorifics are not part of the name
        ("Ms. Anna Petrova agreed.", [("Anna Petrova", ["Anna Petrova"])]),
        ("H.E. Josep Borrell replied.", [("Josep Borrell", ["Josep Borrell"])]),
        ("Mr Baurzhan Temirov spoke.", [("Baurzhan Temirov", ["Baurzhan Temirov"])]),
        ("Letter to H.E. Temirov B. on it.", [("B. Temirov", ["Temirov B."])]),  # not initials "H. E. B."
        # possessives: the mention stops before 's
        ("Nurlan Abenov's flat was searched.", [("Nurlan Abenov", ["Nurlan Abenov"])]),
        ("Nurlan ABENOV’s flat was searched.", [("Nurlan Abenov", ["Nurlan ABENOV"])]),
        # hyphenated given names and names with diacritics
        ("H.E. Kassym-Jomart Tokayev replied.", [("Kassym-Jomart Tokayev", ["Kassym-Jomart Tokayev"])]),
        ("Petras Auštrevičius signed.", [("Petras Austrevicius", ["Petras Auštrevičius"])]),
    ],
)
def test_persons_name_forms(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nurlan Abenov was detained. Abenov's lawyer was not admitted.",
            [("Nurlan Abenov", ["Nurlan Abenov", "Abenov"])],
        ),
        (
            "Activist Dana Kenes was fined. Dana refused to pay.",
            [("Dana Kenes", ["Dana Kenes", "Dana"])],
        ),
        (
            "Mr Baurzhan Temirov spoke. Mr Temirov then left.",
            [("Baurzhan Temirov", ["Baurzhan Temirov", "Temirov"])],
        ),
        (
            "SABITOV Aibek was detained. Aibek Sabitov was released. SABITOV appealed.",
            [("Aibek Sabitov", ["SABITOV Aibek", "Aibek Sabitov", "SABITOV"])],
        ),
    ],
)
def test_persons_follow_up_mentions_join_the_full_name(text, expected):
    assert people(text) == expected


def test_persons_one_entry_with_every_spelling_as_alias():
    text = "Aibek SABITOV was detained. SABITOV Aibek Seitovich denied it. Aibek Sabitov was released."
    (p,) = run_persons(text).persons
    assert p.name == "Aibek Seitovich Sabitov"
    assert set(p.aliases) == {"Aibek SABITOV", "SABITOV Aibek Seitovich", "Aibek Sabitov"}
    assert p.name not in p.aliases
    assert p.mentions == sorted(p.mentions)


def test_persons_shared_surname_list():
    text = "Erik, Kalyk and Arman Mendygazyev were detained on Monday."
    assert people(text) == [
        ("Erik Mendygazyev", ["Erik"]),
        ("Kalyk Mendygazyev", ["Kalyk"]),
        ("Arman Mendygazyev", ["Arman Mendygazyev"]),
    ]


def test_persons_shared_surname_list_later_first_names_join():
    text = "Erik, Kalyk and Arman Mendygazyev were detained. Kalyk was released in the evening."
    a = run_persons(text)
    kalyk = next(p for p in a.persons if p.name == "Kalyk Mendygazyev")
    assert [text[s:e] for s, e in kalyk.mentions] == ["Kalyk", "Kalyk"]
    assert len(a.persons) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Активист Ерлан Жакупов был задержан.", [("Yerlan Zhakupov", ["Ерлан Жакупов"])]),
        ("ЖАКУПОВ Ерлан Серикович задержан.", [("Yerlan Serikovich Zhakupov", ["ЖАКУПОВ Ерлан Серикович"])]),
        (
            "Ерлан Жакупов и Асель Нурбекова задержаны.",
            [("Yerlan Zhakupov", ["Ерлан Жакупов"]), ("Asel Nurbekova", ["Асель Нурбекова"])],
        ),
        ("Берик ЖАНОВ задержан. Жанов отказался от показаний.", [("Berik Zhanov", ["Берик ЖАНОВ", "Жанов"])]),
    ],
)
def test_persons_cyrillic_names_are_latin_with_cyrillic_alias(text, expected):
    a = run_persons(text)
    assert [(p.name, [text[s:e] for s, e in p.mentions]) for p in a.persons] == expected
    for p in a.persons:
        assert text[p.mentions[0][0] : p.mentions[0][1]] in p.aliases


def test_persons_cyrillic_and_latin_spellings_are_one_person():
    text = "Activist Yerlan Zhakupov was detained. В тот же день Ерлан Жакупов был допрошен."
    (p,) = run_persons(text).persons
    assert p.name == "Yerlan Zhakupov"
    assert "Ерлан Жакупов" in p.aliases
    assert len(p.mentions) == 2


@pytest.mark.parametrize(
    ("text", "expected_names"),
    [
        # the same given name
        ("Erik Zhanov and Erik Bolatov attended.", ["Erik Zhanov", "Erik Bolatov"]),
        ("Серик Жанов и Серик Болатов пришли.", ["Serik Zhanov", "Serik Bolatov"]),
        # the same surname
        ("Marat Tokenov and Serik Tokenov were detained.", ["Marat Tokenov", "Serik Tokenov"]),
        # the same surname and initial letter, different given names
        ("Asel Nurbekova and Aliya Nurbekova were summoned.", ["Asel Nurbekova", "Aliya Nurbekova"]),
        # the same surname, different initials
        ("Zhakupova A. and Zhakupova G. were fined.", ["A. Zhakupova", "G. Zhakupova"]),
        # the same given name and surname, different patronymics
        (
            "ZHANOV Berik Serikovich and ZHANOV Berik Maratovich were charged.",
            ["Berik Serikovich Zhanov", "Berik Maratovich Zhanov"],
        ),
    ],
)
def test_persons_namesakes_are_not_merged(text, expected_names):
    assert [p.name for p in run_persons(text).persons] == expected_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a first name two persons share attaches to nobody
        (
            "Dana Kenes and Dana Alimova were fined. Dana refused to pay.",
            [("Dana Kenes", ["Dana Kenes"]), ("Dana Alimova", ["Dana Alimova"])],
        ),
        (
            "Серик Жанов и Серик Болатов пришли. Серик ушёл первым.",
            [("Serik Zhanov", ["Серик Жанов"]), ("Serik Bolatov", ["Серик Болатов"])],
        ),
    ],
)
def test_persons_shared_first_name_alone_stays_unattached(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The National Security Committee and Human Rights Watch commented.",
        "Amnesty International and Freedom House condemned it.",
        "The Aktau City Court and the Koshe Partiyasy were mentioned.",
        "They travelled from Nur-Sultan to Almaty Region and Karaganda Region.",
        "Ust-Kamenogorsk and Petropavlovsk were quiet.",
        "The Open Dialogue Foundation wrote to the European Parliament.",
        "Political Prisoner Release Day was marked in Taraz.",
        "On Monday, March 7, the Criminal Code was cited.",
    ],
)
def test_persons_organisations_and_places_are_not_persons(text):
    assert run_persons(text).persons == []


def test_persons_next_to_organisations_and_places():
    text = "Judge Saule Ibrayeva of the Aktau City Court met Nurlan Abenov in Shymkent."
    a = run_persons(text)
    assert [p.name for p in a.persons] == ["Saule Ibrayeva", "Nurlan Abenov"]
    assert [o.name for o in a.organizations] == ["Aktau City Court"]


def test_persons_ids_follow_first_mention():
    text = "Asel Nurbekova met Berik Zhanov. Later Zhanov and Nurbekova left; Kairat Ermekov stayed."
    a = run_persons(text)
    assert [(p.id, p.name) for p in a.persons] == [
        ("P1", "Asel Nurbekova"),
        ("P2", "Berik Zhanov"),
        ("P3", "Kairat Ermekov"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Mr. Borrell, thank you.", [("Borrell", ["Borrell"])]),
        (
            "We write about Ms Nurbekova. Nurbekova was fined. Ms Nurbekova appealed.",
            [("Nurbekova", ["Nurbekova", "Nurbekova", "Nurbekova"])],
        ),
        ("Г-н Жанов задержан.", [("Zhanov", ["Жанов"])]),
        # a known surname makes no new person
        (
            "Mr Baurzhan Temirov spoke. Mr Temirov then left.",
            [("Baurzhan Temirov", ["Baurzhan Temirov", "Temirov"])],
        ),
        # words that are never names stay unnamed after an honorific
        ("Dear Mr. President, dear Ms Chairperson.", []),
    ],
)
def test_persons_surname_alone_after_honorific(text, expected):
    assert people(text) == expected


def test_persons_surname_alone_keeps_its_cyrillic_spelling_as_alias():
    (p,) = run_persons("Г-н Жанов задержан. Mr ZHANOV was released.").persons
    assert p.name == "Zhanov"
    assert p.aliases == ["Жанов", "ZHANOV"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kanat's son Alisher was stopped by police.", ["Alisher"]),
        ("The ambulance that his wife, Gaukhar, called was turned away.", ["Gaukhar"]),
        # a first name starting a longer name is left to the full-name finder
        ("His wife Gaukhar Ermekova filed a complaint.", ["Gaukhar Ermekova"]),
        # not after a kinship word: a capitalised first word is no person
        ("Alisher was stopped by police.", []),
    ],
)
def test_persons_first_name_alone_after_a_kinship_word(text, expected):
    assert [name for name, _ in people(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The teacher Irina Petrovna Sokolova was detained. Irina Petrovna denied the charge.",
            [("Irina Petrovna Sokolova", ["Irina Petrovna Sokolova", "Irina Petrovna"])],
        ),
        (
            "Полиция задержала учительницу Марину Сергеевну Котову. Марина Сергеевна вину не признала.",
            [("Marina Sergeyevna Kotova", ["Марину Сергеевну Котову", "Марина Сергеевна"])],
        ),
    ],
)
def test_persons_given_name_and_patronymic_join_the_full_name(text, expected):
    """Also: "Марину Сергеевну" is feminine accusative; the masculine dative of Марин fits no other part."""
    assert people(text) == expected


def test_persons_surname_alone_in_an_oblique_case_that_reads_two_ways():
    # "Белову" is the accusative of Белова and the dative of Белов: either joins Анна Белова
    text = "Полиция задержала журналистку Анну Белову. Белову отпустили через день."
    assert people(text) == [("Anna Belova", ["Анну Белову", "Белову"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a listed male name pymorphy3 also reads as a woman's: the surname's case decides
        ("Полиция задержала Ерлана Нуралиева у дома.", "Yerlan Nuraliyev"),
        # an indeclinable given name: the surname alone carries the case
        ("Сотрудники пришли к Сауле Омаровой домой.", "Saule Omarova"),
        # a surname pymorphy3 knows only as a patronymic
        ("Следователь допросил Олега Зубовича.", "Oleg Zubovich"),
        # a surname with initials in the dative
        ("Письмо направлено Сеитову А. Б. вчера.", "A. B. Seitov"),
        # a listed woman's name that pymorphy3 reads as a man's: "-ову" is her accusative, not his dative
        ("Суд арестовал журналистку Бермет Сыдыкову на два месяца.", "Bermet Sydykova"),
        ("Милиция вызвала на допрос Мээрим Асанову.", "Meerim Asanova"),
    ],
)
def test_persons_russian_oblique_cases_to_the_nominative(text, expected):
    assert [name for name, _ in people(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capitalised ordinary word opening the sentence is not part of the name
        ("Коллеги Сапарова вышли на пикет. Ерлан Сапаров задержан.", ["Yerlan Saparov"]),
        ("Для Ушакова это означает колонию. Денис Ушаков не согласен.", ["Denis Ushakov"]),
        # "Surname I. I." ends before the next sentence's first word
        ("Постановление подписал следователь Абенов Б. Основание не указано.", ["B. Abenov"]),
        # given name, patronymic initial, surname
        ("Judge Kanat B. Sultanov refused the motion.", ["Kanat B. Sultanov"]),
        # a Belarusian surname pymorphy3 reads only as a patronymic comes first
        ("Суд оставил Зубовича Олега под стражей.", ["Oleg Zubovich"]),
        # institutional words are no names
        ("The Special Rapporteurs and International Partnership wrote to him.", []),
    ],
)
def test_persons_name_boundaries(text, expected):
    assert [name for name, _ in people(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a superscript note marker after a name is no part of it
        ("| 1 | Rasul Guliyev² | blogger | 3 months |", ["Rasul Guliyev"]),
        # Belarusian Łacinka names are written without diacritics
        ("Siarhiej Łabanaŭ, a teacher, was detained in Hrodna.", ["Siarhiej Labanau"]),
        # a kinship word vouches for the name after it, however unusual
        ("Zmicier Kuźmič was detained with his brother Kastuś Kuźmič.", ["Zmicier Kuzmic", "Kastus Kuzmic"]),
        # a street named after someone is no person
        ("The picket was held on Kenesary Khan Avenue near the akimat.", []),
    ],
)
def test_persons_markers_diacritics_and_streets(text, expected):
    assert [name for name, _ in people(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role word opening the sentence is no part of the name
        ("Blogger Aigerim Sadykova streamed the rally.", ["Aigerim Sadykova"]),
        # a given name pymorphy3 knows as a town ("Дархан") still opens a name
        ("Электрика Дархана Жумабекова задержали утром.", ["Darkhan Zhumabekov"]),
        # a man's name in the genitive, though it could be a woman's in the nominative: the text names him
        # by the masculine surname elsewhere
        ("Суд арестовал блогера Виталия Сомова. Сомов отрицает вину.", ["Vitaliy Somov"]),
        ("Жена блогера, Анна Сомова, пришла в суд. Сомов отрицает вину.", ["Anna Somova"]),
    ],
)
def test_persons_role_words_and_ambiguous_russian_forms(text, expected):
    assert [name for name, _ in people(text)] == expected


def test_persons_a_genitive_surname_running_into_another_name():
    text = "Суд осудил Марата Бекова. По словам адвоката Бекова Анны Соколовой, защита обжалует приговор."
    assert people(text) == [
        ("Marat Bekov", ["Марата Бекова", "Бекова"]),
        ("Anna Sokolova", ["Анны Соколовой"]),
    ]


def test_persons_a_title_after_the_name_vouches_for_an_unknown_given_name():
    text = "Yours sincerely,\n\nHeikki Lindqvist, MEP\nOrsolya Farkas, MEP\n"
    assert [name for name, _ in people(text)] == ["Heikki Lindqvist", "Orsolya Farkas"]


def test_persons_two_spellings_of_one_surname_in_one_report_are_one_person():
    text = "Activist Daniyar ORAZBAYEV was detained. The suspect, Daniyar ORAZBAEV, denies the charge."
    assert people(text) == [("Daniyar Orazbayev", ["Daniyar ORAZBAYEV", "Daniyar ORAZBAEV"])]


def test_persons_an_address_after_the_name_is_not_part_of_it():
    text = "To: Minister of Justice H.E. Bolat Serikbayev Abai Kunan st. 4, Astana"
    assert [name for name, _ in people(text)] == ["Bolat Serikbayev"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Judge TOLEUBEKOV refused the motion of Aizhan Nurova.", ["Toleubekov", "Aizhan Nurova"]),
        ("Прокурор Абдыкеримов потребовал пять лет.", ["Abdykerimov"]),
        ("Judge Almaty refused the motion.", []),
    ],
)
def test_persons_surname_alone_after_an_officials_title(text, expected):
    assert [name for name, _ in people(text)] == expected


def test_persons_a_listed_names_other_spelling_is_a_given_name_of_its_gender():
    # "Qanat" is listed only as a spelling of Kanat, so it is a man's given name like Kanat
    assert people("Qanat Tursynbekov was fined.") == [("Qanat Tursynbekov", ["Qanat Tursynbekov"])]
    assert gender_of("Qanat Tursynbek") == "m"


def test_initial_written_against_the_surname_is_a_name() -> None:
    """ "Т.Жумабекова": an initial with no space before the surname still makes a name."""
    text = "Дело вела судья Т.Жумабекова, защищал адвокат Б.Оралов, а свидетель Г.Сапарбек молчал."
    assert [name for name, _ in people(text)] == ["T. Zhumabekova", "B. Oralov", "G. Saparbek"]


def test_initial_and_inflected_surname_join_the_full_name() -> None:
    """A later "Д.Курмангалиева" is "Дархан Курмангалиев" in the genitive, not a new person."""
    text = "Активист Дархан Курмангалиев вышел на площадь. Полиция задержала Д.Курмангалиева через час."
    assert [name for name, _ in people(text)] == ["Darkhan Kurmangaliyev"]


def test_turkic_patronymic_with_oglu_or_qizi_is_one_name() -> None:
    """ "Given Father oglu Surname" in a numbered list, the list's next label not taken for a name."""
    text = (
        "3. Farid Nazim oglu Kerimli Date of arrest: 4 May 2020\n"
        "4. Sevinj Elman qizi Babayeva\nKerimli was jailed."
    )
    assert [name for name, _ in people(text)] == ["Farid Nazim oglu Kerimli", "Sevinj Elman qizi Babayeva"]


def test_one_name_in_both_orders_and_with_a_tagged_surname() -> None:
    """ "Nurlan #TOKTAROV" is a name; "Toktarov Nurlan" later is the same person, not a second one."""
    text = "Blogger Nurlan #TOKTAROV was fined. Toktarov Nurlan said he would appeal."
    assert [name for name, _ in people(text)] == ["Nurlan Toktarov"]


def test_rank_before_a_surname_alone_names_a_person() -> None:
    """ "Major TOLEUOV" and "майор Сергеев": a rank vouches for the surname after it."""
    assert [name for name, _ in people("The interrogation was run by Major TOLEUOV.")] == ["Toleuov"]
    assert [name for name, _ in people("Протокол составил майор Сергеев.")] == ["Sergeyev"]
