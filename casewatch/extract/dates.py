"""The "dates" component: date and time expressions, English, Russian and some Kazakh.

Patterns are compiled regexes built from the words in data/dates.yaml. Spans cover the
expression itself ("22 April 2021 at 15:40", "autumn 2019", "15 декабря 2020 г."), not the
preposition before it; the preposition is kept as `modifier` ("since", "until", ...).
A date without a year takes the year that puts it near the report date, else near the last
date told before it that does not start a lasting state ("since ..."), else before the end of a span
told after it ("until December 21, 2021") or near the first date after it; with no year
anywhere it is skipped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from functools import cache
from typing import Any

from casewatch.data import load_yaml
from casewatch.errors import CasewatchError
from casewatch.extract.analysis import Analysis, DateMention
from casewatch.extract.fastmatch import guarded_alternation
from casewatch.extract.pipeline import component

DATA_FILE = "dates.yaml"
LANGS = ("en", "ru", "kk")
KEYS = ("months", "year_qualifiers", "year_words", "prepositions", "count_words")
MODIFIERS = ("", "since", "from", "until", "before", "after", "by")
KK_LETTERS = "а-яёәғқңөұүһі"


def _fail(message: str) -> CasewatchError:
    return CasewatchError(message, f"casewatch/data/{DATA_FILE}")


def _check_keys(mapping: Any, allowed: tuple[str, ...], where: str) -> None:
    if not isinstance(mapping, dict):
        raise _fail(f"{where}: expected a mapping")
    unknown = sorted(str(k) for k in mapping if k not in allowed)
    if unknown:
        raise _fail(f"{where}: unknown key(s) {', '.join(unknown)}; expected {', '.join(allowed)}")


def validate_lexicon(data: Any) -> dict[str, Any]:
    """Check the shape of data/dates.yaml; raise CasewatchError naming the first problem."""
    _check_keys(data, KEYS, "top level")
    months = data.get("months") or {}
    if sorted(months) != list(range(1, 13)):
        raise _fail("months: expected the keys 1 to 12")
    for number, names in months.items():
        _check_keys(names, LANGS, f"months.{number}")
        if not names.get("en"):
            raise _fail(f"months.{number}: an English name is required")
    for section in ("year_qualifiers", "year_words", "count_words"):
        _check_keys(data.get(section) or {}, LANGS, section)
    for lang, words in (data.get("prepositions") or {}).items():
        _check_keys({lang: words}, LANGS, "prepositions")
        bad = sorted(str(v) for v in words.values() if (v or "") not in MODIFIERS)
        if bad:
            raise _fail(f"prepositions.{lang}: unknown modifier(s) {', '.join(bad)}")
    return data


@cache
def lexicon() -> dict[str, Any]:
    """The validated contents of data/dates.yaml."""
    return validate_lexicon(load_yaml(DATA_FILE))


def _cased(words: list[str]) -> list[str]:
    return [v for w in words for v in (w.lower(), w.capitalize(), w.upper())]


def _alt(words: list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return guarded_alternation([re.escape(w).replace(r"\ ", r"\s+") for w in ordered])


_Handler = Callable[[re.Match[str], re.Match[str] | None], "_Found | list[_Found] | None"]


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    handler: _Handler
    #: characters that may not come right before a match (letters and digits never may)
    before: str
    #: what must or may come before a match, searched backwards from it
    prefix: re.Pattern[str] | None
    needs_prefix: bool


@dataclass(frozen=True)
class _Patterns:
    month_names: dict[str, int]
    kk_stems: tuple[tuple[str, int], ...]
    prepositions: dict[str, str]
    rules: tuple[_Rule, ...]


@dataclass
class _Found:
    start: int
    end: int
    year: int | None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None


@cache
def _patterns() -> _Patterns:
    lex = lexicon()
    month_names: dict[str, int] = {}
    en_words: list[str] = []
    ru_words: list[str] = []
    kk_stems: list[tuple[str, int]] = []
    for number, names in lex["months"].items():
        full, *abbrevs = names["en"]
        for word in names["en"]:
            month_names[word.lower()] = number
        en_words += [re.escape(full), re.escape(full.upper())]
        en_words += [re.escape(a) + r"\.?" for a in abbrevs] + [
            re.escape(a.upper()) + r"\.?" for a in abbrevs
        ]
        for word in names.get("ru", []):
            month_names[word.lower()] = number
            ru_words.append(word)
        kk_stems += [(w.lower(), number) for w in names.get("kk", [])]
    # one flat group per alternation, case variants spelt out: both let the regex engine skip ahead
    en_words.sort(key=len, reverse=True)
    ru = [re.escape(w) for w in sorted(set(_cased(ru_words)), key=len, reverse=True)]
    kk = [re.escape(w) + f"[{KK_LETTERS}]*" for w in sorted(set(_cased([s for s, _ in kk_stems])), key=len)]
    mon_en = rf"(?P<mon>{_by_first(en_words)})(?!\w)"
    mon_kk = rf"(?P<mon>{_by_first(kk)})(?!\w)"
    mon = rf"(?P<mon>{_by_first(en_words + ru + kk)})(?!\w)"
    mon_enru = rf"(?P<mon>{_by_first(en_words + ru)})(?!\w)"
    year = r"(?P<y>(?:19|20)\d\d)(?!\d|[.,:/]\d)"
    year_words = _alt(lex["year_words"].get("ru", []) + lex["year_words"].get("kk", []))
    yw = rf"(?:\s*(?i:{year_words})(?![{KK_LETTERS}]))?"
    day = r"(?P<d>\d\d?)(?:st|nd|rd|th|-?го)?"
    # the first day of a range: "5-7 May", "5 and 6 January", "с 5 по 7 мая", "May 5-7"
    range_from = r"(?P<d0>\d\d?)(?:st|nd|rd|th|-?го)?\s*(?:[-–—]|(?i:and|и|to|по|till|until)(?!\w))\s*"
    range_dash = r"(?:(?P<d0>\d\d?)\s*[-–—]\s*)?"
    preps = lex["prepositions"]
    preps_en = _alt(list(preps.get("en", {})))
    preps_ru = _alt(list(preps.get("ru", {})))
    quals_en = _alt(lex["year_qualifiers"].get("en", []))
    quals_ru = _alt(lex["year_qualifiers"].get("ru", []))
    counts = _alt(lex["count_words"].get("en", []) + lex["count_words"].get("ru", []))
    not_count = rf"(?!\s*%|\s+(?i:{counts})(?!\w))"
    ap = r"(?:\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm))(?!\w))"
    hour = r"(?P<H>\d\d?)"
    at_words = r"(?i:at|around|about|approximately|from|till|until|to|by|в|во|с|со|до|около|к)"

    # Patterns start with a literal or a digit so that the regex engine can skip ahead fast;
    # what must not come before a match, and the prepositions before it, are checked after.
    prep_any = rf"(?<!\w)(?i:{preps_en}|{preps_ru})\s+"
    rules = (
        # 22 April 2021, 22nd of April 2021, 22 апреля 2021 года
        _rule(rf"{day}(?:\s+of)?\s+{mon}\s*,?\s+{year}{yw}", _day_month_year, ".,/-"),
        _rule(rf"{range_from}{day}(?:\s+of)?\s+{mon}\s*,?\s+{year}{yw}", _day_month_year, ".,/-"),
        # April 22, 2021
        _rule(rf"{mon_en}\s+{range_dash}{day},?\s+{year}", _day_month_year),
        # May 2021, мае 2021 года, May of 2021
        _rule(rf"{mon}\s*,?\s+(?:of\s+)?{year}{yw}", _month_year),
        # 22 April, 1 мая
        _rule(rf"{day}(?:\s+of)?\s+{mon}", _day_month_year, ".,/-"),
        _rule(rf"{range_from}{day}(?:\s+of)?\s+{mon}", _day_month_year, ".,/-"),
        # June 1
        _rule(rf"{mon_en}\s+{range_dash}{day}(?!\d|[.:,]\d)", _day_month_year),
        # in May, с мая
        _rule(mon_enru, _month_year, prefix=rf"{prep_any}(?:(?i:early|late|mid)[\s-]+)?$", needs_prefix=True),
        # 21.12.2020, 21/12/2020
        _rule(rf"(?P<d>\d\d?)(?P<sep>[./])(?P<m>\d\d?)(?P=sep){year}{yw}", _numeric, ".,/-"),
        # 2021-04-22, 2021-04-22T15:40
        _rule(
            r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
            r"(?:[T ](?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d)(?::[0-5]\d)?)?(?![\w-]|[.:]\d)",
            _numeric,
            ".,/-",
        ),
        # 2021 жылғы 22 сәуір
        _rule(rf"{year}\s*(?i:жылғы|ж\.)\s*{day}\s*{mon_kk}", _day_month_year, ".,/-"),
        # in 2019, in autumn 2019, since 2020, early 2020
        _rule(
            rf"{year}{not_count}",
            _year_en,
            ".,/",
            prefix=rf"(?:(?<!\w)(?P<p>(?i:{preps_en}))\s+(?:(?i:the)\s+)?)?"
            rf"(?:(?<!\w)(?P<q>(?i:{quals_en}))[\s-]+(?:(?i:of)\s+)?)?$",
        ),
        # в 2019 году, осенью 2019 года, с 2020 г., 2019 жылы
        _rule(
            rf"{year}(?P<w>{yw}){not_count}",
            _year_ru,
            ".,/",
            prefix=rf"(?:(?<!\w)(?P<p>(?i:{preps_ru}))\s+)?(?:(?<!\w)(?P<q>(?i:{quals_ru}))\s+)?$",
        ),
        # 15:40, 10:30 am
        _rule(rf"{hour}:(?P<M>[0-5]\d)(?::[0-5]\d)?(?!\d|[:.,]\d){ap}?", _time, ":.,/=&#"),
        # at 10.30, в 15.40, 10.30 am
        _rule(
            rf"{hour}\.(?P<M>[0-5]\d)(?!\d|[.,]\d){ap}?", _time_dot, ".,:", prefix=rf"(?<!\w){at_words}\s+$"
        ),
        # 9 am, 3 p.m.
        _rule(r"(?P<H>\d\d?)" + ap, _time, ".,:"),
        # в 10 часов, в 10 часов 30 минут
        _rule(
            rf"{hour}\s*(?i:часов|часа|час|ч\.)(?:\s*(?P<M>[0-5]?\d)\s*(?i:минут|минуты|мин\.))?",
            _time,
            prefix=r"(?<!\w)(?i:в|во|к|с|до|около)\s+$",
            needs_prefix=True,
        ),
    )
    prepositions = {w.lower(): mod for words in preps.values() for w, mod in words.items()}
    return _Patterns(
        month_names=month_names,
        kk_stems=tuple(sorted(kk_stems, key=lambda s: len(s[0]), reverse=True)),
        prepositions=prepositions,
        rules=rules,
    )


def _by_first(words: list[str]) -> str:
    """An alternation of case-sensitive words that each start with a letter, grouped by that letter in the
    order given ("May|March|июня" as "M(?:ay|arch)|и(?:юня)"): words with different first letters never
    compete, so it matches what the flat alternation matches, and the engine tests each first letter once."""
    if not all(w[:1].isalpha() and w[1:2] not in ("", "?", "*", "+", "{") for w in words):
        return "|".join(words)
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


def _rule(
    pattern: str, handler: _Handler, before: str = "", prefix: str | None = None, needs_prefix: bool = False
) -> _Rule:
    return _Rule(re.compile(pattern), handler, before, re.compile(prefix) if prefix else None, needs_prefix)


def _month_of(m: re.Match[str]) -> int | None:
    pats = _patterns()
    groups = m.groupdict()
    word = groups.get("mon")
    if word is None:
        return None
    word = word.lower().rstrip(".")
    if word in pats.month_names:
        return pats.month_names[word]
    return next((n for stem, n in pats.kk_stems if word.startswith(stem)), None)


def _int(m: re.Match[str], name: str) -> int | None:
    value = m.groupdict().get(name)
    return int(value) if value else None


_NUMBERED_BEFORE = re.compile(
    r"(?i:parts?|articles?|art\.|no\.?|№|ч\.|част\w*|ст\.|стать\w*|пункт\w*|п\.)\s*$"
)


def _day_month_year(m: re.Match[str], pre: re.Match[str] | None) -> _Found | list[_Found] | None:
    year, month, day = _int(m, "y"), _month_of(m), _int(m, "d")
    first = _int(m, "d0")
    if first is None:
        return _Found(m.start(), m.end(), year, month, day)
    if day is None or first >= day:
        return None
    if _NUMBERED_BEFORE.search(m.string, max(0, m.start() - 16), m.start()):  # "Part 2 - 5 May"
        return _Found(m.start("d"), m.end(), year, month, day)
    if m.start("d0") == m.start():  # "5-7 May 2021": "5" and "7 May 2021"
        return [
            _Found(m.start("d0"), m.end("d0"), year, month, first),
            _Found(m.start("d"), m.end(), year, month, day),
        ]
    # "May 5-7, 2021": "May 5" and "7, 2021"
    return [
        _Found(m.start(), m.end("d0"), year, month, first),
        _Found(m.start("d"), m.end(), year, month, day),
    ]


def _month_year(m: re.Match[str], pre: re.Match[str] | None) -> _Found | None:
    return _Found(m.start(), m.end(), _int(m, "y"), _month_of(m))


def _numeric(m: re.Match[str], pre: re.Match[str] | None) -> _Found | None:
    return _Found(m.start(), m.end(), _int(m, "y"), _int(m, "m"), _int(m, "d"), _int(m, "H"), _int(m, "M"))


def _qualified_start(m: re.Match[str], pre: re.Match[str] | None) -> int:
    return pre.start("q") if pre is not None and pre.group("q") else m.start()


def _year_en(m: re.Match[str], pre: re.Match[str] | None) -> _Found | None:
    if pre is None or not (pre.group("p") or pre.group("q")):
        return None
    return _Found(_qualified_start(m, pre), m.end(), _int(m, "y"))


def _year_ru(m: re.Match[str], pre: re.Match[str] | None) -> _Found | None:
    prep = ((pre and pre.group("p")) or "").lower()
    marked = (pre and pre.group("q")) or m.group("w").strip()
    # without "году"/"г.", "в 2019" only at the end of a clause: "до 2000 человек" is a count
    at_clause_end = prep in ("в", "во", "с", "со") and re.match(r"\s*(?:[,.;:)]|$)", m.string[m.end() :])
    if not (marked or at_clause_end):
        return None
    return _Found(_qualified_start(m, pre), m.end(), _int(m, "y"))


def _time(m: re.Match[str], pre: re.Match[str] | None) -> _Found | None:
    hour = int(m.group("H"))
    if hour > 23:
        return None
    ap = (m.groupdict().get("ap") or "").lower().replace(".", "")
    if ap:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap == "pm" else 0)
    return _Found(m.start(), m.end(), None, hour=hour, minute=_int(m, "M") or 0)


def _time_dot(m: re.Match[str], pre: re.Match[str] | None) -> _Found | None:
    """10.30 is a time only after "at"/"в" or before "am"/"pm": else it may be an article or a sum."""
    return _time(m, pre) if pre is not None or m.group("ap") else None


#: how far back the prepositions before a match are looked for
PREFIX_WINDOW = 40


def _candidates(text: str) -> Iterator[_Found]:
    for rule in _patterns().rules:
        for m in rule.pattern.finditer(text):
            start = m.start()
            if start:
                ch = text[start - 1]
                if ch.isalnum() or ch == "_" or ch in rule.before:
                    continue
            pre = rule.prefix.search(text, max(0, start - PREFIX_WINDOW), start) if rule.prefix else None
            if rule.needs_prefix and pre is None:
                continue
            found = rule.handler(m, pre)
            for f in found if isinstance(found, list) else [found]:
                if f is not None and _valid(f):
                    yield f


def _valid(f: _Found) -> bool:
    if f.month is not None and not 1 <= f.month <= 12:
        return False
    if f.day is not None:
        try:
            Date(f.year or 2000, f.month or 1, f.day)  # 2000 is a leap year: 29 February passes
        except ValueError:
            return False
    return True


def _select(found: list[_Found]) -> list[_Found]:
    """Non-overlapping matches, longest first within each run of overlapping ones; in text order."""
    chosen: list[_Found] = []
    cluster: list[_Found] = []
    cluster_end = -1
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if f.start >= cluster_end and cluster:
            chosen += _longest_first(cluster)
            cluster = []
        cluster.append(f)
        cluster_end = max(cluster_end, f.end)
    return chosen + _longest_first(cluster)


def _longest_first(cluster: list[_Found]) -> list[_Found]:
    kept: list[_Found] = []
    for f in sorted(cluster, key=lambda f: (f.start - f.end, f.start)):
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


_GAP_DATE_TIME = re.compile(
    r"[^\S\n]*,?[^\S\n]*(?:(?i:at|around|about|approximately|from|в|во|около|с)[^\S\n]+)?"
)
_GAP_TIME_DATE = re.compile(r"[^\S\n]*,?[^\S\n]*(?:(?i:on)[^\S\n]+)?")
_PREV_WORD = re.compile(r"(?i:(начиная\s+с|\w+))[^\S\n]*$")


def _merge_times(text: str, found: list[_Found]) -> list[_Found]:
    """Join a day date and a time written together ("22 April 2021 at 15:40") into one."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None:
            gap = text[prev.end : f.start]
            if _is_day(prev) and prev.hour is None and _is_time(f) and _GAP_DATE_TIME.fullmatch(gap):
                prev.end, prev.hour, prev.minute = f.end, f.hour, f.minute
                continue
            if _is_time(prev) and _is_day(f) and f.hour is None and _GAP_TIME_DATE.fullmatch(gap):
                f.start, f.hour, f.minute = prev.start, prev.hour, prev.minute
                out[-1] = f
                continue
        out.append(f)
    return out


def _is_day(f: _Found) -> bool:
    return f.day is not None


def _is_time(f: _Found) -> bool:
    return f.month is None and f.year is None and f.hour is not None


def _modifier(text: str, start: int) -> str | None:
    m = _PREV_WORD.search(text, max(0, start - 16), start)
    if not m:
        return None
    word = re.sub(r"\s+", " ", m.group(1).lower())
    return _patterns().prepositions.get(word) or None


#: modifiers of the start of a state that lasts ("kept under house arrest since 21.12.2020"): the year of such
#: a date is not the year of the dates told after it (a range "from 7 to 25 June 2019" is: its end has a year)
SPAN_STARTS = frozenset({"since"})
#: modifiers of the end of a span: the dates told before it are before it
SPAN_ENDS = frozenset({"until", "before", "by"})


@dataclass(frozen=True)
class _Anchor:
    """A dated mention a yearless date may take its year from."""

    start: int
    year: int
    month: int | None
    day: int | None
    modifier: str | None


def find_dates(text: str, report_date: str | None) -> list[DateMention]:
    """Every date and time expression in `text`, in order; years are filled in as documented above."""
    found = _merge_times(text, _select(list(_candidates(text))))
    modifiers = [_modifier(text, f.start) for f in found]
    pairs = list(zip(found, modifiers, strict=True))
    explicit = [_Anchor(f.start, f.year, f.month, f.day, mod) for f, mod in pairs if f.year is not None]
    starts = [a.start for a in explicit]
    told = _Told()  # the dates so far, with the years given them
    out: list[DateMention] = []
    for f, modifier in pairs:
        year, inferred = f.year, False
        if year is None and f.month is not None:
            year = _year_near(report_date, f.month) or _year_in_text(told, explicit, starts, f)
            inferred = True
            if year is None or (f.day is not None and not _valid(_Found(0, 0, year, f.month, f.day))):
                continue
        if year is not None:
            told.add(_Anchor(f.start, year, f.month, f.day, modifier))
        time = f"{f.hour:02d}:{f.minute or 0:02d}" if f.hour is not None else None
        if year is None:
            iso, precision = None, None
        elif f.month is None:
            iso, precision = f"{year:04d}", "year"
        elif f.day is None:
            iso, precision = f"{year:04d}-{f.month:02d}", "month"
        else:
            iso, precision = f"{year:04d}-{f.month:02d}-{f.day:02d}", "day"
        out.append(DateMention(f.start, f.end, iso, precision, time, modifier, inferred))
    return out


def _year_near(report_date: str | None, month: int) -> int | None:
    """The year that puts a yearless date closest to the report's date.

    A January report that mentions "28 December" means last December; a December schedule that
    lists "5 January" means next January. Reports speak of the months around them.
    """
    if not report_date or not report_date[:4].isdigit():
        return None
    year = int(report_date[:4])
    if len(report_date) < 7:
        return year
    return _closest_year(year, int(report_date[5:7]), month)


def _closest_year(year: int, anchor_month: int | None, month: int) -> int:
    """The year that puts `month` within six months of `anchor_month` of `year`."""
    offset = month - anchor_month if anchor_month else 0
    if offset > 6:
        return year - 1
    if offset < -6:
        return year + 1
    return year


def _year_in_text(told: _Told, explicit: list[_Anchor], starts: list[int], f: _Found) -> int | None:
    """A yearless date's year from the text: close to the last date told before it that does not start a
    lasting state ("since 21.12.2020" tells nothing of "On June 1" after it); else before the end of a span
    told after it ("December 21 ... until December 21, 2021": 2020); else close to the first date after."""
    assert f.month is not None
    before = told.plain or told.last
    if before is not None:
        return _closest_year(before.year, before.month, f.month)
    k = bisect.bisect_right(starts, f.start)  # the first explicit date after this one
    if k == len(explicit):
        return None
    first = explicit[k]
    if first.modifier in SPAN_ENDS and first.month is not None:
        later = (f.month, f.day or 0) >= (first.month, first.day or 0)
        return first.year - 1 if later else first.year
    return _closest_year(first.year, first.month, f.month)


@dataclass
class _Told:
    """The dates told so far, as far as a yearless date needs them: the last one, and the last one that does
    not start a lasting state (kept as the text is read, so each date costs the same)."""

    last: _Anchor | None = None
    plain: _Anchor | None = None

    def add(self, anchor: _Anchor) -> None:
        self.last = anchor
        if anchor.modifier not in SPAN_STARTS:
            self.plain = anchor


@component("dates", requires=("text", "report_date"), assigns=("dates",))
def dates(analysis: Analysis) -> None:
    """Find date and time expressions; a date without a year takes the report's year."""
    analysis.dates = find_dates(analysis.text, analysis.report_date)
