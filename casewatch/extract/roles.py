"""Roles and sides of persons, from the words around their mentions (casewatch/data/lexicon/roles.yaml)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from casewatch.extract.analysis import Analysis, Entity
from casewatch.extract.inflection import is_genitive, is_verbal, phrase_forms
from casewatch.extract.lexicon import fold, load, trie_pattern
from casewatch.extract.pipeline import component
from casewatch.extract.spans import ThreadCache, lines_of
from casewatch.translit import has_cyrillic

PERPETRATOR_ROLES = frozenset(
    {"judge", "investigator", "prosecutor", "security_officer", "police_officer", "official"}
)
TARGET_ROLES = frozenset(
    {
        "political_prisoner",
        "activist",
        "human_rights_defender",
        "journalist",
        "relative",
        "colleague",
        "defendant",
        "suspect",
    }
)
OTHER_ROLES = frozenset({"lawyer", "advocate", "addressee", "opposition_figure"})


@dataclass(frozen=True)
class Cue:
    roles: tuple[str, ...]
    side: str | None
    #: a bare rank: its roles count only when no other cue gives the person's office
    weak: bool = False


@cache
def _cues() -> tuple[re.Pattern[str], dict[str, Cue]]:
    index: dict[str, Cue] = {}
    for entry in load("roles")["cues"]:
        official_only = {c.lower() for c in entry.get("official_only_for", [])}
        for phrase in entry["cue"]:
            roles = tuple(
                r
                for r in entry["roles"]
                if r != "official" or not official_only or phrase.lower() in official_only
            )
            index[phrase.lower()] = Cue(roles, entry.get("side"), bool(entry.get("weak")))
    return re.compile(rf"(?<![\w-])(?:{trie_pattern(list(inflected(index)))})(?![\w-])", re.I), index


def inflected(index: dict[str, str] | dict[str, Cue]) -> dict[str, str]:
    """Every case and number of the Russian phrases in `index` ("судьёй", "следователем"), each
    pointing to the phrase it is a form of; phrases listed themselves point to themselves."""
    out = {phrase: phrase for phrase in index}
    for phrase in index:
        if has_cyrillic(phrase):
            for form in phrase_forms(phrase):
                out.setdefault(form, phrase)
    return out


@cache
def _cue_forms() -> dict[str, str]:
    return inflected(_cues()[1])


def cue_of(phrase: str) -> Cue:
    """The cue a matched phrase (in any case) stands for."""
    return _cues()[1][_cue_forms()[phrase.lower()]]


@cache
def _kinship() -> tuple[re.Pattern[str], dict[str, str]]:
    data = load("roles")
    index = {w.lower(): sub for sub, words in data["kinship"].items() for w in words}
    for w in data["colleague"]:
        index[w.lower()] = "colleague"
    forms = inflected(index)
    index = {form: index[phrase] for form, phrase in forms.items()}
    return re.compile(rf"(?<![\w-])(?:{trie_pattern(list(index))})(?![\w-])", re.I), index


def kinship_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """Kinship and colleague words: (pattern, word → subtype or "colleague")."""
    return _kinship()


@cache
def _figures() -> dict[str, tuple[str, ...]]:
    return {
        " ".join(sorted(fold(w) for w in f["name"].split())): tuple(f["roles"])
        for f in load("public_figures")["figures"]
    }


# what may stand between a cue and the name: articles, honorifics, markup, "of Aktau", a colon or dash
_TITLE_OR_RANK = (
    r"(?:(?:Mr|Mrs|Ms|Dr|H\.E\.|г-н|г-жа|Captain|Major|Lieutenant|Colonel|Sergeant|"
    r"капитан|майор|лейтенант|полковник|подполковник|сержант)\.?\s*)?[\s*#]*$"
)
#: what may stand between a cue and the name: "of <Place>" ("Deputy Akim of Aktau — X", "Prosecutor
#: General of the Republic of Kazakhstan X", "investigator of the Investigative Committee for the Tomsk
#: Region, X"), separators, an opening bracket ("judge (X)") and a title
#: ("Judge: Mr X"); but "counsel of
#: Mr X" makes X the client, not the counsel
_BETWEEN = re.compile(
    r"^(?:\s*(?:of|of the|from|at)\s+(?:the\s+)?(?!(?:Mr|Mrs|Ms|Dr)\b)"
    r"[A-ZА-Я][\w.-]*(?:\s+(?:(?:of|for|in)\s+(?:the\s+)?)?[A-ZА-Я][\w.-]*){0,5})?"
    r"[\s:—–\-,*#⚡✔(]*" + _TITLE_OR_RANK
)
#: a Russian genitive complement between a cue and the name: "заместитель акима города X", "следователь
#: СК X", "начальник СИЗО № 3 X", "оперуполномоченного центра «Э» ГУ МВД по Свердловской области X",
#: "судья суда Ленинского района г. Гродно X", "судья районного суда Петербурга X" (the city after "г.",
#: "города" or "суда" is a place, whatever its ending)
_RU_COMPLEMENT = re.compile(
    r"^(?:\s+(?:[а-яё]+|[А-ЯЁ]{2,6}|[А-ЯЁ][а-яё-]+(?:ой|ого|ки|ии|стан|русь|ова|ева|ёва|ина|ына)|№\s*\d+"
    r"|«[^»\n]{1,20}»|г\.|(?:(?<=города )|(?<=г\. )|(?<=суда ))[А-ЯЁ][\w-]+))+"
    r"[\s:—–\-,*#(]*$"
)
#: what joins two cues describing one person: "investigator, police major X", "следователь — майор X"
_CHAIN = re.compile(r"^[\s,:—–-]*$")


#: "the lawyer for Sydykov, X", "Beisembayev's lawyer in Kazakhstan, X": whom or where for, then the name
_FOR_WHOM = re.compile(r"^\s+(?:for|in)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}\s*,\s*$")


def _between(gap: str) -> bool:
    """Whether `gap` may stand between a cue and the name it describes."""
    if _BETWEEN.match(gap) or _FOR_WHOM.match(gap):
        return True
    return bool(_RU_COMPLEMENT.match(gap)) and all(is_genitive(w) for w in re.findall(r"\b[а-яё]{3,}\b", gap))


def _cue_before(text: str, start: int, floor: int) -> tuple[list[Cue], bool]:
    """The cues just before a name, and whether the nearest is plural (a list head: "activists A, B and
    C"); cues in a chain all count ("investigator, police major X", "начальник СИЗО № 3 подполковник X")."""
    window = text[max(floor, start - 90) : start]
    found = list(_cues()[0].finditer(window))
    while found and not _between(window[found[-1].end() :]):
        found.pop()
    if not found:
        return [], False
    chain = [found.pop()]
    if found and _complement_of(window, found[-1], chain[0]):
        chain = [found.pop()]  # "адвокат журналистки X", "жена журналиста, X": the genitive is someone else
    while found and (
        _CHAIN.match(window[found[-1].end() : chain[-1].start()])
        or _between(window[found[-1].end() : chain[-1].start()])
    ):
        chain.append(found.pop())
    phrase = chain[0].group().lower()
    return [cue_of(m.group()) for m in reversed(chain)], bool(_PLURAL.search(phrase))


_PLURAL = re.compile(r"(?:[^s]s|ы|и)$")


def _complement_of(window: str, head: re.Match[str], nearest: re.Match[str]) -> bool:
    """Whether the cue nearest the name is a Russian genitive complement of the cue right before it."""
    word = nearest.group().split()[0].lower()
    return (
        window[head.end() : nearest.start()].strip() == ""
        and has_cyrillic(word)
        and is_genitive(word)
        and not is_genitive(head.group().split()[-1].lower())
    )


def _after_kinship(text: str, start: int, floor: int) -> bool:
    """Whether the cue before a name follows a kinship word ("жена журналиста, X", "брат активиста X"): it
    names the relative's kin, not the relative."""
    window = text[max(floor, start - 90) : start]
    cues = list(_cues()[0].finditer(window))
    if not cues:
        return False
    last = cues[-1]
    if not has_cyrillic(last.group()) or not is_genitive(last.group().split()[0].lower()):
        return False
    lead = window[: last.start()].rstrip()
    kin = list(kinship_pattern()[0].finditer(lead))
    return bool(kin) and kin[-1].end() == len(lead)


def _cues_in(segment: str) -> list[Cue]:
    return [cue_of(m.group()) for m in _cues()[0].finditer(segment)]


#: a comma, bracket or dash, then the words describing the person up to the next punctuation or dash
#: ("X, Judge of the Y Court — sentenced Z": the apposition ends before what X did)
_APPOSITION = re.compile(r"^[’'s]*\s*[,(—–-]\s*(?:(?:a|an|the)\s+)?([^,;.()\n—–]{2,90})")


_RELATIVE_CLAUSE = re.compile(
    r"^(?:who|whose|whom|which|that|where|when|кто|который|которая|которого|чей|чья)\b", re.I
)


#: ", says NSC officers came ...": a clause, not an apposition
_VERB_FIRST = re.compile(
    r"^(?:says|said|told|tells|is|was|were|are|has|had|have|reports|reported|adds|added|states|stated|notes|noted"
    r"|claims|claimed|writes|wrote|explains|explained|recalls|recalled|\w+ed\b"
    r"|говорит|сказал\w*|сообщил\w*|рассказал\w*|заявил\w*|был\w*)",
    re.I,
)


def _cue_after(text: str, end: int, ceiling: int, next_mention: int) -> list[Cue]:
    m = _APPOSITION.match(text[end:ceiling])
    if not m or _RELATIVE_CLAUSE.match(m.group(1)) or _VERB_FIRST.match(m.group(1)):
        return []  # ", whose case is handled by investigator X": the role is X's
    if end + m.end(1) > next_mention:
        return []  # ", human rights defender Yerlan K.": the words name the next person's role
    segment = m.group(1)
    # an apposition describes the person only if it starts with a cue-bearing noun phrase
    first = _cues()[0].search(segment)
    if not first or len(segment[: first.start()].split()) > 3:
        return []  # ", who later learned from a lawyer ..." is not an apposition naming a role
    if any(is_verbal(w) for w in re.findall(r"[а-яё]+", segment[: first.start()])):
        return []  # "Сауле Омаровой, домой пришли сотрудники КНБ": a clause about the officers
    return _cues_in(segment)


_LIST_SEP = re.compile(r"^\s*(?:,|;|,?\s*and|и|\n\s*(?:\d+[).]|[—–•-]))?\s*(?:\d+[).]\s*)?[\s*#]*$")


def _sentence_index(analysis: Analysis) -> tuple[list[int], list[tuple[int, int]]]:
    starts = [s for s, _ in analysis.sentences]
    return starts, analysis.sentences


def assign_roles(analysis: Analysis) -> None:
    text = analysis.text
    starts, sents = _sentence_index(analysis)
    mentions = sorted((s, e, p) for p in analysis.persons for s, e in p.mentions)
    roles: dict[str, list[Cue]] = {p.id: [] for p in analysis.persons}
    previous: tuple[int, int, Entity, list[Cue], bool] | None = None
    starts_of_mentions = [m[0] for m in mentions]
    for n, (s, e, person) in enumerate(mentions):
        k = bisect.bisect_right(starts, s) - 1
        sent_start, sent_end = sents[k] if k >= 0 else (0, len(text))
        next_mention = starts_of_mentions[n + 1] if n + 1 < len(mentions) else len(text)
        before, plural = _cue_before(text, s, sent_start)
        if before and _after_kinship(text, s, sent_start):
            before = []
        if next_mention - e <= 1 and has_cyrillic(text[s:e]) and " " not in text[s:e]:
            before = []  # "адвоката Ушакова Ольги Зайцевой": the cue is the next name's
        cues = before + _cue_after(text, e, min(len(text), sent_end + 1), next_mention)
        in_list = previous and previous[4] and _LIST_SEP.match(text[previous[1] : s])
        if not cues and in_list and previous[2] is not person:
            cues = previous[3]  # "activists Askhat X, Abai Y and Kairat Z": the list shares its head's cue
            plural = True
        if not cues and k > 0 and s - sent_start < 12 and text[sents[k - 1][1] - 1] == ":":
            cues = [c for c in _cues_in(text[sents[k - 1][0] : sents[k - 1][1]]) if c.side != "other"]
            plural = True  # the items of a list under "The following activists were detained:"
        if not cues:
            cues = _heading_cues(text, s)  # "JUDGES" above "• Name, ..." items
        if any(c.side == "perpetrator" for c in cues):
            cues = cues + _service_cues(analysis, s, e, sent_start)
        if _signatory(text, e):
            cues = cues + [Cue(("advocate",), "other")]
        elif _signs_off(text, s):  # "С уважением, ... Дина Садыкова, правозащитница": a signatory
            cues = [Cue(("advocate",), "other")] + [Cue(c.roles, None) for c in cues]
        if _addressee(text, s):  # the roles as written ("Chairman of the ... Court"), the side an addressee's
            title = _official_title(text, s)
            cues = [Cue(("addressee", *title), "other")] + [Cue(c.roles, None) for c in cues]
        roles[person.id].extend(cues)
        previous = (s, e, person, cues, plural)
    figures = _figures()
    for p in analysis.persons:
        found = roles[p.id]
        if any(c.side == "perpetrator" and not c.weak for c in found):
            found = [c for c in found if not c.weak]  # "investigator, Captain X": the rank adds no role
        p.roles = _unique(r for c in found for r in c.roles)
        key = " ".join(sorted(fold(w) for w in p.name.split()))
        for r in figures.get(key, ()):
            if r not in p.roles:
                p.roles.append(r)
        sides = [c.side for c in found if c.side]
        p.side = _decide_side(sides, p.roles)


#: the officers of these bodies: an investigator or head named with one is also its officer
SERVICE_ROLES = {"police": "police_officer", "security_service": "security_officer"}
_BODY_BEFORE = re.compile(r"^[\s,]*(?:[\w-]+\s+){0,3}$")
#: "head of the NSC", "Chairperson of the National Security Committee": the body's head is an official
_HEADS_THE_BODY = re.compile(
    r"(?:\b(?:head|chair(?:man|person|woman)?)\s+of\s+(?:the\s+)?|председател\w*\s+)$", re.I
)
#: "X, head of the ...", "X (GKNB)", "X of the Aktobe police department": the body after the name
_BODY_AFTER = re.compile(r"^[’'s]*(?:\s*[,(—–-]|\s+of\s+(?:the\s+)?)[^,;.()\n]{0,60}$")


#: how far after a name _BODY_AFTER can reach: further only across a stretch of spaces (and ’'s), which
#: then holds under 100 other characters
BODY_AFTER_REACH = 2000
_SPACE_RUN = re.compile(r"[\s’'s]+")


def _service_cues(analysis: Analysis, start: int, end: int, sentence_start: int) -> list[Cue]:
    """Roles from the police or security body named in a perpetrator's title ("GKNB investigator X",
    "X — следователь СУ ФСБ по ...", "начальник Центра «Э» МВД X")."""
    text = analysis.text
    out: list[Cue] = []
    bodies, starts = _service_mentions(analysis.organizations)
    # only mentions in the sentence before the name, or close after it, can match (looked up, not scanned)
    near = bodies[bisect.bisect_left(starts, sentence_start) : bisect.bisect_right(starts, start)]
    reach = end + BODY_AFTER_REACH
    if reach < len(text) and len(_SPACE_RUN.sub("", text[end:reach])) < 100:
        reach = len(text)  # a long run of spaces after the name: look as far as it goes
    near += bodies[bisect.bisect_left(starts, end) : bisect.bisect_right(starts, reach)]
    for ms, _, _, me, role in sorted(set(near), key=lambda x: x[1:3]):
        before = sentence_start <= ms and me <= start and _BODY_BEFORE.match(text[me:start])
        after = end <= ms and _BODY_AFTER.match(text[end:ms])
        if (before or after) and not _HEADS_THE_BODY.search(text[max(0, ms - 30) : ms]):
            out.append(Cue((role,), "perpetrator"))
    return out


_SERVICE_MENTIONS = ThreadCache()


def _service_mentions(organizations: list[Entity]) -> tuple[list[tuple[int, int, int, int, str]], list[int]]:
    """The mentions of police and security bodies in text order, (start, org number, mention number, end,
    role), and their starts; kept while the organisations and their mentions stay the same."""
    lists = [org.mentions for org in organizations]
    state = (tuple(map(id, organizations)), tuple(map(id, lists)), tuple(map(len, lists)))
    if _SERVICE_MENTIONS.get("organizations") is not organizations or _SERVICE_MENTIONS["state"] != state:
        found = sorted(
            (ms, n, k, me, SERVICE_ROLES[org.kind or ""])
            for n, org in enumerate(organizations)
            if (org.kind or "") in SERVICE_ROLES
            for k, (ms, me) in enumerate(org.mentions)
        )
        starts = [ms for ms, *_ in found]
        _SERVICE_MENTIONS.update(organizations=organizations, lists=lists, state=state, found=(found, starts))
    return _SERVICE_MENTIONS["found"]


_BULLET = re.compile(r"^\s*(?:[-•–—*▪]\S*|\d+[.)])\s*")
_BULLET_HERE = re.compile(_BULLET.pattern.removeprefix("^"))  # matched from a line's start in the text
_HEADING = re.compile(r"^[\s#*]*[^\W\d_a-zа-яё][^a-zа-яё\n]{2,40}$")


def _heading_cues(text: str, start: int) -> list[Cue]:
    """The cues of a short capitalised heading ("PROSECUTORS", "СУДЬИ") above the list item a name opens."""
    newlines = lines_of(text).newlines
    k = bisect.bisect_left(newlines, start)  # the newlines before `start`: the line starts after the last
    line_start = newlines[k - 1] + 1 if k else 0
    if not line_start or not _BULLET_HERE.fullmatch(text, line_start, start):
        return []
    lines = text[newlines[k - 31] + 1 if k > 30 else 0 : line_start - 1].split("\n")  # the 30 lines above
    for line in reversed(lines):
        if line.strip() and not _BULLET.match(line):
            return _cues_in(line) if _HEADING.match(line) else []
    return []


def _unique(items) -> list[str]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


def _decide_side(sides: list[str | None], roles: list[str]) -> str | None:
    if "addressee" in roles:
        return "other"
    if "perpetrator" in sides and "target" not in sides:
        return "perpetrator"
    if "target" in sides:
        return "target"
    if sides:
        return sides[-1]
    if any(r in PERPETRATOR_ROLES for r in roles):
        return "perpetrator"
    if any(r in OTHER_ROLES for r in roles):
        return "other"
    return None


_CLOSING = re.compile(
    r"^\s*(?:(?:yours\s+)?sincerely|respectfully|(?:best|kind|with)\s+regards|signed|signatories|on behalf of"
    r"|с уважением|подписали|подписи|подписавшиеся)\b[^\n]{0,40}$",
    re.I | re.M,
)
#: a line of a signature block: short, no sentence in it
_SIGNATURE_LINE = re.compile(r"^[^.!?\n]{0,100}[.!?]?$")


def _signs_off(text: str, start: int) -> bool:
    """Whether a name stands in the signature block under a letter's closing ("Sincerely,", "С уважением,",
    "Signed:"): every line from the closing to the name is a short line of names, titles and organisations."""
    window = text[max(0, start - 600) : start]
    closings = list(_CLOSING.finditer(window))
    if not closings:
        return False
    lines = window[closings[-1].end() :].split("\n")[1:]
    return bool(lines) and all(_SIGNATURE_LINE.match(line.strip()) for line in lines)


_SIGNATURE = re.compile(r"^[’'s]*\s*(?:MEP\b|\((?:[^()\n;]{2,60});\s*[A-Z][\w ]+\)|,\s*MEP\b)")


def _signatory(text: str, end: int) -> bool:
    return bool(_SIGNATURE.match(text[end : end + 90]))


_ADDRESS_LINE = re.compile(
    r"^\s*(?:(?:To|Attn|Attention|Cc|CC|cc|Copy|Copies|Кому|Копия|Копии)\s*:\s*)?"
    r"(?:[-•–—*]\s*)?"
    r"(?:(?:H\.\s?E\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Его Превосходительству|Ее Превосходительству)\s*)*$"
)
_COPY_HEAD = re.compile(
    r"^\s*(?:cc|CC|Cc|Copy|Copies|Копия|Копии|(?:and\s+)?copies\s+to|(?:please\s+)?(?:send|write)\b.*\bto(?=\s*:)"
    r"|Please write to)\b.*:?\s*$",
    re.I,
)
#: lines of an address block that neither head it nor give an office: "Salutation: Dear Minister", a name
_ADDRESS_FILLER = re.compile(
    r"^\s*(?:Salutation|Обращение)\s*:.*$|^\s*[A-ZА-ЯЁ][\w’'-]+(?:\s+[A-ZА-ЯЁ][\w’'.-]+){1,3}\s*$"
)
_TITLE_BEFORE = re.compile(r"^[A-ZА-ЯЁ][^.!?\n]{2,100},\s*$")
_TITLE_BEFORE_HERE = re.compile(_TITLE_BEFORE.pattern.removeprefix("^"))
_ADDRESS_LINE_HERE = re.compile(_ADDRESS_LINE.pattern.removeprefix("^"))
#: a line that only names an office ("Prosecutor General of the Republic of Kazakhstan") above a name
_TITLE_LINE = re.compile(r"^[^.!?\n]{3,100}$")


def _addressee(text: str, start: int) -> bool:
    """A name a letter is addressed or copied to: "To: Mr X", "H.E. X" on its own line, a "cc:" list item."""
    line_start = lines_of(text).start(start)
    # the patterns without their "^", matched from the line's start: no copy of a long line per name
    if _TITLE_BEFORE_HERE.match(text, line_start, start):  # "Chairperson of the ... Committee, X"
        return _in_copy_list(text, line_start)
    if not _ADDRESS_LINE_HERE.match(text, line_start, start):
        return False
    head = text[line_start:start].strip(" *")
    if re.match(r"(?:To|Attn|Attention|Cc|CC|cc|Copy|Кому|Копи)\b|H\.\s?E\.|\w+ Превосходительству", head):
        return True
    return _in_copy_list(text, line_start)  # "- Mr X, Prosecutor of ..." under "cc:"


def _lines_above(text: str, end: int, count: int) -> list[str]:
    """The last `count` or more of `text[:end].splitlines()` (at least `count` when there are as many), read
    from a window that grows back from `end` rather than splitting the whole text before it."""
    size = 1024
    while True:
        start = max(0, end - size)
        lines = text[start:end].splitlines()
        if start == 0 or len(lines) > count:  # the first line of a window may be cut; the others are whole
            return lines[1:] if start else lines
        size *= 4


def _in_copy_list(text: str, line_start: int) -> bool:
    """Whether the line starting at `line_start` is an item of a "cc:" or "send appeals to:" list, or a
    name under the office it is addressed to at the head of a letter ("Генеральному прокурору ...")."""
    lines = _lines_above(text, line_start, 13)
    titles = 0
    for line in reversed(lines[-12:]):
        if not line.strip():
            titles = 0  # a new addressee's block
            continue
        if _COPY_HEAD.match(line):
            return True
        if re.match(r"^\s*[-•–—*]", line) or _ADDRESS_FILLER.match(line):
            continue
        titles += 1
        if titles > 2 or not _TITLE_LINE.match(line) or not _cues()[0].match(line.strip(" *#")):
            return False  # only an office's title may stand between the head and the name
        if (
            line_start < 300
            and line is lines[-1]
            and not line.rstrip().endswith(":")
            and not _HEADING.match(line)
            and not re.match(r"^\s*[-•–—*]", text[line_start : line_start + 4])
        ):
            return True  # a letter's first lines: the office, then the name
    return False


def _official_title(text: str, start: int) -> tuple[str, ...]:
    """Roles from the title of an addressee, on the line above or after the name ("Minister of Foreign
    Affairs ...", "Mr X, Chairman of the Regional Court", "Генеральному прокурору ...")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    above = [ln for ln in text[max(0, line_start - 200) : line_start].splitlines() if ln.strip(" *")]
    title = (above[-1] if above else "") + " " + text[start : len(text) if line_end < 0 else line_end]
    roles = [r for c in _cues_in(title) for r in c.roles if r in PERPETRATOR_ROLES - {"official"}]
    low = title.lower()
    if re.search(
        r"\b(president|minister|chair(?:man|person)?|prosecutor|akim|ambassador|high representative"
        r"|commissioner|министр|президент|председател|посол|верховн\w* представител"
        r"|генеральн\w* прокурор|генпрокурор)",
        low,
    ):
        roles.append("official")
    if re.search(r"\b(chair(?:man|person)?|председател\w*)\b.*\b(court|суда?)\b", low):
        roles.append("judge")
    return tuple(_unique(roles))


@component("roles", requires=("text", "sentences", "persons"), assigns=("person_roles",))
def roles(analysis: Analysis) -> None:
    """Roles and side of each person from cue words before, after or heading a list of names."""
    assign_roles(analysis)
