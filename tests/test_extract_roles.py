"""The "roles" component: roles and sides from cue words (after sentences, gazetteer, persons)."""

from __future__ import annotations

import pytest

from casewatch.extract import components  # noqa: F401  (registers the built-in components)
from casewatch.extract.analysis import Analysis
from casewatch.extract.pipeline import REGISTRY


def run_roles(text: str) -> Analysis:
    analysis = Analysis(text=text, report_date="2022-03-10")
    for name in ("sentences", "gazetteer", "persons", "roles"):
        REGISTRY[name].func(analysis)
    return analysis


def roles_of(text: str) -> dict[str, tuple[str | None, list[str]]]:
    return {p.name: (p.side, p.roles) for p in run_roles(text).persons}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # perpetrators
        ("Judge Saule IBRAYEVA refused the motion.", {"Saule Ibrayeva": ("perpetrator", ["judge"])}),
        (
            "The case is handled by investigator Timur Abenov.",
            {"Timur Abenov": ("perpetrator", ["investigator"])},
        ),
        (
            "Senior investigator Timur Abenov of the Aktau Police Department summoned him.",
            {"Timur Abenov": ("perpetrator", ["investigator", "police_officer"])},  # the body's officer
        ),
        ("Prosecutor Aliya Sagatova asked for 5 years.", {"Aliya Sagatova": ("perpetrator", ["prosecutor"])}),
        (
            "Gizat Nurdauletov, General Prosecutor, signed the order.",
            {"Gizat Nurdauletov": ("perpetrator", ["prosecutor", "official"])},
        ),
        (
            "Deputy akim Bolat Zhunusov refused to allow the rally.",
            {"Bolat Zhunusov": ("perpetrator", ["official"])},
        ),
        ("Deputy akim of Aktau Bolat Zhunusov refused.", {"Bolat Zhunusov": ("perpetrator", ["official"])}),
        (
            "Police officer Serik Amanov wrote the report.",
            {"Serik Amanov": ("perpetrator", ["police_officer"])},
        ),
        (
            "The judge: IBRAYEVA Saule Maratovna.",
            {"Saule Maratovna Ibrayeva": ("perpetrator", ["judge"])},
        ),
        ("Следователь Тимур Абенов вызвал его.", {"Timur Abenov": ("perpetrator", ["investigator"])}),
        # targets
        ("Civil activist Aibek SABITOV was detained.", {"Aibek Sabitov": ("target", ["activist"])}),
        ("Journalist Dina Alimova was fined.", {"Dina Alimova": ("target", ["journalist"])}),
        (
            "Human rights defender Yerlan Kaliyev was summoned.",
            {"Yerlan Kaliyev": ("target", ["human_rights_defender"])},
        ),
        (
            "Political prisoner Nurlan Abenov went on hunger strike.",
            {"Nurlan Abenov": ("target", ["political_prisoner"])},
        ),
        (
            "Daulet Orazbekov, a civil activist from Aktau, was detained.",
            {"Daulet Orazbekov": ("target", ["activist"])},
        ),
        ("Активист Ерлан Жакупов задержан.", {"Yerlan Zhakupov": ("target", ["activist"])}),
        # others
        ("Lawyer Zhanar Kemelova said the trial was unfair.", {"Zhanar Kemelova": ("other", ["lawyer"])}),
        ("Asel Nurbekova, a lawyer, filed the appeal.", {"Asel Nurbekova": ("other", ["lawyer"])}),
        ("Mukhtar Ablyazov commented on the case.", {"Mukhtar Ablyazov": ("other", ["opposition_figure"])}),
    ],
)
def test_roles_from_cues(text, expected):
    assert roles_of(text) == expected


def test_roles_no_cue_no_role():
    assert roles_of("Berik Zhanov went home early.") == {"Berik Zhanov": (None, [])}


def test_roles_each_person_gets_the_cue_in_front_of_them():
    text = "Police officer Serik Amanov detained journalist Dina Alimova in front of lawyer Asel Nurbekova."
    assert roles_of(text) == {
        "Serik Amanov": ("perpetrator", ["police_officer"]),
        "Dina Alimova": ("target", ["journalist"]),
        "Asel Nurbekova": ("other", ["lawyer"]),
    }


@pytest.mark.parametrize(
    ("text", "names", "side", "role"),
    [
        (
            "NSC officers Kanat Serikov, Nurlan Abdiyev and Arman Tulegenov came to his home.",
            ["Kanat Serikov", "Nurlan Abdiyev", "Arman Tulegenov"],
            "perpetrator",
            "security_officer",
        ),
        (
            "Activists Aibek Sabitov, Berik Zhanov and Kairat Ermekov were detained.",
            ["Aibek Sabitov", "Berik Zhanov", "Kairat Ermekov"],
            "target",
            "activist",
        ),
        (
            "The following activists were detained:\n1) Berik Zhanov\n2) Dana Kenes",
            ["Berik Zhanov", "Dana Kenes"],
            "target",
            "activist",
        ),
        (
            "Judges:\n— Saule Ibrayeva\n— Marat Bekov",
            ["Saule Ibrayeva", "Marat Bekov"],
            "perpetrator",
            "judge",
        ),
    ],
)
def test_roles_a_list_shares_its_head_cue(text, names, side, role):
    found = roles_of(text)
    assert list(found) == names
    for name in names:
        assert found[name] == (side, [role])


@pytest.mark.parametrize(
    "text",
    [
        "Sincerely,\nAnna Lind, MEP\nJan Novak, MEP",
        "Sincerely,\nAnna Lind (Renew Europe; Sweden)\nJan Novak (EPP; Czechia)",
    ],
)
def test_roles_mep_signature_block(text):
    assert roles_of(text) == {
        "Anna Lind": ("other", ["advocate"]),
        "Jan Novak": ("other", ["advocate"]),
    }


@pytest.mark.parametrize(
    ("text", "name", "roles"),
    [
        ("To: H.E. Aidar Serikbayev\n\nYour Excellency,", "Aidar Serikbayev", ["addressee"]),
        (
            "**Minister of Justice of Kazakhstan**\n\nH.E. Aidar Serikbayev\nMain st. 3",
            "Aidar Serikbayev",
            ["addressee", "official"],
        ),
        ("President of Kazakhstan\nTo: H.E. Aidar Serikbayev", "Aidar Serikbayev", ["addressee", "official"]),
        (
            "To: Minister of Justice\n\nH.E. Mr Aidar Serikbayev\nMain st. 3",
            "Aidar Serikbayev",
            ["addressee", "official"],
        ),
    ],
)
def test_roles_letter_addressee(text, name, roles):
    assert roles_of(text) == {name: ("other", roles)}


def test_roles_addressee_is_other_even_with_an_official_cue():
    text = "**Chairperson of the National Security Committee**\n\nH.E. Aidar Serikbayev\nMain st. 3"
    assert roles_of(text)["Aidar Serikbayev"][0] == "other"


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        # a relative clause after a name speaks of someone else
        (
            "Berik Zhanov, whose case is handled by investigator Timur Abenov, was detained.",
            "Berik Zhanov",
            (None, []),
        ),
        # a clause after a name is not an apposition
        (
            "Her brother, Yerlan Orynbayev, says NSC officers came to his workplace.",
            "Yerlan Orynbayev",
            (None, []),
        ),
        # the words before the next name are that person's role
        (
            "Journalist Dina Alimova, human rights defender Yerlan Kaliyev and political prisoner "
            "Nurlan Abenov attended.",
            "Dina Alimova",
            ("target", ["journalist"]),
        ),
        # a singular cue does not head a list: the lawyer is not an activist
        (
            "The lawyer of activist Berik Zhanov, Asel Nurbekova, said they would appeal.",
            "Asel Nurbekova",
            (None, []),
        ),
        # a plural cue heads its list
        (
            "Police detained activists Askar Serikov, Dias Nurmagambetov and Timur Abenov.",
            "Timur Abenov",
            ("target", ["activist"]),
        ),
    ],
)
def test_roles_appositions_and_lists_belong_to_their_person(text, person, expected):
    assert roles_of(text)[person] == expected


def test_roles_letter_header_and_copy_list_are_addressees():
    text = (
        "To: Mr Berik Sultanov, Chairman of the Aktobe Regional Court\n"
        "From: Dana Kemelova, advocate, defence counsel of Mr Talgat Omarov\n\n"
        "My client was detained on 3 May.\n\n"
        "cc:\n"
        "- Mr Yerlan Zhakenov, Prosecutor of Aktobe Region\n"
        "- Ms Aliya Omarbekova, Commissioner for Human Rights\n"
    )
    found = roles_of(text)
    assert found["Berik Sultanov"][0] == "other" and "addressee" in found["Berik Sultanov"][1]
    assert found["Dana Kemelova"] == ("other", ["lawyer"])
    assert "lawyer" not in found["Talgat Omarov"][1]  # "counsel of Mr X": X is the client
    assert found["Yerlan Zhakenov"] == ("other", ["addressee", "prosecutor", "official"])
    assert found["Aliya Omarbekova"][0] == "other" and "addressee" in found["Aliya Omarbekova"][1]


@pytest.mark.parametrize(
    ("text", "name", "roles"),
    [
        # an apposition ends at a dash: what the official did after it names someone else
        (
            "4. Olga Marchenko, Judge of the Pinsk District Court — fined Pavel Zhuk.",
            "Olga Marchenko",
            ["judge"],
        ),
        (
            "5. Ivan Sidorov, head of the remand prison — denied Pavel Zhuk a doctor.",
            "Ivan Sidorov",
            ["official"],
        ),
        # the body's name with "for the" between the cue and the name
        (
            "An investigator of the Investigation Department for the Almaty Region, Yerlan Dosov, came.",
            "Yerlan Dosov",
            ["investigator"],
        ),
        # those who expel and shame on the state's behalf
        ("Rector Aliya Bekova signed the order expelling the students.", "Aliya Bekova", ["official"]),
        (
            "The chairman of the mahalla committee, Rustam Nabiev, gathered the neighbours.",
            "Rustam Nabiev",
            ["official"],
        ),
    ],
)
def test_roles_officials_in_a_sanctions_list_and_local_heads(text, name, roles):
    assert roles_of(text)[name] == ("perpetrator", roles)


def test_roles_a_list_outside_a_copy_block_is_no_address():
    found = roles_of("Detained activists:\n- Mr Yerlan Zhakenov\n- Ms Aliya Omarbekova\n")
    assert "addressee" not in found["Yerlan Zhakenov"][1]


@pytest.mark.parametrize(
    ("text", "name", "side", "roles"),
    [
        # Russian cues in any case
        ("Приговор вынесен судьёй Мариной Ковалёвой.", "Marina Kovalyova", "perpetrator", ["judge"]),
        ("Его допросил следователем Тимуром Абеновым.", "Timur Abenov", "perpetrator", ["investigator"]),
        # a genitive complement between the cue and the name
        (
            "Отказ подписал заместитель акима города Ерлан Сапаров.",
            "Yerlan Saparov",
            "perpetrator",
            ["official"],
        ),
        (  # the city named after "города", the name in brackets
            "Митинг запретил заместитель акима города Тараз (Ерлан Сапаров).",
            "Yerlan Saparov",
            "perpetrator",
            ["official"],
        ),
        (  # a court's name with its city after "г." or right after "суда"
            "Штраф назначила судья суда Советского района г. Гомеля Ирина Петрович.",
            "Irina Petrovich",
            "perpetrator",
            ["judge"],
        ),
        (
            "Арест продлил судья Кировского районного суда Самары Олег Волков.",
            "Oleg Volkov",
            "perpetrator",
            ["judge"],
        ),
        ("The request was heard by the judge (Aigul Nurova).", "Aigul Nurova", "perpetrator", ["judge"]),
        (
            "Обвинение предъявил следователь СК Игорь Лавренов.",
            "Igor Lavrenov",
            "perpetrator",
            ["investigator"],
        ),
        # cues in a chain and ranks
        (
            "The investigator, police major Daulet Amirov, refused the request.",
            "Daulet Amirov",
            "perpetrator",
            ["investigator", "police_officer"],
        ),
        (
            "One of them, senior lieutenant Arman Tulegenov, hit him.",
            "Arman Tulegenov",
            "perpetrator",
            ["police_officer"],
        ),
        # a title line above a name at the head of a letter, and under "send appeals to"
        (
            "Генеральному прокурору Республики Казахстан\nСеитову А. Б.\n\nОБРАЩЕНИЕ\n\nПросим вас.",
            "A. B. Seitov",
            "other",
            ["addressee", "prosecutor", "official"],
        ),
        (
            "The activist is in danger.\n\nPLEASE SEND APPEALS TO:\n\n"
            "Prosecutor General of Kazakhstan\nBerik Asylov\n",
            "Berik Asylov",
            "other",
            ["addressee", "prosecutor", "official"],
        ),
    ],
)
def test_roles_inflected_chained_and_titled(text, name, side, roles):
    assert roles_of(text)[name] == (side, roles)


def test_roles_a_heading_names_the_items_below():
    text = (
        "The officials are:\n\nPROSECUTORS\n"
        "• Elchin Mammadov — asked for 9 years;\n• Samir Huseynov — led the case.\n"
    )
    found = roles_of(text)
    assert found["Elchin Mammadov"] == ("perpetrator", ["prosecutor"])
    assert found["Samir Huseynov"] == ("perpetrator", ["prosecutor"])


def test_roles_a_russian_clause_after_a_name_is_no_apposition():
    found = roles_of("Вечером к Айгуль Сериковой домой пришли сотрудники КНБ. Айгуль Серикова возмущена.")
    assert "Aygul Serikova" in found
    assert "security_officer" not in found["Aygul Serikova"][1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare rank adds no police role to someone whose office another cue gives
        (
            "Later the investigator, Captain Pavel Hrybko, added a charge.",
            {"Pavel Hrybko": ("perpetrator", ["investigator"])},
        ),
        # alone, it still marks a police officer
        ("Major Pavel Hrybko led the search.", {"Pavel Hrybko": ("perpetrator", ["police_officer"])}),
        (
            "He was detained by GUBOPiK officers led by Ihar Navumau.",
            {"Ihar Navumau": ("perpetrator", ["police_officer"])},
        ),
        # the police or security body in a perpetrator's title makes them its officer too
        (
            "He was questioned by GKNB investigator Nurbek Tashiev for hours.",
            {"Nurbek Tashiev": ("perpetrator", ["investigator", "security_officer"])},
        ),
        (  # the body after the name with "of the"
            "The case is handled by investigator Arman Sadykov of the Taraz police department.",
            {"Arman Sadykov": ("perpetrator", ["investigator", "police_officer"])},
        ),
        (
            "The investigation is led by Captain Yerlan Abenov of the NSC Department for the Taraz Region.",
            {"Yerlan Abenov": ("perpetrator", ["investigator", "security_officer"])},
        ),
        (
            "Гарипов Ильдар Ренатович — начальник Центра «Э» МВД по Республике Татарстан.",
            {"Ildar Renatovich Garipov": ("perpetrator", ["official", "police_officer"])},
        ),
    ],
)
def test_roles_ranks_and_the_bodies_officers_serve(text, expected):
    assert roles_of(text) == expected


def test_roles_the_head_of_a_whole_service_is_an_official_not_its_officer():
    text = "Sanctions are sought against Daulet KAIRBEKOV, head of the NSC, for the arrests."
    assert roles_of(text) == {"Daulet Kairbekov": ("perpetrator", ["official"])}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a call on someone makes them an addressee
        (
            "Three NGOs call on President Ilham Karimov to release the journalists.",
            {"Ilham Karimov": ("other", ["addressee", "official"])},
        ),
        # a UN expert's mandate before the name, not the defenders it is about
        (
            "The Special Rapporteur on the situation of human rights defenders, Ms. Ingrid Dahl, spoke.",
            {"Ingrid Dahl": ("other", ["advocate"])},
        ),
    ],
)
def test_roles_calls_on_officials_and_un_experts(text, expected):
    assert roles_of(text) == expected


def test_roles_signatories_under_a_closing_are_other():
    text = (
        "Просим освободить Айгерим Сапарову.\n\nС уважением,\nОбщественное объединение «Ар-Намыс»\n"
        "Жанна Бекова, правозащитница\nТимур Асанов, адвокат\n"
    )
    found = roles_of(text)
    assert found["Zhanna Bekova"] == ("other", ["advocate", "human_rights_defender"])
    assert found["Timur Asanov"][0] == "other"
    assert found["Aygerim Saparova"][0] != "other"


def test_roles_every_block_of_an_appeal_address_list_is_an_addressee():
    text = (
        "PLEASE WRITE BEFORE 1 JUNE TO:\n\nMinister of Justice\nAzamat Beketov\nSalutation: Dear Minister\n\n"
        "Prosecutor General\nBerik Asylov\nSalutation: Dear Prosecutor General\n\n"
        "And copies to:\nChairperson of the Supreme Court, Zhakip Asanov\n"
    )
    found = roles_of(text)
    assert {name: side for name, (side, _) in found.items()} == {
        "Azamat Beketov": "other",
        "Berik Asylov": "other",
        "Zhakip Asanov": "other",
    }
    assert all("addressee" in roles for _, roles in found.values())


def test_roles_the_cue_before_a_genitive_chain_is_the_last_name_s():
    text = "Суд осудил Марата Бекова. По словам адвоката Бекова Анны Соколовой, защита обжалует приговор."
    found = roles_of(text)
    assert found["Anna Sokolova"] == ("other", ["lawyer"])
    assert "lawyer" not in found["Marat Bekov"][1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a genitive cue after a kinship word or another cue names someone else
        (
            "Как рассказал адвокат журналистки Нурлан Асанов, жалоба подана.",
            {"Nurlan Asanov": ("other", ["lawyer"])},
        ),
        ("Жена блогера, Алия Серикова, пришла в суд.", {"Aliya Serikova": (None, [])}),
        # the lawyer for someone, then the lawyer's name
        (
            "The lawyer for Bekov, Aigerim Tulegenova, was not allowed in.",
            {"Aigerim Tulegenova": ("other", ["lawyer"])},
        ),
        (
            "Sadykov's lawyer in Almaty, Dana Omarova, filed complaints.",
            {"Dana Omarova": ("other", ["lawyer"])},
        ),
    ],
)
def test_roles_cues_of_someone_else_and_lawyers_for_someone(text, expected):
    found = roles_of(text)
    assert {name: found[name] for name in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Её защитница Алия Серикова подала жалобу.", {"Aliya Serikova": ("other", ["lawyer"])}),
        (
            "We ask for his release.\n\ncc: Maria Lopez, High Representative for Foreign Affairs\n",
            {"Maria Lopez": ("other", ["addressee", "official"])},
        ),
    ],
)
def test_roles_a_woman_defender_and_a_high_representative_copied_in(text, expected):
    assert roles_of(text) == expected
