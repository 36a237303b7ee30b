"""The "articles" component: references to criminal and administrative code articles.

Finds "Article 405 Part 2 of the Criminal Code", "Part 1 of Article 342", "Articles 174 and
405", "Art. 262, Part 2 of Kazakhstan's Criminal Code", "ч. 2 ст. 405 УК РК", "статьи 174
части 1", "ст. 488 КоАП", Kazakh "ҚР ҚК 405-бабының 2-бөлігі", and a dotted number right
before a code name ("234.4.3 УК РК").
One ArticleMention per (article, part); "Parts 1 and 2" gives two mentions sharing the span.

Dotted numbers: in a code numbered by whole articles (Kazakhstan, Belarus' Criminal Code...)
"405.2" is article 405 part 2 and "234.4.3" article 234 part "4.3" (part 4, paragraph 3,
as Azerbaijan's "206.3.2" is written). In a code with `dotted_articles` (Russia, Belarus'
administrative code) every dotted number is the article itself ("20.3.3" of the KoAP RF).
Paragraphs ("пункт", "paragraph") are kept in the span but not in the key. The code is the
one the reference names; else the one `code_hint` gives; else the criminal code of the
country the report is about (data/codes.yaml).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from casewatch.data import DATA_DIR, load_yaml
from casewatch.errors import CasewatchError
from casewatch.extract.analysis import Analysis, ArticleMention
from casewatch.extract.dates import lexicon as date_lexicon
from casewatch.extract.pipeline import component
from casewatch.extract.spans import Taken

CODES_FILE = "codes.yaml"
#: the ending of an ordinal number written with digits: "11-ю", "2-й", "2nd"
ORDINAL_ENDING = r"-(?:ю|я|й|ой|ая|ую|ей|ом|го)(?![а-яё])|(?:st|nd|rd|th)(?!\w)"
#: "both parts of Article 405", "по обеим частям статьи 405": parts 1 and 2
_BOTH_PARTS = re.compile(r"(?i:both\s+parts\s+of|обе(?:им|их)?\s+част(?:ям|ей|и)|обеих\s+частей)\s*$")
#: an article's title in brackets after its number (not a part such as "405(2)")
TITLE_IN_BRACKETS = r"\((?!\d{1,2}\))[^()\n]{3,300}\)"
#: a reference standing alone in quotation marks names something ("the “Article 14” movement")
_QUOTED = ("“”", "«»", '""', "„“")
TITLES_DIR = "articles"
KINDS = ("criminal", "administrative")
CODE_KEYS = ("label", "country", "kind", "dotted_articles")
TOP_KEYS = ("codes", "kinds", "countries", "not_codes", "not_followed_by")
COUNTRY_KEYS = ("before", "after", "cues")
TITLE_TOP_KEYS = ("code", "source", "articles")
TITLE_ARTICLE_KEYS = ("label", "description", "example", "parts", "note")
TITLE_LANGS = ("en", "ru", "kk")
DEFAULT_COUNTRY = "KZ"


def _fail(path: str, message: str) -> CasewatchError:
    return CasewatchError(message, f"casewatch/data/{path}")


def _check_keys(path: str, mapping: Any, allowed: tuple[str, ...], where: str) -> None:
    if not isinstance(mapping, dict):
        raise _fail(path, f"{where}: expected a mapping")
    unknown = sorted(str(k) for k in mapping if k not in allowed)
    if unknown:
        raise _fail(path, f"{where}: unknown key(s) {', '.join(unknown)}; expected {', '.join(allowed)}")


def validate_codes(data: Any, path: str = CODES_FILE) -> dict[str, Any]:
    """Check the shape of data/codes.yaml; raise CasewatchError naming the first problem."""
    _check_keys(path, data, TOP_KEYS, "top level")
    countries = data.get("countries") or {}
    for code, spec in (data.get("codes") or {}).items():
        _check_keys(path, spec, CODE_KEYS, f"codes.{code}")
        if spec.get("kind") not in KINDS:
            raise _fail(path, f"codes.{code}: kind must be one of {', '.join(KINDS)}")
        if spec.get("country") not in countries:
            raise _fail(path, f"codes.{code}: country {spec.get('country')!r} is not under countries")
    _check_keys(path, data.get("kinds") or {}, KINDS, "kinds")
    for kind, spec in data["kinds"].items():
        _check_keys(path, spec, ("phrases", "abbreviations"), f"kinds.{kind}")
    for country, spec in countries.items():
        _check_keys(path, spec, COUNTRY_KEYS, f"countries.{country}")
    return data


def validate_titles(data: Any, path: str) -> dict[str, Any]:
    """Check the shape of one data/articles/<CODE>.yaml title table."""
    _check_keys(path, data, TITLE_TOP_KEYS, "top level")
    if data.get("code") not in codes()["codes"]:
        raise _fail(path, f"code {data.get('code')!r} is not in {CODES_FILE}")
    for number, spec in (data.get("articles") or {}).items():
        where = f"articles.{number}"
        if not isinstance(number, str) or not re.fullmatch(r"\d+(?:[-.]\d+)?", number):
            raise _fail(path, f"{where}: article numbers are quoted strings such as '405' or '361-1'")
        _check_keys(path, spec, TITLE_ARTICLE_KEYS, where)
        _check_keys(path, spec.get("label"), TITLE_LANGS, f"{where}.label")
        if not spec["label"].get("en"):
            raise _fail(path, f"{where}.label: an English label is required")
        for part, label in (spec.get("parts") or {}).items():
            _check_keys(path, label, TITLE_LANGS, f"{where}.parts.{part}")
    return data


@cache
def codes() -> dict[str, Any]:
    """The validated contents of data/codes.yaml."""
    return validate_codes(load_yaml(CODES_FILE))


@cache
def titles() -> dict[tuple[str, str], dict[str, Any]]:
    """(code, article) -> its entry in the data/articles/<CODE>.yaml title tables."""
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for file in sorted((DATA_DIR / TITLES_DIR).glob("*.yaml")):
        path = f"{TITLES_DIR}/{file.name}"
        data = validate_titles(load_yaml(path), path)
        for number, spec in (data.get("articles") or {}).items():
            table[(data["code"], number)] = spec
    return table


def article_title(code: str, article: str, part: str | None = None, lang: str = "en") -> str | None:
    """The title of an article (of its part, when the table has one) in `lang`, else None."""
    spec = titles().get((code, article))
    if spec is None:
        return None
    if part is not None:
        label = (spec.get("parts") or {}).get(part) or {}
        if label.get(lang):
            return label[lang]
    return spec["label"].get(lang)


def _phrase(words: list[str], flags: str = "i") -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in ordered)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


@dataclass(frozen=True)
class _Rules:
    reference: re.Pattern[str]
    parts_before: re.Pattern[str]
    bare: re.Pattern[str]
    kazakh: re.Pattern[str]
    code_before: re.Pattern[str]
    code_tails: frozenset[str]
    cue_country: dict[str, str]
    not_code: re.Pattern[str]
    cues: re.Pattern[str]
    separator: re.Pattern[str]
    kind_of: dict[str, str]
    country_of: dict[str, str]
    country_in_phrase: tuple[tuple[str, str], ...]
    by_country_kind: dict[tuple[str, str], str]
    dotted: frozenset[str]


#: case endings a Russian cue word may carry ("Бреста", "Брестской области", "в Минске")
_RUSSIAN_ENDING = r"(?:(?<=[а-яё])(?:а|у|е|ом|ой|ы|и|ская|ской|ский|ского|скому|ском|скую|ские|ских))?"


@cache
def _rules() -> _Rules:
    data = codes()
    kind_of: dict[str, str] = {}
    phrases: list[str] = []
    abbrevs: list[str] = []
    for kind, spec in data["kinds"].items():
        for word in spec.get("phrases", []):
            kind_of[_norm(word)] = kind
            phrases.append(word)
        for word in spec.get("abbreviations", []):
            kind_of[_norm(word)] = kind
            abbrevs.append(word)
    country_of: dict[str, str] = {}
    before: list[str] = []
    after: list[str] = []
    cue_country: dict[str, str] = {}
    cue_words: list[str] = []
    for country, spec in data["countries"].items():
        for word in spec.get("before", []):
            country_of[_norm(word)] = country
            before.append(word)
        for word in spec.get("after", []):
            country_of[_norm(word)] = country
            after.append(word)
        cue_country.update({_norm(w): country for w in spec.get("cues", [])})
        cue_words += spec.get("cues", [])
    for place in load_yaml("places.yaml")["places"]:  # a city names its country as well as any cue
        for word in [place["name"], *place.get("aliases", [])]:
            if place.get("country") and _norm(word) not in cue_country:
                cue_country[_norm(word)] = place["country"]
                cue_words.append(word)
    in_phrase = tuple((_norm(w), c) for w, c in country_of.items() if len(w) > 4 and " " in w)
    kind_rx = f"(?:{_phrase(phrases)}|{_phrase(abbrevs, '')})(?!\\w)"
    code_rx = f"(?:(?P<cb>{_phrase(before)})\\s+)?(?P<kind>{kind_rx})(?:\\s+(?P<ca>{_phrase(after)})(?!\\w))?"

    months = [w for names in date_lexicon()["months"].values() for ws in names.values() for w in ws]
    counts = data.get("not_followed_by", [])
    guard = rf"(?!\s+{_phrase(months)}(?!\w)|\s+{_phrase(counts)}(?!\w)|[.:/]\d)"
    part_guard = rf"(?!\s+{_phrase(months)}(?!\w)|\s+{_phrase(counts)}(?!\w)|[.:]\d)"
    sep = r"(?:\s*,\s*(?:(?i:and|и|or|или)\s+)?|\s+(?i:and|и|or|или|&)\s+|\s*&\s*)"
    # "Article 361-" cut off before its second number is no reference
    art = r"\d{1,4}(?:-\d{1,2})?(?:\.\d{1,2}){0,2}(?:\s?\(\d{1,2}\))?(?!\d)(?!-(?!\d))"
    # "part 11", "часть 11-ю" (an ordinal's ending), "ч.1/2" (parts 1 and 2)
    part = rf"\d{{1,2}}(?:-\d|{ORDINAL_ENDING})?(?!\d|\.\d)"
    # an article may carry its title in brackets: "Articles 234.4.3 (Illegal ...); 274 (State treason)"
    titled = rf"{art}{guard}(?:\s*{TITLE_IN_BRACKETS})?"
    arts = rf"{titled}(?:(?:{sep}|\s*;\s*(?:(?i:and|и)\s+)?){titled})*"
    parts = rf"{part}{part_guard}(?:(?:{sep}|/){part}{part_guard})*"
    # spelt out in each case, not (?i:...), so that the regex engine can skip ahead to a candidate
    art_kw = (
        r"(?:Articles?|ARTICLES?|articles?|Arts?\.?|ARTS?\.?|arts?\.?|"
        r"[сС]тать(?:ями|ях|ям|ей|ёй|я|и|е|ю)|[сС]татей|СТАТЬ[ЯИЕЮ]|[сС]т\.\s*ст\.|[сС]тст\.|[сС]т\.?|"
        r"[бБ]ап\w*)"
    )
    part_kw = r"(?i:parts?|част(?:ь|и|ью|ей|ям|ями|ях)|ч\.\s*ч\.|чч\.|ч\.|бөлі\w*)"
    clause_kw = (
        r"(?i:sub-?paragraphs?|paragraphs?|para\.|clauses?|items?|points?|подпункт\w*|пункт\w*|п\.\s*п\.|"
        r"пп\.|п\.|тармақ\w*)"
    )
    of = r"\s*,?\s*(?:(?i:of)\s+(?:(?i:the)\s+)?)?"
    clause = rf"{clause_kw}\s*{parts}{of}"
    code_unnamed = re.sub(r"\(\?P<\w+>", "(?:", code_rx)
    reference = (
        rf"(?P<kw>{art_kw})\s*(?P<arts>{arts})"
        rf"(?:\s*,?\s*(?:{clause})?{part_kw}\s*(?P<post_parts>{parts}))?"
        rf"(?:\s*,?\s*{clause_kw}\s*{parts})?"
        # more articles after the parts: "ст.272 ч.1/2, 378, 274 УК РК", "статьям 274 часть 2 и 405"
        rf"(?:{sep}(?P<more_arts>{arts})(?={of}{code_unnamed}|\s*[:;.)]|\s*$))?"
        rf"(?:{of}(?P<code>{code_rx}))?"
    )
    bare = rf"(?P<arts>\d{{1,4}}(?:-\d{{1,2}})?(?:\.\d{{1,2}}){{1,2}}){of}(?P<code>{code_rx})"
    by_country_kind = {(spec["country"], spec["kind"]): code for code, spec in data["codes"].items()}
    return _Rules(
        reference=re.compile(reference),
        parts_before=re.compile(rf"(?<!\w)(?:{clause})?{part_kw}\s*(?P<pre_parts>{parts}){of}$"),
        bare=re.compile(bare),
        kazakh=re.compile(
            r"(?P<arts>\d{1,4}(?:-\d{1,2})?)\s*-\s*(?i:бап|баб)\w*"
            r"(?:\s+(?P<post_parts>\d{1,2})\s*-\s*(?i:бөлі)\w*)?"
        ),
        code_before=re.compile(rf"(?P<code>{code_rx})\s*,?\s*(?:(?i:the)\s+)?$"),
        not_code=re.compile(rf"{of}{_phrase(data.get('not_codes', []))}(?!\w)"),
        cues=re.compile(rf"(?P<cue>{_phrase(cue_words, '')[3:-1]}){_RUSSIAN_ENDING}(?!\w)"),
        cue_country=cue_country,
        code_tails=frozenset(_norm(w).split()[-1] for w in [*kind_of, *country_of] if _norm(w)),
        separator=re.compile(sep),
        kind_of=kind_of,
        country_of=country_of,
        country_in_phrase=in_phrase,
        by_country_kind=by_country_kind,
        dotted=frozenset(c for c, spec in data["codes"].items() if spec.get("dotted_articles")),
    )


def guess_country(text: str) -> str:
    """The country a report is about, from cue words in data/codes.yaml; Kazakhstan by default."""
    rules = _rules()
    counts: Counter[str] = Counter()
    for m in rules.cues.finditer(text):
        if not _word_before(text, m.start()):
            counts[rules.cue_country.get(_norm(m.group("cue")), DEFAULT_COUNTRY)] += 1
    if not counts:
        return DEFAULT_COUNTRY
    best = max(counts.values())
    if counts.get(DEFAULT_COUNTRY) == best:
        return DEFAULT_COUNTRY
    return next(c for c, n in counts.most_common() if n == best)


def _word_before(text: str, start: int, also: str = "") -> bool:
    """True when a letter, digit or one of `also` comes right before `start`."""
    if not start:
        return False
    ch = text[start - 1]
    return ch.isalnum() or ch == "_" or ch in also


def _code_of(m: re.Match[str] | None, default_country: str, default_kind: str) -> str | None:
    rules = _rules()
    if m is None:
        return rules.by_country_kind.get((default_country, default_kind))
    kind = rules.kind_of.get(_norm(m.group("kind")), "criminal")
    country = next(
        (rules.country_of[_norm(m.group(g))] for g in ("cb", "ca") if m.group(g)),
        None,
    )
    if country is None:
        phrase = _norm(m.group("kind"))
        country = next((c for words, c in rules.country_in_phrase if words in phrase), default_country)
    return rules.by_country_kind.get((country, kind))


def _split(rules: _Rules, listed: str | None) -> list[str]:
    if not listed:
        return []
    items = re.split(r"\s*;\s*(?:(?i:and|и)\s+)?", re.sub(rf"\s*{TITLE_IN_BRACKETS}", "", listed))
    items = [piece for item in items for piece in rules.separator.split(item)]
    return [piece.strip() for item in items for piece in re.split(r"/(?=\d)", item) if piece.strip()]


def _part_number(item: str) -> str:
    """A part as the record writes it, without an ordinal's ending ("11-ю" → "11")."""
    m = re.match(r"\d{1,2}(?:-\d(?!\D))?", item)
    return m.group() if m else item


def _parse_article(item: str, code: str) -> tuple[str, str | None]:
    m = re.fullmatch(r"(\d+(?:-\d+)?)((?:\.\d+)*)(?:\s?\((\d+)\))?", item)
    if m is None:
        return item, None
    number, dotted, paren = m.group(1), [d for d in m.group(2).split(".") if d], m.group(3)
    if code in _rules().dotted:  # Russian codes number articles with dots: 20.3.3 of the KoAP is one article
        return ".".join([number, *dotted]), paren
    # elsewhere the dots are the part and its paragraph: 206.3.2 is article 206, part "3.2"
    return number, paren or (".".join(dotted) if dotted else None)


def _mentions(
    start: int, end: int, code: str, arts: list[str], pre: list[str], post: list[str]
) -> list[ArticleMention]:
    out: list[ArticleMention] = []
    for i, item in enumerate(arts):
        number, own_part = _parse_article(item, code)
        parts = (pre if i == 0 else []) + (post if i == len(arts) - 1 else [])
        for part in parts or [own_part]:
            out.append(ArticleMention(start, end, code, number, part, article_title(code, number, part)))
    return out


_NOT_ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:an?|this|that|his|her|its|their|my|our|your)\s+$")
_LAST_WORD = re.compile(r"(\w+)[\s,]*(?:(?i:the)\s+)?$")


def _code_before(text: str, start: int) -> re.Match[str] | None:
    """A code named right before an article ("УК РФ, ст. 207.3")."""
    rules = _rules()
    last = _LAST_WORD.search(text, max(0, start - 40), start)
    if last is None or last.group(1).lower() not in rules.code_tails:
        return None
    return rules.code_before.search(text, max(0, start - 90), start)


def find_articles(text: str, code_hint: str | None = None) -> list[ArticleMention]:
    """Every code article reference in `text`, in order, one mention per (article, part)."""
    rules = _rules()
    found: list[ArticleMention] = []
    taken = Taken()
    country: str | None = None
    for pattern in (rules.reference, rules.bare, rules.kazakh):
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            kw = m.groupdict().get("kw")
            if _word_before(text, start, "" if kw else "."):
                continue
            pre_parts = None
            if kw:
                if kw == "article" and _NOT_ARTICLE_BEFORE.search(text, max(0, start - 8), start):
                    continue
                pre = rules.parts_before.search(text, max(0, start - 60), start)
                if pre is not None:
                    start, pre_parts = pre.start(), pre.group("pre_parts")
            if taken.overlaps(start, end):
                continue
            code_match = m if m.groupdict().get("code") else _code_before(text, start)
            if code_match is not None and code_match is not m:  # "УК РФ, ст. 207.3": the span takes the code
                start = code_match.start()
            if code_match is None and rules.not_code.match(text, end):
                continue
            if code_match is None and code_hint:
                code = code_hint
            else:
                if country is None:
                    country = guess_country(text)
                hint = code_hint and codes()["codes"].get(code_hint)
                default_country = hint["country"] if hint else country
                code = _code_of(code_match, default_country, "criminal")
            if code is None:
                continue
            if kw and any(text[start - 1 : start] == a and text[end : end + 1] == b for a, b in _QUOTED):
                continue  # "the “Article 14” movement"
            arts = _split(rules, m.group("arts"))
            pre_list = [_part_number(p) for p in _split(rules, pre_parts)]
            post = [_part_number(p) for p in _split(rules, m.groupdict().get("post_parts"))]
            if kw and not pre_list and not post and _BOTH_PARTS.search(text, max(0, start - 30), start):
                pre_list = ["1", "2"]
            found += _mentions(start, end, code, arts, pre_list, post)
            more = _split(rules, m.groupdict().get("more_arts"))
            found += _mentions(start, end, code, more, [], [])
            taken.add(start, end)
    for start, end, kind, item in _table_column_articles(text):
        if not taken.overlaps(start, end):
            country = country or guess_country(text)
            hint = code_hint and codes()["codes"].get(code_hint)
            code = rules.by_country_kind.get((hint["country"] if hint else country, kind))
            if code is not None:
                found += _mentions(start, end, code, [item], [], [])
    return sorted(found, key=lambda a: a.start)


_TABLE_HEADER_CELL = re.compile(r"\s*(?:articles?|arts?\.?|стать[яи]|ст\.|бап)(?!\w)", re.IGNORECASE)
_TABLE_RULE = re.compile(r"[-+=|: ]{3,}")
_CELL_ARTICLE = re.compile(r"(?<![\w.])\d{1,4}(?:-\d{1,2})?(?:\.\d{1,2}){0,2}(?![\w.]*\d)")


def _table_column_articles(text: str) -> list[tuple[int, int, str, str]]:
    """Article numbers in the "Article" column of a `|` table: (start, end, kind, number).

    A number is of the code kind its cell names ("535.1 CAO"), else of the one the header names
    ("Article (CC unless marked)"), else criminal.
    """
    found: list[tuple[int, int, str, str]] = []
    column: int | None = None
    header_kind = "criminal"
    offset = 0
    for line in text.splitlines(keepends=True):
        cells = line.rstrip("\n").split("|")
        if _TABLE_RULE.fullmatch(line.strip()):
            pass  # "----+-----" under the header
        elif len(cells) < 3:
            column = None
        elif column is None:
            column = next((i for i, c in enumerate(cells) if _TABLE_HEADER_CELL.match(c)), None)
            if column is not None:
                header_kind = _kind_named(cells[column]) or "criminal"
        elif column < len(cells):
            at = offset + sum(len(c) + 1 for c in cells[:column])
            cell = cells[column]
            kind = _kind_named(cell) or header_kind
            for m in _CELL_ARTICLE.finditer(cell):
                found.append((at + m.start(), at + m.end(), kind, m.group(0)))
        offset += len(line)
    return found


def _kind_named(cell: str) -> str | None:
    """The code kind a table cell names ("CAO", "КоАП", "Criminal Code"), if any."""
    rules = _rules()
    words = _norm(cell)
    return next(
        (
            kind
            for name, kind in rules.kind_of.items()
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", words)
        ),
        None,
    )


@component("articles", requires=("text",), assigns=("articles",))
def articles(analysis: Analysis) -> None:
    """Find criminal and administrative code article references, one mention per article part."""
    analysis.articles = find_articles(analysis.text)
