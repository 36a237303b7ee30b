"""Relations: family and colleagues between persons, membership, employment and founding of organisations."""

from __future__ import annotations

import re
from functools import cache

from casewatch.extract.analysis import Analysis, Entity, Relation
from casewatch.extract.context import Subjects, ends_within, mentions_in, mentions_of, starts_within
from casewatch.extract.inflection import is_verbal, word_gender
from casewatch.extract.lexicon import gender_of, load, trie_pattern
from casewatch.extract.pipeline import component
from casewatch.extract.roles import inflected, kinship_pattern
from casewatch.translit import has_cyrillic

#: "X's wife", "X's former aide": the possessive, up to two lower-case words before the kinship word
_POSSESSOR = re.compile(r"(?:[’']s|[’']S)\s*(?:[a-z-]+\s+){0,2}$")
_PRONOUN = re.compile(
    r"\b(?:his|her|their|его|её|ее|их)\s*(?:other\s+|older\s+|younger\s+|elder\s+|late\s+)?$", re.I
)
#: "his teenage son", "her late husband", "его младшего брата": a possessive pronoun up to two words before
_PRONOUN_NEAR = re.compile(r"\b(?P<pro>his|her|their|его|её|ее|их)\s+(?:[a-zа-яё0-9-]+\s+){0,2}$", re.I)
PRONOUN_GENDER = {"his": "m", "her": "f", "его": "m", "её": "f", "ее": "f"}
KIN_GENDER = {
    "brother": "m",
    "husband": "m",
    "son": "m",
    "father": "m",
    "sister": "f",
    "wife": "f",
    "daughter": "f",
    "mother": "f",
}
#: "the eldest brother, X", "the middle son": a kinship word with no possessor, of the report's subject
_THE_KIN = re.compile(
    r"\bthe\s+(?:(?:eldest|oldest|youngest|elder|older|younger|middle|second|third)\s+)?$", re.I
)
_COORDINATED = re.compile(r"\s*(?:,|,?\s*and|и|,\s*и)\s*", re.I)
#: how many sentences back a pronoun may look for the person it stands for
PRONOUN_REACH = 3
_OF = re.compile(r"^\s*(?:of|of the|of Mr\.?|of Mrs\.?|of Ms\.?)\s*$", re.I)
_MEMBER = re.compile(
    r"\b(?:members?|activists?|defenders?|supporters?|participants?|leaders?|coordinators?|членов|член|члены|активист\w*|участни\w+)"
    r"\s+of\s+(?:the\s+)?(?:[\w-]+\s*){0,4}$",
    re.I,
)
ORG_KINDS_WITH_MEMBERS = frozenset({"movement", "party", "ngo"})


def _add(out: list[Relation], rel: Relation) -> None:
    if rel.a == rel.b:
        return
    for r in out:
        if r.type == rel.type and {r.a, r.b} == {rel.a, rel.b}:
            if rel.subtype and r.subtype in (None, "relative"):
                r.subtype = rel.subtype
            return
    out.append(rel)


def _prominent(analysis: Analysis, exclude: set[str]) -> Entity | None:
    """The person the report is mostly about, for "the philanthropist"-style references: the one it names
    first, unless another is mentioned more than twice as often."""
    candidates = [p for p in analysis.persons if p.id not in exclude and p.side != "perpetrator"]
    if not candidates:
        return None
    most = max(candidates, key=lambda p: len(p.mentions))
    firsts = {id(p): at for p, at in zip(analysis.persons, mentions_of(analysis.persons).first, strict=True)}
    first = min(candidates, key=lambda p: firsts[id(p)])
    return first if 2 * len(first.mentions) >= len(most.mentions) else most


def family_relations(analysis: Analysis, out: list[Relation]) -> None:
    text = analysis.text
    pattern, index = kinship_pattern()
    subjects = Subjects(analysis)
    for k, (s, e) in enumerate(analysis.sentences):
        sentence_persons = mentions_in(analysis, s, e)
        if not sentence_persons:
            continue
        kin = list(pattern.finditer(text, s, e))
        anchor: Entity | None = None
        for n, m in enumerate(kin):
            subtype = index[m.group().lower()]
            rel_type = "colleague" if subtype == "colleague" else "family"
            before = text[s : m.start()]
            stop = kin[n + 1].start() if n + 1 < len(kin) else e
            found = _anchor(analysis, before, m.start(), s, e, sentence_persons, m.end(), subtype)
            pronoun = _PRONOUN_NEAR.search(before)
            if (
                found is None
                and pronoun
                and _their_parent_or_sibling(pronoun.group("pro"), m.group(), subtype)
            ):
                named = _related(analysis, m.end(), stop, None)  # "Their mother, X": the family's, whose
                found = _prominent(analysis, {p.id for p in named[:1]})  # ties go to the one it is about
            elif found is None and pronoun:
                named = _related(analysis, m.end(), stop, None)
                found = _by_pronoun(analysis, subjects, k, m.start(), pronoun.group("pro"), named[:1])
                found = _towards_the_subject(
                    analysis, out, found, pronoun.group("pro"), named[:1], (s, m.start())
                )
            if found is None and not pronoun and _THE_KIN.search(before):
                named = _related(
                    analysis, m.end(), stop, None
                )  # "the eldest brother, Nurzhan": the subject's
                found = _prominent(analysis, {named[0].id}) if named else None
            anchor = found or anchor
            if anchor is None:
                continue
            related = (
                _related(analysis, m.end(), stop, anchor)
                or _apposed(analysis, m.start(), s, anchor)
                or _said_to_be(analysis, s, m.start(), anchor)
            )
            for person in related:
                _add(
                    out,
                    Relation(
                        rel_type, person.id, anchor.id, None if rel_type == "colleague" else subtype, [(s, e)]
                    ),
                )
                role = "colleague" if rel_type == "colleague" else "relative"
                if role not in person.roles and "perpetrator" not in (person.side, anchor.side):
                    person.roles.append(role)  # a target's relative or colleague, not an officer's


def _their_parent_or_sibling(pronoun: str, word: str, subtype: str) -> bool:
    """ "Their mother", "их брат": one relative of a family's several members, not "their relatives"."""
    return pronoun.lower() in ("their", "их") and subtype in KIN_GENDER and not word.lower().endswith("s")


def _anchor(
    analysis: Analysis,
    before: str,
    kin_start: int,
    s: int,
    e: int,
    persons: list[Entity],
    kin_end: int,
    subtype: str = "relative",
) -> Entity | None:
    """Whose relative: "X's wife", "his brother" (the sentence's earlier subject), "relatives of X"."""
    possessor = _POSSESSOR.search(before)
    if possessor:
        at = s + possessor.start()  # where "'s" begins: the owner's mention ends there
        for p in persons:
            if ends_within(p, at - 1, at + 1):
                return p
        owners = [p for p in persons if ends_within(p, at - 4, kin_start)]
        if owners:
            return owners[0]
    after = analysis.text[kin_end:e]
    # "the wife of X", "the mother of Mr X", "the brother of civil activist X"
    m = re.match(
        r"\s*of\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(?:Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+)?(?=[A-ZА-ЯЁ])", after
    )
    if not m and has_cyrillic(analysis.text[kin_start:kin_end]) and not _PRONOUN_NEAR.search(before):
        # Russian has no "of": the owner follows in the genitive ("жена активиста Берика Жанова")
        m = re.match(r"\s+(?:[а-яё-]+\s+){0,3}?(?=[А-ЯЁ])", after)
    if m:
        start = kin_end + m.end()
        owners = [p for p in persons if starts_within(p, start - 1, start + 1)]
        if owners and _names_the_relative(after[: m.end()], owners[0], subtype):
            # "матери политзаключённого Валентины З.": she is the mother
            return _referent(analysis, owners[0])
        if owners:
            return owners[0]
    referent = _RU_REFERENT.match(after) if has_cyrillic(analysis.text[kin_start:kin_end]) else None
    if referent:
        named = _related(analysis, kin_end, e, None)
        # "отца журналистки, Мурата": the last woman named before, when the noun says it is a woman
        gender = word_gender(referent.group().strip())
        return _last_of_gender(analysis, kin_start, gender, named[:1]) or _referent(
            analysis, named[0] if named else None
        )  # "жену журналиста, Алсу"
    if re.match(r"\s*of\s+the\s+[a-z]", after):  # "relatives of the philanthropist"
        return _prominent(analysis, set())
    return None


#: a Russian kinship word followed by the genitive noun of the one the report is about ("матери блогера")
_RU_REFERENT = re.compile(
    r"\s+(?:задержанн|арестованн|осужденн|осуждённ|политзаключ|активист|блогер|журналист|правозащитник"
    r"|подсудим|обвиняем|фигурант)[а-яё]*\b",
    re.I,
)


#: how far back (characters) a role noun's gender looks for the person it stands for
REFERENT_REACH = 600


def _last_of_gender(analysis: Analysis, pos: int, gender: str | None, exclude: list[Entity]) -> Entity | None:
    """The last woman among the targets named before `pos` (within REFERENT_REACH) when the role noun is
    feminine ("журналистки"), else None."""
    if gender != "f":
        return None  # a masculine role noun is also said of groups and of unknown persons
    before = [
        (ms, p)
        for ms, _, p in mentions_of(analysis.persons).starting(pos - REFERENT_REACH, pos - 1)
        if p.side not in ("perpetrator", "other") and all(p is not x for x in exclude)
    ]
    for _, p in sorted(before, key=lambda x: x[0], reverse=True):
        if gender_of(p.name) == gender:
            return p
    return None


def _names_the_relative(between: str, named: Entity, subtype: str) -> bool:
    """Whether the name after "kin-word role-noun" is the relative itself: it agrees with the kinship word
    in gender but not with the role noun ("мужа журналистки Азамата")."""
    kin_gender = KIN_GENDER.get(subtype)
    words = re.findall(r"[а-яё]+", between.lower())
    if not kin_gender or not words or gender_of(named.name) != kin_gender:
        return False
    noun_gender = word_gender(words[-1])
    return noun_gender is not None and noun_gender != kin_gender


def _referent(analysis: Analysis, relative: Entity | None) -> Entity | None:
    """The person the report is about, other than `relative`."""
    return _prominent(analysis, {relative.id} if relative else set())


#: relatives whose own kin the reports rarely describe: "his" after them means the person the report is about
_ELDERS_AND_SIBLINGS = frozenset({"father", "mother", "brother", "sister"})


def _towards_the_subject(
    analysis: Analysis,
    out: list[Relation],
    found: Entity | None,
    pronoun: str,
    exclude: list[Entity],
    here: tuple[int, int],
) -> Entity | None:
    """Family ties go towards the person the report is about: "his" that would point to someone already
    known as that person's parent or sibling, named in an earlier sentence ("his father, X, was questioned
    ... His wife, Y"), points to them."""
    if found is None or starts_within(found, here[0], here[1] - 1):
        return found
    anchors = [
        r.b for r in out if r.type == "family" and r.a == found.id and r.subtype in _ELDERS_AND_SIBLINGS
    ]
    by_id = {p.id: p for p in analysis.persons}
    want = PRONOUN_GENDER.get(pronoun.lower())
    for anchor_id in anchors:
        anchor = by_id.get(anchor_id)
        if anchor and all(anchor is not x for x in exclude) and gender_of(anchor.name) in (want, None):
            return anchor
    return found


def _by_pronoun(
    analysis: Analysis, subjects: Subjects, k: int, pos: int, pronoun: str, exclude: list[Entity]
) -> Entity | None:
    """Whom "his"/"her" before a kinship word stands for: the latest person named before it, in this
    sentence or the few before, whose gender fits; else the sentence's subject."""
    want = PRONOUN_GENDER.get(pronoun.lower())
    first = analysis.sentences[max(0, k - PRONOUN_REACH)][0]
    spans: list[tuple[int, int, Entity]] = []
    here = analysis.sentences[k][0]
    for ms, me, p in mentions_of(analysis.persons).starting(first, pos):
        if any(p is x for x in exclude) or (want and gender_of(p.name) not in (want, None)):
            continue
        floor = here if p.side == "perpetrator" else first  # an officer only within the sentence
        if floor <= ms and me <= pos:
            spans.append((ms, me, p))
    if spans:
        spans.sort(key=lambda x: x[1])
        start, _, latest = spans[-1]
        if any(
            q is not latest and _COORDINATED.fullmatch(analysis.text[qe:start]) for _, qe, q in spans[:-1]
        ):
            return None  # "Aigul T. and Dana K. were charged. Her husband ...": either could be meant
        return latest
    about = [p for p in subjects.about(k) if not any(p is x for x in exclude)]
    return about[0] if len(about) == 1 else None


def _related(analysis: Analysis, kin_end: int, stop: int, anchor: Entity | None) -> list[Entity]:
    """The person(s) a kinship word introduces: named in the rest of the clause, the first close by."""
    firsts: dict[int, tuple[int, Entity]] = {}  # each person's first mention in the clause, persons in order
    for ms, _, p in mentions_of(analysis.persons).starting(kin_end, stop - 1):
        if p is not anchor and p.side != "perpetrator":
            firsts[id(p)] = min(firsts.get(id(p), (ms, p)), (ms, p), key=lambda x: x[0])
    found = sorted(firsts.values(), key=lambda x: x[0])
    if not found or found[0][0] - kin_end > 80:
        return []
    return [p for _, p in found]


_APPOSED = re.compile(
    r"\s*,\s*(?:the\s+|a\s+|an\s+|his\s+|her\s+|[A-Z][\w-]*[’']s\s+)?(?:(?:elder|older|younger|former)\s+)?$"
)


def _said_to_be(analysis: Analysis, s: int, kin_start: int, anchor: Entity) -> list[Entity]:
    """The person a clause says the kinship word of: "X is Y's brother", "Керимли — автор ... и коллега Y"."""
    person = _copula_subject(analysis, s, kin_start)
    return [person] if person is not None and person is not anchor else []


def _apposed(analysis: Analysis, kin_start: int, s: int, anchor: Entity) -> list[Entity]:
    """The person a kinship word describes in apposition: "Askar Zhanov, the brother of Berik Zhanov"."""
    for _, me, p in mentions_of(analysis.persons).ending(s, kin_start):
        if p is anchor or p.side == "perpetrator":
            continue
        if _APPOSED.fullmatch(analysis.text[me:kin_start]):
            return [p]
    return []


#: "A and B are sister and brother", "А и Б — супруги": what the pair is to each other
_PAIR = re.compile(
    r"\s*(?:are|were|—|–|-)\s+(?:a\s+)?"
    r"(?P<rel>sister and brother|brother and sister|brothers|sisters|siblings"
    r"|husband and wife|wife and husband|spouses|married couple|cousins"
    r"|брат и сестра|сестра и брат|братья|сёстры|сестры|супруги|муж и жена)\b",
    re.I,
)


def pair_relations(analysis: Analysis, out: list[Relation]) -> None:
    """Two persons named together and then said to be siblings or spouses."""
    text = analysis.text
    spans = sorted((ms, me, p) for p in analysis.persons for ms, me in p.mentions)
    for (_, ae, a), (bs, be, b) in zip(spans, spans[1:], strict=False):
        m = _PAIR.match(text, be)
        if a is b or not m or not _COORDINATED.fullmatch(text[ae:bs]):
            continue
        rel = m.group("rel").lower()
        spouse = any(w in rel for w in ("husband", "wife", "spouse", "married", "супруг", "муж"))
        female = gender_of(a.name) == "f"
        if spouse:
            subtype = "wife" if female else "husband"
        elif "cousin" in rel:
            subtype = "relative"
        else:
            subtype = "sister" if female else "brother"
        _add(out, Relation("family", a.id, b.id, subtype, [(ae, m.end())]))


def organisation_relations(analysis: Analysis, out: list[Relation]) -> None:
    text = analysis.text
    from casewatch.extract.context import Subjects

    subjects = Subjects(analysis)
    for org in analysis.organizations:
        for start, _ in org.mentions:
            k = subjects.index(start)
            s, e = analysis.sentences[k] if analysis.sentences else (0, len(text))
            before = text[max(s, start - 80) : start]
            before_q = before.rstrip(" «\"“„'*_")
            persons = [p for p in mentions_in(analysis, s, e) if p.side != "perpetrator"]
            if org.kind in ORG_KINDS_WITH_MEMBERS and _MEMBER.search(before_q):
                for p in persons or [p for p in subjects.about(k) if p.side != "perpetrator"]:
                    _add(out, Relation("member", p.id, org.id, None, [(s, e)]))


#: bodies of the state: their people are officials, recorded by role, not by membership
STATE_KINDS = frozenset(
    {
        "court",
        "police",
        "prosecution",
        "security_service",
        "ministry",
        "government",
        "detention",
        "international",
    }
)
_NOUN_TO_ORG = re.compile(
    r"^\s+(?:of|for|at|with|in|from)\s+(?:the\s+|an?\s+)?(?:(?:[a-z][\w-]*|[\w-]+-based)\s+){0,3}"
    r"(?:of\s+(?:the\s+)?)?[«\"“„']?$"
    r"|^\s+(?:(?![А-ЯЁ])[\w-]+\s+){0,2}[«\"“„']?$"
    r"|^,\s+$"
    # "chairman of the Sumgayit branch of the X Party", "a member of its Almaty office of X"
    r"|^\s+(?:of|in|at|from)\s+(?:the\s+|its\s+)?(?:[A-Z][\w-]*\s+){1,2}(?:regional\s+|city\s+|local\s+)?"
    r"(?:branch|office|chapter|cell|wing|section)\s+of\s+(?:the\s+)?[«\"“„']?$"
)
#: between a name and the noun of its place: an apposition's comma (or a table's column), an age, articles
_BEFORE_NOUN = re.compile(
    r"^[’'s¹²³⁴⁵⁶⁷⁸⁹⁰*]*\s*[,(—–|-]?\s*(?:\d{1,3}\s*,\s*)?(?:(?:a|an|the|one of the|former|now|also)\s+)*"
    # "X, a human rights defender from Taraz and the founder of ...": another description first
    r"(?:(?:[a-zа-яё][\w-]*\s+){1,4}(?:(?:from|in)\s+[A-ZА-ЯЁ][\w-]*\s+)?(?:and|и)\s+(?:the\s+|a\s+|an\s+)?)?"
    r"(?:[a-zа-яё][\w-]*\s+){0,2}$"
)
#: "X is deputy head of ...", "X worked for years as a reporter of ...", "Ершов был координатором ...",
#: "X, 38 лет, эколог, — член ...": a copula or a verb of working between the person and their place
_COPULA = re.compile(
    r"(?:^|\s)(?:is|was|are|were|has been|had been|became|becomes|remains|served|serves|worked|works|working"
    r"|является|являлся|являлась|был|была|были|стал|стала|работал\w*|работает|служил\w*|—|–)(?:\s|$)",
    re.I,
)
_AFTER_ORG = re.compile(r"^[»\"”']?\s*,?\s*(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?$")
_NAME_OF_ORG = re.compile(r"^\s*,?\s*(?:of|from|at)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}[«\"“„']?$")
_FOUNDED_BY = re.compile(
    r"^[»\"”']?\s*,?\s*(?:which\s+|that\s+)?(?:was|is|had been|has been)\s+(?:co-)?founded\s+"
    r"(?:in\s+\d{4}\s+)?by\s+"
)
_HE_FOUNDED = re.compile(
    r"^[»\"”']?\s*,\s*(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?)?(?:that\s+|which\s+)?(?P<pro>he|she)\s+"
    r"(?:had\s+|has\s+)?(?:co-)?founded\b"
)
_CO_FOUNDER = re.compile(
    r"(?:\s+in\s+\d{4})?\s+(?:together\s+)?with\s+(?:(?:his|her|their)\s+)?(?:[a-z-]+\s+){0,2}"
)
_FOUNDED_BY_HIM = re.compile(r"(?:основанн|созданн)\w*\s+(?P<pro>им|ею|ей)\s+(?:[\w-]+\s+){0,2}[«\"“„']?$")
_WHERE_WORKS = re.compile(
    r"^[»\"”']?\s*,\s*(?:where|где)\s+(?:(?P<pro>he|she|он|она)\s+)?(?:now\s+|still\s+|had\s+)?"
    r"(?:works|worked|has worked|taught|teaches|работает|работал\w*|проработал\w*|преподава\w+|трудил\w+)\b"
)
_WORKS_AT = re.compile(
    r"\b(?:works|worked|working|taught|teaches|teaching|работает|работал\w*|преподава\w+|трудил\w+|трудится)"
    r"\s+(?:as\s+(?:a|an)\s+[a-z-]+\s+|[а-яё]+(?:ом|ем|ой|ей)\s+)?"
    r"(?:[a-z]+\s+){0,6}?(?:at|for|in|в|на)\s+(?:the\s+)?(?:[a-zа-яё][\w-]*\s+){0,3}[«\"“„']?$"
    r"|\b(?:fired|dismissed|sacked)\s+(?:from\s+(?:his|her|their)\s+(?:job|post|position)"
    r"(?:\s+as\s+(?:a|an|the)\s+[a-z-]+)?\s+(?:at|in|with)|from)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}"
    r"[«\"“„']?$"
    r"|\b(?:(?:his|her|their)\s+job|работы)\s+(?:at|в|на)\s+(?:the\s+)?[«\"“„']?$"
    r"|\b(?:уволен\w*|уволил\w*|уволят|уволили)\s+(?:с\s+работы\s+)?(?:из|с)\s+[«\"“„']?$",
    re.I,
)
_HEADS = re.compile(
    r"\b(?:heads|headed|leads|chairs|chaired|coordinates|coordinated|руководит|руководил\w*|возглавля\w+|возглавил\w*)"
    r"\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?[«\"“„']?$"
)
#: "состоит в профсоюзе «X»", "joined the movement X"
_JOINED = re.compile(
    r"\b(?:состоит|состоял\w*|вступил\w*|joined|has joined)\s+(?:в\s+|the\s+)?(?:[\w-]+\s+){0,3}?[«\"“„']?$",
    re.I,
)
#: "X founded the Y Foundation", "основал движение «Y»"
_FOUNDED = re.compile(
    r"\b(?:founded|co-founded|set up|launched|основал\w*|создал\w*)\s+(?:the\s+|an?\s+)?"
    r"(?:[\w-]+\s+){0,3}?[«\"“„']?$",
    re.I,
)
#: "никогда не состоял в ДВК", "never joined": denied, not told
_NEGATED = re.compile(r"\b(?:не|never|not)\s+$", re.I)
_ANAPHOR = re.compile(
    r"\b(?:its|the\s+(?P<noun>movement|organi[sz]ation|group|union|party|outlet|newspaper|channel|committee|site"
    r"|company|platform|network|foundation|association|initiative)[’']s)\s+(?:[a-z-]+\s+){0,2}?$"
    # "party members A and B", "movement activists A and B": the noun itself, right before the word
    r"|\b(?P<bare>party|movement|outlet|newspaper)\s+$",
    re.I,
)
#: the kinds of organisation "the outlet's", "the party's" ... may stand for (any other noun: its own name)
_ANAPHOR_KINDS = {
    "movement": {"movement"},
    "party": {"party", "movement"},
    "outlet": {"media"},
    "newspaper": {"media"},
    "channel": {"media"},
    "site": {"media"},
    "platform": {"media", "ngo"},
    "company": {"company"},
    "organisation": {"ngo", "movement", "party"},
    "organization": {"ngo", "movement", "party"},
}
_PRONOUN_OF = {"им": "his", "ею": "her", "ей": "her", "он": "his", "она": "her", "he": "his", "she": "her"}


@cache
def _org_roles() -> tuple[re.Pattern[str], dict[str, str]]:
    """Words for a person's place in an organisation (lexicon/roles.yaml), in every case: (pattern, word →
    relation type)."""
    index = {w.lower(): kind for kind, words in load("roles")["organisation_roles"].items() for w in words}
    index = {form: index[phrase] for form, phrase in inflected(index).items()}
    return re.compile(rf"(?<![\w-])(?:{trie_pattern(list(index))})(?![\w-])", re.I), index


def _starting(analysis: Analysis, pos: int, limit: int = 2) -> Entity | None:
    """The person a mention of whom starts at `pos` (or just after it)."""
    for _, _, p in mentions_of(analysis.persons).starting(pos, pos + limit):
        if p.side != "perpetrator":
            return p
    return None


def _ending_before(analysis: Analysis, pos: int, s: int, gap: re.Pattern[str]) -> Entity | None:
    """The person whose mention ends before `pos` in the sentence with only `gap` between."""
    text = analysis.text
    for _, me, p in mentions_of(analysis.persons).ending(s, pos):
        if p.side != "perpetrator" and gap.match(text[me:pos]):
            return p
    return None


def _subject(analysis: Analysis, subjects: Subjects, k: int, pos: int) -> Entity | None:
    """Who a verb at `pos` is about: the latest person named before it in the sentence, else the subject."""
    s = analysis.sentences[k][0]
    before = [(me, p) for _, me, p in mentions_of(analysis.persons).ending(s, pos) if p.side != "perpetrator"]
    if before:
        return max(before, key=lambda x: x[0])[1]
    about = subjects.about(k)
    return about[0] if len(about) == 1 else None


def role_relations(analysis: Analysis, out: list[Relation]) -> None:
    """Membership, employment and founding written around an organisation's name: "a reporter for the
    outlet X", "journalist Y of the newspaper X", "X's editor-in-chief Y", "its coordinators A and B",
    "X was founded by Y", "где она работает", "heads the organisation X"."""
    text = analysis.text
    pattern, index = _org_roles()
    subjects = Subjects(analysis)
    for org in analysis.organizations:
        if org.kind in STATE_KINDS:
            continue
        for start, end in org.mentions:
            k = subjects.index(start)
            s, e = analysis.sentences[k] if analysis.sentences else (0, len(text))
            found: list[tuple[str, Entity | None]] = []
            before = text[max(s, start - 120) : start]
            nouns = [m for m in pattern.finditer(before) if _NOUN_TO_ORG.match(before[m.end() :])]
            if nouns:
                noun = nouns[-1]
                kind = index[noun.group().lower()]
                at = start - len(before) + noun.start()
                holder = (
                    _apposed_to_possessor(analysis, at, s)
                    or _ending_before(analysis, at, s, _BEFORE_NOUN)
                    or _after_org(analysis, end)
                    or _copula_subject(analysis, s, at)
                )
                found.append((kind, holder))
            for ms, me, p in mentions_of(analysis.persons).ending(s, start):
                if _NAME_OF_ORG.match(text[me:start]):
                    lead = text[max(s, ms - 40) : ms]  # "journalist X of the newspaper Y"
                    cue = [m for m in pattern.finditer(lead) if not lead[m.end() :].strip()]
                    if cue:
                        found.append((index[cue[-1].group().lower()], p))
            after = text[end : min(e, end + 160)]
            possessive = re.match(r"^[»\"”']?[’']s\s+(?:[a-z-]+\s+){0,2}?", after)
            if possessive:
                m = pattern.match(after, possessive.end())
                if m:
                    found.append(
                        (
                            index[m.group().lower()],
                            _after_org(analysis, end + m.end(), r"^\s*,?\s*(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?$"),
                        )
                    )
            titled = None if possessive else re.match(r"^[»\"”']?[ \t]+", after)
            m = pattern.match(after, titled.end()) if titled else None
            if m:  # "APFP Chairman Ali Karimli", "Adyl Media reporter Dana Omarova"
                found.append((index[m.group().lower()], _after_org(analysis, end + m.end(), r"^[ \t]+$")))
            m = _FOUNDED_BY.match(after)
            if m:
                lead = re.match(r"(?:(?:the|an?)\s+)?(?:[a-z-]+\s+){0,3}", after[m.end() :])
                found.append(
                    (
                        "founder",
                        _starting(analysis, end + m.end()) or _starting(analysis, end + m.end() + lead.end()),
                    )
                )
            m = _HE_FOUNDED.match(after) or _WHERE_WORKS.match(after)
            if m:
                kind = "founder" if "found" in m.group() else "employee"
                pro = m.group("pro")
                found.append(
                    (
                        kind,
                        _by_pronoun(analysis, subjects, k, start, _PRONOUN_OF[pro.lower()], [])
                        if pro
                        else _subject(analysis, subjects, k, start),
                    )
                )
                if kind == "founder":  # "which he co-founded in 2015 with his brother X"
                    with_ = _CO_FOUNDER.match(after, m.end())
                    if with_:
                        found.append(("founder", _starting(analysis, end + with_.end())))
            m = _FOUNDED_BY_HIM.search(before)
            if m:
                found.append(
                    (
                        "founder",
                        _by_pronoun(analysis, subjects, k, start, _PRONOUN_OF[m.group("pro").lower()], []),
                    )
                )
            for regex, kind in (
                (_WORKS_AT, "employee"),
                (_HEADS, "member"),
                (_JOINED, "member"),
                (_FOUNDED, "founder"),
            ):
                m = regex.search(before)
                if m and not _NEGATED.search(before, 0, m.start()):
                    found.append((kind, _subject(analysis, subjects, k, start - len(before) + m.start())))
            for kind, person in found:
                if person is not None:
                    _add(out, Relation(_place_in(kind, org), person.id, org.id, None, [(s, e)]))
    _anaphoric(analysis, out)
    _ru_staff_of(analysis, out)
    _staff_of_outlet(analysis, out)


#: how many sentences back an outlet may be named for the staff a sentence names
OUTLET_REACH = 2


def _staff_of_outlet(analysis: Analysis, out: list[Relation]) -> None:
    """Staff named by their job right before their name, with no organisation of their own in the sentence,
    work for the outlet named last within the sentences before ("... two editors of the news site X. The
    court found editor-in-chief A and deputy editor B guilty")."""
    pattern, index = _org_roles()
    outlets = sorted((ms, o) for o in analysis.organizations if o.kind == "media" for ms, _ in o.mentions)
    if not outlets:
        return
    subjects = Subjects(analysis)
    employed = {r.a for r in out if r.type in ("employee", "member", "founder")}
    for m in pattern.finditer(analysis.text):
        if index[m.group().lower()] != "employee":
            continue
        person = _starting(analysis, m.end() + 1, 3)
        if person is None or person.id in employed:
            continue
        k = subjects.index(m.start())
        floor = analysis.sentences[max(0, k - OUTLET_REACH)][0]
        named = [o for ms, o in outlets if floor <= ms < m.start()]
        if named:
            _add(out, Relation("employee", person.id, named[-1].id, None, [(m.start(), m.end())]))
            employed.add(person.id)


def _copula_subject(analysis: Analysis, s: int, pos: int) -> Entity | None:
    """The person a clause says something about before `pos` ("X is/was/worked as <noun>"), when no other
    person is named between."""
    before = sorted((me, p) for _, me, p in mentions_of(analysis.persons).ending(s, pos))
    if not before:
        return None
    me, person = before[-1]
    gap = analysis.text[me:pos]
    copulas = list(_COPULA.finditer(gap))
    if person.side == "perpetrator" or not copulas or re.search(r"[;.!?]", gap):
        return None
    tail = gap[copulas[-1].end() :]  # what the clause says: a noun phrase, not a passive ("was visited by")
    if (
        len(tail.split()) > 8
        or re.search(r"\b(?:by|\w+ed)\b", tail)
        or any(is_verbal(w) for w in re.findall(r"[а-яё]{3,}", tail))
    ):
        return None
    return person


_POSSESSED = re.compile(r"^[’']s\s+(?:[a-z-]+\s+){0,2}$")
_APPOSITION_COMMA = re.compile(r"^\s*,\s*$")


def _apposed_to_possessor(analysis: Analysis, pos: int, s: int) -> Entity | None:
    """ "Samat Iskakov, Nurgul's colleague at the Bureau": the person the possessive phrase describes."""
    text = analysis.text
    for ms, me, _ in mentions_of(analysis.persons).starting(s, pos):
        if me <= pos and _POSSESSED.match(text[me:pos]):
            return _ending_before(analysis, ms, s, _APPOSITION_COMMA)
    return None


def _place_in(kind: str, org: Entity) -> str:
    """The relation a word for someone's place makes: a colleague from a party or movement is its member,
    from anywhere else its employee ("his colleague from «Namys»", "her colleague at the Bureau")."""
    if kind != "colleague":
        return kind
    return "member" if org.kind in ("party", "movement") else "employee"


def _after_org(analysis: Analysis, pos: int, gap: str = _AFTER_ORG.pattern) -> Entity | None:
    """The person named right after position `pos` ("the news site X, Bolat K.", "«Айна Медиа» Жылдыз")."""
    text = analysis.text
    for ms, _, p in mentions_of(analysis.persons).starting(pos, pos + 12):
        if p.side != "perpetrator" and re.match(gap, text[pos:ms]):
            return p
    return None


def _civil_mentions(analysis: Analysis) -> list:
    """(start, organisation) of every mention of an organisation not of the state, in text order."""
    return sorted((s, o) for o in analysis.organizations if o.kind not in STATE_KINDS for s, _ in o.mentions)


def _anaphoric(analysis: Analysis, out: list[Relation]) -> None:
    """ "its editor-in-chief X", "two of its coordinators, A and B", "the union's lawyer X": the
    organisation named last before."""
    text = analysis.text
    pattern, index = _org_roles()
    mentions = _civil_mentions(analysis)
    if not mentions:
        return
    for m in pattern.finditer(text):
        lead = _ANAPHOR.search(text[max(0, m.start() - 60) : m.start()])
        if not lead:
            continue
        noun = (lead.group("noun") or lead.group("bare") or "").lower()
        earlier = [
            o
            for s, o in mentions
            if m.start() - 800 <= s < m.start()
            and (not noun or o.kind in _ANAPHOR_KINDS.get(noun, ()) or noun in o.name.lower())
        ]
        if not earlier:
            continue
        org = earlier[-1]
        people = _listed_after(analysis, m.end())
        for p in people:
            _add(
                out,
                Relation(
                    _place_in(index[m.group().lower()], org), p.id, org.id, None, [(m.start(), m.end())]
                ),
            )


#: "главный редактор издания X", "основательница и редактор издания X": the Russian genitive noun of an
#: organisation named before, right after the words for someone's place in it
_RU_OF_ITS = re.compile(
    r"\s+(?P<noun>издания|редакции|газеты|телеканала|канала|сайта|портала|движения|партии|организации)"
    r"\s+(?=[А-ЯЁ])"
)
_RU_NOUNS = {
    "издания": "outlet",
    "редакции": "outlet",
    "газеты": "newspaper",
    "телеканала": "channel",
    "канала": "channel",
    "сайта": "site",
    "портала": "site",
    "движения": "movement",
    "партии": "party",
    "организации": "organisation",
}
#: between the names of a list of staff: a comma or "и", and the next one's own place ("..., оператор Y и
#: журналистка Z")
_STAFF_GAP = re.compile(r"^\s*(?:,|и|,\s*и)\s*(?:(?:[а-яё-]+\s+){0,1}(?P<word>[а-яё-]+)\s+)?$", re.I)
#: roles joined before the noun: "основательница и главный редактор"
_ROLE_CHAIN = re.compile(r"(?:[а-яё-]+\s+){0,1}(?P<word>[а-яё-]+)\s+и\s+(?:[а-яё-]+\s+){0,1}$", re.I)


def _ru_staff_of(analysis: Analysis, out: list[Relation]) -> None:
    """ "основательница и главный редактор издания Бермет И., оператор Эрлан Ж. и журналистка Айпери Т.": the
    staff of the organisation of that kind named last before."""
    text = analysis.text
    pattern, index = _org_roles()
    mentions = _civil_mentions(analysis)
    if not mentions:
        return
    for m in pattern.finditer(text):
        of_its = _RU_OF_ITS.match(text, m.end())
        if not of_its:
            continue
        noun = _RU_NOUNS[of_its.group("noun").lower()]
        kinds_of_noun = _ANAPHOR_KINDS.get(noun, set())
        earlier = [o for s, o in mentions if m.start() - 800 <= s < m.start() and o.kind in kinds_of_noun]
        first = _starting(analysis, of_its.end(), 0)
        if not earlier or first is None:
            continue
        org = earlier[-1]
        kinds = [index[m.group().lower()]]
        chain = _ROLE_CHAIN.search(text, max(0, m.start() - 40), m.start())
        if chain and chain.end() == m.start() and chain.group("word").lower() in index:
            kinds.insert(0, index[chain.group("word").lower()])
        for person, person_kinds in _staff_list(analysis, first, of_its.end(), kinds):
            for kind in person_kinds:
                _add(out, Relation(_place_in(kind, org), person.id, org.id, None, [(m.start(), m.end())]))


def _staff_list(
    analysis: Analysis, first: Entity, pos: int, kinds: list[str]
) -> list[tuple[Entity, list[str]]]:
    """The first person named at `pos` with `kinds`, and those listed after them, each with their own place
    in the organisation when it is written before their name, else the first one's."""
    text = analysis.text
    _, index = _org_roles()
    staff = [(first, kinds)]
    at = min(me for ms, me in first.mentions if ms >= pos)
    following = (m for m in mentions_of(analysis.persons).from_start(at) if m[2].side != "perpetrator")
    for ms, me, person in following:
        gap = _STAFF_GAP.match(text[at:ms])
        word = gap.group("word").lower() if gap and gap.group("word") else None
        if not gap or (word and word not in index):
            break
        staff.append((person, [index[word]] if word else kinds))
        at = me
    return staff


def _listed_after(analysis: Analysis, pos: int) -> list[Entity]:
    """The persons named in a list starting just after `pos` ("…, Bakhyt I. and Zhanar T.")."""
    text = analysis.text
    starts = (m for m in mentions_of(analysis.persons).from_start(pos) if m[2].side != "perpetrator")
    out: list[Entity] = []
    at = pos
    for ms, me, p in starts:
        gap = text[at:ms]
        if not re.fullmatch(
            r"\s*(?:in\s+[A-Z][\w-]+\s*)?(?:,|;|,?\s*and|и)?\s*(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?", gap
        ):
            break
        out.append(p)
        at = me
    return out


@component(
    "relations",
    requires=("text", "sentences", "persons", "person_roles", "organizations"),
    assigns=("relations",),
)
def relations(analysis: Analysis) -> None:
    """Family, colleague, member, employee and founder relations."""
    out: list[Relation] = []
    family_relations(analysis, out)
    pair_relations(analysis, out)
    organisation_relations(analysis, out)
    role_relations(analysis, out)
    analysis.relations = out
