"""The person-name value type: transliteration, display form, blocking keys, comparison."""

import pytest

from casewatch.names import (
    DATA_DIR,
    compare_names,
    display_name,
    latinize,
    load_table,
    match_names,
    name_keys,
    parse_name,
    skeleton,
)


@pytest.mark.parametrize(
    "cyrillic, latin",
    [
        ("Жакупова Алия", "Zhakupova Aliya"),
        ("Мендыгазиев", "Mendygaziyev"),
        ("Ерлан", "Yerlan"),
        ("Евгений Жовтис", "Yevgeniy Zhovtis"),
        ("Ұлболсын Тұрдиева", "Ulbolsyn Turdiyeva"),
        ("Қайрат Әбілов", "Kayrat Abilov"),
        ("ЖАКУПОВА", "ZHAKUPOVA"),
        ("Наталья Даулетьярова", "Natalya Dauletyarova"),
        ("Касым-Жомарт Токаев", "Kasym-Zhomart Tokayev"),
        ("Bolat Pazylov", "Bolat Pazylov"),
    ],
)
def test_latinize_russian_and_kazakh_letters(cyrillic, latin):
    assert latinize(cyrillic) == latin


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("PAZYLOV Bolat Seitovich", "Bolat Seitovich Pazylov"),
        ("Bolat Seitovich Pazylov", "Bolat Seitovich Pazylov"),
        ("MENDYGAZIYEV", "Mendygaziyev"),
        ("A. Baypakov", "A. Baypakov"),
        ("BAYPAKOV A.", "A. Baypakov"),
        ("Pazylov B.S.", "B. S. Pazylov"),
        ("Жакупова Алия", "Aliya Zhakupova"),
        ("ZHAKUPOVA Aliya", "Aliya Zhakupova"),
        ("Yerzhanova Tolganay", "Tolganay Yerzhanova"),
        ("Mr Bekizhan Mendygazyev", "Bekizhan Mendygazyev"),
        ("H.E. Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev"),
        ("Róża THUN UND HOHENSTEIN MEP", "Roza Thun Und Hohenstein"),
        ("Petras AUŠTREVICIUS", "Petras Austrevicius"),
        ("Dulat AGADIL", "Dulat Agadil"),
        ("Almas", "Almas"),
    ],
)
def test_display_name_natural_order_title_case(raw, shown):
    assert display_name(raw) == shown


def test_parse_name_reads_patronymic_and_gender():
    p = parse_name("PAZYLOV Bolat Seitovich")
    assert (p.given, p.patronymic, p.surname, p.gender) == ("Bolat", "Seitovich", "Pazylov", "m")
    assert parse_name("Жакупова Алия").gender == "f"


def test_parse_name_knows_the_extractors_given_names():
    p = parse_name("Lukyanchik Tamara")  # Tamara has no spelling variants, but is a known given name
    assert (p.given, p.surname, p.confident) == ("Tamara", "Lukyanchik", True)


def test_parse_name_kyrgyz_kyzy_stands_for_surname():
    p = parse_name("Makhabat Tazhibek kyzy")
    assert (p.given, p.surname, p.gender) == ("Makhabat", "Tazhibek Kyzy", "f")


@pytest.mark.parametrize(
    "a, b",
    [
        ("Mendygaziyev", "Mendygazyev"),
        ("Mendygazyev", "Мендыгазиев"),
        ("Kazhybayev", "Kazhibayev"),
        ("Jeenbekov", "Dzheenbekov"),
        ("Dauletiarova", "Dauletiyarova"),
        ("Yevgeniy", "Evgeny"),
        ("Yerlan", "Erlan"),
        ("Abai", "Abay"),
        ("Aliya", "Alia"),
        ("Max", "Maks"),
        ("Jussupov", "Zhusupov"),
        ("Massimov", "Masimov"),
    ],
)
def test_skeleton_merges_transliteration_variants(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a, b", [("Bekizhan", "Barlyk"), ("Abai", "Arman"), ("Mukhtar", "Marat")])
def test_skeleton_keeps_different_names_apart(a, b):
    assert skeleton(a) != skeleton(b)


SAME_PERSON = [
    ("Bekizhan MENDYGAZIYEV", "Bekizhan Mendygazyev"),
    ("Bekizhan Mendygaziyev", "Мендыгазиев Бекижан"),
    ("Abai MENDYGAZIYEV", "Abay Mendygazyev"),
    ("Natalia DAULETIAROVA", "Nataliya Dauletiyarova"),
    ("Gizat Kazhybayev", "Gizat Kazhibayev"),
    ("Max BOKAYEV", "Maks Bokayev"),
    ("Макс Бокаев", "Max Bokayev"),
    ("Sooronbay Jeenbekov", "Sooronbai Dzheenbekov"),
    ("PAZYLOV Bolat Seitovich", "Bolat Pazylov"),
    ("Aliya Zhakupova", "Alia ZHAKUPOVA"),
    ("Жакупова Алия", "Alia Zhakupova"),
    ("Yerlan Turgumbayev", "Erlan Turgumbaev"),
    ("Yevgeniy Zhovtis", "Evgeny Zhovtis"),
    ("Евгений Жовтис", "Evgeny Zhovtis"),
    ("Kassym-Jomart Tokayev", "Касым-Жомарт Токаев"),
    ("Dulat AGADIL", "Agadil Dulat"),
    ("Makhabat Tazhibek kyzy", "Makhabat Tajibek kyzy"),
    ("Siarhei Tsikhanouski", "Сергей Тихановский"),  # Belarusian Latin / Russian
    ("Tofiq Yaqublu", "Tofig Yagublu"),  # Azerbaijani Latin / Russian-based Latin
    ("Əli Cəfərov", "Али Джафаров"),
]


@pytest.mark.parametrize("a, b", SAME_PERSON)
def test_compare_names_variants_of_one_person(a, b):
    assert compare_names(a, b) >= 0.9
    assert compare_names(b, a) >= 0.9


@pytest.mark.parametrize(
    "a, b",
    [
        ("Gizat Kazhybayev", "G. Kazhibayev"),
        ("PAZYLOV Bolat Seitovich", "Pazylov B.S."),
        ("BAYPAKOV A.", "Askar Baypakov"),
        ("Erzhanova T.", "Yerzhanova Tolganay"),
    ],
)
def test_compare_names_initials_are_partial_evidence(a, b):
    assert 0.6 <= compare_names(a, b) < 0.9
    assert match_names(a, b).kind == "initial"


def test_compare_names_full_initials_beat_one_initial():
    assert compare_names("PAZYLOV Bolat Seitovich", "Pazylov B.S.") > compare_names(
        "Bolat Pazylov", "Pazylov B."
    )


@pytest.mark.parametrize(
    "a, b",
    [
        ("Bekizhan Mendygaziyev", "Barlyk Mendygaziyev"),  # brothers
        ("Abai Begimbekov", "Abai Mendygaziyev"),  # namesakes
        ("Mukhtar Ablyazov", "Mukhtar Tleuberdi"),
        ("Aliya Zhakupova", "Zhakupov"),  # a woman and a man
        ("Yulia Navalnaya", "Alexei Navalny"),
        ("Bolat Seitovich Pazylov", "Bolat Kairatovich Pazylov"),  # patronymics differ
        ("G. Kazhibayev", "Nurlan Kazhibayev"),  # initial differs
        ("Sooronbay Jeenbekov", "Asylbek Jeenbekov"),
        ("Sviatlana Tsikhanouskaya", "Siarhei Tsikhanouski"),  # wife and husband
        ("Tofiq Yaqublu", "Tofiq Yaxyayev"),
        ("Saltanat Assanova", "Saltanat Yesenova"),  # vowels apart, but not the first sound
    ],
)
def test_compare_names_different_people_score_zero(a, b):
    assert compare_names(a, b) == 0.0


def test_compare_names_incomplete_names_stay_low():
    assert match_names("MENDYGAZIYEV", "Barlyk Mendygaziyev").kind == "surname_only"
    assert compare_names("MENDYGAZIYEV", "Barlyk Mendygaziyev") < 0.6
    assert match_names("Abai", "Abai Begimbekov").kind == "given_only"
    assert compare_names("Abai", "Abai Begimbekov") < 0.5


def test_compare_names_near_surname_is_below_exact():
    near = compare_names("Yerlan Turgumbayev", "Yerlan Turgunbayev")
    assert 0.5 < near < compare_names("Yerlan Turgumbayev", "Erlan Turgumbaev")


def test_name_keys_shared_by_variants_and_initials():
    assert name_keys("Natalia DAULETIAROVA") & name_keys("Nataliya Dauletiyarova")
    assert name_keys("G. Kazhibayev") & name_keys("Gizat Kazhybayev")
    assert name_keys("Жакупова Алия") & name_keys("Alia Zhakupova")
    assert name_keys("Almas") & name_keys("Almas Nurtayev")


def test_name_keys_meet_across_spelling_systems():
    assert name_keys("Sviatlana Tsikhanouskaya") & name_keys("Светлана Тихановская") >= {"s:tihanovsk"}
    assert "s:agublu" in name_keys("YAQUBLU Tofiq") & name_keys("Ягублу Тофиг")


def test_spelling_variants_are_only_added_keys():
    assert parse_name("Tofiq Yaqublu").surname_key == "akublu"  # a Kazakh q stays k
    assert parse_name("Tofiq Yaqublu").surname_keys == {"akublu", "agublu"}
    assert parse_name("Ivan Ivanov").surname_keys == {"ivanov"}


def test_name_keys_tell_one_member_of_a_family_from_the_others():
    ruslan = name_keys("Ruslan Nurpeisov")
    assert "n:nurpeisov|ruslan" in ruslan & name_keys("NURPEISOV Ruslan Kairatovich") & name_keys(
        "Руслан Нурпеисов"
    )
    assert "i:nurpeisov|r" in ruslan & name_keys("Nurpeisov R.")
    assert not {k for k in ruslan & name_keys("Kanat Nurpeisov") if k[0] in "ni"}


def test_name_keys_disjoint_for_unrelated_names():
    assert not name_keys("Kuandyk Kumekbayev") & name_keys("Sholpan Dzhanzakova")


def test_given_name_groups_do_not_overlap():
    owner: dict[str, str] = {}
    for group in load_table("given_names")["variants"]:
        canon = skeleton(group[0])
        for variant in group:
            assert owner.setdefault(skeleton(variant), canon) == canon, f"{variant} is in two groups"


EXPECTED_KEYS = {
    "translit": {"letters", "iotated", "vowels", "signs", "fold"},
    "skeleton": {"rewrite", "letters", "vowels", "variants"},
    "affixes": {"honorifics", "patronymic_suffixes", "patronymic_words", "surname_suffixes"},
    "given_names": {"male", "female", "variants", "diminutives"},
    "linking": {
        "thresholds",
        "partial_kinds",
        "incomplete_kinds",
        "review_only_kinds",
        "case_kinds",
        "initial_kinds",
        "kin_roles",
        "apart_families",
        "role_families",
        "opposed_sides",
        "weights",
    },
}


def test_name_tables_have_known_keys_only():
    assert {p.stem for p in DATA_DIR.glob("*.yaml")} == set(EXPECTED_KEYS)
    for name, keys in EXPECTED_KEYS.items():
        assert set(load_table(name)) == keys, name


@pytest.mark.parametrize("junk", ["", "   ", "123", "Mr", "—"])
def test_names_without_name_parts_are_harmless(junk):
    assert display_name(junk) == ""
    assert name_keys(junk) == set()
    assert compare_names(junk, "Almas") == 0.0


def test_hyphenated_given_name_is_not_a_surname():
    assert display_name("Sven-Olov CARLSSON") == "Sven-Olov Carlsson"
    assert parse_name("Sven-Olov Carlsson").surname == "Carlsson"


def test_homoglyph_cyrillic_letter_in_latin_name():
    assert display_name("Аlmas") == "Almas"  # first letter is Cyrillic
