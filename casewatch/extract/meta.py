"""The "report_meta" component: language, title and report date read from the report's own text.

Only what the reader left empty is filled in. The report date is taken from the title line,
from a first paragraph that opens with a date ("On 17 June 2021, ..."), or from a dateline
on its own line near the top or the bottom ("Brussels, 29 June 2021"); never from a date in
the middle of the text.
"""

from __future__ import annotations

import re

from casewatch.extract.analysis import Analysis, DateMention
from casewatch.extract.dates import find_dates
from casewatch.extract.pipeline import component

#: longest first line that still counts as a title
MAX_TITLE = 150
#: share of Kazakh-only letters among Cyrillic letters above which a text is Kazakh
KAZAKH_SHARE = 0.02
#: how much of a long text the language guess looks at
SAMPLE = 20_000
#: a dateline is looked for in this many non-empty lines at the top and at the bottom
DATELINE_HEAD = 80
DATELINE_TAIL = 20

_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_DIGIT = re.compile(r"\d")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_DECORATION = re.compile(
    r"[*_`~]{2,}|^#{1,6}\s+|^>\s*|(?<!\w)#(?=\w)|[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\ufe0f\u200d]"
    r"|[\U0001f000-\U0001faff]",
    re.MULTILINE,
)
_OPENING = re.compile(r"[\W\d]{0,3}(?:(?i:on|on the|в|с|since)\s+)?")
#: "Date: Tue, ", "Brussels – Almaty, ", "Вильнюс — Берлин, ", "Brussels / London, "
_DATELINE_BEFORE = re.compile(
    r"\s*(?:(?i:date|дата)\s*:\s*(?:[^\W\d]{2,3},\s*)?|[^\W\d][\w.’'\-–—/ ]{0,40},\s*)?"
)
#: after a dateline's date: a time zone ("+0600", "UTC"), an "Updated 2 hours ago" remark after a dot
_DATELINE_AFTER = re.compile(
    r"\s*[.:]?\s*(?:(?:[+-]\d{4}|UTC|GMT|MSK)\b\s*)?(?:[·|]\s*(?i:updated|обновлено)[^\n]{0,40})?"
)
#: "(published 18 October 2021)", "Updated 15.03.2023", "Опубликовано 30 ноября 2022 года", "Date: ..."
_MARKED = re.compile(
    r"(?i)\b(?:published|updated|posted|prepared|issued|released|dated?|sent|опубликовано|обновлено|дата"
    r"|подготовлено|отправлено|compiled|составлено)\b(?:\s+(?i:by|on)\b[^,.:\n]{0,60})?\s*[,:]?\s*[(\[]?\s*$"
)
#: a news dateline opening a paragraph: "GENEVA (14 September 2023) – ...", "Bishkek, 24 January 2022 — ...",
#: "BAKU, Jan 18, 2024 (Wire) – ...", "МИНСК, 14 января 2023 г. /Agency/ — ...", "Almaty, 03.03.2022. ..."
_PRESS_BEFORE = re.compile(r"^\s*[A-ZА-ЯЁ][\w .’'/–-]{1,40}(?:,\s*|\s*\(\s*)$")
_PRESS_AFTER = re.compile(
    r"^\s*(?:г\.|года)?\s*\)?\s*(?:[(/][^()/\n]{1,40}[)/]\s*)?(?:[—–-]|\.\s+[A-ZА-ЯЁ]|[.,]?\s*$)"
)
#: a year as dates.py reads one: a line without it holds no date written in full
_YEAR = re.compile(r"(?:19|20)\d\d")
#: how far into a report a marked date or a press dateline is looked for (non-empty lines)
MARKED_HEAD = 10
#: the longest stretch before a date that _MARKED can match (a marker, 60 characters of "by ...", punctuation
#: and single spaces, as clean_line leaves them), with room to spare: a long line is not searched per date
MARKED_REACH = 200


def clean_line(line: str) -> str:
    """A line without markdown emphasis, links, hashtag signs and emoji."""
    line = _LINK.sub(r"\1", line)
    line = _DECORATION.sub(" ", line)
    return re.sub(r"\s+", " ", line).strip(" \t:–—-")


def _first_line(text: str) -> str | None:
    return next((line for line in text.splitlines() if clean_line(line)), None)


def guess_language(text: str) -> str | None:
    """ "ru" or "kk" when most letters are Cyrillic, else "en"; None for a text without letters."""
    sample = text[:SAMPLE]
    cyrillic = _count(_CYRILLIC, sample)
    latin = _count(_LATIN, sample)
    if not cyrillic and not latin:
        return None
    if cyrillic <= latin:
        return "en"
    return "kk" if _count(_KAZAKH, sample) / cyrillic >= KAZAKH_SHARE else "ru"


def _count(letters: re.Pattern[str], text: str) -> int:
    """How many characters of `text` are in the runs `letters` finds."""
    return sum(map(len, letters.findall(text)))


def guess_title(text: str) -> str | None:
    """The first non-empty line, cleaned, if it is short enough to be a title."""
    line = _first_line(text)
    if line is None:
        return None
    title = clean_line(line)
    return title if len(title) <= MAX_TITLE else None


def _full_dates(line: str) -> list[DateMention]:
    """Dates written in full (a day and its year) in a line."""
    if not _YEAR.search(line):
        return []  # no year written: nothing to find, and find_dates is slow on many lines
    return [m for m in find_dates(line, None) if m.precision == "day" and not m.year_inferred]


def guess_report_date(text: str) -> str | None:
    """The report's own date (YYYY-MM-DD) from its title line, opening words or dateline."""
    line = _first_line(text)
    if line is None:
        return None
    cleaned = clean_line(line)
    found = _full_dates(cleaned)
    if len(found) > 1 and len(cleaned) <= MAX_TITLE:
        # "Weekly review (15–21 April 2024)": the title names the period covered, a dateline the day written
        below = text[text.index(line) + len(line) :]
        return _dateline(below) or found[-1].date
    for mention in found:
        if len(cleaned) <= MAX_TITLE or _OPENING.fullmatch(cleaned[: mention.start]):
            return mention.date
        break
    return _dateline(text)


def _dateline(text: str) -> str | None:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > DATELINE_HEAD + DATELINE_TAIL:
        lines = lines[:DATELINE_HEAD] + lines[-DATELINE_TAIL:]
    for n, line in enumerate(lines):
        if n < MARKED_HEAD and _DIGIT.search(line):
            marked = _marked_date(clean_line(line))
            if marked:
                return marked
        if len(line) > 80 or not _DIGIT.search(line):
            continue
        cleaned = clean_line(line)
        if not _YEAR.search(cleaned):
            continue  # no date in full
        found = find_dates(cleaned, None)
        if len(found) != 1:
            continue
        mention = found[0]
        if (
            mention.precision == "day"
            and not mention.year_inferred
            and _DATELINE_BEFORE.fullmatch(cleaned[: mention.start])
            and _DATELINE_AFTER.fullmatch(cleaned[mention.end :])
        ):
            return mention.date
    return None


def _marked_date(line: str) -> str | None:
    """A full date the line marks as the report's: after "Published", or as a press dateline."""
    for mention in _full_dates(line):
        marked = _MARKED.search(line, max(0, mention.start - MARKED_REACH), mention.start)
        if marked or (
            _PRESS_BEFORE.match(line, 0, mention.start) and _PRESS_AFTER.match(line[mention.end :])
        ):
            return mention.date
    return None


@component("report_meta", requires=("text",), assigns=("report_date", "title", "language"))
def report_meta(analysis: Analysis) -> None:
    """Fill in the report date, title and language the reader could not give."""
    if analysis.language is None:
        analysis.language = guess_language(analysis.text)
    if analysis.title is None:
        analysis.title = guess_title(analysis.text)
    if analysis.report_date is None:
        analysis.report_date = guess_report_date(analysis.text)
