"""Triggers written as lemmas ("подозревать", "find guilty"): every inflected form, as one regular expression.

A lexicon lists a word once, by its dictionary form, and matches all its forms: a Russian word by the lexeme
pymorphy3 gives it (all tenses, persons, participles and cases; "е" and "ё" alike), an English word by its
regular endings (-s, -es, -ed, -ing, a doubled final consonant). A phrase of several lemmas matches them in
order with at most PHRASE_GAP words between ("признать ... виновным", "found the 36-year-old X guilty"); a
word written "=found" stands for itself only (an irregular form).
"""

from __future__ import annotations

import re
from functools import cache

from casewatch.extract.inflection import _analyzer
from casewatch.extract.lexicon import trie_pattern

#: words a lemma phrase may have between its words
PHRASE_GAP = 4
_CYRILLIC = re.compile(r"[а-яё]", re.I)
_VOWELS = "aeiou"


@cache
def russian_forms(lemma: str) -> tuple[str, ...]:
    """Every form of a Russian dictionary word, longest first; the word alone if unknown."""
    plain = lemma.replace("ё", "е")
    parses = [p for p in _analyzer().parse(lemma) if p.normal_form.replace("ё", "е") == plain]
    forms = {lemma}
    for parse in parses[:1]:
        forms.update(f.word for f in parse.lexeme)
    forms = {f.replace("ё", "е") for f in forms}  # a pattern reads "е" as "е" or "ё"
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def english_forms(word: str) -> tuple[str, ...]:
    """A word with its regular English endings: detain → detains, detained, detaining."""
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "ing"}
    if w.endswith("e"):
        forms |= {w + "d", w[:-1] + "ing"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in _VOWELS + "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # ban → banned, banning
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def word_pattern(word: str) -> str:
    """An alternation of the forms of one lemma word, whole words only; "=found" is that form alone."""
    if word.startswith("="):
        forms: tuple[str, ...] = (word[1:],)
    else:
        forms = russian_forms(word.lower()) if _CYRILLIC.search(word) else english_forms(word)
    # one trie of all forms: tried a character at a time, not form by form ("е" also reads "ё")
    trie = trie_pattern([f.replace("ё", "е") for f in dict.fromkeys(forms)])
    return r"(?:" + trie.replace("е", "[её]") + r")\b"


def lemma_pattern(phrase: str) -> str:
    """A regular expression for a lemma or a phrase of lemmas, for a lexicon's trigger alternation."""
    gap = rf"[\s,]+(?:[\w’'«»\"“”.-]+[\s,]+){{0,{PHRASE_GAP}}}?"
    return gap.join(word_pattern(w) for w in phrase.split())
