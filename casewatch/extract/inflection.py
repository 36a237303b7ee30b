"""Russian names back to the nominative ("Серика Ахметова" → "Серик Ахметов"), with pymorphy3."""

from __future__ import annotations

from functools import cache
from typing import Any

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
    for word, tag in ((given, "Name"), (surname, "Surn"), (patronymic, "Patr")):
        parses = _parses(word, tag) if word else []
        if parses and not any(p.tag.case == "nomn" for p in parses):
            gender, case = _agreeing(parses, ((surname, "Surn"), (patronymic, "Patr")))
            break
    if case is None:
        return given, surname, patronymic
    if (
        surname
        and _parses(surname, "Surn")
        and not any(p.tag.case == case and p.tag.gender in (gender, None) for p in _parses(surname, "Surn"))
    ):
        return given, surname, patronymic  # "Сауле Ибраева": the parts disagree, so keep them as written

    def inflect(word: str | None, tag: str) -> str | None:
        if not word:
            return word
        for p in _parses(word, tag):
            if p.tag.case == case and (
                p.tag.gender in (gender, None) or tag == "Surn" and "ms-f" in p.tag.grammemes
            ):
                form = p.inflect({"nomn"})
                if form:
                    return _restore_case(word, form.word)
        return word

    return inflect(given, "Name"), inflect(surname, "Surn"), inflect(patronymic, "Patr")


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
