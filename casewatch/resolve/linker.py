"""Decide whether a person entry of a report is a known person, a new one, or needs review."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from casewatch.names import NameMatch, load_table, match_names, parse_name, skeleton


@dataclass
class PersonProfile:
    """What is known of one person: a canonical person in the store, or one person entry of one report."""

    id: str | None
    names: list[str]
    side: str | None = None
    roles: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    co_persons: set[str] = field(default_factory=set)
    relatives: set[str] = field(default_factory=set)
    #: name keys of the people around this person (see `people_keys`), computed once
    _people_keys: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def people_keys(self, which: str) -> frozenset[str]:
        """Keys of every spelling of the co-mentioned people ("co") or of them and the relatives ("kin")."""
        if which not in self._people_keys:
            names = self.co_persons if which == "co" else self.co_persons | self.relatives
            self._people_keys[which] = frozenset(k for n in names for k in _person_keys_wide(n))
        return self._people_keys[which]


@dataclass
class LinkDecision:
    """The outcome of linking one person entry against candidates."""

    action: str  # "link" (same person), "new" (a different person), "review" (a human decides)
    target_id: str | None
    score: float
    reason: str


@dataclass(frozen=True)
class _Config:
    link: float
    review: float
    margin: float
    partial_margin: float
    partial_kinds: frozenset[str]
    incomplete_kinds: frozenset[str]
    review_only_kinds: frozenset[str]
    case_kinds: frozenset[str]
    initial_kinds: frozenset[str]
    families: dict[str, frozenset[str]]
    apart: frozenset[frozenset[str]]
    opposed: frozenset[frozenset[str]]
    kin_roles: frozenset[str]
    w: dict[str, float]


@lru_cache(maxsize=1)
def _config() -> _Config:
    data: dict[str, Any] = load_table("linking")
    th = data["thresholds"]
    return _Config(
        link=th["link"],
        review=th["review"],
        margin=th["margin"],
        partial_margin=th["partial_margin"],
        partial_kinds=frozenset(data["partial_kinds"]),
        incomplete_kinds=frozenset(data["incomplete_kinds"]),
        review_only_kinds=frozenset(data["review_only_kinds"]),
        case_kinds=frozenset(data["case_kinds"]),
        initial_kinds=frozenset(data["initial_kinds"]),
        families={name: frozenset(roles) for name, roles in data["role_families"].items()},
        apart=frozenset(frozenset(pair) for pair in data["apart_families"]),
        opposed=frozenset(frozenset(pair) for pair in data["opposed_sides"]),
        kin_roles=frozenset(data["kin_roles"]),
        w=data["weights"],
    )


@lru_cache(maxsize=65536)
def _person_key(name: str) -> str | None:
    """A key equal for two spellings of one name: surname and given name, or the one part known."""
    p = parse_name(name)
    if p.surname_key and p.given_key:
        return f"{p.surname_key}|{p.given_key}"
    if p.surname_key:
        return f"{p.surname_key}|"
    if p.given_key:
        return f"|{p.given_key}"
    return None


@lru_cache(maxsize=65536)
def _person_keys_wide(name: str) -> tuple[str, ...]:
    """The keys of a name and of its parts, to meet incomplete names of the same person."""
    p = parse_name(name)
    keys = [k for k in (_person_key(name),) if k]
    if p.surname_key and p.given_key:
        keys += [f"{p.surname_key}|", f"|{p.given_key}"]
    return tuple(keys)


def _shared_people(mine: Iterable[str], known: frozenset[str]) -> int:
    """How many of the people named in `mine` have one of the `known` keys (see `people_keys`)."""
    return sum(1 for k in map(_person_key, mine) if k and k in known)


@lru_cache(maxsize=65536)
def _label_key(label: str) -> str:
    return skeleton(label.strip().lower())


def _overlap(a: set[str], b: set[str], key=_label_key) -> int:
    if not a or not b:
        return 0
    return len({key(x) for x in a} & {key(x) for x in b})


def _article_overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    exact = len(a & b)
    loose = len({x.split(".")[0] for x in a} & {x.split(".")[0] for x in b})
    return exact + 0.5 * max(0, loose - exact)


def _family(roles: set[str], cfg: _Config) -> str | None:
    """The one role family all of a profile's family roles are in, if one."""
    found = {family for family, members in cfg.families.items() if roles & members}
    return found.pop() if len(found) == 1 else None


@dataclass
class _Context:
    score: float
    reasons: list[str]
    people: int  # persons named around both profiles (co-mentioned or relatives)
    support: int  # other shared facts: place, organisation, article
    conflict: bool  # opposed sides or role families: no link on the name alone, but no bar to a shared case
    corroborated: bool = False  # some fact beyond the name and side is shared
    same_role: bool = False  # the same side and a role in common beyond kinship
    apart: bool = False  # role families one person never spans (a foreign MEP and a local judge)

    @property
    def shared_case(self) -> bool:
        """The two are named in one case: two people around both, or one and another shared fact."""
        return self.people >= 2 or (self.people >= 1 and self.support >= 1)


def _context(m: PersonProfile, c: PersonProfile) -> _Context:
    """Score adjustment from roles, side and what surrounds the two profiles, with reasons.

    Opposed sides or role families lower nothing: an addressee is the official of the same
    name, and an official may later be prosecuted. They only stop a link on the name alone.
    """
    cfg, w = _config(), _config().w
    ctx = _Context(0.0, [], 0, 0, False)
    opposed = bool(m.side and c.side and frozenset((m.side, c.side)) in cfg.opposed)
    fm, fc = _family(m.roles, cfg), _family(c.roles, cfg)
    if fm and fc and frozenset((fm, fc)) in cfg.apart:
        ctx.apart = True
        ctx.reasons.append(f"{fm} vs {fc}")
    if fm and fc and fm != fc:
        ctx.conflict = True
        ctx.reasons.append(f"{fm} vs {fc}")
    elif opposed:  # sides alone never keep two apart: a report may misread one
        ctx.reasons.append(f"{m.side} vs {c.side}")
    else:
        if m.side and m.side == c.side:
            ctx.score += w["side_same"]
        if m.roles & c.roles:
            ctx.score += w["role_overlap"]
            ctx.corroborated = True
        if m.side and m.side == c.side and (m.roles & c.roles) - cfg.kin_roles:
            ctx.same_role = True
            ctx.reasons.append("same side and role")
    shared = _shared_people(m.co_persons, c.people_keys("co"))
    if shared:
        ctx.score += min(w["co_person_cap"], shared * w["co_person"])
        ctx.reasons.append(f"{shared} co-mentioned")
    kin = _shared_people(m.relatives, c.people_keys("kin"))
    if kin:
        ctx.score += min(w["relative_cap"], kin * w["relative"])
        ctx.reasons.append(f"{kin} shared relatives")
    ctx.people = shared + kin
    arts = _article_overlap(m.articles, c.articles)
    if arts:
        ctx.score += min(w["article_cap"], arts * w["article"])
    places = _overlap(m.places, c.places)
    if places:
        ctx.score += min(w["place_cap"], places * w["place"])
        ctx.reasons.append("same place")
    orgs = _overlap(m.organizations, c.organizations)
    if orgs:
        ctx.score += min(w["organization_cap"], orgs * w["organization"])
        ctx.reasons.append("same organisation")
    ctx.support = int(bool(places)) + int(bool(orgs)) + int(bool(arts))
    ctx.corroborated = ctx.corroborated or bool(ctx.people or ctx.support or arts)
    return ctx


_NO_NAMES = NameMatch(0.0, "conflict", "no names")


@lru_cache(maxsize=65536)
def _completeness_tier(name: str) -> int:
    """2: given name, patronymic and surname; 1: given name and surname; 0: less."""
    p = parse_name(name)
    if not (p.given and p.surname):
        return 0
    return 2 if p.patronymic else 1


@dataclass(frozen=True)
class NameAgreement:
    """How the names of two profiles agree."""

    best: NameMatch
    same_patronymic: bool  # a name of each with a patronymic fits (given name, patronymic, surname)
    identical: bool  # a name of each with the same parts agrees exactly, whatever the script


def best_name_match(a: Sequence[str], b: Sequence[str]) -> NameAgreement:
    """The best agreement between any spelling of one person and any of another.

    When both have a full name (given name and surname) and no full name of one fits a full
    name of the other, they are different people, whatever their partial spellings share
    ("Nazira Kassymova" is not "Marzhan Kassymova", also written "Kassymova"). The same holds
    one level up: two people each known with a patronymic are two people when no pair of those
    names fits ("Arman Kairatovich" is not "Arman Seitovich", both also "Arman Zhunusov").
    """
    best = _NO_NAMES
    pairs, fits = [False, False, False], [False, False, False]
    identical = False
    for x in a:
        for y in b:
            nm = match_names(x, y)
            tx, ty = _completeness_tier(x), _completeness_tier(y)
            for tier in range(1, min(tx, ty) + 1):
                pairs[tier] = True
                fits[tier] = fits[tier] or nm.score > 0.0
            identical = identical or (nm.kind == "full" and tx == ty and nm.score >= _EXACT)
            if nm.score > best.score:
                best = nm
    if pairs[2] and not fits[2]:
        return NameAgreement(NameMatch(0.0, "conflict", "patronymics differ"), False, False)
    if pairs[1] and not fits[1]:
        return NameAgreement(NameMatch(0.0, "conflict", "full names differ"), False, False)
    return NameAgreement(best, fits[2], identical)


#: the name score of a given name and surname that agree in full, in the order written
_EXACT = 0.95


@dataclass
class _Scored:
    candidate: PersonProfile
    name: NameMatch
    context: _Context
    score: float
    reason: str
    rank: float  # the score before capping at 1: what orders candidates and measures their margin


@lru_cache(maxsize=1)
def _figures() -> tuple[str, ...]:
    from casewatch.extract.lexicon import load

    return tuple(f["name"] for f in load("public_figures")["figures"])


@lru_cache(maxsize=65536)
def _figure_of_name(name: str) -> str | None:
    """The public figure a name is: the full name, or the surname alone as written."""
    for figure in _figures():
        nm = match_names(name, figure)
        if nm.kind == "full" or (nm.kind == "surname_only" and nm.score >= 0.55):  # not order-swapped
            return figure
    return None


def public_figure(p: PersonProfile) -> str | None:
    """The well-known public figure (data/lexicon/public_figures.yaml) all of a profile's names fit.

    A figure's identity does not depend on context: "Tokayev" alone is the president, and a
    former security chief on trial is the official he was. A profile one of whose names is
    someone else of the same surname ("Aidos Tokayev") is no figure.
    """
    found = {_figure_of_name(n) for n in p.names}
    if len(found) != 1 or None in found:
        return None
    return found.pop()


def _places_differ(m: PersonProfile, c: PersonProfile) -> bool:
    """Both are placed, and never in the same place (namesakes in two cities)."""
    return bool(m.places and c.places) and not _overlap(m.places, c.places)


def _score(m: PersonProfile, c: PersonProfile) -> _Scored | None:
    figure = public_figure(m)
    if figure and public_figure(c) == figure:
        nm = NameMatch(1.0, "figure", f"public figure {figure}")
        return _Scored(c, nm, _Context(0.0, [], 0, 0, False, corroborated=True), 1.0, nm.reason, 2.0)
    agreement = best_name_match(m.names, c.names)
    nm = agreement.best
    if nm.score <= 0.0:
        return None
    ctx = _context(m, c)
    if ctx.apart:
        return None
    if agreement.same_patronymic and nm.kind == "full" and not ctx.conflict:
        ctx.corroborated = True  # given name, patronymic and surname: rarely two people's
        ctx.reasons.append("same patronymic")
    elif agreement.identical and not ctx.conflict and _places_differ(m, c):
        ctx.reasons.append("identical name, places differ")
    elif agreement.identical and not ctx.conflict and m.side and c.side:
        ctx.corroborated = True  # the same full name and no fact against it
        ctx.reasons.append("identical name, no conflicting fact")
    raw = nm.score + ctx.score
    total = max(0.0, min(1.0, raw))
    reason = "; ".join([f"{nm.kind} name match ({nm.reason})", *ctx.reasons])
    return _Scored(c, nm, ctx, total, reason, raw)


def decide(mention: PersonProfile, candidates: Sequence[PersonProfile]) -> LinkDecision:
    """Link a person entry to the one candidate that is the same person, or say new or review."""
    cfg = _config()
    scored = sorted(filter(None, (_score(mention, c) for c in candidates)), key=lambda s: -s.rank)
    if not scored or scored[0].score < cfg.review:
        top = scored[0].score if scored else 0.0
        return LinkDecision("new", None, round(top, 3), "no candidate with a compatible name and context")
    best = scored[0]
    runner = scored[1] if len(scored) > 1 else None
    partial = best.name.kind in cfg.partial_kinds
    margin = cfg.partial_margin if partial else cfg.margin
    target, score = best.candidate.id, round(best.score, 3)
    outranked = best.name.kind == "full" and runner is not None and runner.name.kind in cfg.incomplete_kinds
    if runner and runner.score >= cfg.review and best.rank - runner.rank < margin and not outranked:
        return LinkDecision("review", target, score, f"ambiguous: {best.reason} / also {runner.candidate.id}")
    ctx = best.context
    if partial:
        if ctx.shared_case:
            return LinkDecision("link", target, score, f"{best.reason}; unique candidate in a shared case")
        if not ctx.corroborated:  # a shared surname alone is no question worth a reviewer's time
            return LinkDecision("new", None, score, f"{best.reason}; nothing else in common")
        return LinkDecision("review", target, score, best.reason)
    if best.name.kind in cfg.case_kinds and ctx.shared_case:
        return LinkDecision("link", target, score, f"{best.reason}; shared case")
    if best.name.kind in cfg.review_only_kinds | cfg.case_kinds:
        if ctx.conflict and not ctx.corroborated:
            return LinkDecision("new", None, score, f"{best.reason}; nothing else in common")
        return LinkDecision("review", target, score, best.reason)
    if ctx.conflict and not ctx.shared_case:  # opposed sides or roles: only a shared case joins them
        alone = "" if ctx.corroborated else "; nothing else in common"
        return LinkDecision("review", target, score, best.reason + alone)
    if best.name.kind in cfg.initial_kinds and ctx.same_role and not ctx.conflict:
        return LinkDecision("link", target, score, f"{best.reason}; unique candidate")
    if best.score >= cfg.link and best.context.corroborated:
        return LinkDecision("link", target, score, best.reason)
    if best.score >= cfg.link:
        return LinkDecision("review", target, score, f"{best.reason}; nothing else in common")
    return LinkDecision("review", target, score, best.reason)


def has_full_name(p: PersonProfile) -> bool:
    """Whether some name of the profile has a given name and a surname."""
    return any(_completeness_tier(n) for n in p.names)
