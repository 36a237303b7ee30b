"""Persons: find names as the reports write them and group one person's mentions into one entry.

Handles `Given SURNAME`, `SURNAME Given Patronymic`, `Surname G.`, `G. Surname`, `#SURNAME Given`,
`Mr/Ms/H.E. Name`, possessives, Cyrillic names, shared surnames in lists ("Erik, Kalyk and Arman
Mendygazyev"), and first names or surnames alone after (or before) a full mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from casewatch.extract.analysis import Analysis, Entity
from casewatch.extract.inflection import (
    is_known_word,
    is_name_part,
    lemma,
    lemmas,
    masculine_nominative,
    nominative,
    surname_lemma,
)
from casewatch.extract.lexicon import (
    ascii_letters,
    fold,
    gender_of,
    has_surname_suffix,
    is_given_name,
    is_not_name,
    load,
    name_rules,
    role_words,
)
from casewatch.extract.pipeline import component
from casewatch.extract.spans import Covered
from casewatch.names import skeleton
from casewatch.translit import has_cyrillic, latinize

_TOKEN = re.compile(r"[^\W\d_](?:[\w’'-]*[^\W_])?\.?")
#: superscript note markers ("Mammadli¹") end a word
_MARKER = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_POSSESSIVE = re.compile(r"[’']s$", re.I)
_PATRONYMIC = re.compile(r"(?:ovich|evich|ich|ovna|evna|ichna|uly|kyzy|qyzy)$", re.I)
_NAME_GAP = re.compile(r"[ \u00a0]{1,2}")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+и\s+|,\s*и\s+)")


@dataclass
class Tok:
    start: int
    end: int
    text: str  # without a possessive ending or a trailing full stop (kept for initials)
    kind: str  # "initial", "caps", "title", "other"

    @property
    def word(self) -> str:
        return self.text.rstrip(".")


def tokenize(text: str) -> list[Tok]:
    toks = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        start, end = m.start(), m.end()
        marker = _MARKER.search(raw) if not raw.isascii() else None
        if marker:
            raw, end = raw[: marker.start()], start + marker.start()
        word = raw
        if word.endswith(".") and not (len(word) == 2 and word[0].isupper()):
            word, end = word[:-1], end - 1
        poss = _POSSESSIVE.search(word)
        if poss and len(word) > 3:
            word, end = word[: poss.start()], end - len(poss.group())
        toks.append(Tok(start, end, word, _kind(word)))
    return toks


def _kind(word: str) -> str:
    if len(word) == 2 and word[1] == "." and word[0].isupper():
        return "initial"
    letters = word.replace("-", "").replace("’", "").replace("'", "")
    if not letters or not letters[0].isupper():
        return "other"
    if letters.isupper():
        return "caps" if len(letters) >= 2 else "initial"
    if any(p[:1].isupper() for p in word.split("-")) and word[1:2].islower():
        return "title"
    return "other"


@dataclass
class Name:
    """One written name: its parts in natural order and where it stands."""

    start: int
    end: int
    given: str | None
    surname: str | None
    patronymic: str | None = None
    initials: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # further surname words ("Thun Und Hohenstein")

    @property
    def full(self) -> bool:
        return bool(self.surname and (self.given or self.initials))

    def display(self) -> str:
        parts: list[str] = []
        if self.given:
            parts.append(self.given)
        elif self.initials:
            parts.extend(self.initials)
        if self.patronymic:
            parts.append(self.patronymic)
        if self.surname:
            parts.append(self.surname)
        parts.extend(self.extra)
        return " ".join(_title(ascii_letters(latinize(p))) for p in parts)


def _title(word: str) -> str:
    if word.lower() in PARTICLES:
        return word.lower()
    if len(word) == 2 and word.endswith("."):
        return word.upper()
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def _name_like(tok: Tok) -> bool:
    return tok.kind == "initial" or (tok.kind in ("caps", "title") and not is_not_name(tok.word))


def _is_surname(tok: Tok) -> bool:
    return tok.kind in ("caps", "title") and (
        has_surname_suffix(tok.word)
        or (has_cyrillic(tok.word) and (is_name_part(tok.word, "Surn") or _patronymic_surname(tok.word)))
    )


def _patronymic_surname(word: str) -> bool:
    """A Belarusian surname pymorphy3 knows only as a patronymic ("Зубовича"), not a given name."""
    return is_name_part(word, "Patr") and not is_name_part(word, "Name")


def _common_word(tok: Tok) -> bool:
    """A capitalised Cyrillic word pymorphy3 knows as an ordinary word and never as part of a name."""
    return (
        tok.kind == "title"
        and has_cyrillic(tok.word)
        and is_known_word(tok.word)
        and not has_surname_suffix(tok.word)
        and not any(is_name_part(tok.word, tag) for tag in ("Name", "Surn", "Patr"))
        and not _given_in_any_case(tok.word)
    )


def _given_in_any_case(word: str) -> bool:
    """A listed given name, perhaps with a Russian case ending ("Дархана", "Нурланом")."""
    return any(is_given_name(word[: len(word) - k]) for k in (0, 1, 2) if len(word) - k >= 3)


def _two_names(run: list[Tok]) -> bool:
    """A Russian surname in the genitive running into another person's given name and surname
    ("Ушакова Ольги Зайцевой"): the given name and surname agree with each other, not with the first word."""
    if len(run) != 3 or not all(has_cyrillic(t.word) and t.kind == "title" for t in run):
        return False
    first, given, surname = run
    return (
        _is_given(given.word)
        and _is_surname(surname)
        and _is_surname(first)
        and not _is_given(first.word)
        and not _is_patronymic(surname.word)
        and not _is_patronymic(given.word)
    )


def _without_title_initials(run: list[Tok], text: str, honorifics: frozenset[str]) -> tuple[list[Tok], bool]:
    """The run without an honorific written like initials ("H.E. Temirov B."), and whether one went."""
    k = 0
    while k < len(run) - 1 and run[k].kind == "initial" and (k == 0 or run[k].start == run[k - 1].end):
        k += 1
        if text[run[0].start : run[k - 1].end].lower().rstrip(".") in honorifics:
            return run[k:], True
    return run, False


def _after_initials(run: list[Tok]) -> int:
    """Where "Surname I. I." ends when more capitalised words follow ("Бейсенов Е. К. Жанна ..."); 0 if
    the run is not so built or the word before the initials is a given name ("Kanybek S. Osmonov")."""
    if len(run) < 3 or run[0].kind == "initial" or run[1].kind != "initial" or _is_given(run[0].word):
        return 0
    k = 1
    while k < len(run) and run[k].kind == "initial":
        k += 1
    return k if k < len(run) else 0


def _is_given(word: str) -> bool:
    return is_given_name(word) or (has_cyrillic(word) and is_name_part(word, "Name"))


def _is_patronymic(word: str) -> bool:
    return bool(_PATRONYMIC.search(latinize(word))) or (has_cyrillic(word) and is_name_part(word, "Patr"))


def _acronym(tok: Tok) -> bool:
    """An all-capital word that is probably an abbreviation, not a surname."""
    w = tok.word
    return (
        tok.kind == "caps"
        and (len(w) <= 3 or not re.search(r"[AEIOUYАЕЁИОУЫЭЮЯ]", w.upper()))
        and not has_surname_suffix(w)
    )


#: words inside surnames: "Thun und Hohenstein", "van der Berg", "bin Salman"
PARTICLES = frozenset(
    {"und", "von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "ibn", "ter"}
)


def _glued_initial(before: Tok, tok: Tok) -> bool:
    """Two tokens of one name with no space between: initials ("A.B.") or an initial and a surname
    ("Р.Оспанова")."""
    return before.kind == "initial" and before.text.endswith(".") and tok.kind in ("initial", "caps", "title")


def _patronymic_link(toks: list[Tok], j: int, text: str) -> bool:
    """ "oglu"/"qizi" between the father's name and the surname ("Elchin Ramiz oglu Aliyev")."""
    return (
        toks[j].word.lower() in name_rules()["patronymic_links"]
        and toks[j - 1].kind in ("caps", "title")
        and j + 1 < len(toks)
        and toks[j + 1].kind in ("caps", "title")
        and _NAME_GAP.fullmatch(text[toks[j].end : toks[j + 1].start]) is not None
    )


def _particle(toks: list[Tok], j: int, text: str) -> bool:
    """A surname particle between two capitalised words of one name."""
    return (
        toks[j].word.lower() in PARTICLES
        and toks[j - 1].kind in ("caps", "title")
        and j + 1 < len(toks)
        and toks[j + 1].kind in ("caps", "title")
        and _NAME_GAP.fullmatch(text[toks[j].end : toks[j + 1].start]) is not None
    )


def find_names(text: str, toks: list[Tok], blocked: list[tuple[int, int]]) -> list[Name]:
    """Every multi-word person name in the text."""
    honorifics = name_rules()["honorifics"]
    words = {t.word for t in toks}
    covered = Covered(blocked)
    names: list[Name] = []
    i = 0
    n = len(toks)
    while i < n:
        if not _name_like(toks[i]) or _acronym(toks[i]):
            i += 1
            continue
        j = i + 1
        while (
            j < n
            and j - i < 5
            and (
                (_name_like(toks[j]) and not _acronym(toks[j]))
                or _particle(toks, j, text)
                or _patronymic_link(toks, j, text)
            )
        ):
            gap = text[toks[j - 1].end : toks[j].start]
            if not (
                _NAME_GAP.fullmatch(gap)
                or (gap == " #" and toks[j].kind == "caps")  # "Dastan #MYRZAGALIYEV": a tagged surname
                or (gap == "" and _glued_initial(toks[j - 1], toks[j]))
            ):
                break
            j += 1
        run = toks[i:j]
        while run and run[0].kind == "initial" and sum(t.kind != "initial" for t in run) >= 2:
            run = run[1:]  # "H.E. Name Surname"
        run, titled = _without_title_initials(run, text, honorifics)
        while len(run) > 1 and _common_word(run[0]):
            run = run[1:]  # "Коллеги Сафина", "Для Ушакова": a sentence's first word, not a name
        lead_role = len(run) > 2 and run[0].word.lower() in role_words() and not _is_given(run[0].word)
        if lead_role:
            run = run[1:]  # "Blogger Aizada Mamatova": a role opening the sentence
        if _two_names(run):
            run = run[1:]  # "адвоката Ушакова Ольги Зайцевой": the client's surname, then the lawyer's name
        if len(run) >= 3 and _names_a_place(text, run[-1].end, words_before=1):
            run = run[:-1]  # "H.E. Kassym-Jomart Tokayev Mangilik Yel st. 6": an address follows the name
        cut = _after_initials(run)
        if cut:
            j = i + (len(toks[i:j]) - len(run)) + cut  # "Тасболатов Б. Основание ...": the name ends
            run = run[:cut]
        prev = (
            toks[i - 1].word.lower()
            if i > 0 and text[toks[i - 1].end : toks[i].start].strip(". ") == ""
            else ""
        )
        before = text[max(0, toks[i].start - 4) : toks[i].start].strip()
        cue = titled or lead_role or prev in honorifics or prev in role_words()
        cue = cue or any(  # "Р.Оспанова": an initial written against the surname is a name's
            run[k].kind == "initial" and run[k + 1].kind != "initial" and run[k].end == run[k + 1].start
            for k in range(len(run) - 1)
        )
        cue = cue or before.endswith(("H.E.", ":", "#"))  # "#Tolegen Muratbek": a post's tag names a person
        cue = cue or bool(run and name_rules()["titles_after"].match(text, run[-1].end))  # "X Y, MEP"
        name = _read_run(run, cue)
        if name and name.given and has_cyrillic(name.given):
            parts = (name.given, name.surname, name.patronymic)
            name.given, name.surname, name.patronymic = (
                masculine_nominative(*parts) if _his_genitive(name, words) else nominative(*parts)
            )
        elif name and name.initials and name.surname and has_cyrillic(name.surname):
            name.surname = surname_lemma(name.surname)  # "Асылову Б. Н."
        if (
            name
            and name.start not in covered
            and name.end - 1 not in covered
            and not _names_a_place(text, name.end)
        ):
            names.append(name)
        i = j
    return names


_PLACE_HEAD = re.compile(r"[ \u00a0]+(?P<head>[\w.]+)")
_WORD_THEN_PLACE_HEAD = re.compile(r"[ \u00a0]+[^\W\d_][\w'’-]*[ \u00a0]+(?P<head>[\w.]+)")


def _names_a_place(text: str, end: int, words_before: int = 0) -> bool:
    """Whether the name is a street's or a square's, named after someone ("Abylai Khan Avenue");
    with `words_before` 1, whether one more word and such a head follow ("... Mangilik Yel st.")."""
    m = (_WORD_THEN_PLACE_HEAD if words_before else _PLACE_HEAD).match(text, end)
    return bool(m) and m.group("head").lower() in name_rules()["place_heads"]


_FEMININE_FORM = re.compile(r"(?:ова|ева|ёва|ина|ына)$")


def _his_genitive(name: Name, words: set[str]) -> bool:
    """Whether "Виталия Ершова", a woman's name in the nominative or a man's in the genitive, is the man's:
    the text names him elsewhere by the masculine surname alone ("Ершов").
    """
    given, surname = name.given or "", name.surname or ""
    return (
        bool(_FEMININE_FORM.search(surname))
        and given.endswith(("а", "я"))
        and surname[:-1] in words
        and not _is_given_female(given)
    )


def _is_given_female(word: str) -> bool:
    """A listed woman's given name as written ("Анна"), not a man's in an oblique case."""
    return gender_of(word) == "f"


def _read_run(run: list[Tok], cue: bool) -> Name | None:
    """Interpret a run of capitalised words as a person name, or None."""
    link = next((k for k, t in enumerate(run) if t.word.lower() in name_rules()["patronymic_links"]), None)
    if link == 2 and len(run) == 4:  # "Elchin Ramiz oglu Aliyev": given, father's name + link, surname
        return Name(run[0].start, run[-1].end, run[0].word, run[3].word, f"{run[1].word} {run[2].word}")
    if link is not None:
        return None
    cut = next((k for k, t in enumerate(run) if k and t.word.lower() in PARTICLES), None)
    if cut is not None:  # "Róża THUN UND HOHENSTEIN": the particle and what follows end the surname
        name = _read_run(run[:cut], cue)
        if name:
            name.extra = [t.word for t in run[cut:]]
            name.end = run[-1].end
        return name
    if len(run) < 2:
        return None
    if len(run) > 4:
        return None
    caps = [t for t in run if t.kind == "caps"]
    initials = [t for t in run if t.kind == "initial"]
    words = [t for t in run if t.kind != "initial"]
    if not words:
        return None
    givens = [t for t in words if _is_given(t.word)]
    surnames = [t for t in words if _is_surname(t)]
    if initials:
        if len(words) == 2 and run[0] is words[0] and _is_given(words[0].word) and run[-1] is words[1]:
            # "Kanybek S. Osmonov": given name, initial of the patronymic, surname
            middle = " ".join(t.text for t in initials)
            return Name(run[0].start, run[-1].end, words[0].word, words[1].word, middle)
        if len(words) != 1:
            return None
        w = words[0]
        if not (w.kind == "caps" or _is_surname(w) or cue):
            return None
        return Name(run[0].start, run[-1].end, None, w.word, initials=[t.text for t in initials])
    # a title or role before the words ("Ms. Helena Voss", "Judge Aliaksandr Sakalou") vouches for them
    strong = bool(caps) and len(caps) < len(run) or bool(givens and surnames) or cue
    if not strong and not (givens or surnames):
        return None
    if not strong and len(caps) == len(run):
        return None  # "BEKIZHAN MENDYGAZIYEV" in a shouting headline is rare; acronyms are common
    # order: SURNAME Given [Patronymic] when the caps word or the surname-shaped word comes first
    first, rest = words[0], words[1:]
    patronymic = next((t.word for t in rest if _is_patronymic(t.word) and t is not rest[0]), None)
    if caps and len(caps) == 1 and first.kind == "caps" and len(words) >= 2:
        surname, given = first.word, rest[0].word
        patronymic = rest[1].word if len(rest) > 1 else None
        return Name(run[0].start, run[-1].end, given, surname, patronymic)
    if caps and first.kind == "title":
        given = first.word
        tail = [t.word for t in rest]
        if len(tail) >= 2 and rest[0].kind == "title" and _is_patronymic(rest[0].word):
            return Name(run[0].start, run[-1].end, given, tail[-1], rest[0].word)
        return Name(run[0].start, run[-1].end, given, tail[0], extra=tail[1:])
    # all title case
    if len(words) == 3 and _is_patronymic(words[2].word) and _surname_first(words[0], words[1]):
        return Name(run[0].start, run[-1].end, words[1].word, words[0].word, words[2].word)
    if len(words) == 3 and _is_patronymic(words[1].word):
        return Name(run[0].start, run[-1].end, words[0].word, words[2].word, words[1].word)
    if len(words) == 2:
        a, b = words
        if _is_surname(a) and _is_given(b.word) and not _is_given(a.word):
            return Name(run[0].start, run[-1].end, b.word, a.word)
        return Name(run[0].start, run[-1].end, a.word, b.word)
    if len(words) == 3 and _is_given(words[0].word):
        return Name(run[0].start, run[-1].end, words[0].word, words[2].word, words[1].word)
    return None


def _surname_first(first: Tok, second: Tok) -> bool:
    """Whether "First Second Patronymic" starts with the surname ("Абдиева Гаухар Маратовна")."""
    return not _is_given(first.word) or (_is_surname(first) and _is_given(second.word))


@dataclass
class Person:
    names: list[Name]
    surfaces: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def given_key(self) -> str:
        best = self.best
        return fold(best.given) if best.given else ""

    @property
    def surname_key(self) -> str:
        return fold(self.best.surname or "")

    @property
    def best(self) -> Name:
        return max(
            self.names,
            key=lambda n: (bool(n.given), bool(n.patronymic), len(n.extra), not n.initials),
        )


def _alike(a: str, b: str) -> bool:
    """One word in two spellings of one report ("ZHEKSEBAYEV" / "Zheksebaev"): the same phonetic key."""
    return fold(a) == fold(b) or skeleton(a) == skeleton(b)


def _same(a: Name, b: Name) -> bool:
    if _polite(a, b) or _polite(b, a):
        return True
    if (
        a.given
        and a.surname
        and b.given
        and b.surname
        and _alike(a.given, b.surname)
        and _alike(a.surname, b.given)
    ):
        return True  # "Askar KAIYRBEK" and "Kaiyrbek Askar": one name written in both orders
    if not _alike(a.surname or "", b.surname or "") and not (
        (not a.given or not b.given) and _same_lemma(a.surname or "", b.surname or "")
    ):
        return False
    if a.given and b.given:
        if not _alike(a.given, b.given):
            return False
        return not (a.patronymic and b.patronymic and fold(a.patronymic) != fold(b.patronymic))
    ga = a.given or (a.initials[0] if a.initials else "")
    gb = b.given or (b.initials[0] if b.initials else "")
    return ga[:1].lower() == gb[:1].lower()


def _same_lemma(a: str, b: str) -> bool:
    """Two Cyrillic forms of one surname ("Н.Сапарова" of "Нурлан Сапаров": an initial leaves the case
    and the gender open)."""
    return has_cyrillic(a) and has_cyrillic(b) and bool(set(map(fold, lemmas(a))) & set(map(fold, lemmas(b))))


def _polite(a: Name, b: Name) -> bool:
    """`a` is "Given Patronymic", read as given and surname, of `b`'s full name ("Irina Vladimirovna" of
    "Irina Vladimirovna Zuyeva")."""
    return bool(
        a.given
        and a.surname
        and not a.patronymic
        and b.given
        and b.patronymic
        and fold(a.given) == fold(b.given)
        and fold(a.surname) == fold(b.patronymic)
    )


def group_names(names: list[Name], text: str) -> list[Person]:
    """Each name joins the first person with a name it is the same as (_same), else starts a person."""
    persons: list[Person] = []
    # only persons sharing one of a name's keys can hold a name it is the same as; and of each person's names
    # only one per spelling needs asking, so a report naming many people many times is not quadratic
    by_key: dict[tuple[str, ...], set[int]] = {}
    spellings: list[dict[tuple[object, ...], Name]] = []
    for name in names:
        candidates = sorted({i for key in _keys(name, asked=True) for i in by_key.get(key, ())})
        k = next((i for i in candidates if any(_same(name, other) for other in spellings[i].values())), None)
        if k is None:
            k = len(persons)
            persons.append(Person([name]))
            spellings.append({})
        else:
            persons[k].names.append(name)
        spellings[k].setdefault((name.given, name.surname, name.patronymic, tuple(name.initials)), name)
        for key in _keys(name, asked=False):
            by_key.setdefault(key, set()).add(k)
        person = persons[k]
        person.mentions.append((name.start, name.end))
        surface = text[name.start : name.end]
        if surface not in person.surfaces:
            person.surfaces.append(surface)
    return persons


def _keys(name: Name, asked: bool) -> list[tuple[str, ...]]:
    """The keys under which a name is filed (asked=False) or looked for (asked=True): any two names _same
    calls the same share one (a surname, by spelling or by phonetic key as _alike compares them; "Given
    Patronymic" read as given and surname, and the full name)."""
    surname = name.surname or ""
    keys = [("surname", fold(surname)), ("surname sound", skeleton(surname))]
    if has_cyrillic(surname):  # "Н.Сапарова" of "Нурлан Сапаров": one surname in two cases (_same_lemma)
        keys += [("surname lemma", fold(lemma)) for lemma in lemmas(surname)]
    if asked and name.given:  # "Kaiyrbek Askar" of "Askar KAIYRBEK": one name in both orders
        keys += [("surname", fold(name.given)), ("surname sound", skeleton(name.given))]
    polite = name.given and name.surname and not name.patronymic
    full = name.given and name.patronymic
    if polite:
        keys.append(("full" if asked else "polite", fold(name.given or ""), fold(name.surname or "")))
    if full:
        keys.append(("polite" if asked else "full", fold(name.given or ""), fold(name.patronymic or "")))
    return keys


def _attach_single(
    persons: list[Person], toks: list[Tok], text: str, taken: list[tuple[int, int]]
) -> list[Name]:
    """Attach lone first names and surnames to the one person they can mean; return list-distributed names."""
    by_given: dict[str, list[Person]] = {}
    by_surname: dict[str, list[Person]] = {}
    for p in persons:
        if p.given_key:
            by_given.setdefault(p.given_key, []).append(p)
        if p.surname_key:
            by_surname.setdefault(p.surname_key, []).append(p)
    honorifics = name_rules()["honorifics"]
    distributed: list[Name] = []
    covered = Covered(taken)  # what this loop adds to `taken` is each token itself, never a later one
    for k, tok in enumerate(toks):
        if tok.kind not in ("title", "caps") or is_not_name(tok.word) or _acronym(tok):
            continue
        if tok.start in covered:
            continue
        keys = {fold(w) for w in lemmas(tok.word)} if has_cyrillic(tok.word) else {fold(tok.word)}
        given_matches = _union(by_given, keys)
        surname_matches = _union(by_surname, keys)
        prev_word = toks[k - 1].word.lower() if k else ""
        after_honorific = prev_word in honorifics
        if len(given_matches) == 1 and not surname_matches:
            target = given_matches[0]
        elif (
            len(surname_matches) == 1
            and not given_matches
            and (after_honorific or tok.kind == "caps" or _is_surname(tok))
        ):
            target = surname_matches[0]
        elif len(surname_matches) > 1 and not given_matches and not _names_the_family(text, tok):
            target = _protagonist(surname_matches, tok)
            if target is None:
                continue
        else:
            target = None
            if is_given_name(tok.word) and not given_matches:
                dist = _shared_surname(tok, toks, k, text)
                if dist:
                    distributed.append(dist)
            continue
        target.mentions.append((tok.start, tok.end))
        taken.append((tok.start, tok.end))
    return distributed


def _union(index: dict[str, list[Person]], keys: set[str]) -> list[Person]:
    """The persons filed under any of `keys`, each once."""
    out: list[Person] = []
    for key in sorted(keys):
        out.extend(p for p in index.get(key, []) if all(p is not q for q in out))
    return out


#: how far into a report its protagonist is introduced (the headline and first lines)
LEAD = 200


def _protagonist(namesakes: list[Person], tok: Tok) -> Person | None:
    """Whom a surname shared by several persons means: the one introduced first, if that is clear.

    Clear when the surname stands before any other namesake is introduced, or when only the first
    was introduced in the report's lead ("Andrei Kavalenka ... his wife, Volha Kavalenka ...").
    """
    firsts = sorted((min(p.mentions)[0], n) for n, p in enumerate(namesakes))
    (first_at, first), (second_at, _) = firsts[0], firsts[1]
    if first_at < tok.start < second_at or (first_at < LEAD <= second_at and first_at < tok.start):
        return namesakes[first]
    return None


_FAMILY = re.compile(
    r"^(?:[’']s?)?\s+(?:family|families|brothers|sisters|relatives|couple|семь\w+|брать\w+)", re.I
)


def _names_the_family(text: str, tok: Tok) -> bool:
    """Whether a surname alone stands for the family ("the Mendygazyev family", "the Kavalenkas")."""
    after = text[tok.end : tok.end + 20]
    return bool(_FAMILY.match(after)) or after.startswith("s ")


_WORD = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі’'-]+"
_LIST = re.compile(
    rf"(?:{_WORD}(?:\s*,\s*(?:and\s+|и\s+)?|\s+(?:and|и)\s+))+({_WORD})\s+([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w’'-]+)"
)


def _shared_surname(tok: Tok, toks: list[Tok], k: int, text: str) -> Name | None:
    """'Erik, Kalyk, Abay and Arman Mendygazyev': a lone given name in a list takes the surname ending it."""
    m = _LIST.match(text, tok.start)
    if not m:
        return None
    listed = re.findall(_WORD, text[tok.start : m.start(2)])
    if not all(is_given_name(w) for w in listed):
        return None
    surname = Tok(m.start(2), m.end(2), _POSSESSIVE.sub("", m.group(2)), _kind(m.group(2)))
    if not (surname.kind == "caps" or _is_surname(surname)):
        return None
    return Name(tok.start, tok.end, tok.word, surname.word)


def _after_honorific(
    persons: list[Person], toks: list[Tok], text: str, taken: list[tuple[int, int]]
) -> list[Name]:
    """A surname alone after Mr/Ms/Dr ("Dear Ms Nurbekova"), or shaped like one after an official's
    title ("Judge KASYMBEKOV"), that is nobody's yet: known by surname."""
    honorifics, titles = name_rules()["honorifics"], name_rules()["titles_before"]
    known = {p.surname_key for p in persons} | {p.given_key for p in persons}
    out: list[Name] = []
    covered = Covered(taken)
    for k, tok in enumerate(toks[1:], 1):
        prev = toks[k - 1]
        if text[prev.end : tok.start].strip(". ") != "":
            continue
        titled = prev.word.lower() in titles and (tok.kind == "caps" or _is_surname(tok))
        if prev.word.lower() not in honorifics and not titled:
            continue
        if (
            tok.kind not in ("title", "caps")
            or is_not_name(tok.word)
            or _acronym(tok)
            or is_given_name(tok.word)
        ):
            continue
        if fold(tok.word) in known or tok.start in covered:
            continue
        out.append(Name(tok.start, tok.end, None, tok.word))
    return out


_AGE_AFTER = re.compile(r",\s*\d{1,2}\b")


@cache
def _kin_words() -> re.Pattern[str]:
    words = [w for group in load("roles")["kinship"].values() for w in group]
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt}),?\s+$", re.I)


def _after_kinship(
    persons: list[Person], toks: list[Tok], text: str, taken: list[tuple[int, int]]
) -> list[Name]:
    """A first name alone after a kinship word ("his son Alisher", "wife, Gaukhar,") that is nobody's yet."""
    known = {p.given_key for p in persons}
    out: list[Name] = []
    covered = Covered(taken)
    for k, tok in enumerate(toks[1:], 1):
        if tok.kind != "title" or is_not_name(tok.word):
            continue
        if _is_surname(tok) and not _AGE_AFTER.match(text, tok.end):
            continue  # "his son Aidyn, 16,": a first name, though shaped like a surname
        forms = lemmas(tok.word) if has_cyrillic(tok.word) else (tok.word,)
        if any(fold(w) in known for w in forms) or tok.start in covered:
            continue
        if not _kin_words().search(text[max(0, tok.start - 30) : tok.start]):
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt and nxt.kind in ("title", "caps") and _NAME_GAP.fullmatch(text[tok.end : nxt.start]):
            continue  # the start of a longer name, found elsewhere
        out.append(Name(tok.start, tok.end, lemma(tok.word) if has_cyrillic(tok.word) else tok.word, None))
    return out


#: words in guillemets or quotes are a title, a party or a slogan («Жаңа Жол», "Abay Kunanbayev Street")
_QUOTED_TITLE = re.compile(r"[«„“\"]([^«»„“”\"\n]{3,60})[»“”\"]")


def _name_of(p: Person) -> str:
    return p.best.display()


@component("persons", requires=("text", "organizations", "locations"), assigns=("persons",))
def persons(analysis: Analysis) -> None:
    """Person entries with every mention of each."""
    text = analysis.text
    toks = tokenize(text)
    blocked = [m for ent in analysis.organizations + analysis.locations for m in ent.mentions]
    blocked += [m.span(1) for m in _QUOTED_TITLE.finditer(text)]
    names = find_names(text, toks, blocked)
    people = group_names(names, text)
    taken = [(n.start, n.end) for n in names] + blocked
    extra = _attach_single(people, toks, text, taken)
    if extra:
        people = group_names(names + extra, text)
        taken = [(n.start, n.end) for n in names + extra] + blocked
        _attach_single(people, toks, text, taken)
    lone = _after_honorific(people, toks, text, taken) + _after_kinship(people, toks, text, taken)
    if lone:
        names = names + extra + lone
        people = group_names(names, text)
        taken = [(n.start, n.end) for n in names] + blocked
        _attach_single(people, toks, text, taken)
    people.sort(key=lambda p: min(p.mentions))
    analysis.persons = []
    for idx, p in enumerate(people, 1):
        name = _name_of(p)
        multi = [s for s in p.surfaces if len(s.split()) > 1]
        aliases = [
            s for s in (multi or p.surfaces) if s != name
        ]  # one-word spellings only when no fuller one
        analysis.persons.append(
            Entity(id=f"P{idx}", name=name, aliases=aliases, mentions=sorted(set(p.mentions)))
        )
