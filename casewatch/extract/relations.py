"""Relations: family and colleagues between persons, membership, employment and founding of organisations."""

from __future__ import annotations

import re
from functools import cache

from casewatch.data import load_yaml
from casewatch.extract.analysis import Analysis, Entity, Relation
from casewatch.extract.context import Subjects, ends_within, mentions_in, mentions_of, starts_within
from casewatch.extract.inflection import is_verbal, word_gender
from casewatch.extract.lexicon import gender_of, load, trie_pattern
from casewatch.extract.pipeline import component
from casewatch.extract.roles import inflected, kinship_pattern
from casewatch.translit import has_cyrillic, latinize

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
#: the same with an age after the first name ("A, 29, and B")
_COORDINATED_AGED = re.compile(r"\s*(?:,\s*\d{1,3}\s*)?(?:,|,?\s*and|и|,\s*и)\s*", re.I)
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
            if found is None and not pronoun and _FELLOW.match(m.group()):
                # "X, along with fellow activists A and B": the fellows of the person named before
                found = _ending_before(analysis, m.start(), s, _ALONG_WITH)
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
    """Whose relative: "X's wife", "his brother" (the sentence's earlier subject), "relatives of X", "X, whose
    wife"."""
    whose = _WHOSE.search(before)
    if whose:
        at = s + whose.start()
        owners = [p for p in persons if any(me == at for _, me in p.mentions)]
        if owners:
            return owners[0]
    possessor = _POSSESSOR.search(before)
    if possessor:
        at = s + possessor.start()  # where "'s" begins: the owner's mention ends there
        for p in persons:
            if ends_within(p, at - 1, at + 1):
                return p
        owners = [p for p in persons if ends_within(p, at - 4, kin_start)]
        if owners:
            return owners[0]
        if _subject_noun().search(before, 0, possessor.start()):  # "my client's wife, X"
            named = _related(analysis, kin_end, e, None)
            others = {p.id for p in analysis.persons if p.side == "other"} | {p.id for p in named[:1]}
            return _prominent(analysis, others)
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


#: a colleague word that needs no possessor: "fellow activists", "fellow journalist"
_FELLOW = re.compile(r"fellow\b", re.I)
#: between a person and "fellow activists" said of them: "X, along with", "X and", "X together with"
_ALONG_WITH = re.compile(
    r"^\s*,?\s*(?:(?:was|were|is|are)\s+\w+\s+)?(?:along\s+with|together\s+with|with|and)\s+"
    r"(?:two\s+|three\s+|other\s+)?$",
    re.I,
)


@cache
def _subject_noun() -> re.Pattern[str]:
    """ "my client", "the activist" right before a possessive (lexicon/roles.yaml `subject_nouns`)."""
    nouns = trie_pattern(load("roles")["subject_nouns"])
    return re.compile(rf"\b(?i:my|our|the)\s+(?:[a-z-]+\s+)?(?:{nouns})$")


#: "X, whose wife Y": the relative pronoun after the owner's name
_WHOSE = re.compile(r"\s*,\s*(?:whose|чей|чья|чьё|чьи|чьего|чьей)\s+(?:[a-zа-яё-]+\s+){0,2}$", re.I)


@cache
def _married() -> re.Pattern[str]:
    """ "is married to", "замужем за" (lexicon/roles.yaml `married`), with the copula before it."""
    words = trie_pattern(load("roles")["married"])
    return re.compile(
        rf"\s*,?\s*(?:who\s+)?(?:is\s+|was\s+|has\s+been\s+|had\s+been\s+|got\s+)?(?i:{words})\s+"
        r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?"
    )


def married_relations(analysis: Analysis, out: list[Relation]) -> None:
    """ "X is married to Y", "X замужем за Y": spouses, the wife or husband by X's (or else Y's) gender."""
    text = analysis.text
    spans = _spans(analysis)
    starts = {ms: p for ms, _, p in spans}
    for _, me, a in spans:
        m = _married().match(text, me)
        b = starts.get(m.end()) if m else None
        if b is None or b is a:
            continue
        gender = gender_of(a.name) or {"f": "m", "m": "f"}.get(gender_of(b.name) or "")
        if gender:
            _add(out, Relation("family", a.id, b.id, "wife" if gender == "f" else "husband", [(me, m.end())]))


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
    # "X, 43, his wife", "Ольга К., 43 года, его жена": an age may come first
    r"\s*,\s*(?:\d{1,3}\s*(?:years?\s+old|года|год|лет)?\s*,\s*)?"
    r"(?:the\s+|a\s+|an\s+|his\s+|her\s+|его\s+|её\s+|ее\s+|[A-Z][\w-]*[’']s\s+)?"
    r"(?:(?:elder|older|younger|former|младш\w+|старш\w+)\s+)?$"
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


#: how far after a family's name its members may be listed
FAMILY_LIST_REACH = 160


@cache
def _family_group() -> re.Pattern[str]:
    """ "the Zhanov family", "семья Жановых" (lexicon/roles.yaml `family_group`): the surname in `name`."""
    words = load("roles")["family_group"]
    english = trie_pattern([w for w in words if w.isascii()])
    russian = trie_pattern([w for w in words if not w.isascii()])
    return re.compile(
        rf"(?<![\w-])(?P<name>[A-Z][\w-]+)\s+(?:{english})(?![\w-])"
        rf"|(?<![\w-])(?i:{russian})\s+(?P<ru>[А-ЯЁ][\w-]+)"
    )


def family_group_relations(analysis: Analysis, out: list[Relation]) -> None:
    """The members of a family named by its surname and listed right after it are relatives of each other:
    "the Zhanov family (Berik, Dana and Askar Zhanov)", "семья Жановых: Берик и Дана Жановы"."""
    text = analysis.text
    for m in _family_group().finditer(text):
        stem = _fold_name(m.group("name") or m.group("ru"))[:6]
        if len(stem) < 4:
            continue
        rest = text[m.end() : m.end() + FAMILY_LIST_REACH]
        opened = re.match(r"\s*[(:—–-]", rest)
        if not opened:
            continue
        closer = ")" if opened.group().strip() == "(" else "."
        stop = m.end() + (rest.find(closer) if closer in rest else len(rest))
        members: list[Entity] = []
        for _, _, p in _spans(analysis):
            if p in members or not any(m.end() <= ms < stop for ms, _ in p.mentions):
                continue
            if any(_fold_name(t).startswith(stem) for t in p.name.split()):
                members.append(p)
        members.sort(key=lambda p: min(ms for ms, _ in p.mentions if ms >= m.end()))
        for n, later in enumerate(members):
            for earlier in members[:n]:
                _add(out, Relation("family", later.id, earlier.id, "relative", [(m.start(), stop)]))


def _fold_name(word: str) -> str:
    """A surname in lower-case Latin letters ("Жановых" → "zhanovykh")."""
    return latinize(word).lower()


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
            m = _MEMBER.search(before_q) if org.kind in ORG_KINDS_WITH_MEMBERS else None
            if m:
                at = start - len(before) + m.start()
                for p in _described(analysis, subjects, s, at, start):
                    _add(out, Relation("member", p.id, org.id, None, [(s, e)]))


def _described(analysis: Analysis, subjects: Subjects, s: int, at: int, org_start: int) -> list[Entity]:
    """The persons a description starting at `at` ("a member of the movement X") is said of: the one it
    is apposed to ("X, an activist of ..."), the subject of a copula with those joined to it ("X and Y are
    members of ..."), or those listed right after the organisation ("members of X A and B"); no one else
    in the sentence."""
    subject = _copula_subject(analysis, s, at)
    if subject is not None:
        return _joined_before(analysis, subject, s, at) + [subject]
    apposed = _ending_before(analysis, at, s, _BEFORE_NOUN)
    if apposed is not None:
        return [apposed]
    org_end = next(
        (oe for o in analysis.organizations for os_, oe in o.mentions if os_ == org_start), org_start
    )
    listed = _list_introduced(analysis, org_end)
    if listed:
        return listed
    k = subjects.index(at)
    said_of = _pronoun_copula_subject(analysis, subjects, k, at) or _fronted_subject(
        analysis, subjects, k, at
    )
    if said_of is not None:
        return [said_of]
    if _counted(analysis.text[s:at]):
        return []  # "13 active members of X assembled": others, not the ones the report is about
    return _item_subjects(analysis, subjects, k)


@cache
def _count_before() -> re.Pattern[str]:
    """A number right before a noun, up to one word between ("13 active", "three")."""
    words = trie_pattern(list(load("relative_dates")["counts"]))
    return re.compile(rf"(?:\b\d+|(?<![\w-])(?i:{words}))\s+(?:[\w-]+\s+)?$")


def _counted(before: str) -> bool:
    return bool(_count_before().search(before))


#: before a list item's persons: bullets, marks and "and" ("⚡#ZHANOV Berik and ⚡#KENES Dana")
_ITEM_LEAD = re.compile(r"^[\s⚡#*•✔,-]*(?:(?:and|и)[\s⚡#*•,-]*)?$")


def _item_subjects(analysis: Analysis, subjects: Subjects, k: int) -> list[Entity]:
    """Whom a description in a sentence naming no one before it is about: the persons heading its list
    item ("⚡#ZHANOV Berik — ... members of the movement X"), or the section's subjects when the sentence
    names no one."""
    s, e = analysis.sentences[k]
    text = analysis.text
    spans = [(ms, me, p) for ms, me, p in _spans(analysis) if s <= ms < e]
    if not spans:
        return [p for p in subjects.about(k) if p.side != "perpetrator"]
    heading: list[Entity] = []
    at = s
    for ms, me, p in spans:
        if not _ITEM_LEAD.match(text[at:ms]):
            break
        if p not in heading:
            heading.append(p)
        at = me
    return heading if heading and re.match(r"\s*[—–]\s", text[at:]) else []


#: between an organisation and the list of its people: a closing quote or footnote mark, its kind word ("the X
#: movement"), a colon or a dash
_LIST_OPENS = re.compile(r"^[»\"”'*_]*(?:\[\d+\]|\^\d+)?(?:\s+[a-z]+){0,2}\s*[:—–]?\s*$")


def _list_introduced(analysis: Analysis, pos: int) -> list[Entity]:
    """The persons listed after a colon or dash right after `pos` ("members of X: A, B and C")."""
    first = next(
        (
            ms
            for ms, _, p in _spans(analysis)
            if pos <= ms <= pos + 32 and _LIST_OPENS.match(analysis.text[pos:ms])
        ),
        None,
    )
    return _listed_after(analysis, first) if first is not None else []


def _spans(analysis: Analysis) -> list[tuple[int, int, Entity]]:
    """Every mention of a person not of the state, in text order."""
    return sorted(
        ((ms, me, p) for p in analysis.persons if p.side != "perpetrator" for ms, me in p.mentions),
        key=lambda x: (x[0], x[1]),
    )


#: "She is a member of ...", "Он ... является сопредседателем ...": a clause whose subject is a pronoun
_PRONOUN_SUBJECT = re.compile(r"^\W*(?P<pro>he|she|он|она)\b", re.I)


def _pronoun_copula_subject(analysis: Analysis, subjects: Subjects, k: int, pos: int) -> Entity | None:
    """The person a sentence opened by "he"/"she" and a copula before `pos` is about, when no one is named
    between."""
    s = analysis.sentences[k][0]
    head = analysis.text[s:pos]
    m = _PRONOUN_SUBJECT.match(head)
    if not m or not _COPULA.search(head) or any(s <= ms < pos for ms, _, _ in _spans(analysis)):
        return None
    if re.search(r"[;.!?]", head) or len(head.split()) > 16:
        return None
    return _by_pronoun(analysis, subjects, k, s, _PRONOUN_OF[m.group("pro").lower()], [])


#: a sentence opened by a description of its subject ("A member of the movement X, ..., he left ...")
_FRONTED = re.compile(r"^\W*(?:(?:a|an|the|one of the|former|as)\s+)*(?:[a-zа-яё][\w-]*\s+){0,2}$", re.I)
_AFTER_COMMA = re.compile(r",\s*(?:(?P<pro>he|she|он|она)\b)?")


def _fronted_subject(analysis: Analysis, subjects: Subjects, k: int, pos: int) -> Entity | None:
    """The subject a sentence-opening description at `pos` is said of: the person named, or the "he"/"she",
    right after one of its later commas."""
    s, e = analysis.sentences[k]
    text = analysis.text
    if not _FRONTED.match(text[s:pos]):
        return None
    starts = {ms: p for ms, _, p in _spans(analysis) if pos < ms < e}
    for m in _AFTER_COMMA.finditer(text, pos, e):
        if m.group("pro"):
            return _by_pronoun(analysis, subjects, k, m.start(), _PRONOUN_OF[m.group("pro").lower()], [])
        if m.end() in starts:
            return starts[m.end()]
    return None


def _joined_before(analysis: Analysis, person: Entity, s: int, pos: int) -> list[Entity]:
    """The persons joined by commas and "and" before the mention of `person` last before `pos` in the
    sentence ("A, B and C are ...")."""
    spans = sorted((ms, me, p) for p in analysis.persons for ms, me in p.mentions if ms >= s)
    start = max(ms for ms, me in person.mentions if s <= ms and me <= pos)
    out: list[Entity] = []
    for ms, me, p in reversed([x for x in spans if x[1] <= start]):
        if p is person or p.side == "perpetrator" or not _COORDINATED_AGED.fullmatch(analysis.text[me:start]):
            break
        out.insert(0, p)
        start = ms
    return out


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
        "parliament",
    }
)
_NOUN_TO_ORG = re.compile(
    r"^\s+(?:of|for|at|with|in|from)\s+(?:the\s+|an?\s+)?(?:(?:[a-z][\w-]*|[\w-]+-based)\s+){0,3}"
    r"(?:of\s+(?:the\s+)?)?[«\"“„']?$"
    r"|^\s+(?:(?![А-ЯЁ])[\w-]+\s+){0,2}[«\"“„']?$"
    r"|^,\s+$"
    # a signature's line: "Director, Legal Aid Centre «X»"
    r"|^,\s+(?:[A-Z][\w-]*\s+){1,4}[«\"“„']$"
    # "chairman of the Sumgayit branch of the X Party", "a member of its Almaty office of X"
    r"|^\s+(?:of|in|at|from)\s+(?:the\s+|its\s+)?(?:[A-Z][\w-]*\s+){1,2}(?:regional\s+|city\s+|local\s+)?"
    r"(?:branch|office|chapter|cell|wing|section)\s+of\s+(?:the\s+)?[«\"“„']?$"
)
#: between a name and the noun of its place: an apposition's comma (or a table's column), an age, articles
_BEFORE_NOUN = re.compile(
    r"^[’'s¹²³⁴⁵⁶⁷⁸⁹⁰*]*\s*(?:[,(—–|-]|\n)\s*(?:\d{1,3}\s*,\s*)?"
    r"(?:(?:a|an|the|one of the|former|now|also)\s+)*"
    # "X, a human rights defender from Taraz and the founder of ...", "X, born in 1986, a welder at Y and a
    # member of ...", "X, advocate, member of ...": other descriptions first, joined by commas or "and"
    r"(?:(?:[\w’'-]+\s+){0,5}[\w’'-]+(?:\s*,\s*|\s+(?:and|и)\s+|\s*,\s*(?:and|и)\s+)(?:the\s+|a\s+|an\s+)?){0,3}"
    r"(?:[a-zа-яё][\w-]*\s+){0,2}$"
    # with no comma or dash, only a copula and articles: "X is a member of", "X's colleague at", not
    # "X criticised the leader of", "told X that members of"
    r"|^[’'s¹²³⁴⁵⁶⁷⁸⁹⁰*]*(?:[ \t]+(?:is|was|are|were|has|have|had|been|became|becomes|remains|remained"
    r"|also|now|still|then|a|an|the|one|of|former|as|works|worked|serves|served|является|являлся|являлась"
    r"|был|была|были|стал|стала))*[ \t]*$"
)
#: "X is deputy head of ...", "X worked for years as a reporter of ...", "Ершов был координатором ...",
#: "X, 38 лет, эколог, — член ...": a copula or a verb of working between the person and their place
_COPULA = re.compile(
    r"(?:^|\s)(?:is|was|are|were|has been|had been|became|becomes|remains|served|serves|worked|works|working"
    r"|является|являлся|являлась|был|была|были|стал|стала|работал\w*|работает|служил\w*|—|–)(?:\s|$)",
    re.I,
)
#: "The leader of X is Y": the person named after the organisation and a copula
_IS_NAMED = re.compile(r"^[»\"”']?\s*(?:\([^()]{1,12}\)\s*)?(?:is|was|has been|—|–|является|был|была)\s+$")
_AFTER_ORG = re.compile(r"^[»\"”']?\s*,?\s*(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?$")
#: "The leader of DVK is Mukhtar Ablyazov", "Лидером партии является X"
_COPULA_AFTER = re.compile(r"^[»\"”']?\s+(?:is|was|remains|has been|является|являлся|являлась|был|была)\s+$")
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
    r"|\b(?:уволен\w*|уволил\w*|уволят|уволили)\s+(?:с\s+работы\s+)?(?:из|с)\s+(?:[а-яё-]+\s+){0,2}[«\"“„']?$",
    re.I,
)
_HEADS = re.compile(
    r"\b(?:heads|headed|leads|chairs|chaired|coordinates|coordinated|руководит|руководил\w*|возглавля\w+|возглавил\w*)"
    r"\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?[«\"“„']?$"
)
#: "состоит в профсоюзе «X»", "joined the movement X"
_JOINED = re.compile(
    r"\b(?:состоит|состоял\w*|состоящ\w*|вступил\w*|joined|has joined)\s+(?:в\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
    r"[«\"“„']?$"
    # "who sits on the political council of the X party"
    r"|\b(?:sits|sat|sitting|serves|served|serving)\s+on\s+the\s+(?:[\w-]+\s+){1,3}of\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}[«\"“„']?$",
    re.I,
)
#: "X founded the Y Foundation", "основал движение «Y»"
_FOUNDED = re.compile(
    r"\b(?:founded|co-founded|set up|launched|основал\w*|создал\w*)\s+"
    # "основал и возглавляет ...", "founded and still runs ..."
    r"(?:(?:and|и)\s+(?:still\s+|now\s+)?[\w-]+\s+)?(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}?[«\"“„']?$",
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
def _owned_by() -> re.Pattern[str]:
    """After an organisation, an apposition naming whose it is: "X (XM), the movement of Y", "X, the party
    of Y" (the kind words of organizations.yaml)."""
    kinds = [w for ws in load_yaml("organizations.yaml")["kind_words"].values() for w in ws if w.isascii()]
    return re.compile(
        r"^[»\"”']?\)?\s*(?:\([^()]{1,12}\)\s*)?,\s*(?:the|a)\s+(?:[a-z-]+\s+){0,2}"
        rf"(?:{trie_pattern(sorted(set(kinds)))})\s+of\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?=[A-ZА-ЯЁ])"
    )


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
    """The person whose mention ends before `pos` in the sentence with only `gap` between, the closest
    first."""
    text = analysis.text
    found = sorted(mentions_of(analysis.persons).ending(s, pos), key=lambda m: m[1], reverse=True)
    return next((p for _, me, p in found if p.side != "perpetrator" and gap.match(text[me:pos])), None)


def _subject(analysis: Analysis, subjects: Subjects, k: int, pos: int) -> Entity | None:
    """Who a verb at `pos` is about: the latest person named before it in the sentence, else the subject."""
    s = analysis.sentences[k][0]
    before = [(me, p) for _, me, p in mentions_of(analysis.persons).ending(s, pos) if p.side != "perpetrator"]
    if before:
        return max(before, key=lambda x: x[0])[1]
    pronoun = _PRONOUN_SUBJECT.match(analysis.text[s:pos])
    if pronoun:  # "Он основал ...": the person the pronoun stands for
        return _by_pronoun(analysis, subjects, k, s, _PRONOUN_OF[pronoun.group("pro").lower()], [])
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
                    _after_org(analysis, end, _IS_NAMED.pattern)
                    or _apposed_to_possessor(analysis, at, s)
                    or _ending_before(analysis, at, s, _BEFORE_NOUN)
                    or _after_org(analysis, end)
                    or _copula_subject(analysis, s, at)
                    or _pronoun_copula_subject(analysis, subjects, k, at)
                    or _fronted_subject(analysis, subjects, k, at)
                    or _after_org(analysis, end, _COPULA_AFTER.pattern)  # "The leader of X is Y"
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
            m = _owned_by().match(after)
            if m:  # "the Y movement (YM), the movement of X"
                found.append(("member", _starting(analysis, end + m.end())))
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
    from anywhere else its employee ("his colleague from «Namys»", "her colleague at the Bureau"); whoever
    heads or speaks for a company or an outlet works for it ("the head of X Bank", "a spokesman of X")."""
    if kind == "member" and org.kind in EMPLOYER_KINDS:
        return "employee"
    if kind != "colleague":
        return kind
    return "member" if org.kind in ("party", "movement") else "employee"


#: organisations whose people are employed, not members
EMPLOYER_KINDS = frozenset({"company", "media"})


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
    family_group_relations(analysis, out)
    married_relations(analysis, out)
    organisation_relations(analysis, out)
    role_relations(analysis, out)
    analysis.relations = out
