"""Relations: family and colleagues between persons, membership, employment and founding of organisations."""

from __future__ import annotations

import re

from casewatch.extract.analysis import Analysis, Entity, Relation
from casewatch.extract.context import Subjects, mentions_in
from casewatch.extract.inflection import word_gender
from casewatch.extract.lexicon import gender_of
from casewatch.extract.pipeline import component
from casewatch.extract.roles import kinship_pattern
from casewatch.translit import has_cyrillic

_POSSESSOR = re.compile(r"(?:[’']s|[’']S)\s*$")
_PRONOUN = re.compile(
    r"\b(?:his|her|their|его|её|ее|их)\s*(?:other\s+|older\s+|younger\s+|elder\s+|late\s+)?$", re.I
)
#: "his teenage son", "her late husband", "его младшего брата": a possessive pronoun up to two words before
_PRONOUN_NEAR = re.compile(r"\b(?P<pro>his|her|their|его|её|ее|их)\s+(?:[a-zа-яё-]+\s+){0,2}$", re.I)
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
_COORDINATED = re.compile(r"\s*(?:,|,?\s*and|и|,\s*и)\s*", re.I)
#: how many sentences back a pronoun may look for the person it stands for
PRONOUN_REACH = 3
_OF = re.compile(r"^\s*(?:of|of the|of Mr\.?|of Mrs\.?|of Ms\.?)\s*$", re.I)
_MEMBER = re.compile(
    r"\b(?:members?|activists?|defenders?|supporters?|participants?|leaders?|coordinators?|членов|член|члены|активист\w*|участни\w+)"
    r"\s+of\s+(?:the\s+)?(?:[\w-]+\s*){0,4}$",
    re.I,
)
#: "Sanat Ormanov, chair of the independent Confederation ...", "her colleague from «Namys»"
_APPOSITIVE_ROLE = re.compile(
    r",\s*(?:the\s+|a\s+)?(?P<role>chair(?:man|woman|person)?|leader|head|coordinator|member|activist|founder|co-founder"
    r"|spokes(?:man|woman|person)|lawyer)\s+of\s+(?:the\s+)?(?:[\w-]+\s*){0,3}$"
    r"|\b(?P<role2>colleagues?|comrades?)\s+from\s*$",
    re.I,
)
_FOUNDER = re.compile(
    r"\b(?:founder|co-founder|founding|founded|основател\w*|создател\w*)\b[^.;]{0,40}$", re.I
)
_EMPLOYEE_BEFORE = re.compile(
    r"\b(?:director|deputy director|employee|employees|manager|accountant|chief executive|CEO|head)"
    r"\s*(?:Mr|Mrs|Ms)?\.?\s*$",
    re.I,
)
_EMPLOYEE_AFTER = re.compile(
    r"^\s*,?\s*(?:the\s+|an?\s+)?(?:director|employee|manager|accountant|chief executive|CEO)"
    r"\s+(?:of|at)\s+(?:the\s+)?"
    r"(?:(?:company|firm|LLP|LLC|JSC|newspaper|outlet)\s*)?[«\"“„]?$",
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
    """The person the report is mostly about (most mentions), for "the philanthropist"-style references."""
    candidates = [p for p in analysis.persons if p.id not in exclude and p.side != "perpetrator"]
    return max(candidates, key=lambda p: len(p.mentions), default=None)


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
            if found is None and pronoun:
                named = _related(analysis, m.end(), stop, None)
                found = _by_pronoun(analysis, subjects, k, m.start(), pronoun.group("pro"), named[:1])
            anchor = found or anchor
            if anchor is None:
                continue
            related = _related(analysis, m.end(), stop, anchor) or _apposed(analysis, m.start(), s, anchor)
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
    if _POSSESSOR.search(before):
        for p in persons:
            if any(
                end == kin_start - len(before) + len(before.rstrip()) - 2
                or abs(end - (s + len(before.rstrip()) - 2)) <= 1
                for _, end in p.mentions
            ):
                return p
        owners = [
            p for p in persons if any(end <= kin_start and kin_start - end <= 4 for _, end in p.mentions)
        ]
        if owners:
            return owners[0]
    after = analysis.text[kin_end:e]
    # "the wife of X", "the mother of Mr X", "the brother of civil activist X"
    m = re.match(
        r"\s*of\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(?:Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+)?(?=[A-ZА-ЯЁ])", after
    )
    if not m and has_cyrillic(analysis.text[kin_start:kin_end]) and not _PRONOUN.search(before):
        # Russian has no "of": the owner follows in the genitive ("жена активиста Берика Жанова")
        m = re.match(r"\s+(?:[а-яё-]+\s+){0,3}?(?=[А-ЯЁ])", after)
    if m:
        start = kin_end + m.end()
        owners = [p for p in persons if any(abs(ms - start) <= 1 for ms, _ in p.mentions)]
        if owners and _names_the_relative(after[: m.end()], owners[0], subtype):
            # "матери политзаключённого Валентины З.": she is the mother
            return _referent(analysis, owners[0])
        if owners:
            return owners[0]
    if has_cyrillic(analysis.text[kin_start:kin_end]) and _RU_REFERENT.match(after):
        named = _related(analysis, kin_end, e, None)
        return _referent(analysis, named[0] if named else None)  # "жену журналиста, Алсу"
    if re.match(r"\s*of\s+the\s+[a-z]", after):  # "relatives of the philanthropist"
        return _prominent(analysis, set())
    if _PRONOUN.search(before):
        earlier = [p for p in persons if any(end <= kin_start for _, end in p.mentions)]
        if earlier:
            return earlier[0]
    return None


#: a Russian kinship word followed by the genitive noun of the one the report is about ("матери блогера")
_RU_REFERENT = re.compile(
    r"\s+(?:задержанн|арестованн|осужденн|осуждённ|политзаключ|активист|блогер|журналист|правозащитник"
    r"|подсудим|обвиняем|фигурант)[а-яё]*\b",
    re.I,
)


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


def _by_pronoun(
    analysis: Analysis, subjects: Subjects, k: int, pos: int, pronoun: str, exclude: list[Entity]
) -> Entity | None:
    """Whom "his"/"her" before a kinship word stands for: the latest person named before it, in this
    sentence or the few before, whose gender fits; else the sentence's subject."""
    want = PRONOUN_GENDER.get(pronoun.lower())
    first = analysis.sentences[max(0, k - PRONOUN_REACH)][0]
    spans: list[tuple[int, int, Entity]] = []
    for p in analysis.persons:
        if p.side == "perpetrator" or any(p is x for x in exclude):
            continue
        if want and gender_of(p.name) not in (want, None):
            continue
        spans += [(ms, me, p) for ms, me in p.mentions if first <= ms and me <= pos]
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
    found = [
        (min(ms for ms, _ in p.mentions if kin_end <= ms < stop), p)
        for p in analysis.persons
        if p is not anchor and p.side != "perpetrator" and any(kin_end <= ms < stop for ms, _ in p.mentions)
    ]
    found.sort(key=lambda x: x[0])
    if not found or found[0][0] - kin_end > 80:
        return []
    return [p for _, p in found]


_APPOSED = re.compile(r"\s*,\s*(?:the\s+|a\s+|an\s+|his\s+|her\s+)?(?:(?:elder|older|younger)\s+)?$", re.I)


def _apposed(analysis: Analysis, kin_start: int, s: int, anchor: Entity) -> list[Entity]:
    """The person a kinship word describes in apposition: "Askar Zhanov, the brother of Berik Zhanov"."""
    for p in analysis.persons:
        if p is anchor or p.side == "perpetrator":
            continue
        if any(
            s <= me <= kin_start and _APPOSED.fullmatch(analysis.text[me:kin_start]) for _, me in p.mentions
        ):
            return [p]
    return []


def organisation_relations(analysis: Analysis, out: list[Relation]) -> None:
    text = analysis.text
    from casewatch.extract.context import Subjects

    subjects = Subjects(analysis)
    for org in analysis.organizations:
        for start, end in org.mentions:
            k = subjects.index(start)
            s, e = analysis.sentences[k] if analysis.sentences else (0, len(text))
            before = text[max(s, start - 80) : start]
            before_q = before.rstrip(" «\"“„'*_")
            persons = [p for p in mentions_in(analysis, s, e) if p.side != "perpetrator"]
            if org.kind in ORG_KINDS_WITH_MEMBERS and _MEMBER.search(before_q):
                for p in persons or [p for p in subjects.about(k) if p.side != "perpetrator"]:
                    _add(out, Relation("member", p.id, org.id, None, [(s, e)]))
            appositive = _APPOSITIVE_ROLE.search(before_q)
            if appositive and org.kind not in (
                "court",
                "security_service",
                "police",
                "prosecution",
                "ministry",
            ):
                holders = [p for p in mentions_in(analysis, s, start) if p.side != "perpetrator"]
                if holders:
                    kind = (
                        "founder"
                        if appositive.group("role").lower().startswith(("found", "co-found"))
                        else "member"
                    )
                    _add(out, Relation(kind, holders[-1].id, org.id, None, [(s, e)]))
            if _FOUNDER.search(before_q):
                owners = [p for p in mentions_in(analysis, s, start)]
                if owners:
                    _add(out, Relation("founder", owners[-1].id, org.id, None, [(s, e)]))
            after = text[end : end + 60]
            for p in analysis.persons:
                for ms, me in p.mentions:
                    if (
                        0 <= ms - end <= 40
                        and _EMPLOYEE_BEFORE.fullmatch(text[end:ms].strip(" )(") or "x") is None
                    ):
                        gap = text[end:ms]
                        if re.fullmatch(
                            r"\s*(?:\([^)]*\))?\s*"
                            r"(?:director|deputy director|manager|accountant|employee|chief executive|CEO)"
                            r"\s+(?:Mr\.?|Mrs\.?|Ms\.?)?\s*",
                            gap,
                        ):
                            _add(out, Relation("employee", p.id, org.id, None, [(start, me)]))
                    if 0 <= start - me <= 60 and _EMPLOYEE_AFTER.match(text[me:start]):
                        _add(out, Relation("employee", p.id, org.id, None, [(ms, end)]))
            del after


@component(
    "relations",
    requires=("text", "sentences", "persons", "person_roles", "organizations"),
    assigns=("relations",),
)
def relations(analysis: Analysis) -> None:
    """Family, colleague, member, employee and founder relations."""
    out: list[Relation] = []
    family_relations(analysis, out)
    organisation_relations(analysis, out)
    analysis.relations = out
