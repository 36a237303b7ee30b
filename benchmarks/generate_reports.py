"""Synthetic monitoring reports for benchmarks: reports about the cases of an invented population.

    python benchmarks/generate_reports.py N FOLDER [--seed S] [--truth FILE]
    python benchmarks/generate_reports.py --check

writes N reports (English and Russian; digests, hearing lists, letters, Telegram posts,
narratives) into FOLDER, and with --truth a JSON file {file name: {name as written: person id}}.
The same N and seed always give the same files.

The people are an invented population with stable identities (a fixed given name, surname,
patronymic, gender, role family and city): defendants with one case each (article, city, role
word, judge, sentence), the judges and deputy akims of each city, a Prosecutor General, MEPs
who sign letters, and the defendants' relatives, who share their surname. About 3% of the
persons deliberately share a given name and surname with someone else of another role family
and city (namesakes a linker must keep apart). Reports tell of cases, picked with skewed
popularity, so that some defendants recur in many reports and most in few. Each mention writes
the person's name in one of the forms reports use, now and then with another transliteration of
the surname. The texts only need to look like real reports to the extractor, not to be true.
--check runs a self-test of the generator.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

# Name pools: (Latin, Cyrillic). Every given name is in casewatch/data/names/given_names.yaml;
# male given names end in a consonant so that a son's patronymic is the father's name + "ovich".
MALE_GIVEN = [
    ("Nurlan", "Нурлан"), ("Serik", "Серик"), ("Yerlan", "Ерлан"), ("Daulet", "Даулет"),
    ("Timur", "Тимур"), ("Askar", "Аскар"), ("Bolat", "Болат"), ("Marat", "Марат"),
    ("Kairat", "Кайрат"), ("Arman", "Арман"), ("Dias", "Диас"), ("Yerbol", "Ербол"),
    ("Ruslan", "Руслан"), ("Azamat", "Азамат"), ("Murat", "Мурат"), ("Aidos", "Айдос"),
    ("Berik", "Берик"), ("Galym", "Галым"), ("Kanat", "Канат"), ("Zhanbolat", "Жанболат"),
    ("Darkhan", "Дархан"), ("Yerzhan", "Ержан"), ("Almas", "Алмас"), ("Bakhytzhan", "Бахытжан"),
    ("Dauren", "Даурен"), ("Maksat", "Максат"), ("Olzhas", "Олжас"), ("Rustem", "Рустем"),
    ("Samat", "Самат"), ("Talgat", "Талгат"), ("Zhandos", "Жандос"), ("Medet", "Медет"),
    ("Miras", "Мирас"), ("Sanzhar", "Санжар"), ("Nurzhan", "Нуржан"), ("Duman", "Думан"),
]  # fmt: skip
FEMALE_GIVEN = [
    ("Saule", "Сауле"), ("Aigul", "Айгуль"), ("Dinara", "Динара"), ("Aliya", "Алия"),
    ("Zhanar", "Жанар"), ("Botagoz", "Ботагоз"), ("Gulmira", "Гульмира"), ("Asel", "Асель"),
    ("Ainur", "Айнур"), ("Aizhan", "Айжан"), ("Akmaral", "Акмарал"), ("Dana", "Дана"),
    ("Gaukhar", "Гаухар"), ("Gulnara", "Гульнара"), ("Kamila", "Камила"), ("Madina", "Мадина"),
    ("Meruert", "Меруерт"), ("Nazgul", "Назгуль"), ("Raushan", "Раушан"), ("Saltanat", "Салтанат"),
    ("Sholpan", "Шолпан"), ("Ulzhan", "Улжан"), ("Zhanna", "Жанна"), ("Aigerim", "Айгерим"),
    ("Elmira", "Эльмира"),
]  # fmt: skip
# male forms; female forms add "a" / "а"
SURNAMES = [
    ("Abdrakhmanov", "Абдрахманов"), ("Akhmetov", "Ахметов"), ("Kaliyev", "Калиев"),
    ("Mukanov", "Муканов"), ("Serikbayev", "Серикбаев"), ("Shaikenov", "Шайкенов"),
    ("Yesenov", "Есенов"), ("Issabekov", "Исабеков"), ("Ospanov", "Оспанов"),
    ("Zhunusov", "Жунусов"), ("Bekenov", "Бекенов"), ("Aldiyarov", "Алдияров"),
    ("Omarov", "Омаров"), ("Toktarov", "Токтаров"), ("Bekmukhambetov", "Бекмухамбетов"),
    ("Temirkhanov", "Темирханов"), ("Kassymov", "Касымов"), ("Karimov", "Каримов"),
    ("Yeskendirov", "Ескендиров"), ("Tulegenov", "Тулегенов"), ("Ismailov", "Исмаилов"),
    ("Zhanturin", "Жантурин"), ("Kozhakhmetov", "Кожахметов"), ("Baimukhanov", "Баймуханов"),
    ("Dzhaksybekov", "Джаксыбеков"), ("Sadykov", "Садыков"), ("Nurmagambetov", "Нурмагамбетов"),
    ("Utepov", "Утепов"), ("Zhakupov", "Жакупов"), ("Kenzhebayev", "Кенжебаев"),
    ("Amanzholov", "Аманжолов"), ("Baigaliyev", "Байгалиев"), ("Myrzakhmetov", "Мырзахметов"),
    ("Zhumabayev", "Жумабаев"), ("Kussainov", "Кусаинов"), ("Yergaliyev", "Ергалиев"),
    ("Tursunov", "Турсунов"), ("Alimzhanov", "Алимжанов"), ("Beisenov", "Бейсенов"),
    ("Daurenbekov", "Дауренбеков"), ("Kudaibergenov", "Кудайбергенов"), ("Sarsenbayev", "Сарсенбаев"),
    ("Mamyrov", "Мамыров"), ("Orazbayev", "Оразбаев"), ("Zhaksylykov", "Жаксылыков"),
    ("Imanaliyev", "Иманалиев"), ("Nurpeisov", "Нурпеисов"), ("Rakhimov", "Рахимов"),
    ("Tleuberdin", "Тлеубердин"), ("Mussin", "Мусин"), ("Assanov", "Асанов"), ("Khamitov", "Хамитов"),
]  # fmt: skip
# fathers' names patronymics are made of: + "ovich"/"ovna", Cyrillic + "ович"/"овна"
FATHERS = [
    ("Kairat", "Кайрат"), ("Seit", "Сеит"), ("Bolat", "Болат"), ("Serik", "Серик"), ("Marat", "Марат"),
    ("Nurlan", "Нурлан"), ("Yerlan", "Ерлан"), ("Askar", "Аскар"), ("Murat", "Мурат"),
    ("Talgat", "Талгат"), ("Berik", "Берик"), ("Kanat", "Канат"), ("Zhaksylyk", "Жаксылык"),
    ("Amanzhol", "Аманжол"), ("Tulegen", "Тулеген"), ("Yermek", "Ермек"),
]  # fmt: skip
# other spellings of a Latin surname (regular expression, replacement): one applies per person
SURNAME_VARIANTS = [
    (r"iye", "ie"),  # Kaliyev / Kaliev
    (r"ss", "s"),  # Issabekov / Isabekov
    (r"kh", "h"),  # Akhmetov / Ahmetov
    (r"^Ye", "E"),  # Yesenov / Esenov
    (r"ay", "ai"),  # Serikbayev / Serikbaiev
    (r"^Zh", "J"),  # Zhunusov / Junusov
    (r"^Dzh", "J"),  # Dzhaksybekov / Jaksybekov
    (r"y", "i"),  # Sadykov / Sadikov
]
VARIANT_SHARE = 0.1  # of the Latin mentions of a person whose surname has a variant
CITIES = [
    ("Almaty", "Алматы"),
    ("Nur-Sultan", "Нур-Султан"),
    ("Aktau", "Актау"),
    ("Shymkent", "Шымкент"),
    ("Uralsk", "Уральск"),
    ("Aktobe", "Актобе"),
    ("Taraz", "Тараз"),
    ("Kostanay", "Костанай"),
    ("Pavlodar", "Павлодар"),
    ("Atyrau", "Атырау"),
]
BRUSSELS = ("Brussels", "Брюссель")
# (code name in English, in Russian, article, part or None, title in English, title in Russian)
ARTICLES = [
    ("Criminal Code", "УК РК", "405", "2", "participation in the activities of an extremist organisation",
     "участие в деятельности экстремистской организации"),
    ("Criminal Code", "УК РК", "405", "1", "organisation of the activities of an extremist organisation",
     "организация деятельности экстремистской организации"),
    ("Criminal Code", "УК РК", "174", "1", "incitement of social discord", "возбуждение социальной розни"),
    ("Criminal Code", "УК РК", "274", "2", "dissemination of knowingly false information",
     "распространение заведомо ложной информации"),
    ("Criminal Code", "УК РК", "272", None, "mass riots", "массовые беспорядки"),
    ("Code of Administrative Offences", "КоАП РК", "488", "6",
     "violation of the procedure for holding peaceful assemblies",
     "нарушение законодательства о мирных собраниях"),
]  # fmt: skip
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
MONTHS_RU = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip
# (English, Russian for a man, Russian for a woman)
ROLES = [
    ("civil activist", "гражданский активист", "гражданская активистка"),
    ("human rights defender", "правозащитник", "правозащитница"),
    ("journalist", "журналист", "журналистка"),
    ("blogger", "блогер", "блогер"),
    ("activist", "активист", "активистка"),
]
TERMS = [
    ("1 year of restricted freedom", "1 год ограничения свободы"),
    ("2 years of probation", "2 года пробационного контроля"),
    ("3 years of imprisonment", "3 года лишения свободы"),
    ("a fine of 50 MCI", "штраф в размере 50 МРП"),
]
# relation of a relative to the defendant: (English, Russian accusative after "его"/"её", female)
RELATIONS_OF_MAN = [("wife", "жену", True), ("brother", "брата", False), ("mother", "мать", True),
                    ("son", "сына", False)]  # fmt: skip
RELATIONS_OF_WOMAN = [("husband", "мужа", False), ("brother", "брата", False), ("mother", "мать", True),
                      ("son", "сына", False)]  # fmt: skip
MEP_GROUPS = ["EPP", "S&D", "Renew Europe"]
JUDGES_PER_CITY, OFFICIALS_PER_CITY, MEPS = 4, 2, 30
NAMESAKE_SHARE = 0.03  # of all persons, counting both of each pair
POPULARITY_EXPONENT = 0.8  # a case's weight is 1 / (rank + 1) ** this
RETRIES = 20  # draws of a report until no short name could be two of its persons


@dataclass(frozen=True)
class Person:
    """One invented person: a stable identity that reports mention under varying name forms."""

    id: int
    given: tuple[str, str]  # Latin, Cyrillic
    surname: tuple[str, str]  # male form, Latin and Cyrillic
    patronymic: tuple[str, str]  # father's name, Latin and Cyrillic
    female: bool
    family: str  # defendant, relative, judge, official, prosecutor, mep
    city: tuple[str, str]
    variant: str | None = None  # another Latin spelling of the (male) surname
    group: str | None = None  # an MEP's political group
    relation: tuple[str, str] | None = None  # a relative's, to the defendant (English, Russian)

    def surname_lat(self, variant: bool = False) -> str:
        base = self.variant if variant and self.variant else self.surname[0]
        return base + "a" if self.female else base

    @property
    def surname_cyr(self) -> str:
        return self.surname[1] + "а" if self.female else self.surname[1]

    @property
    def patronymic_lat(self) -> str:
        return self.patronymic[0] + ("ovna" if self.female else "ovich")

    @property
    def patronymic_cyr(self) -> str:
        return self.patronymic[1] + ("овна" if self.female else "ович")


@dataclass(frozen=True)
class Case:
    """A defendant's case: article, city, the defendant's role word, judge, sentence and relatives."""

    defendant: Person
    article: tuple[str, str, str, str | None, str, str]
    role: tuple[str, str, str]
    judge: Person
    term: tuple[str, str]
    relatives: tuple[Person, ...]


@dataclass
class Population:
    """Everyone reports can mention, and the defendants' cases by popularity."""

    persons: list[Person]
    cases: list[Case]  # most popular first
    judges: dict[str, list[Person]]  # by city (English name)
    officials: dict[str, list[Person]]
    prosecutor: Person
    meps: list[Person]
    weights: list[float] = field(default_factory=list)  # cumulative popularity of `cases`


@dataclass(frozen=True)
class GeneratedReport:
    """One generated report and its ground truth for linking: every name as written -> person id."""

    name: str
    text: str
    people: dict[str, int]
    counts: dict[str, int] = field(default_factory=dict)  # how often each name is written


class _Names:
    """Draws name triples so that (given, surname, gender) stays unique until the pool runs out."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[tuple[str, str, bool]] = set()
        self.full: set[tuple[str, str, str, bool]] = set()

    def given(
        self, female: bool, surname: tuple[str, str], avoid: frozenset[str] = frozenset()
    ) -> tuple[str, str]:
        """A given name not yet worn with this surname (any, once all are)."""
        pool = [g for g in (FEMALE_GIVEN if female else MALE_GIVEN) if g[0] not in avoid]
        free = [g for g in pool if (g[0], surname[0], female) not in self.used]
        return self.rng.choice(free or pool)

    def pick(self, female: bool) -> tuple[tuple[str, str], tuple[str, str]]:
        """(given, surname) for a person with no family constraint."""
        for _ in range(50):
            surname = self.rng.choice(SURNAMES)
            given = self.given(female, surname)
            if (given[0], surname[0], female) not in self.used:
                return given, surname
        return self.given(female, surname), surname

    def patronymic(
        self, given: str, surname: str, female: bool, wanted: tuple[str, str] | None = None
    ) -> tuple[str, str]:
        """`wanted` unless it makes the full name a duplicate; else a free one."""
        options = ([wanted] if wanted else []) + self.rng.sample(FATHERS, len(FATHERS))
        for father in options:
            if father[0] != given and (given, surname, father[0], female) not in self.full:
                return father
        raise ValueError(f"no free patronymic for {given} {surname}")

    def take(self, given: str, surname: str, father: str, female: bool) -> None:
        self.used.add((given, surname, female))
        self.full.add((given, surname, father, female))


def _variant(surname: str, rng: random.Random) -> str | None:
    """Another spelling of a Latin surname, if one in SURNAME_VARIANTS applies."""
    options = [re.sub(p, r, surname, count=1) for p, r in SURNAME_VARIANTS if re.search(p, surname)]
    return rng.choice(options) if options else None


class _Builder:
    """Builds a Population: persons get consecutive ids from 1."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names = _Names(rng)
        self.persons: list[Person] = []
        self.variants = {s[0]: _variant(s[0], rng) for s in SURNAMES}

    def add(
        self,
        female: bool,
        family: str,
        city: tuple[str, str],
        *,
        surname: tuple[str, str] | None = None,
        avoid: frozenset[str] = frozenset(),
        patronymic: tuple[str, str] | None = None,
        group: str | None = None,
        relation: tuple[str, str] | None = None,
    ) -> Person:
        """A new person; a relative comes with the surname and given names to avoid."""
        if surname is None:
            given, surname = self.names.pick(female)
        else:
            given = self.names.given(female, surname, avoid)
        father = self.names.patronymic(given[0], surname[0], female, patronymic or self.rng.choice(FATHERS))
        self.names.take(given[0], surname[0], father[0], female)
        person = Person(
            id=len(self.persons) + 1, given=given, surname=surname, patronymic=father, female=female,
            family=family, city=city, variant=self.variants[surname[0]], group=group, relation=relation,
        )  # fmt: skip
        self.persons.append(person)
        return person

    def relatives(self, defendant: Person) -> tuple[Person, ...]:
        """0-2 relatives sharing the defendant's surname, each with a fixed relation."""
        relations = RELATIONS_OF_WOMAN if defendant.female else RELATIONS_OF_MAN
        out: list[Person] = []
        for english, russian, female in self.rng.sample(relations, self.rng.randrange(3)):
            father = None
            if english == "brother":
                father = defendant.patronymic
            elif english == "son":
                father = defendant.given if not defendant.female else self.rng.choice(FATHERS)
            avoid = frozenset({defendant.given[0], *(r.given[0] for r in out)})
            out.append(
                self.add(female, "relative", defendant.city, surname=defendant.surname, avoid=avoid,
                         patronymic=father, relation=(english, russian))
            )  # fmt: skip
        return tuple(out)


def _namesakes(builder: _Builder, n_pairs: int, fixed: set[int]) -> None:
    """Turn `n_pairs` persons into namesakes of others: same given name and surname, another
    patronymic, role family and city. Persons in `fixed` (relatives, defendants with relatives)
    keep their names, as their surname binds others, but may be the ones others are named after."""
    rng, persons = builder.rng, builder.persons
    movable = [p for p in persons if p.id not in fixed]
    rng.shuffle(movable)
    taken: set[int] = set()
    for b in movable:
        if n_pairs == 0:
            break
        if b.id in taken:
            continue
        others = [
            a for a in persons
            if a.id not in taken and a.id != b.id and a.female == b.female and a.family != b.family
            and a.city != b.city
        ]  # fmt: skip
        a = rng.choice(others)
        father = builder.names.patronymic(a.given[0], a.surname[0], a.female)  # never a's: a has it
        builder.names.take(a.given[0], a.surname[0], father[0], a.female)
        new = Person(
            id=b.id, given=a.given, surname=a.surname, patronymic=father, female=b.female, family=b.family,
            city=b.city, variant=a.variant, group=b.group, relation=b.relation,
        )  # fmt: skip
        persons[b.id - 1] = new
        taken |= {a.id, b.id}
        n_pairs -= 1


def build_population(n: int, seed: int = 0) -> Population:
    """The invented population that `n` reports tell of (it grows with n)."""
    rng = random.Random(f"population-{seed}-{n}")
    b = _Builder(rng)
    judges = [b.add(rng.random() < 0.4, "judge", c) for c in CITIES for _ in range(JUDGES_PER_CITY)]
    officials = [b.add(rng.random() < 0.2, "official", c) for c in CITIES for _ in range(OFFICIALS_PER_CITY)]
    prosecutor = b.add(False, "prosecutor", CITIES[1])
    meps = [b.add(rng.random() < 0.45, "mep", BRUSSELS, group=rng.choice(MEP_GROUPS)) for _ in range(MEPS)]
    defendants = [b.add(rng.random() < 0.3, "defendant", rng.choice(CITIES)) for _ in range(max(60, n // 3))]
    relatives = {d.id: b.relatives(d) for d in defendants}
    fixed = {p.id for p in b.persons if p.family == "relative"} | {i for i, rs in relatives.items() if rs}
    _namesakes(b, round(NAMESAKE_SHARE * len(b.persons) / 2), fixed)
    persons = b.persons  # namesakes replaced some of the persons drawn above: read them again

    def now(people: list[Person]) -> list[Person]:
        return [persons[p.id - 1] for p in people]

    by_city: dict[str, list[Person]] = {c[0]: [] for c in CITIES}
    for judge in now(judges):
        by_city[judge.city[0]].append(judge)
    cases = [
        Case(
            defendant=d, article=rng.choice(ARTICLES), role=rng.choice(ROLES),
            judge=rng.choice(by_city[d.city[0]]), term=rng.choice(TERMS), relatives=relatives[d.id],
        )
        for d in now(defendants)
    ]  # fmt: skip
    rng.shuffle(cases)
    officials_by_city: dict[str, list[Person]] = {c[0]: [] for c in CITIES}
    for official in now(officials):
        officials_by_city[official.city[0]].append(official)
    return Population(
        persons=persons, cases=cases, judges=by_city, officials=officials_by_city,
        prosecutor=persons[prosecutor.id - 1], meps=now(meps),
        weights=list(accumulate(1 / (rank + 1) ** POPULARITY_EXPONENT for rank in range(len(cases)))),
    )  # fmt: skip


class _Report:
    """One report being written: its random source, language, date and the names it wrote."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng = rng
        self.lang = lang
        self.day = date(2020, 1, 1) + timedelta(days=rng.randrange(1400))
        self.people: dict[str, int] = {}
        self.written: Counter[str] = Counter()

    def _forms(self, p: Person) -> list[tuple[str, str]]:
        """(text, name) of each form for `p`, the one to use first; the name is in the text."""
        if self.lang == "ru":
            given, surname = p.given[1], p.surname_cyr
            full = f"{surname} {given} {p.patronymic_cyr}"
            roll = self.rng.random()
            first = (
                f"{given} {surname.upper()}" if roll < 0.4 else f"{given} {surname}" if roll < 0.85 else full
            )
            return [(first, first), (full, full)]
        given = p.given[0]
        surname = p.surname_lat(variant=self.rng.random() < VARIANT_SHARE)
        full = f"{surname.upper()} {given} {p.patronymic_lat}"
        form = self.rng.randrange(5)
        if form == 0:
            first = (f"{given} {surname.upper()}",) * 2
        elif form == 1:
            first = (full, full)
        elif form == 2:
            first = (f"{surname} {given[0]}.",) * 2
        elif form == 3:
            first = (f"{'Ms' if p.female else 'Mr'} {given} {surname}", f"{given} {surname}")
        else:
            first = (f"{given} {surname}",) * 2
        return [first, (full, full)]

    def mention(self, p: Person, first: str | None = None) -> tuple[str, str]:
        """(text, name): `p`'s name in one of the forms reports use (`first` if given and free),
        the name as the text writes it minus a title; one name never stands for two persons."""
        forms = self._forms(p)
        for text, name in [(first, first)] + forms if first else forms:
            if self.people.setdefault(name, p.id) == p.id:
                self.written[name] += 1
                return text, name
        raise ValueError(f"no free name form for person {p.id}")

    def name(self, p: Person) -> str:
        return self.mention(p)[0]

    def date(self, offset: int = 0, year: bool = True) -> str:
        d = self.day + timedelta(days=offset)
        if self.lang == "ru":
            return f"{d.day} {MONTHS_RU[d.month - 1]}" + (f" {d.year} года" if year else "")
        if self.rng.random() < 0.15:
            return d.strftime("%d.%m.%Y")
        return f"{d.day} {MONTHS_EN[d.month - 1]}" + (f" {d.year}" if year else "")

    def article(self, case: Case) -> str:
        code, code_ru, art, part, title, title_ru = case.article
        if self.lang == "ru":
            where = f"ч. {part} ст. {art}" if part else f"ст. {art}"
            return f"{where} {code_ru} («{title_ru}»)"
        where = f"Article {art} Part {part}" if part else f"Article {art}"
        return f"{where} of the {code} («{title}»)"

    def role(self, case: Case) -> str:
        english, man, woman = case.role
        return english if self.lang == "en" else woman if case.defendant.female else man

    def time(self) -> str:
        sep, minutes = self.rng.choice([":", "."]), self.rng.choice(["00", "15", "30", "40"])
        return f"{self.rng.randrange(9, 18):02d}{sep}{minutes}"


def _event_en(r: _Report, case: Case, pop: Population) -> str:
    """One English paragraph about one event of `case`."""
    d = case.defendant
    city, he, him = d.city[0], "she" if d.female else "he", "her" if d.female else "him"
    kind = r.rng.randrange(7)
    if kind == 0:
        return (
            f"On {r.date(-1)}, police officers detained {r.role(case)} {r.name(d)} in {city} and took "
            f"{him} to the city police department, where {he} was held for {r.rng.randrange(2, 9)} hours."
        )
    if kind == 1:
        return (
            f"On {r.date(-2)}, the court placed {r.name(d)} in pre-trial detention for 2 months. "
            f"The suspect is charged under {r.article(case)}."
        )
    if kind == 2:
        name, written = r.mention(d)
        r.written[written] += 1  # the same name once more
        return (
            f"On {r.date()}, a trial under {r.article(case)} against {r.role(case)} {name} was held in "
            f"{city}. Judge: {r.name(case.judge)}. The court sentenced {name} to {case.term[0]}."
        )
    if kind == 3:
        if not case.relatives:
            return (
                f"On {r.date(-3)}, NSC officers searched the home of {r.name(d)} and questioned {him} "
                "for several hours without a lawyer."
            )
        relative = r.rng.choice(case.relatives)
        return (
            f"On {r.date(-3)}, NSC officers searched the home of {r.name(d)} and questioned "
            f"the {relative.relation[0]}, {r.name(relative)}, for several hours."
        )
    if kind == 4:
        official = r.rng.choice(pop.officials[city])
        return (
            f"On {r.date(-1)}, the deputy akim of {city} — {r.name(official)} — refused the notification of "
            f"{r.name(d)} to hold a peaceful meeting, citing «quarantine»."
        )
    if kind == 5:
        return (
            f"Since {r.date(-40)}, {r.name(d)} has been under house arrest while the investigation is "
            "in progress."
        )
    return (
        f"Two unknown men in civilian clothes tried to abduct {r.name(d)} on {r.date(-5, year=False)}; "
        f"the {case.role[0]} was beaten and denied medical care at the police station."
    )


def _event_ru(r: _Report, case: Case, pop: Population) -> str:
    """One Russian paragraph about one event of `case`."""
    d = case.defendant
    city, fem = d.city[1], d.female
    member, accused = ("участницу", "фигурантку") if fem else ("участника", "фигуранта")
    kind = r.rng.randrange(5)
    if kind == 0:
        return (
            f"{r.date(-1)} в городе {city} сотрудники полиции задержали {member} "
            f"мирной акции ({r.role(case)}): {r.name(d)}. Задержанных продержали в отделе полиции "
            f"{r.rng.randrange(2, 9)} часов."
        )
    if kind == 1:
        return (
            f"{r.date()} в {r.time()} состоится судебное заседание по делу по {r.article(case)} "
            f"в отношении {'фигурантки' if fem else 'фигуранта'}: {r.name(d)}. Судья — {r.name(case.judge)}."
        )
    if kind == 2:
        return f"{r.date(-2)} суд приговорил {accused} дела ({r.name(d)}) к наказанию: {case.term[1]}."
    if kind == 3:
        whom, activist = ("её", "активистки") if fem else ("его", "активиста")
        if case.relatives:
            relative = r.rng.choice(case.relatives)
            whom = f"{whom} {relative.relation[1]} ({r.name(relative)})"
        return (
            f"{r.date(-3)} сотрудники КНБ провели обыск у {activist} ({r.name(d)}), "
            f"после чего {whom} допрашивали более {r.rng.randrange(3, 10)} часов без адвоката."
        )
    official = r.rng.choice(pop.officials[d.city[0]])
    refused = "отказала" if official.female else "отказал"
    return (
        f"Заместитель акима города {city} ({r.name(official)}) {refused} "
        f"инициативной группе ({r.name(d)} и другие) в проведении мирного собрания {r.date(5, year=False)}."
    )


def _event(r: _Report, case: Case, pop: Population) -> str:
    return (_event_ru if r.lang == "ru" else _event_en)(r, case, pop)


def _cases(r: _Report, pop: Population, k: int) -> list[Case]:
    """`k` different cases, the popular ones more often."""
    chosen: list[Case] = []
    while len(chosen) < min(k, len(pop.cases)):
        at = bisect.bisect(pop.weights, r.rng.random() * pop.weights[-1])
        case = pop.cases[min(at, len(pop.cases) - 1)]
        if case not in chosen:
            chosen.append(case)
    return chosen


def _digest(r: _Report, pop: Population) -> str:
    head = (
        f"Мониторинг нарушений прав человека за {r.date()}"
        if r.lang == "ru"
        else f"Monitoring of human rights violations for {r.date()}"
    )
    bullets = [f"— {_event(r, case, pop)}" for case in _cases(r, pop, r.rng.randrange(3, 8))]
    return "\n\n".join([head, *bullets])


def _hearings(r: _Report, pop: Population) -> str:
    cases = _cases(r, pop, r.rng.randrange(2, 5))
    if r.lang == "ru":
        head = f"Политические суды {r.date()}:"
        items = [
            f"{i}) В {r.time()} в суде г. {case.defendant.city[1]} состоится заседание по {r.article(case)} "
            f"в отношении: {r.name(case.defendant)}."
            for i, case in enumerate(cases, 1)
        ]
    else:
        head = f"Political court hearings scheduled on {r.date()}:"
        items = [
            f"{i}) At {r.time()}, a trial on the politically motivated case under {r.article(case)} against "
            f"{r.role(case)} {r.name(case.defendant)} will take place in {case.defendant.city[0]}."
            for i, case in enumerate(cases, 1)
        ]
    return "\n\n".join([head, *items])


def _letter(r: _Report, pop: Population) -> str:
    [case] = _cases(r, pop, 1)
    if r.lang == "ru":
        body = [
            f"Генеральному прокурору Республики Казахстан\n{r.name(pop.prosecutor)}",
            f"Мы, нижеподписавшиеся, обращаемся к Вам в связи с преследованием: {r.name(case.defendant)}.",
            _event_ru(r, case, pop),
            "Просим Вас прекратить уголовное преследование.",
            "С уважением,\n"
            + "\n".join(r.name(m) for m in r.rng.sample(pop.meps, 2))
            + f"\n\n{BRUSSELS[1]}, {r.date()}",
        ]
    else:
        body = [
            "To: **The Prosecutor General of the Republic of Kazakhstan**",
            f"H.E. {r.name(pop.prosecutor)}\n010000, Nur-Sultan",
            f"{BRUSSELS[0]}, {r.date()}",
            "Your Excellency,",
            "We, Members of the European Parliament, are writing to express our concern about "
            f"{r.name(case.defendant)}.",
            _event_en(r, case, pop),
            _event_en(r, case, pop),
            "Sincerely,",
            "\n".join(f"{r.name(m)} MEP ({m.group})" for m in r.rng.sample(pop.meps, 3)),
        ]
    return "\n\n".join(body)


def _telegram(r: _Report, pop: Population) -> str:
    [case] = _cases(r, pop, 1)
    d = case.defendant
    if r.lang == "ru":
        city, header = d.city[1], f"{d.surname_cyr.upper()} {d.given[1]}"
        tags = "#Казахстан #политпреследование"
    else:
        city, header = d.city[0], f"{d.surname_lat().upper()} {d.given[0]}"
        tags = "#Kazakhstan #politicalpersecution"
    who = r.mention(d, first=header)[0]
    return "\n\n".join(
        [f"✔#{city}:UPD:⚡#{who}", f"— {_event(r, case, pop)}", f"— {_event(r, case, pop)}", tags]
    )


def _narrative(r: _Report, pop: Population) -> str:
    """Paragraphs mostly about one case, now and then about a related one."""
    cases = _cases(r, pop, r.rng.randrange(1, 4))
    title = "Хроника одного дела" if r.lang == "ru" else "The case that repeats itself"

    def pick() -> Case:
        return cases[0] if r.rng.random() < 0.7 else r.rng.choice(cases)

    paragraphs = [
        " ".join(_event(r, pick(), pop) for _ in range(r.rng.randrange(2, 4)))
        for _ in range(r.rng.randrange(3, 6))
    ]
    return "\n\n".join([f"# {title}", f"**{r.date()}**", *paragraphs])


_SENTENCE_END = re.compile(r"\.\.(?=\s|$)")  # "Judge: Kaliyev Y.." reads "Kaliyev Y."
KINDS = {
    "digest": _digest,
    "hearings": _hearings,
    "letter": _letter,
    "telegram": _telegram,
    "narrative": _narrative,
}


def _ambiguous(people: dict[str, int], pop: Population) -> bool:
    """Whether a name short of the full one could be either of two persons of the report: same
    surname and gender, and the same given name or, for "Surname G.", the same initial."""
    persons = [pop.persons[i - 1] for i in set(people.values())]
    for name, pid in people.items():
        if len(name.split()) == 3:  # surname, given name and patronymic
            continue
        x = pop.persons[pid - 1]
        for y in persons:
            if y.id == x.id or y.surname != x.surname or y.female != x.female:
                continue
            if y.given == x.given or (name.endswith(".") and y.given[0][0] == x.given[0][0]):
                return True
    return False


def generate_corpus(n: int, seed: int = 0) -> list[GeneratedReport]:
    """`n` synthetic reports with their truth; the same n and seed give the same reports."""
    pop = build_population(n, seed)
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = "ru" if rng.random() < 0.35 else "en"
        kind = rng.choice(list(KINDS))
        for _ in range(RETRIES):  # a new draw when a name would not tell two persons apart
            report = _Report(rng, lang)
            text = _SENTENCE_END.sub(".", KINDS[kind](report, pop)) + "\n"
            if not _ambiguous(report.people, pop):
                break
        ext = "md" if kind == "narrative" else "txt"
        out.append(GeneratedReport(f"{i:05d}_{kind}_{lang}.{ext}", text, report.people, dict(report.written)))
    return out


def generate_reports(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """`n` synthetic reports as (file name, text); the same n and seed give the same reports."""
    return [(r.name, r.text) for r in generate_corpus(n, seed)]


def _spans(name: str, text: str) -> list[tuple[int, int]]:
    """Where `name` stands in `text` as whole words."""
    return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]


def truth_spans(report: GeneratedReport) -> list[tuple[int, int, int]]:
    """(start, end, person id) of every name written in the report (longer names first take their span)."""
    taken: list[tuple[int, int, int]] = []
    for name in sorted(report.people, key=len, reverse=True):
        for start, end in _spans(name, report.text):
            if not any(s <= start and end <= e for s, e, _ in taken):
                taken.append((start, end, report.people[name]))
    return taken


def _check_names(report: GeneratedReport) -> list[str]:
    """Each name is found as often as it was written, once longer names have taken their spans,
    and never inside another person's longer name."""
    problems: list[str] = []
    taken: dict[tuple[int, int], str] = {}
    for name in sorted(report.people, key=len, reverse=True):
        found = 0
        for start, end in _spans(name, report.text):
            holder = next((taken[s] for s in taken if s[0] <= start and end <= s[1]), None)
            if holder is None:
                taken[(start, end)] = name
                found += 1
            elif report.people[holder] != report.people[name]:
                problems.append(f"{report.name}: {name!r} inside {holder!r}, another person")
        if found != report.counts.get(name):
            problems.append(f"{report.name}: {name!r} written {report.counts.get(name)} times, found {found}")
    return problems


def _check_population(pop: Population) -> list[str]:
    """Names unique but for the deliberate namesakes; cases consistent with their city and family."""
    given = {g for g, _ in MALE_GIVEN}
    problems = [f"surname {s} reads as a patronymic" for s, _ in SURNAMES if s.removesuffix("ov") in given]
    keys = Counter((p.given[0], p.surname[0], p.female) for p in pop.persons)
    shared = [p for p in pop.persons if keys[(p.given[0], p.surname[0], p.female)] > 1]
    if not 0.015 <= len(shared) / len(pop.persons) <= 0.06:
        problems.append(f"{len(shared)} of {len(pop.persons)} persons share a name")
    full = Counter((p.given[0], p.surname[0], p.patronymic[0], p.female) for p in pop.persons)
    problems += [f"two persons are {k}" for k, c in full.items() if c > 1]
    for case in pop.cases:
        d = case.defendant
        kin = all(r.surname == d.surname and r.city == d.city for r in case.relatives)
        if case.judge.city != d.city or not kin:
            problems.append(f"case of person {d.id} is inconsistent")
    return problems


def _check_corpus(corpus: list[GeneratedReport], pop: Population) -> list[str]:
    """Every name found where and as often as it was written, none ambiguous; MEPs only in letters."""
    problems: list[str] = []
    for report in corpus:
        problems += _check_names(report)
        if report.counts.keys() != report.people.keys() or not report.people:
            problems.append(f"{report.name}: names counted and names in the truth differ, or none")
        if _ambiguous(report.people, pop):
            problems.append(f"{report.name}: a short name could be two of its persons")
        if "letter" not in report.name and any(
            pop.persons[i - 1].family == "mep" for i in report.people.values()
        ):
            problems.append(f"{report.name}: an MEP outside a letter")
    words = sum(len(r.text.split()) for r in corpus) / len(corpus)
    if not 120 <= words <= 140:
        problems.append(f"{words:.0f} words per report, not 120-140")
    return problems


def check(n: int = 400, seed: int = 3) -> list[str]:
    """Problems the generator should never have (an empty list when all is well)."""
    corpus = generate_corpus(n, seed)
    again = generate_corpus(n, seed)
    problems = [] if corpus == again else ["the same n and seed gave different reports"]
    pop = build_population(n, seed)
    return problems + _check_population(pop) + _check_corpus(corpus, pop)


def main() -> None:
    parser = argparse.ArgumentParser(description="Write N synthetic monitoring reports into FOLDER.")
    parser.add_argument("n", type=int, nargs="?")
    parser.add_argument("folder", type=Path, nargs="?")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--truth", type=Path, help="also write {file name: {name as written: person id}} here"
    )
    parser.add_argument("--check", action="store_true", help="run the generator's self-test and exit")
    args = parser.parse_args()
    if args.check:
        problems = check()
        print("\n".join(problems) or "generator self-test: ok")
        sys.exit(1 if problems else 0)
    if args.n is None or args.folder is None:
        parser.error("N and FOLDER are required")
    args.folder.mkdir(parents=True, exist_ok=True)
    corpus = generate_corpus(args.n, args.seed)
    for report in corpus:
        (args.folder / report.name).write_text(report.text, encoding="utf-8")
    if args.truth:
        args.truth.parent.mkdir(parents=True, exist_ok=True)
        truth = {r.name: r.people for r in corpus}
        args.truth.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    words = sum(len(r.text.split()) for r in corpus)
    persons = len({pid for r in corpus for pid in r.people.values()})
    print(f"wrote {len(corpus)} reports ({words:,} words, {persons:,} persons) to {args.folder}")


if __name__ == "__main__":
    main()
