"""The person-name value type: latinize, parse, display, blocking keys and comparison.

It sits below `extract/` and `resolve/` (like `casewatch.translit`), so that the extractor, which
groups one report's spellings of a person, and the linker, which joins persons across reports,
read a name the same way. Its tables are in casewatch/data/names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz.distance import Levenshtein

from casewatch.translit import latinize

DATA_DIR = Path(__file__).resolve().parent / "data" / "names"

#: How well two given names agree, as a factor of the name score.
GIVEN_FACTOR = {"same": 1.0, "dim": 0.85, "partial": 0.78, "typo": 0.75}

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
_HE = re.compile(r"\bH\.\s?E\.", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@cache
def load_table(name: str) -> Any:
    """One YAML file of casewatch/data/names, parsed once."""
    return yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


@dataclass
class _Tables:
    fold: dict[str, str]
    rewrite: re.Pattern[str]
    rewrite_map: dict[str, str]
    skel_letters: dict[str, str]
    skel_vowels: frozenset[str]
    honorifics: frozenset[str]
    patronymic_suffixes: tuple[tuple[str, str], ...]
    patronymic_words: dict[str, str]
    surname_suffixes: tuple[tuple[str, str | None, str, int], ...]
    given_groups: dict[str, str]
    given_known: frozenset[str]
    diminutives: dict[str, frozenset[str]]
    variants: tuple[tuple[tuple[re.Pattern[str], str], ...], ...] = ()


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    tr, sk, af, gn = (load_table(n) for n in ("translit", "skeleton", "affixes", "given_names"))
    rewrite_map = {k: v for k, v in sk["rewrite"].items()}
    pattern = re.compile("|".join(sorted(map(re.escape, rewrite_map), key=len, reverse=True)))
    suffixes = sorted(
        (
            (s["ending"], s.get("gender"), s["stem"], int(s.get("min_stem", 3)))
            for s in af["surname_suffixes"]
        ),
        key=lambda s: len(s[0]),
        reverse=True,
    )
    pat = sorted(af["patronymic_suffixes"].items(), key=lambda kv: len(kv[0]), reverse=True)
    t = _Tables(
        fold=tr["fold"],
        rewrite=pattern,
        rewrite_map=rewrite_map,
        skel_letters=sk["letters"],
        skel_vowels=frozenset(sk["vowels"]),
        honorifics=frozenset(h.lower().rstrip(".") for h in af["honorifics"]),
        patronymic_suffixes=tuple(pat),
        patronymic_words=af["patronymic_words"],
        surname_suffixes=tuple(suffixes),
        given_groups={},
        given_known=frozenset(),
        diminutives={},
        variants=tuple(
            tuple((re.compile(pattern), repl) for pattern, repl in rules) for rules in sk["variants"].values()
        ),
    )
    groups: dict[str, str] = {}
    for group in gn["variants"]:
        canon = _skeleton_with(t, _fold_with(t, group[0]).lower())
        for variant in group:
            groups.setdefault(_skeleton_with(t, _fold_with(t, variant).lower()), canon)
    dims: dict[str, set[str]] = {}
    for group in gn["diminutives"]:
        keys = [groups.get(k, k) for k in (_skeleton_with(t, _fold_with(t, g).lower()) for g in group)]
        for k in keys:
            dims.setdefault(k, set()).update(x for x in keys if x != k)
    t.given_groups = groups
    listed = [n for sex in ("male", "female") for n in gn[sex]]
    listed_keys = {_skeleton_with(t, _fold_with(t, latinize(n)).lower()) for n in listed}
    t.given_known = frozenset(groups) | frozenset(listed_keys)
    t.diminutives = {k: frozenset(v) for k, v in dims.items()}
    return t


def _fold_with(t: _Tables, text: str) -> str:
    text = "".join(t.fold.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _skeleton_with(t: _Tables, word: str) -> str:
    word = t.rewrite.sub(lambda m: t.rewrite_map[m.group(0)], word)
    word = "".join(t.skel_letters.get(ch, ch) for ch in word if ch.isalpha() or ch in "- ")
    word = _collapse(word)
    out = []
    n = len(word)
    for i, ch in enumerate(word):
        if ch == "i" and i + 1 < n and word[i + 1] in t.skel_vowels:
            at_start = i == 0 or not word[i - 1].isalpha()
            if at_start or word[i - 1] in t.skel_vowels:
                continue
        out.append(ch)
    return _collapse("".join(out))


def _collapse(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """Latin text without diacritics ("Auštrevičius" -> "Austrevicius", "Əliyev" -> "Aliyev")."""
    return _fold_with(_tables(), text)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Phonetic key of one Latin name part; transliteration variants share it."""
    t = _tables()
    return _skeleton_with(t, _fold_with(t, latinize(word)).lower())


@dataclass(frozen=True)
class PersonName:
    """A parsed person name: Latin parts, phonetic keys and what the endings say."""

    given: str | None
    patronymic: str | None
    surname: str | None
    given_initial: str | None
    patronymic_initial: str | None
    gender: str | None
    given_key: str | None
    patronymic_key: str | None
    surname_key: str | None
    confident: bool  # False when the order of parts was guessed without any signal
    initials: tuple[str, ...] = ()
    #: surname keys as other spelling systems would write it (Tsikhanouski -> tikhanovsk)
    surname_variants: frozenset[str] = frozenset()

    @property
    def surname_keys(self) -> frozenset[str]:
        """The surname's key and its variants' keys."""
        return self.surname_variants | {self.surname_key} if self.surname_key else frozenset()

    @property
    def tokens(self) -> int:
        """How many name parts are known in full."""
        return sum(1 for p in (self.given, self.patronymic, self.surname) if p)


def _surname_suffix(word: str) -> tuple[str | None, str] | None:
    """Gender and gender-neutral stem of a surname, when its ending marks one."""
    full = ascii_fold(word).lower()
    low = full.rsplit("-", 1)[-1]
    head = full[: len(full) - len(low)]
    for ending, gender, stem, min_stem in _tables().surname_suffixes:
        if low.endswith(ending) and len(low) - len(ending) >= min_stem:
            return gender, head + low[: len(low) - len(ending)] + stem
    return None


def _patronymic_gender(word: str) -> str | None | bool:
    low = ascii_fold(word).lower()
    for suffix, gender in _tables().patronymic_suffixes:
        if low.endswith(suffix) and len(low) - len(suffix) >= (4 if suffix == "ich" else 3):
            return gender
    return False


def _is_given(word: str) -> bool:
    return skeleton(word) in _tables().given_known


def _given_key(given: str) -> str:
    groups = _tables().given_groups
    key = skeleton(given)
    return groups.get(key, key)


def _surname_key(surname: str) -> tuple[str, str | None]:
    words = surname.split()
    found = _surname_suffix(words[-1])
    if found:
        words[-1] = found[1]
        return skeleton(" ".join(words)), found[0]
    return skeleton(surname), None


@lru_cache(maxsize=65536)
def _surname_variants(surname: str) -> frozenset[str]:
    """Keys of the surname as other spelling systems write it (see `variants` in skeleton.yaml)."""
    low = surname.lower()
    keys = set()
    for rules in _tables().variants:
        spelled = low
        for pattern, repl in rules:
            spelled = pattern.sub(repl, spelled)
        if spelled != low:
            keys.add(_surname_key(spelled)[0])
    return frozenset(keys)


def _tokenize(name: str) -> list[str]:
    text = _HE.sub(" ", _BRACKETS.sub(" ", ascii_fold(latinize(name))))
    tokens = _TOKEN.findall(text)
    honor = _tables().honorifics
    while tokens and tokens[0].lower().rstrip(".") in honor:
        tokens.pop(0)
    while tokens and tokens[-1].lower().rstrip(".") in honor:
        tokens.pop()
    return tokens


def _cap(word: str) -> str:
    if word.isupper() or word.islower():
        return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[0].upper() + m.group(0)[1:].lower(), word)
    return word


@lru_cache(maxsize=65536)
def parse_name(name: str) -> PersonName:
    """Split a name into given name, patronymic and surname, in any order or script."""
    t = _tables()
    tokens = _tokenize(name)
    initials = [tok for tok in tokens if len(tok.rstrip(".")) == 1 or (tok.endswith(".") and len(tok) <= 3)]
    words = [tok.rstrip(".") for tok in tokens if tok not in initials]
    patronymic: str | None = None
    gender: str | None = None
    for i, w in enumerate(words):
        pw = t.patronymic_words.get(w.lower())
        if pw and i > 0:
            patronymic = f"{words[i - 1]} {w}"
            gender = pw
            words = words[: i - 1] + words[i + 1 :]
            break
    pat_index = None
    if patronymic is None and len(words) >= 3:
        for i, w in enumerate(words):
            g = _patronymic_gender(w)
            if g is not False:
                patronymic, gender, pat_index = w, g, i
                words = words[:i] + words[i + 1 :]
                break
    surname_words: list[str] = []
    confident = True
    caps = [w for w in words if w.isupper() and len(w) > 1]
    if caps and len(caps) < len(words):
        surname_words = caps
    elif pat_index is not None and len(words) == 2:
        surname_words = [words[0]] if pat_index == 2 else [words[1]]
    elif len(words) == 1:
        w = words[0]
        if (_surname_suffix(w) and not _is_given(w)) or initials or (w.isupper() and len(w) > 2):
            surname_words = [w]
        else:
            confident = False
    elif len(words) >= 2:
        suffixed = [w for w in words if _surname_suffix(w) and not _is_given(w)]
        if len(suffixed) == 1 and (
            len(words) == 2 or suffixed[0] == words[0] or all(_is_given(w) for w in words[:-1])
        ):
            surname_words = suffixed
        elif len(words) == 2 and _is_given(words[1]) and not _is_given(words[0]):
            surname_words = [words[0]]
        else:
            surname_words = words[1:]
            confident = _is_given(words[0]) and not any(_is_given(w) for w in words[1:])
    given_words = [w for w in words if w not in surname_words]
    if patronymic and pat_index is None and not surname_words:
        surname_words, patronymic = patronymic.split(), None  # Kyrgyz "Tazhibek kyzy" stands for a surname
        confident = True
    given = " ".join(_cap(w) for w in given_words) or None
    surname = " ".join(_cap(w) for w in surname_words) or None
    letters = [i.rstrip(".") for i in initials]
    given_initial = patronymic_initial = None
    if given:
        given_initial = skeleton(given)[:1] or None
        if letters:
            patronymic_initial = skeleton(letters[0])[:1] or None
    elif letters:
        given_initial = skeleton(letters[0])[:1] or None
        if len(letters) > 1:
            patronymic_initial = skeleton(letters[1])[:1] or None
    if patronymic:
        patronymic = " ".join(_cap(w) for w in patronymic.split())
        patronymic_initial = skeleton(patronymic)[:1]
    surname_key = None
    if surname:
        surname_key, sgender = _surname_key(surname)
        gender = gender or sgender
    return PersonName(
        given=given,
        patronymic=patronymic,
        surname=surname,
        given_initial=given_initial,
        patronymic_initial=patronymic_initial,
        gender=gender,
        given_key=_given_key(given) if given else None,
        patronymic_key=skeleton(patronymic.split()[0]) if patronymic else None,
        surname_key=surname_key,
        confident=confident,
        initials=tuple(letters),
        surname_variants=_surname_variants(surname) if surname else frozenset(),
    )


@lru_cache(maxsize=65536)
def display_name(name: str) -> str:
    """Natural-order Latin title-case form: "PAZYLOV Bolat Seitovich" -> "Bolat Seitovich Pazylov"."""
    p = parse_name(name)
    parts: list[str] = []
    if p.given:
        parts.append(p.given)
    if p.patronymic:
        parts.append(p.patronymic)
    if not p.given:
        parts.extend(f"{_cap(x)}." for x in p.initials)
    if p.surname:
        parts.append(p.surname)
    return " ".join(parts) if parts else " ".join(_tokenize(name))


def _consonants(key: str) -> str:
    return re.sub(r"[aeiou\s-]", "", key)


@lru_cache(maxsize=65536)
def name_keys(name: str) -> set[str]:
    """Blocking keys: two names that may match share at least one key."""
    p = parse_name(name)
    keys: set[str] = set()
    surnames = sorted(p.surname_keys)
    if p.given and (not p.confident or not p.surname):
        surnames.append(_surname_key(p.given)[0])
    for key in surnames:
        keys.add(f"s:{key}")
        keys.add(f"p:{key[:4]}")
        keys.add(f"c:{_consonants(key)}")
        if p.surname and p.given_initial:  # rank one member of a large family above the others
            keys.add(f"i:{key}|{p.given_initial}")
            if p.given_key:
                keys.add(f"n:{key}|{p.given_key}")
    if p.given_key:
        keys.add(f"g:{p.given_key}")
    if p.surname and not p.given and p.given_initial:
        keys.add(f"g:{p.given_initial}")
    return keys


@dataclass(frozen=True)
class NameMatch:
    """How two names agree: a 0..1 score and what it rests on."""

    score: float
    #: "full" (given and surname), "surname_near" (the same given name, a surname a consonant apart or
    #: without its Russian ending), "full_near" (a short form, a typo or part of the given name),
    #: "initial", "surname_only", "given_only" or "conflict"
    kind: str
    reason: str


_CONFLICT = NameMatch(0.0, "conflict", "")


def _compare_given(a: str, b: str) -> str:
    t = _tables()
    ka, kb = _given_key(a), _given_key(b)
    if ka == kb:
        return "same"
    if kb in t.diminutives.get(ka, ()):
        return "dim"
    wa, wb = set(re.split(r"[\s-]+", ka)), set(re.split(r"[\s-]+", kb))
    if len(wa) != len(wb) and (wa <= wb or wb <= wa):
        return "partial"
    if (
        min(len(ka), len(kb)) >= 5
        and Levenshtein.distance(ka, kb) == 1
        and not (ka in t.given_known and kb in t.given_known)
    ):
        return "typo"
    return "conflict"


#: how much a surname differing only in vowels (Bialiatski / Belyatskiy) counts as the same
VOWELS_ONLY = 0.9
#: how much a surname written without its Russian ending (Kyrgyz "Bekchoro" / "Bekchoroev") counts
WITHOUT_ENDING = 0.85
#: endings a Kyrgyz or Kazakh surname is also written without (on the phonetic key)
_DROPPED_ENDINGS = ("ev", "ov")


def _without_ending(ka: str, kb: str) -> bool:
    """One key is the other without a Russian surname ending ("bekcoro" / "bekcoroev")."""
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= 5 and any(long_ == short + e for e in _DROPPED_ENDINGS)


def _surname_factor(a: PersonName, b: PersonName) -> float:
    if a.gender and b.gender and a.gender != b.gender:
        return 0.0
    ka, kb = a.surname_key or "", b.surname_key or ""
    if ka == kb or a.surname_keys & b.surname_keys:
        return 1.0
    if _without_ending(ka, kb):
        return WITHOUT_ENDING
    if min(len(ka), len(kb)) < 6:
        return 0.0
    sim = Levenshtein.normalized_similarity(ka, kb)
    # Bialiatski / Belyatskiy, Kalesnikava / Kolesnikova; not Assanova / Yesenova (another first sound)
    vowels_only = ka[:1] == kb[:1] and _consonants(ka) == _consonants(kb)
    # vowels are what Russian and Belarusian spellings of one name differ in; the linker still
    # wants a shared fact before it links on such a match
    if sim < 0.85:
        return VOWELS_ONLY if vowels_only else 0.0
    return max(VOWELS_ONLY if vowels_only else 0.0, 0.75 + (sim - 0.85) / 0.15 * 0.2)


def _compare_parsed(a: PersonName, b: PersonName) -> NameMatch:
    if a.surname and b.surname:
        sf = _surname_factor(a, b)
        if sf == 0.0:
            return _CONFLICT
        # a consonant apart (Turgumbayev / Turgunbayev, Akhmetov / Akhmedov) is often another family
        near = sf < 1.0 and _consonants(a.surname_key or "") != _consonants(b.surname_key or "")
        close = "" if sf == 1.0 else " (close spelling)"
        if a.patronymic_key and b.patronymic_key and a.patronymic_key != b.patronymic_key:
            return NameMatch(0.0, "conflict", "patronymics differ")
        if a.patronymic_initial and b.patronymic_initial and a.patronymic_initial != b.patronymic_initial:
            return NameMatch(0.0, "conflict", "patronymic initials differ")
        both_pat = bool(a.patronymic_initial and b.patronymic_initial)
        if a.given and b.given:
            state = _compare_given(a.given, b.given)
            if state == "conflict":
                return NameMatch(0.0, "conflict", "given names differ")
            bonus = 0.04 if both_pat else 0.0
            kind = "full_near" if state != "same" else "surname_near" if near else "full"
            return NameMatch(
                min(1.0, 0.95 * GIVEN_FACTOR[state] * sf + bonus),
                kind,
                f"{state} given name, surname{close}",
            )
        if a.given_initial and b.given_initial:
            if a.given_initial != b.given_initial:
                return NameMatch(0.0, "conflict", "given initials differ")
            score = (0.8 if both_pat else 0.72) * sf
            return NameMatch(score, "initial", f"initials agree, surname{close}")
        return NameMatch(0.55 * sf, "surname_only", f"surname only{close}")
    if a.given and b.given:
        if _compare_given(a.given, b.given) != "same":
            return _CONFLICT
        return NameMatch(0.4, "given_only", "given name only")
    return _CONFLICT


def _swap(p: PersonName) -> PersonName | None:
    """The same name read the other way round (given <-> surname), for unsignalled orders."""
    if p.confident and p.given and p.surname:
        return None
    if p.given and p.surname:
        sk, sg = _surname_key(p.given)
        return PersonName(
            p.surname,
            p.patronymic,
            p.given,
            skeleton(p.surname)[:1],
            p.patronymic_initial,
            p.gender or sg,
            _given_key(p.surname),
            p.patronymic_key,
            sk,
            False,
        )
    if p.given and not p.surname:
        sk, sg = _surname_key(p.given)
        return PersonName(None, p.patronymic, p.given, None, p.patronymic_initial, sg, None, None, sk, False)
    return None


@lru_cache(maxsize=262144)
def match_names(a: str, b: str) -> NameMatch:
    """Compare two names part by part, trying the other order when a name's order was guessed."""
    pa, pb = parse_name(a), parse_name(b)
    best = _compare_parsed(pa, pb)
    for x, y in ((_swap(pa), pb), (pa, _swap(pb))):
        if x is None or y is None:
            continue
        alt = _compare_parsed(x, y)
        if alt.score * 0.95 > best.score:
            best = NameMatch(alt.score * 0.95, alt.kind, alt.reason + ", order swapped")
    return best


def compare_names(a: str, b: str) -> float:
    """Similarity of two person names, 0..1; 0 when they cannot be the same person."""
    return match_names(a, b).score
