"""The "gazetteer" component: listed organisations and places, and unlisted ones by how they are written."""

from __future__ import annotations

import pytest

from casewatch.extract import components  # noqa: F401  (registers the built-in components)
from casewatch.extract.analysis import Analysis
from casewatch.extract.pipeline import REGISTRY


def run_gazetteer(text: str) -> Analysis:
    analysis = Analysis(text=text)
    REGISTRY["gazetteer"].func(analysis)
    for ent in analysis.organizations + analysis.locations:
        for start, end in ent.mentions:
            assert 0 <= start < end <= len(text)
            surface = text[start:end]
            assert surface == surface.strip()
            assert surface == ent.name or surface in ent.aliases, (surface, ent)
    return analysis


def orgs(text: str) -> list[tuple[str, str, list[str]]]:
    a = run_gazetteer(text)
    return [(o.name, o.kind, [text[s:e] for s, e in o.mentions]) for o in a.organizations]


def places(text: str) -> list[tuple[str, str, list[str]]]:
    a = run_gazetteer(text)
    return [(p.name, p.kind, [text[s:e] for s, e in p.mentions]) for p in a.locations]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "NSC officers came at dawn. The National Security Committee denied it.",
            [("National Security Committee", "security_service", ["NSC", "National Security Committee"])],
        ),
        ("Отдел КНБ не ответил.", [("National Security Committee", "security_service", ["КНБ"])]),
        (
            "Supporters of the DCK were questioned.",
            [("Democratic Choice of Kazakhstan", "movement", ["DCK"])],
        ),
        (
            "The European Parliament adopted it.",
            [("European Parliament", "parliament", ["European Parliament"])],
        ),
        ("Human Rights Watch (HRW) said so.", [("Human Rights Watch", "ngo", ["Human Rights Watch", "HRW"])]),
    ],
)
def test_gazetteer_listed_organisations_and_aliases(text, expected):
    assert orgs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quoted name after a kind word
        ("He joined the movement «Zhana Tolqyn» in 2020.", [("Zhana Tolqyn", "movement", ["Zhana Tolqyn"])]),
        (
            'She worked at the company "Karabatan Oil Services".',
            [("Karabatan Oil Services", "company", None)],
        ),
        ("Он участник движения «Бирлик».", [("Birlik", "movement", ["Бирлик"])]),
        # a capitalised name ending in a head word; a leading "The" is not part of it
        ("The Bereke Foundation paid the fine.", [("Bereke Foundation", "ngo", ["Bereke Foundation"])]),
        ("The Ministry of Internal Affairs replied.", [("Ministry of Internal Affairs", "ministry", None)]),
        ("The Akimat of Taraz refused.", [("Akimat of Taraz", "government", None)]),
        (
            "The Saryarka District Police Department detained him.",
            [("Saryarka District Police Department", "police", ["Saryarka District Police Department"])],
        ),
        ("The Aktau City Court heard the case.", [("Aktau City Court", "court", ["Aktau City Court"])]),
        (
            "Court No.2 of the Saryarka district of Astana heard it.",
            [("Court No.2 of the Saryarka district of Astana", "court", None)],
        ),
    ],
)
def test_gazetteer_unlisted_organisations_by_pattern(text, expected):
    found = orgs(text)
    assert [(n, k) for n, k, _ in found] == [(n, k) for n, k, _ in expected]
    for (_, _, mentions), (_, _, want) in zip(found, expected, strict=True):
        if want is not None:
            assert mentions == want


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # capitalised names ending in a head word, with what follows "for", "against", "to"
        ("The Steppe Watch for Civil Liberties protested.", [("Steppe Watch for Civil Liberties", "ngo")]),
        ("He wrote for the outlet Irtysh Times.", [("Irtysh Times", "media")]),
        (
            "The Free Press Initiative and Oral Inform reported it.",
            [("Free Press Initiative", "ngo"), ("Oral Inform", "media")],
        ),
        # courts and police with lower-case qualifiers, or named after their place
        (
            "The Kokshetau specialised administrative court fined him.",
            [("Kokshetau specialised administrative court", "court")],
        ),
        (
            "The Oral Grave Crimes Court and the Oral Court of Appeal sat.",
            [("Oral Grave Crimes Court", "court"), ("Oral Court of Appeal", "court")],
        ),
        ("The investigating court of Taraz agreed.", [("investigating court of Taraz", "court")]),
        (
            "He was taken to the Yesil district police department.",
            [("Yesil district police department", "police")],
        ),
        (
            "He was held in the KNB temporary detention facility in Taraz.",
            [("KNB temporary detention facility in Taraz", "detention")],
        ),
        ("She is in Penal Colony No. 2.", [("Penal Colony No. 2", "detention")]),
        # a directorate of a security service is the service's, not the police's
        (
            "An officer of the FSB Directorate for the Omsk Region came.",
            [("FSB Directorate for the Omsk Region", "security_service")],
        ),
        # Russian courts, police units and akimats
        ("Следственный суд г. Тараза арестовал его.", [("Следственный суд г. Тараза", "court")]),
        ("Дело рассмотрит СМАС г. Кокшетау.", [("СМАС г. Кокшетау", "court")]),
        ("Его доставили в ОП «Есильский».", [("ОП «Есильский»", "police")]),
        ("Акимат Тараза отказал.", [("Акимат Тараза", "government")]),
        # a generic body with no name is no organisation; a sentence-opening word is not part of one
        ("The court and the pre-trial detention centre refused.", []),
        ("Political court cases continue.", []),
    ],
)
def test_gazetteer_unlisted_bodies_by_head_word_and_qualifiers(text, expected):
    assert [(n, k) for n, k, _ in orgs(text)] == expected


def test_gazetteer_acronym_in_brackets_names_later_mentions():
    text = "Sunkar Justice Centre (SJC) filed a complaint. Later SJC withdrew it."
    (org,) = run_gazetteer(text).organizations
    assert org.name == "Sunkar Justice Centre"
    assert org.kind == "ngo"
    assert "SJC" in org.aliases
    assert [text[s:e] for s, e in org.mentions] == ["Sunkar Justice Centre", "SJC", "SJC"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name stops at a sentence end: "Ak Zhol." is not the start of a police department's name
        (
            "He left Ak Zhol. Aktau Police Department detained him.",
            [("Ak Zhol", "party"), ("Aktau Police Department", "police")],
        ),
        ("He met Askar. Bereke Foundation helped.", [("Bereke Foundation", "ngo")]),
        # ... and at a line end: an address block's next line is not part of a ministry's name
        ("Minister of Foreign Affairs\nH.E. Anna Lind", [("Ministry of Foreign Affairs", "ministry")]),
        ("Head of the Regional Police\nH.E. Anna Lind", [("Regional Police", "police")]),
    ],
)
def test_gazetteer_names_stop_at_sentence_and_line_ends(text, expected):
    assert [(n, k) for n, k, _ in orgs(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was detained in Aktau.", [("Aktau", "city", ["Aktau"])]),
        # aliases and inflected forms go to the listed name
        ("From Almaty to Alma-Ata.", [("Almaty", "city", ["Almaty", "Alma-Ata"])]),
        # a renamed city keeps the name the report uses
        (
            "From Astana to Nur-Sultan.",
            [("Astana", "city", ["Astana"]), ("Nur-Sultan", "city", ["Nur-Sultan"])],
        ),
        ("Задержан в Шымкенте.", [("Shymkent", "city", ["Шымкенте"])]),
        (
            "Both Almaty Region and Almaty.",
            [("Almaty Region", "region", ["Almaty Region"]), ("Almaty", "city", ["Almaty"])],
        ),
        # unlisted places by a kind word before or after them
        ("He lives in Shubarkol village.", [("Shubarkol", "village", ["Shubarkol"])]),
        ("He lives in the village of Akkol.", [("Akkol", "village", ["Akkol"])]),
        (
            "The flat is in the Bostandyk district.",
            [("Bostandyk district", "district", ["Bostandyk district"])],
        ),
        ("They moved to Mangistau Region.", [("Mangistau Region", "region", ["Mangistau Region"])]),
    ],
)
def test_gazetteer_places(text, expected):
    assert places(text) == expected


def test_gazetteer_place_inside_an_organisation_is_not_a_location():
    text = "The Aktau Civic Platform paid the fine."
    a = run_gazetteer(text)
    assert [o.name for o in a.organizations] == ["Aktau Civic Platform"]
    assert a.locations == []


@pytest.mark.parametrize(
    "text",
    [
        "The Aktau City Court heard the case.",
        "The Aktau city police department detained him.",
        "The akimat of Aktau refused.",
    ],
)
def test_gazetteer_place_inside_a_state_body_named_after_it_is_kept(text):
    a = run_gazetteer(text)
    assert len(a.organizations) == 1
    assert [loc.name for loc in a.locations] == ["Aktau"]


@pytest.mark.parametrize(
    "text",
    [
        "The police detained him on the street.",
        "The court heard the appeal.",
        "They went to the district on foot.",
    ],
)
def test_gazetteer_common_nouns_are_not_names(text):
    a = run_gazetteer(text)
    assert a.organizations == []
    assert a.locations == []


def test_gazetteer_ids_are_per_entity_and_mentions_ordered():
    text = "NSC officers met KGB officers in Minsk. The NSC and Minsk again."
    a = run_gazetteer(text)
    assert [(o.id, o.name) for o in a.organizations] == [
        ("O1", "National Security Committee"),
        ("O2", "KGB"),
    ]
    assert [(p.id, p.name) for p in a.locations] == [("L1", "Minsk")]
    for ent in a.organizations + a.locations:
        assert ent.mentions == sorted(ent.mentions)
    assert len(a.organizations[0].mentions) == 2
    assert len(a.locations[0].mentions) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # listed places in any Russian case
        ("Его задержали в Павлодаре, а потом увезли из Костаная.", ["Pavlodar", "Kostanay"]),
        # regions and districts by their adjective, listed or not
        ("Суд Карагандинской области и прокуратура Омской области.", ["Karaganda Region", "Omsk region"]),
        ("Жители Мартукского района вышли на сход.", ["Martuk district"]),
        ("Следственный суд района Есиль г. Астаны.", ["Yesil district", "Astana"]),
        # not a court's adjective ("районный") nor a name after "района"
        ("Октябрьский районный суд оштрафовал его. Прокурор района Ивана Петрова не было.", []),
        # a listed town by the adjective of its court
        ("Павлодарский городской суд рассмотрел дело.", ["Pavlodar"]),
        # an unlisted village after "село", not a name after "г." of a year
        ("Обыск прошёл в селе Акжар. 2023 г. Вчера суд продолжился.", ["Akzhar"]),
        # capitals, "-based", districts named by their court
        (
            "ALMATY (5 May) – An Astana-based group said the Bostandyk District Court erred.",
            ["Almaty", "Astana", "Bostandyk district"],
        ),
        ("The Pinsk District Court fined him.", ["Pinsk"]),
    ],
)
def test_places_in_any_case_and_by_their_bodies(text, expected):
    assert [name for name, _, _ in places(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police raided the independent outlet Kyrgyz Ordo on Monday.", [("Kyrgyz Ordo", "media")]),
        ("She works at the private clinic Medina in Taraz.", [("Medina", "company")]),
        ("Его уволили с завода «Металлист» в мае.", [("Metallist", "company")]),
        ("Редактор Telegram-канала «Вести Степи» задержан.", [("Vesti Stepi", "media")]),
        ('He runs "Ulan Dala", the YouTube channel he founded.', [("Ulan Dala", "media")]),
    ],
)
def test_orgs_after_kind_words_in_any_case_and_unquoted(text, expected):
    assert [(name, kind) for name, kind, _ in orgs(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Russian body's name in an oblique case is named in the nominative
        ("Дело рассмотрят в Лидском районном суде завтра.", [("Лидский районный суд", "court")]),
        # the town in the genitive after it belongs to the name, a person's given name does not
        ("Судья Гродненского областного суда Марина Лис отказала.", [("Гродненский областной суд", "court")]),
        (
            "Жалобу подали в Октябрьский районный суд Витебска.",
            [("Октябрьский районный суд Витебска", "court")],
        ),
        # numbered schools, kindergartens and magistrates' plots
        ("Её уволили из школы № 12 в марте.", [("школа № 12", "education")]),
        (
            "Мировой судья судебного участка № 2 Ленинского района Орла оштрафовал его.",
            [("судебный участок № 2 Ленинского района Орла", "court")],
        ),
        # a chain of abbreviations with the region it serves
        (
            "Обыск провели сотрудники СУ СК по Курской области.",
            [("СУ СК по Курской области", "security_service")],
        ),
        ("Его держат в СИЗО-2 Гомеля.", [("СИЗО-2 Гомеля", "detention")]),
        # a body named by a town's adjective and its head noun
        ("Его вызвали в Гомельский отдел КГБ.", [("Гомельский отдел КГБ", "police")]),
        (
            "Она преподавала в Витебском государственном университете.",
            [("Витебский государственный университет", "education")],
        ),
        (
            "Сотрудники отдела полиции Советского района задержали его.",
            [("отдел полиции Советского района", "police")],
        ),
    ],
)
def test_gazetteer_russian_bodies_in_the_nominative(text, expected):
    assert [(name, kind) for name, kind, _ in orgs(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a listed body's Russian name in any case, named in English
        ("Минюст внёс его в реестр; решение Министерства юстиции обжалуют.", ["Ministry of Justice"]),
        ("Представители Европейского союза выступили с заявлением.", ["European Union"]),
        # an English text's own spelling of a listed body
        ("The Interior Ministry declined to comment.", ["Interior Ministry"]),
        # an abbreviation takes the listed name
        ("He was questioned by the KGB in Viciebsk.", ["KGB"]),
    ],
)
def test_gazetteer_listed_bodies_named_as_written_or_in_english(text, expected):
    assert [name for name, _, _ in orgs(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # kind words of clubs, bands, unions, coalitions and projects, English and Russian
        ("She joined the reading club “Svitanak” in 2019.", [("Svitanak", "ngo")]),
        ("He plays in the punk band Dzynk.", [("Dzynk", "ngo")]),
        ("He is a member of the opposition movement Group 17.", [("Group 17", "movement")]),
        ("Он состоит в независимом профсоюзе «Адал Еңбек».", [("Adal Yenbek", "ngo")]),
        ("Заявление подписала коалиция «Чистый воздух».", [("Chistyy vozdukh", "ngo")]),
        # a police department and a detention centre with the place or number after them
        (
            "Officers of the Central Police Department of Ganja came.",
            [("Central Police Department of Ganja", "police")],
        ),
        (
            "He is held in Ganja Pre-Trial Detention Centre No. 2.",
            [("Ganja Pre-Trial Detention Centre No. 2", "detention")],
        ),
        # a regional prosecutor's office in Russian, in the nominative
        (
            "Жалобу направили в прокуратуру Брестской области.",
            [("прокуратура Брестской области", "prosecution")],
        ),
    ],
)
def test_gazetteer_kind_words_and_bodies_with_place_or_number(text, expected):
    assert [(name, kind) for name, kind, _ in orgs(text)] == expected


def test_gazetteer_listed_body_takes_the_fullest_spelling_in_the_text():
    text = "A member of the Popular Front Party was fined. The Popular Front Party of Azerbaijan protested."
    assert [name for name, _, _ in orgs(text)] == ["Popular Front Party of Azerbaijan"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind of body before its quoted name is no body of its own
        ('The Human Rights Centre "Nadzeya" recognised him.', ["Nadzeya"]),
        # a head word alone is the body named with it before
        (
            "She works for the Zhetysu Legal Bureau. The Bureau protested.",
            [("Zhetysu Legal Bureau", ["Zhetysu Legal Bureau", "Bureau"])],
        ),
        ("The Bureau protested.", []),
        # a name in brackets after a body is another of its names
        (
            "Officers of the Taraz city police department (УП г. Тараза) came.",
            [("Taraz city police department", ["Taraz city police department", "УП г. Тараза"])],
        ),
    ],
)
def test_gazetteer_descriptors_anaphors_and_bracketed_names(text, expected):
    found = orgs(text)
    if expected and isinstance(expected[0], str):
        assert [name for name, _, _ in found] == expected
    else:
        assert [(name, mentions) for name, _, mentions in found] == expected


def test_gazetteer_a_day_after_a_head_word_is_no_part_of_the_name():
    assert [name for name, _, _ in orgs("The news site Dala Times on Monday said so.")] == ["Dala Times"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She is a nurse at Medeu Clinic Group and a mother of two.", ["Medeu Clinic Group"]),
        ("He was a teacher at Almaty for years.", []),
    ],
)
def test_gazetteer_a_workplace_after_a_job(text, expected):
    assert [name for name, _, _ in orgs(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a head word alone with what it is for
        (
            "He is held in the Centre for Temporary Detention of Foreign Nationals.",
            ["Centre for Temporary Detention of Foreign Nationals"],
        ),
        # a town's court named by its adjective alone, with its jurisdiction
        (
            "Приговор Гянджинского суда по тяжким преступлениям оставлен в силе.",
            ["Гянджинский суд по тяжким преступлениям"],
        ),
        # some court of a town is no name
        ("A Minsk court fined him on Monday.", []),
    ],
)
def test_gazetteer_heads_alone_courts_by_adjective_and_generic_courts(text, expected):
    assert [name for name, _, _ in orgs(text)] == expected


def test_gazetteer_belarusian_lacinka_town_names_take_the_usual_english_spelling():
    assert [name for name, _, _ in places("He was taken from Miensk to the prison in Žodzina.")] == [
        "Minsk",
        "Zhodino",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He sat on the council of the Zhana Dala party.",
            [("Zhana Dala", "party", ["Zhana Dala"])],
        ),
        (
            "Marat, a leader of the Tumar political party, was detained.",
            [("Tumar", "party", ["Tumar"])],
        ),
        (
            "She spoke for the K7 mobile network operator.",
            [("K7", "company", ["K7"])],
        ),
        # a nationality before the kind word names no organisation
        ("Members of the Kyrgyz opposition movement gathered.", []),
        # a bank is named with its head word; a country's possessive is no part of the name
        (
            "He once headed Kyrgyzstan’s Tumar Bank.",
            [("Tumar Bank", "company", ["Tumar Bank"])],
        ),
    ],
)
def test_gazetteer_names_before_a_lower_case_kind_word_and_banks(text, expected):
    assert orgs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a kind word the quoted name is as written; after a preposition it is put in the nominative
        ("Её брат работает водителем в ТОО «Тасты Су».", [("Tasty Su", "company", ["Тасты Су"])]),
        ("Её брат работает на «Актобемунайгазе».", [("Aktobemunaygaz", "company", ["Актобемунайгазе"])]),
    ],
)
def test_gazetteer_a_quoted_name_after_a_kind_word_keeps_its_form(text, expected):
    assert orgs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an outlet named before its kind word
        ("She wrote for the Adyl Soz news site.", [("Adyl Soz", "media", ["Adyl Soz"])]),
        # a weekday or a nationality before the kind word names no outlet
        ("She wrote for the Monday newspaper and the Kazakh news site.", []),
        # a person's name after a kind word is no organisation
        ("Activists of the movement Berik Zhanov and Dana Kenes were detained.", []),
    ],
)
def test_gazetteer_outlets_before_their_kind_word_and_persons_after_one(text, expected):
    assert orgs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She founded the Adal human rights centre.", [("Adal", "ngo", ["Adal"])]),
        ("He is a lawyer with the Adilet legal clinic.", [("Adilet", "ngo", ["Adilet"])]),
        # a town before the kind word names no organisation
        ("She gave money to the Almaty foundation.", []),
        ("Он работает на телеканале «Алау».", [("Alau", "media", ["Алау"])]),
    ],
)
def test_gazetteer_groups_before_their_kind_word_and_channels_in_russian(text, expected):
    assert orgs(text) == expected
