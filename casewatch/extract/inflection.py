"""Russian names back to the nominative ("Серика Ахметова" → "Серик Ахметов"), with pymorphy3."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from casewatch.extract.lexicon import fold, given_names_by_gender

NAME_TAGS = ("Name", "Surn", "Patr")


@cache
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def _all_parses(word: str) -> tuple[Any, ...]:
    return tuple(_analyzer().parse(word))


def _parses(word: str, tag: str) -> list[Any]:
    """Singular parses of `word` as a given name, surname or patronymic (`tag`)."""
    return [p for p in _all_parses(word.lower()) if tag in p.tag.grammemes and "plur" not in p.tag.grammemes]


def _restore_case(original: str, word: str) -> str:
    if original.isupper():
        return word.upper()
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def nominative(
    given: str | None, surname: str | None, patronymic: str | None
) -> tuple[str | None, str | None, str | None]:
    """The three parts of a Cyrillic name in the nominative; gender and case are read from the given name."""
    gender = case = None
    listed = _listed_masculine(given) if given else None
    if listed:  # "Ерлана Нуралиева": a listed male name, not a woman's "Ерлана"
        stem, cases = listed
        for c in cases:
            if not surname or any(
                p.tag.case == c and p.tag.gender == "masc" for p in _surname_parses(surname)
            ):
                given, gender, case = stem, "masc", c
                break
    for word, tag in ((given, "Name"), (surname, "Surn"), (patronymic, "Patr")):
        if case is not None:
            break
        parses = _parses(word, tag) if word else []
        if tag != "Name":  # "Бермет Исакову": a listed woman's name reads "-ову" as her accusative
            parses = [p for p in parses if p.tag.gender == _listed_gender(given)] or parses
        if parses and not any(p.tag.case == "nomn" for p in parses):
            others = ((surname, "Surn"), (patronymic, "Patr"))
            gender, case = _agreeing(parses, others if tag == "Name" else ((given, "Name"), *others))
            break
    surname_cases = _parses(surname, "Surn") if surname else []
    if surname_cases and (
        case is None or not any(p.tag.case == case and p.tag.gender in (gender, None) for p in surname_cases)
    ):
        if any(p.tag.case == "nomn" for p in surname_cases):
            return given, surname, patronymic  # "Сауле Ибраева": the parts disagree, so keep them as written
        fitting = [p for p in surname_cases if p.tag.gender == _listed_gender(given)] or surname_cases
        gender, case = fitting[0].tag.gender, fitting[0].tag.case  # "Сауле Омаровой", "Айгерим Касымову"
    if case is None:
        return given, surname, patronymic

    def inflect(word: str | None, tag: str) -> str | None:
        if not word:
            return word
        for p in _surname_parses(word) if tag == "Surn" else _parses(word, tag):
            if p.tag.case == case and (
                p.tag.gender in (gender, None) or tag == "Surn" and "ms-f" in p.tag.grammemes
            ):
                form = p.inflect({"nomn"})
                if form:
                    return _restore_case(word, form.word)
        return word

    return inflect(given, "Name"), inflect(surname, "Surn"), inflect(patronymic, "Patr")


def _surname_parses(word: str) -> list[Any]:
    """Parses of a surname; one pymorphy3 reads as a patronymic only ("Зубовича") counts too."""
    return _parses(word, "Surn") or _parses(word, "Patr")


_MASCULINE_ENDINGS = (
    ("ом", ("ablt",)),
    ("ем", ("ablt",)),
    ("а", ("gent", "accs")),
    ("у", ("datv",)),
    ("е", ("loct",)),
)


def _listed_masculine(word: str) -> tuple[str, tuple[str, ...]] | None:
    """A listed male given name pymorphy3 does not know, in an oblique case: ("Ерлан", cases) for "Ерлана"."""
    if fold(word) in _names("female") or fold(word) in _names("male"):
        return None
    for ending, cases in _MASCULINE_ENDINGS:
        stem = word[: -len(ending)]
        if word.lower().endswith(ending) and len(stem) >= 3 and fold(stem) in _names("male"):
            return stem, cases
    return None


def _listed_gender(given: str | None) -> str | None:
    """pymorphy3's gender grammeme for a given name listed for one gender only."""
    if not given:
        return None
    male, female = fold(given) in _names("male"), fold(given) in _names("female")
    return None if male == female else "masc" if male else "femn"


@cache
def _names(gender: str) -> frozenset[str]:
    """Folded given names of the lexicon's `gender` list ("male" or "female")."""
    return frozenset(fold(n) for n in given_names_by_gender()[gender])


def surname_lemma(word: str) -> str:
    """A Cyrillic surname alone, in the nominative when no reading of it is one ("Сеитову" → "Сеитов")."""
    parses = _surname_parses(word)
    if not parses or any(p.tag.case == "nomn" for p in parses):
        return word
    form = parses[0].inflect({"nomn"})
    return _restore_case(word, form.word) if form else word


def _agreeing(parses: list[Any], others: tuple[tuple[str | None, str], ...]) -> tuple[Any, Any]:
    """Gender and case of the first parse the other parts of the name can share ("Марину Сергеевну":
    feminine accusative, not the masculine dative of Марин)."""
    for p in parses:
        if all(
            not word
            or not _parses(word, tag)
            or any(
                o.tag.case == p.tag.case and o.tag.gender in (p.tag.gender, None) for o in _parses(word, tag)
            )
            for word, tag in others
        ):
            return p.tag.gender, p.tag.case
    return parses[0].tag.gender, parses[0].tag.case


def lemma(word: str) -> str:
    """A Cyrillic given name or surname alone, in the nominative ("Татьяну" → "Татьяна")."""
    for tag in ("Name", "Surn"):
        for p in _parses(word, tag):
            form = p.inflect({"nomn"})
            if form:
                return _restore_case(word, form.word)
    return word


def lemmas(word: str) -> tuple[str, ...]:
    """Every nominative a Cyrillic name word may stand for ("Зуеву" → "Зуев", "Зуева"), most likely first."""
    forms = [word]
    for tag in ("Name", "Surn"):
        for p in _parses(word, tag):
            form = p.inflect({"nomn"})
            if form:
                forms.append(_restore_case(word, form.word))
    return tuple(dict.fromkeys(forms[1:] or forms))


def is_name_part(word: str, tag: str) -> bool:
    """Whether pymorphy3 knows the Cyrillic `word` as a given name, surname or patronymic (`tag`)."""
    return bool(_parses(word, tag))


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _head_parse(word: str, pos: tuple[str, ...]) -> Any | None:
    """The nominative parse of a lower-case Cyrillic word as one of the parts of speech `pos`, if any."""
    for p in _all_parses(word):
        if p.tag.case == "nomn" and p.tag.POS in pos:
            return p
    return None


@cache
def phrase_forms(phrase: str) -> tuple[str, ...]:
    """Every case and number of a Russian noun phrase ("старший следователь" → "старшего следователя",
    "старшим следователем" ...): the words up to the first noun agree, a genitive complement stays."""
    words = phrase.split()
    heads: list[Any] = []
    for w in words:
        p = _head_parse(w, ("ADJF", "PRTF")) or _head_parse(w, ("NOUN",)) if w.islower() else None
        if p is None:
            break
        heads.append(p)
        if p.tag.POS == "NOUN":
            break
    if not heads or heads[-1].tag.POS != "NOUN":
        return (phrase,)
    out = {phrase}
    for number in ("sing", "plur"):
        for case in _CASES:
            forms = [p.inflect({case, number}) for p in heads]
            if all(forms):
                out.add(" ".join([f.word for f in forms] + words[len(heads) :]))
    out |= {f.replace("ё", "е") for f in out}
    return tuple(sorted(out))


def is_genitive(word: str) -> bool:
    """Whether a lower-case Cyrillic word can be a noun or adjective in the genitive and is not a verb
    ("города", "районного", not "вынесла")."""
    parses = _all_parses(word)
    if not parses or parses[0].tag.POS in ("VERB", "INFN", "GRND", "PRTS", "ADVB"):
        return False
    return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO") for p in parses)


def is_verbal(word: str) -> bool:
    """Whether a lower-case Cyrillic word is most likely a verb, gerund or adverb ("пришли", "домой")."""
    parses = _all_parses(word)
    return bool(parses) and parses[0].tag.POS in ("VERB", "INFN", "GRND", "PRTS", "ADVB")


def word_gender(word: str) -> str | None:
    """Gender, "m" or "f", of a Cyrillic noun as pymorphy3 most likely reads it ("журналистки": "f")."""
    for p in _all_parses(word.lower()):
        if p.tag.POS in ("NOUN", "PRTF", "ADJF"):
            return {"masc": "m", "femn": "f"}.get(p.tag.gender)
    return None


def normal_form(word: str) -> str:
    """The most likely dictionary form of a Cyrillic word, lower case ("Свердловской" → "свердловский")."""
    parses = _all_parses(word.lower())
    return parses[0].normal_form if parses else word.lower()


def geo_forms(word: str) -> tuple[str, ...]:
    """The dictionary forms of a Cyrillic word read as a place name ("Уральске" → "уральск")."""
    return tuple(p.normal_form for p in _all_parses(word.lower()) if "Geox" in p.tag.grammemes)


def may_be_place(word: str) -> bool:
    """Whether a capitalised Cyrillic word may name a place: pymorphy3 reads it as one or does not know it
    (not "Кирилла", "Вчера", "Как")."""
    return bool(geo_forms(word)) or not _analyzer().word_is_known(word.lower())


def is_known_word(word: str) -> bool:
    """Whether pymorphy3's dictionary holds the Cyrillic word (as anything)."""
    return _analyzer().word_is_known(word.lower())


def _agreeing_case(noun: str, adjectives: list[str]) -> Any | None:
    """The parse of a noun whose case, number and gender the adjectives before it share, oblique first."""
    readings = [p for p in _all_parses(noun) if p.tag.POS == "NOUN" and p.tag.case in _CASES and p.tag.number]
    readings.sort(key=lambda p: p.tag.case == "nomn")  # an oblique reading the adjectives share comes first
    for noun_parse in readings:
        if all(_agreeing_adjective(adj, noun_parse) for adj in adjectives):
            return noun_parse
    return None


def _agreeing_adjective(adjective: str, noun: Any) -> Any | None:
    """The parse of `adjective` agreeing with the noun parse `noun`, if any."""
    tag = noun.tag
    return next(
        (
            a
            for a in _all_parses(adjective)
            if a.tag.POS in ("ADJF", "PRTF")
            and a.tag.case == tag.case
            and a.tag.number == tag.number
            and (tag.number == "plur" or a.tag.gender in (tag.gender, None))
        ),
        None,
    )


_ADJECTIVE_ENDING = re.compile(
    r"(?:ый|ий|ой|ого|его|ому|ему|ом|ем|ым|им|ая|яя|ую|юю|ое|ее|ые|ие|ых|их|ыми|ими)$"
)


@cache
def phrase_nominative(phrase: str) -> str:
    """A Russian name of a body in the nominative: the adjectives and the noun they agree with change,
    what follows stays ("Кобринском районном суде" → "Кобринский районный суд", "гимназии № 3" →
    "гимназия № 3", "отделении полиции Ясамальского района" → "отделение полиции Ясамальского района")."""
    words = phrase.split(" ")
    adjectives: list[str] = []
    for n, word in enumerate(words):
        low = word.lower()
        parses = _all_parses(low)
        if not parses or not low.isalpha() or (word.isupper() and len(word) > 1):
            return phrase  # an abbreviation ("СМУС") does not decline
        adjective = any(p.tag.POS in ("ADJF", "PRTF") for p in parses)
        if adjective and _ADJECTIVE_ENDING.search(low) and n + 1 < len(words):
            adjectives.append(low)  # "Лидском": a place's adjective, whatever else pymorphy3 guesses
            continue
        if any(p.tag.POS == "NOUN" for p in parses):
            noun = _agreeing_case(low, adjectives)
            if noun is None or noun.tag.case == "nomn":
                return phrase
            number = noun.tag.number
            forms = [_agreeing_adjective(a, noun) for a in adjectives] + [noun]
            new = [f.inflect({"nomn", number}) if f else None for f in forms]
            head = [
                (_restore_case(orig, form.word) if orig[:1].isupper() else form.word) if form else orig
                for orig, form in zip(words[: n + 1], new, strict=True)
            ]
            return " ".join(head + words[n + 1 :])
        if not adjective:
            return phrase
        adjectives.append(low)
    return phrase


def masculine_nominative(
    given: str | None, surname: str | None, patronymic: str | None
) -> tuple[str | None, str | None, str | None]:
    """The parts of a Cyrillic name read as a man's in the genitive or accusative ("Виталия Ершова" →
    "Виталий Ершов"), for a name that could also be a woman's in the nominative."""

    def one(word: str | None, tag: str) -> str | None:
        if not word:
            return word
        for p in _parses(word, tag):
            if p.tag.gender == "masc" and p.tag.case in ("gent", "accs"):
                form = p.inflect({"nomn"})
                if form:
                    return _restore_case(word, form.word)
        if word.endswith("я"):
            return word[:-1] + "й"
        return word[:-1] if word.endswith("а") else word

    return one(given, "Name"), one(surname, "Surn"), one(patronymic, "Patr")
