"""Synthetic monitoring reports for benchmarks: templates filled from name, article and place pools.

    python benchmarks/generate_reports.py N FOLDER [--seed S]

writes N reports (English and Russian; digests, hearing lists, letters, Telegram posts,
narratives) into FOLDER. The same N and seed always give the same files. The people are
invented combinations of common names; the texts only need to look like real reports to
the extractor, not to be true.
"""

from __future__ import annotations

import argparse
import random
import re
from datetime import date, timedelta
from pathlib import Path

# given name, surname (male form), given name in Cyrillic, surname in Cyrillic; female forms add "a"
MEN = [
    ("Nurlan", "Abdrakhmanov", "Нурлан", "Абдрахманов"),
    ("Serik", "Akhmetov", "Серик", "Ахметов"),
    ("Yerlan", "Kaliyev", "Ерлан", "Калиев"),
    ("Daulet", "Mukanov", "Даулет", "Муканов"),
    ("Timur", "Serikbayev", "Тимур", "Серикбаев"),
    ("Askar", "Shaikenov", "Аскар", "Шайкенов"),
    ("Bolat", "Yesenov", "Болат", "Есенов"),
    ("Marat", "Issabekov", "Марат", "Исабеков"),
    ("Kairat", "Ospanov", "Кайрат", "Оспанов"),
    ("Arman", "Zhunusov", "Арман", "Жунусов"),
    ("Dias", "Bekenov", "Диас", "Бекенов"),
    ("Yerbol", "Aldiyarov", "Ербол", "Алдияров"),
    ("Ruslan", "Omarov", "Руслан", "Омаров"),
    ("Azamat", "Toktogulov", "Азамат", "Токтогулов"),
    ("Murat", "Ermekov", "Мурат", "Ермеков"),
    ("Nursultan", "Bekmukhambetov", "Нурсултан", "Бекмухамбетов"),
]
WOMEN = [
    ("Saule", "Temirkhanov", "Сауле", "Темирханов"),
    ("Marzhan", "Kassymov", "Маржан", "Касымов"),
    ("Gulnar", "Ospanov", "Гульнар", "Оспанов"),
    ("Aigul", "Karimov", "Айгуль", "Каримов"),
    ("Dinara", "Yeskendirov", "Динара", "Ескендиров"),
    ("Aliya", "Serikov", "Алия", "Сериков"),
    ("Zhanar", "Tulegenov", "Жанар", "Тулегенов"),
    ("Botagoz", "Ismailov", "Ботагоз", "Исмаилов"),
    ("Gulmira", "Zhanturin", "Гульмира", "Жантурин"),
    ("Asel", "Kozhakhmetov", "Асель", "Кожахметов"),
]
PATRONYMICS = ["Kairatov", "Seitov", "Bolatov", "Serikov"]
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
ROLES_EN = ["civil activist", "human rights defender", "journalist", "blogger", "activist"]
ROLES_RU = ["гражданский активист", "правозащитник", "журналист", "блогер", "активист"]
TERMS_EN = [
    "1 year of restricted freedom",
    "2 years of probation",
    "3 years of imprisonment",
    "a fine of 50 MCI",
]
TERMS_RU = ["1 год ограничения свободы", "2 года пробационного контроля", "3 года лишения свободы"]


class _Report:
    """State for one report: its random source, language and date."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng = rng
        self.lang = lang
        self.day = date(2020, 1, 1) + timedelta(days=rng.randrange(1400))
        self.city = rng.choice(CITIES)

    def person(self) -> tuple[str, str, str, bool]:
        """(given, surname, Cyrillic full name, female) of a random person."""
        female = self.rng.random() < 0.4
        given, surname, given_ru, surname_ru = self.rng.choice(WOMEN if female else MEN)
        if female:
            surname, surname_ru = surname + "a", surname_ru + "а"
        return given, surname, f"{given_ru} {surname_ru}", female

    def name(self) -> str:
        """A person's name in one of the forms reports use."""
        given, surname, ru, female = self.person()
        if self.lang == "ru":
            given_ru, surname_ru = ru.split()
            return f"{given_ru} {surname_ru.upper()}" if self.rng.random() < 0.5 else ru
        form = self.rng.randrange(5)
        if form == 0:
            return f"{given} {surname.upper()}"
        if form == 1:
            patronymic = self.rng.choice(PATRONYMICS) + ("na" if female else "ich")
            return f"{surname.upper()} {given} {patronymic}"
        if form == 2:
            return f"{surname} {given[0]}."
        if form == 3:
            return f"{'Ms' if female else 'Mr'} {given} {surname}"
        return f"{given} {surname}"

    def date(self, offset: int = 0, year: bool = True) -> str:
        d = self.day + timedelta(days=offset)
        if self.lang == "ru":
            return f"{d.day} {MONTHS_RU[d.month - 1]}" + (f" {d.year} года" if year else "")
        if self.rng.random() < 0.15:
            return d.strftime("%d.%m.%Y")
        return f"{d.day} {MONTHS_EN[d.month - 1]}" + (f" {d.year}" if year else "")

    def article(self) -> str:
        code, code_ru, art, part, title, title_ru = self.rng.choice(ARTICLES)
        if self.lang == "ru":
            where = f"ч. {part} ст. {art}" if part else f"ст. {art}"
            return f"{where} {code_ru} («{title_ru}»)"
        where = f"Article {art} Part {part}" if part else f"Article {art}"
        return f"{where} of the {code} («{title}»)"

    def time(self) -> str:
        sep, minutes = self.rng.choice([":", "."]), self.rng.choice(["00", "15", "30", "40"])
        return f"{self.rng.randrange(9, 18):02d}{sep}{minutes}"


def _event_en(r: _Report) -> str:
    """One English paragraph about one event."""
    name, city = r.name(), r.city[0]
    choices = [
        f"On {r.date(-1)}, police officers detained {r.rng.choice(ROLES_EN)} {name} in {city} and took "
        f"them to the city police department, where he was held for {r.rng.randrange(2, 9)} hours.",
        f"On {r.date(-2)}, the court placed {name} in pre-trial detention for 2 months. "
        f"The suspect is charged under {r.article()}.",
        f"On {r.date()}, a trial under {r.article()} against {r.rng.choice(ROLES_EN)} {name} was held in "
        f"{city}. Judge: {r.name()}. The court sentenced {name} to {r.rng.choice(TERMS_EN)}.",
        f"On {r.date(-3)}, NSC officers searched the home of {name} and questioned "
        f"{r.rng.choice(['the wife', 'the brother', 'the mother', 'the son'])}, {r.name()}, "
        "for several hours.",
        f"On {r.date(-1)}, the deputy akim of {city} — {r.name()} — refused the notification of {name} "
        f"to hold a peaceful meeting, citing «quarantine».",
        f"Since {r.date(-40)}, {name} has been under house arrest while the investigation is in progress.",
        f"Two unknown men in civilian clothes tried to abduct {name} on {r.date(-5, year=False)}; "
        "the activist was beaten and denied medical care at the police station.",
    ]
    return r.rng.choice(choices)


def _event_ru(r: _Report) -> str:
    """One Russian paragraph about one event."""
    name, city = r.name(), r.city[1]
    choices = [
        f"{r.date(-1)} в городе {city} сотрудники полиции задержали участника мирной акции "
        f"({r.rng.choice(ROLES_RU)}): {name}. Задержанных продержали в отделе полиции "
        f"{r.rng.randrange(2, 9)} часов.",
        f"{r.date()} в {r.time()} состоится судебное заседание по делу по {r.article()} "
        f"в отношении фигуранта: {name}. Судья — {r.name()}.",
        f"{r.date(-2)} суд приговорил фигуранта дела ({name}) к наказанию: {r.rng.choice(TERMS_RU)}.",
        f"{r.date(-3)} сотрудники КНБ провели обыск у активиста ({name}), после чего его допрашивали "
        f"более {r.rng.randrange(3, 10)} часов без адвоката.",
        f"Заместитель акима города {city} ({r.name()}) отказал инициативной группе в проведении мирного "
        f"собрания {r.date(5, year=False)}.",
    ]
    return r.rng.choice(choices)


def _digest(r: _Report) -> str:
    event = _event_ru if r.lang == "ru" else _event_en
    head = (
        f"Мониторинг нарушений прав человека за {r.date()}"
        if r.lang == "ru"
        else f"Monitoring of human rights violations for {r.date()}"
    )
    bullets = [f"— {event(r)}" for _ in range(r.rng.randrange(3, 8))]
    return "\n\n".join([head, *bullets])


def _hearings(r: _Report) -> str:
    if r.lang == "ru":
        head = f"Политические суды {r.date()}:"
        items = [
            f"{i}) В {r.time()} в суде г. {r.city[1]} состоится заседание по {r.article()} "
            f"в отношении: {r.name()}."
            for i in range(1, r.rng.randrange(3, 6))
        ]
    else:
        head = f"Political court hearings scheduled on {r.date()}:"
        items = [
            f"{i}) At {r.time()}, a trial on the politically motivated case under {r.article()} against "
            f"{r.rng.choice(ROLES_EN)} {r.name()} will take place in {r.rng.choice(CITIES)[0]}."
            for i in range(1, r.rng.randrange(3, 6))
        ]
    return "\n\n".join([head, *items])


def _letter(r: _Report) -> str:
    if r.lang == "ru":
        body = [
            f"Генеральному прокурору Республики Казахстан\n{r.name()}",
            f"Мы, нижеподписавшиеся, обращаемся к Вам в связи с преследованием: {r.name()}.",
            _event_ru(r),
            "Просим Вас прекратить уголовное преследование.",
            f"С уважением,\n{r.name()}\n{r.name()}\n\n{r.city[1]}, {r.date()}",
        ]
    else:
        body = [
            "To: **The Prosecutor General of the Republic of Kazakhstan**",
            f"H.E. {r.name()}\n010000, Nur-Sultan",
            f"Brussels, {r.date()}",
            "Your Excellency,",
            f"We, Members of the European Parliament, are writing to express our concern about {r.name()}.",
            _event_en(r),
            _event_en(r),
            "Sincerely,",
            "\n".join(f"{r.name()} MEP ({r.rng.choice(['EPP', 'S&D', 'Renew Europe'])})" for _ in range(3)),
        ]
    return "\n\n".join(body)


def _telegram(r: _Report) -> str:
    given, surname, ru, _ = r.person()
    city = r.city[1] if r.lang == "ru" else r.city[0]
    who = f"{ru.split()[1].upper()} {ru.split()[0]}" if r.lang == "ru" else f"{surname.upper()} {given}"
    event = _event_ru if r.lang == "ru" else _event_en
    tags = "#Казахстан #политпреследование" if r.lang == "ru" else "#Kazakhstan #politicalpersecution"
    return "\n\n".join([f"✔#{city}:UPD:⚡#{who}", f"— {event(r)}", f"— {event(r)}", tags])


def _narrative(r: _Report) -> str:
    event = _event_ru if r.lang == "ru" else _event_en
    title = "Хроника одного дела" if r.lang == "ru" else "The case that repeats itself"
    paragraphs = [
        " ".join(event(r) for _ in range(r.rng.randrange(2, 4))) for _ in range(r.rng.randrange(3, 6))
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


def generate_reports(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """`n` synthetic reports as (file name, text); the same n and seed give the same reports."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = "ru" if rng.random() < 0.35 else "en"
        kind = rng.choice(list(KINDS))
        text = _SENTENCE_END.sub(".", KINDS[kind](_Report(rng, lang))) + "\n"
        ext = "md" if kind == "narrative" else "txt"
        out.append((f"{i:05d}_{kind}_{lang}.{ext}", text))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Write N synthetic monitoring reports into FOLDER.")
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    reports = generate_reports(args.n, args.seed)
    for name, text in reports:
        (args.folder / name).write_text(text, encoding="utf-8")
    words = sum(len(text.split()) for _, text in reports)
    print(f"wrote {len(reports)} reports ({words:,} words) to {args.folder}")


if __name__ == "__main__":
    main()
