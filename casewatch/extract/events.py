"""Events: what happened to whom and when, one sentence at a time (triggers in data/lexicon/events.yaml)."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from casewatch.data import load_yaml
from casewatch.extract.analysis import Analysis, DateMention, Entity, Event
from casewatch.extract.context import MentionIndex, Subjects, mentions_in, starts_within
from casewatch.extract.fastmatch import guarded_alternation
from casewatch.extract.lexicon import gender_of, load
from casewatch.extract.pipeline import component
from casewatch.extract.spans import Starts, ThreadCache, lines_of
from casewatch.extract.triggers import lemma_pattern

#: event types that happen to a target, so a sentence naming nobody is about the section's subject
NEEDS_TARGET = frozenset(load_yaml("vocabularies.yaml")["event_types"]) - {"ban", "sanction_call"}
#: the accused in these events are defendants
DEFENDANT_EVENTS = frozenset({"hearing", "verdict", "restraint"})
#: date modifiers of a span of time, not of the day something happened
SPAN_MODIFIERS = frozenset({"since", "from", "until", "before", "by"})
#: statements made in the report itself: undated ones take the report's date
STATEMENT_EVENTS = frozenset({"advocacy", "sanction_call"})


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[str, re.Pattern[str]]
    penalties: re.Pattern[str]
    scheduled: re.Pattern[str]
    outcomes: list[tuple[str, re.Pattern[str]]]
    term: re.Pattern[str]
    restraint_kinds: list[tuple[str, re.Pattern[str]]]
    retold_charge: re.Pattern[str]
    charge_clause: re.Pattern[str]
    protagonist_nouns: re.Pattern[str]
    prison_terms: re.Pattern[str]
    spoken_of: dict[str, re.Pattern[str]]


def _alt(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + guarded_alternation(patterns), re.I)


@cache
def lexicon() -> Lexicon:
    data = load("events")
    return Lexicon(
        triggers={
            t: _alt(p + [lemma_pattern(w) for w in data["lemma_triggers"].get(t, [])])
            for t, p in data["triggers"].items()
        },
        penalties=_alt(data["penalties"]),
        scheduled=_alt(data["scheduled"]),
        outcomes=[(o, _alt(p)) for o, p in data["outcomes"].items()],
        term=re.compile(data["term"], re.I),
        restraint_kinds=[(k, _alt(p)) for k, p in data["restraint_kinds"].items()],
        retold_charge=_alt(data["retold_charge"]),
        charge_clause=_alt(data["charge_clause"]),
        protagonist_nouns=_alt(data["protagonist_nouns"]),
        prison_terms=_alt(data["prison_terms"]),
        spoken_of={t: _alt(p) for t, p in data["spoken_of"].items()},
    )


_TORTURE_SPOKEN_OF = re.compile(
    r"\b(?:risk|complaints?|allegations?|responsible|investigations?|claims?|reports?|accusations?|testimony"
    r"|prosecut\w+|punish\w*|accountable|testified|spoke|against|prevention)"
    r" (?:of|for|into|about|against) (?:the )?(?:torture|ill-treatment|beatings?)"
    r"|\b(?:alleg\w*|against) (?:torture|ill-treatment|beatings?)"
    r"|риск\w* пыток|жалоб\w* на пытки|против пыток|о пытках",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|may|might|would|will|can) be (?:\w+ )?(?:fined|sentenced|convicted)"
    r"|\b(?:faces?|facing|risks?) (?:up to |a )?(?:\w+ ){0,3}(?:years?|fines?|prison)"
    r"|\b(?:threaten\w*|promis\w*|want\w*|tried|tries|try|attempt\w*) to (?:\w+ )?"
    r"(?:convict|sentence|fine|jail|imprison)"
    r"|грозит|может быть (?:оштрафован|осужден)|грозил\w* (?:\w+ )?(?:посадить|осудить|оштрафовать)",
    re.I,
)
_PAST_VERDICT = re.compile(
    r"\b(?:was|were|had been|has been|have been)\s+(?:\w+\s+)?(?:sentenced|convicted|fined|acquitted)\b"
    r"|\bбыл\w*\s+(?:приговорен|осужден|оштрафован|оправдан)",
    re.I,
)


#: days of arrest, an administrative penalty ("на 15 суток", "for ten days"); measures are given in months
_DAYS_OF_ARREST = re.compile(
    r"\b(?:for|на)\s+(?:\d+|one|two|three|five|seven|ten|fifteen|пять|семь|десять|пятнадцать)\s+(?:days?|суток)\b",
    re.I,
)
#: a measure of restraint spoken of, not imposed: its terms broken
_RESTRAINT_SPOKEN_OF = re.compile(
    r"\b(?:violat\w*|breach\w*|broken|broke)\s+(?:the\s+)?(?:terms|conditions|rules)\s+of\s+(?:\w+\s+)?"
    r"(?:house arrest|bail)"
    r"|наруш\w*\s+(?:условия|режим)\w*\s+(?:домашнего\s+ареста|меры\s+пресечения)",
    re.I,
)
#: an arrest as the time of something else: "при задержании", "after his mother's detention"
_ARREST_AS_TIME = re.compile(
    r"\b(?:при|после|во время|с момента)\s+(?:\w+\s+)?задержани\w*"
    r"|\b(?:during|after|since|upon)\s+(?:his|her|their|the)\s+(?:\w+['’]s\s+)?(?:arrest|detention)\b(?!\s+on\b)",
    re.I,
)
#: what happened during an arrest
_DURING_ARREST = re.compile(
    r"\b(?:при|во время)\s+(?:\w+\s+)?задержани\w*"
    r"|\b(?:during|upon)\s+(?:his|her|their|the)\s+(?:arrest|detention)\b",
    re.I,
)


def _date_of_arrest(ev: Event, events: list[Event]) -> None:
    """Give an undated event the date of the last dated arrest of one of its persons."""
    arrest = next(
        (o for o in reversed(events) if o.type == "arrest" and o.date and set(o.persons) & set(ev.persons)),
        None,
    )
    if arrest is not None:
        ev.date, ev.date_precision = arrest.date, arrest.date_precision


#: being brought in, which questioning explains
_TAKEN_IN = re.compile(r"\btaken to the police\b|доставлен\w* в (?:отдел|полиц)\w*", re.I)
#: being summoned, which questioning explains
_SUMMONED = re.compile(r"\bsummoned (?:to|by)\b", re.I)


def _only_within(trigger: re.Pattern[str], context: re.Pattern[str], sentence: str) -> bool:
    """Whether every match of `trigger` in the sentence lies inside a match of `context`."""
    spans = [m.span() for m in context.finditer(sentence)]
    found = [m.span() for m in trigger.finditer(sentence)]
    return bool(spans) and bool(found) and all(any(a <= x and y <= b for a, b in spans) for x, y in found)


#: a count of people nobody names ("at least six journalists were detained since January"): a tally, no event
_TALLY = re.compile(
    r"\b(?:at least|more than|over|по меньшей мере|не менее|более|свыше)\s+(?:\d+|\w+)\s+"
    r"(?:people|persons|journalists|activists|bloggers|protesters|человек|журналист\w*|активист\w*|блогер\w*)",
    re.I,
)

#: a court or a judge as the one who acts
_COURT_ORDERS = re.compile(r"\bcourt\b|\bjudge\b|\bсуд(?:ь[яеюи]|ом|а)?\b", re.I)


def _court_arrests(sentence: str, arrest: re.Pattern[str]) -> bool:
    """Whether a court or judge is named in the clause of an arrest word ("the court arrested her for two
    months"), not only in another clause ("X was detained, and the next day a court gave him 15 days")."""
    courts = [m.start() for m in _COURT_ORDERS.finditer(sentence)]
    if not courts:
        return False
    for m in arrest.finditer(sentence):
        start, end = _clause(sentence, 0, len(sentence), m.start())
        if any(start <= c < end for c in courts):
            return True
    return False


#: words that report a court session itself, not only its decision
_SESSION = re.compile(
    r"session|hearing|heard|held|took place|beg[ia]ns?|opened|opens|resumed|postponed|adjourned|continu"
    r"|lasts|lasted"
    r"|заседани|рассмотр|состоял|прош[её]л|начал|отложен|возобнов|продолж|оглаш|огласил|interrupted|прерван",
    re.I,
)


#: an item of a court schedule: a time and a comma first, then the court ("2) В 11:00, зал № 2, городской
#: суд — ..."), not a court-watch log's "10:05 — the judge opens the session"
_SCHEDULE_ENTRY = re.compile(
    r"^\s*(?:\d{1,2}[).]|[—–•*-])?\s*(?:(?:в|at|с)\s+)?\d{1,2}[:.]\d{2}(?![.\d])\s*,[^\n]{0,120}?"
    r"(?:\bсуд|\bcourt\b|\btribunal\b)",
    re.I,
)


#: a report's tally of what it recorded ("За неделю мы зафиксировали один приговор, два обыска ..."): no event
_OVERVIEW = re.compile(
    r"\b(?:we (?:have )?(?:recorded|documented|registered|counted)|(?:мы )?(?:за)?фиксировал\w*"
    r"|зарегистрировал\w*|задокументировал\w*)\s+(?:\w+\s+)?"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a dozen"
    r"|один|одн\w+|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\b",
    re.I,
)


#: a hearing told with its day ("kept out of the hearing on 7 April"): one that took place (a line "Hearings
#: on 11 March:" heads a schedule; its items are the hearings)
_HEARING_ON_A_DAY = re.compile(
    r"\b(?:hearing|trial|session)s? (?:on|of) (?:\d{1,2}(?:st|nd|rd|th)? \w+|\w+ \d{1,2}\b)", re.I
)
#: a colony, which only a verdict sends someone to
_COLONY = re.compile(r"\bколони\w*|\bpenal colony\b", re.I)
#: a question asks about an event, it does not tell one
_QUESTION = re.compile(r"\?\s*$")
#: a section heading in capitals ("ADMINISTRATIVE CASES", "ОБЫСКИ"): it names what follows, or the statement
#: the report itself is
_HEADING = re.compile(r"^[^a-zа-яё]{3,80}$")


def sentence_types(sentence: str, has_when: bool) -> list[str]:
    """Event types a sentence reports, after resolving triggers that compete for the same words."""
    lex = lexicon()
    if _OVERVIEW.search(sentence) or _QUESTION.search(sentence):
        return []  # a tally of the report's own, a question ("What is he charged with?")
    found = {t for t, p in lex.triggers.items() if p.search(sentence)}
    # "demanded the withdrawal of the charges": the type only spoken of
    spoken = lex.spoken_of.items()
    found -= {t for t, p in spoken if t in found and _only_within(lex.triggers[t], p, sentence)}
    if _SCHEDULE_ENTRY.match(sentence):
        found.add("hearing")  # a court's entry in a list of hearings, whatever it says is heard there
    if "restraint" in found:
        # "house arrest", "arrest in the pre-trial detention facility" are the measure, not an arrest
        restraint = [m.span() for m in lex.triggers["restraint"].finditer(sentence)]
        spoken_arrest = lex.spoken_of.get("arrest")
        told = [m.span() for m in spoken_arrest.finditer(sentence)] if spoken_arrest else []
        arrests = [
            (x, y)
            for x, y in (m.span() for m in lex.triggers["arrest"].finditer(sentence))
            if not any(a <= x and y <= b for a, b in told)  # "задержанных по делу" names who, tells no arrest
        ] if "arrest" in found else []
        if all(any(a < e2 + 12 and s2 - 12 < b for s2, e2 in restraint) for a, b in arrests):
            found.discard("arrest")
        if not (
            lex.outcomes[1][1].search(sentence) or lex.penalties.search(sentence) or _COLONY.search(sentence)
        ):
            found.discard(
                "verdict"
            )  # "sentenced to two months of pre-trial detention", not "to 2 years of colony"
    if (
        "arrest" in found
        and _court_arrests(sentence, lex.triggers["arrest"])
        and _restraint_term(sentence, duration_only=True)
    ):
        if _DAYS_OF_ARREST.search(sentence):
            found = (found - {"arrest"}) | {"verdict"}  # "the court arrested them for 15 days": a penalty
        else:
            found = (found - {"arrest"}) | {"restraint"}  # "the court arrested her for two months": a measure
    if "arrest" in found and _only_within(lex.triggers["arrest"], _ARREST_AS_TIME, sentence):
        found.discard("arrest")  # "при задержании его ударили", "after his mother's arrest she was fired"
    if (
        "interrogation" in found
        and "arrest" in found
        and _only_within(lex.triggers["arrest"], _TAKEN_IN, sentence)
    ):
        found.discard("arrest")  # "is taken to the police station and questioned for three hours"
    if (
        "interrogation" in found
        and "pressure" in found
        and _only_within(lex.triggers["pressure"], _SUMMONED, sentence)
    ):
        found.discard("pressure")  # "was summoned to the police and questioned about his posts"
    if "restraint" in found and _RESTRAINT_SPOKEN_OF.search(sentence):
        found.discard("restraint")  # "insisted that she had broken the terms of her house arrest"
    own_charge = lex.charge_clause.search(sentence)  # "sentenced X, against whom charges were brought"
    if "verdict" in found and "restraint" not in found and not own_charge:
        found.discard("charge")
    if "hearing" in found:
        strong = re.search(
            r"\bcourt\b|\bjudge\b|\bсуд|session|heard|take place|be held|was held|were held|scheduled"
            r"|beg[ia]ns?|\bopens\b|\blast(?:s|ed)\b"
            r"|postponed|opened|resumed|continu|stand trial|состоится|назначен|процесс|заседани|продолж"
            r"|рассматрива|слушал|\b(?:at|told) (?:the|his|her|their) trial\b|interrupted|прерван",
            sentence,
            re.I,
        )
        told_with_day = _HEARING_ON_A_DAY.search(sentence) and not sentence.rstrip().endswith(":")
        if not (strong or told_with_day) or re.search(
            r"\bas observers\b|наблюдател|\battend(?:ing)? the (?:hearing|trial)", sentence, re.I
        ):
            found.discard("hearing")
        elif not own_charge:
            found.discard("charge")  # "a trial on the criminal case under Article 405 against ..."
    if "hearing" in found and "verdict" in found and not _SESSION.search(sentence):
        found.discard("hearing")  # "Regional court (appeal), 24.11.2022 | verdict upheld": no session
    if "hearing" in found and "restraint" in found and not _restraint_term(sentence, duration_only=True):
        found.discard("restraint")  # "heard the appeal against the measure of restraint"
    if "hearing" in found and lex.scheduled.search(sentence):
        found -= {"restraint", "charge"}  # a scheduled hearing decides these later
        if not _PAST_VERDICT.search(sentence):
            found.discard("verdict")  # "... will hear the appeal", unless "who was sentenced on 4 March"
    if "pressure" in found and not _concrete_pressure(sentence, has_when):
        found.discard("pressure")
    if "pressure" in found and "advocacy" in found:
        if _CALL.search(sentence) or not _PRESSURE_ACTORS.search(sentence):
            found.discard("pressure")  # "called for his release and an end to the campaign of intimidation"
        else:
            found.discard("advocacy")  # "officers came to his workplace and demanded that he stop"
    if "sanction_call" in found:
        found.discard("advocacy")
    if "hearing" in found and "advocacy" in found and _STATEMENT.search(sentence):
        found.discard("hearing")  # "we demand a review of their cases in fair trials": a demand, no session
    if "assembly_denied" in found:
        found.discard("ban")
    if "ill_treatment" in found and _TORTURE_SPOKEN_OF.search(sentence):
        found.discard("ill_treatment")  # "at risk of torture", "his complaint of torture was closed"
    if "verdict" in found and _HYPOTHETICAL.search(sentence):
        found.discard("verdict")  # "warned that she could be fined"
    if "verdict" in found and "advocacy" in found and not lex.outcomes[0][1].search(sentence):
        found.discard("verdict")  # "X called the verdict a travesty and demanded his release"
    if _HEADING.match(sentence):
        found &= STATEMENT_EVENTS  # "ADMINISTRATIVE CASES" heads a section, "OPEN LETTER" is the letter
    return sorted(found, key=list(lex.triggers).index)


_PRESSURE_ACTORS = re.compile(
    r"\b(?:officers?|police|NSC|KNB|investigators?|akim\w*|prosecutors?|employer|director|сотрудник\w*|полици\w+|КНБ|следовател\w+)\b"
    r"|threaten\w*|pressured by|came to|visited|summoned|dismissed|fired|угрожа\w+|вызва\w+|уволи\w+|пришли",
    re.I,
)
#: a call or an appeal, which the advocacy of others makes and officers' demands do not
_CALL = re.compile(
    r"\b(?:call(?:s|ed)? (?:on|for|upon)|urg\w+|appeal\w*|petition\w*)\b|призва\w*|призыва\w*", re.I
)
_STATEMENT = re.compile(r"\b(?:we|our)\b|\bмы\b|призыва|требуем", re.I)


def _concrete_pressure(sentence: str, has_when: bool) -> bool:
    """Pressure as an act (someone threatened, visited, dismissed), not the word in a statement."""
    if _STATEMENT.search(sentence):
        return False
    return has_when or bool(_PRESSURE_ACTORS.search(sentence))


_SAME_DAY = re.compile(
    r"\b(?:(?:the|that) (?:very )?same day|that day|the same (?:evening|night|morning)"
    r"|that (?:evening|night|morning)|at the same time|later that day"
    r"|в тот же день|в этот же день|в тот же вечер|того же дня"
    r"|в ту же ночь|тем же вечером|одновременно)\b",
    re.I,
)


#: how many sentences back "the same day" looks for the day it means
SAME_DAY_REACH = 5


#: a statement's verb and its audience before a date: the date is the statement's, not the event's
_SAID_ON = re.compile(
    r"\b(?:said|says|wrote|told|reported|stated|announced|posted|сообщил\w*|написал\w*|рассказал\w*"
    r"|заявил\w*)\b[^,.;:\n\"“”«»]{0,30}?\s(?:on|в|во)\s+$",
    re.I,
)


#: where a clause of a sentence ends and another begins: "; ", " — ", ", and", " and, ", ", а", ", но", ", и"
_CLAUSE_BREAK = re.compile(r";\s|\s[—–]\s|,?\s+(?:and|but|while|whereas)\b,?|,\s+(?:а|но|и)\s", re.I)


def _clause(text: str, s: int, e: int, pos: int) -> tuple[int, int]:
    """The clause of the sentence [s, e) that holds `pos`."""
    start, end = s, e
    for m in _CLAUSE_BREAK.finditer(text, s, e):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


class _When:
    """Date of a sentence: its own; else that of one of the two sentences before it when they tell the
    same story (same persons, or none named here); a hearing in a schedule takes the report's date."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.dates = sorted(analysis.dates, key=lambda d: d.start)
        self.starts = [d.start for d in self.dates]
        #: a news report with a dateline tells today's court news without repeating the date
        self._dateline = any(d.date == analysis.report_date and d.start < 300 for d in self.dates)
        #: the date each sentence was given from the sentences before it
        self.told: dict[int, DateMention] = {}

    def _schedule_date(self, k: int) -> DateMention | None:
        """The day of a schedule ("Hearings on 11 March:") that the numbered items below it share."""
        text = self.analysis.text
        for j in range(k - 1, max(-1, k - 12), -1):
            s, e = self.analysis.sentences[j]
            if text[s:e].rstrip().endswith(":"):
                days = [d for d in self._within(s, e) if d.date and d.precision == "day"]
                return days[0] if days else None
        return None

    def _within(self, s: int, e: int) -> list[DateMention]:
        """The dates starting in [s, e), in text order."""
        return self.dates[bisect.bisect_left(self.starts, s) : bisect.bisect_left(self.starts, e)]

    def _own(self, s: int, e: int, kind: str = "") -> tuple[DateMention | None, str | None]:
        inside = self._within(s, e)
        dated = [d for d in inside if d.date]
        if kind not in STATEMENT_EVENTS:
            # "..., Samsonov wrote on Telegram on Tuesday", "until 2022, was detained on March 14"
            dated = [d for d in dated if not self._of_another_act(d, s)] or dated
        if kind == "restraint":
            dated = [
                d for d in dated if d.modifier not in ("until", "by")
            ]  # "in custody until 20 June": its end
        time = next((d.time for d in inside if d.time), None)
        if len(dated) > 1 and dated[0].date == self.analysis.report_date:
            dated = dated[1:]  # "Bishkek, 24 January 2022 — On 21 January ...": the first is the dateline
        bare_time_first = bool(inside) and inside[0].date is None and inside[0].time is not None
        if bare_time_first and kind == "hearing":
            return None, time  # "At 16:45, ... who was detained on 9 October": the date is another event's
        if len(dated) > 1 and kind in lexicon().triggers:
            # "will hear on 14 March the appeal of X, who was sentenced on 4 March": each its nearest date
            trigger = lexicon().triggers[kind].search(self.analysis.text, s, e)
            if trigger:
                # "In April his home was searched, and in May he was put under house arrest": its clause's
                clause = _clause(self.analysis.text, s, e, trigger.start())
                near = [d for d in dated if clause[0] <= d.start < clause[1]] or dated
                return min(near, key=lambda d: abs(d.start - trigger.start())), time
        return (dated[0] if dated else None), time

    def _of_another_act(self, d: DateMention, s: int) -> bool:
        """A date that bounds another span of time or dates a statement about the event."""
        if d.modifier in ("until", "before", "by"):
            return True
        return bool(_SAID_ON.search(self.analysis.text, max(s, d.start - 50), d.start))

    def _told_before(
        self, k: int, kind: str, persons: list[Entity], headers: list[int]
    ) -> DateMention | None:
        """The date of the story sentence k continues: one of the two sentences before it (or the date they
        were themselves given), when they name the same persons, nobody, or k says "the same day"; a colon
        line introducing a list is passed over."""
        if kind in STATEMENT_EVENTS:
            return None  # a statement is dated by itself or by the report, not by the facts it recalls
        sents = self.analysis.sentences
        text = self.analysis.text
        tag = _tagged_entry(self.analysis, k, headers)
        tagged = self._own(*sents[tag])[0] if tag is not None else None
        if tagged is not None:
            return tagged  # "– They held him for five hours" under "#City #Name – On 18 May ..."
        same_day = bool(_SAME_DAY.search(text, *sents[k]) or _LIKEWISE.search(text, *sents[k]))
        # "On the same day he was charged" looks back past the sentences that tell no date
        reach = SAME_DAY_REACH if same_day else 2
        looked = 0
        listed = False  # the sentence is an item of a list a colon line introduced
        j = k - 1
        while j >= 0 and looked < reach:
            prev = self._own(*sents[j])[0] or self.told.get(j)
            if prev and (prev.modifier in SPAN_MODIFIERS or prev.precision == "year"):
                prev = None  # "since spring 2022", "the January 2022 events" tell no day of what follows
            if j in headers:
                if prev or not text[slice(*sents[j])].rstrip().endswith(":"):
                    return None
                listed = True
            j, looked = j - 1, looked + (j not in headers)
            if prev is None:
                continue
            report = self.analysis.report_date
            if report and prev.date and prev.date > report and kind != "hearing":
                return None  # a date after the report is a plan ("to hold a protest on 1 May"), not an event
            before = mentions_in(self.analysis, *sents[j + 1])
            # a sentence naming nobody sets the scene ("Brest, 6 July.", "• 22 May 2023"), unless it is a list
            # entry telling something else ("— Calls to vote on 10 January 2021")
            said = sents[j + 1]
            scene = not before and (said[1] - said[0] <= 40 or not _is_entry(text, *said))
            if same_day or listed or not persons or scene or {p.id for p in persons} & {p.id for p in before}:
                return prev
            if j + 1 == k - 1 and kind in sentence_types(text[slice(*said)], True):
                # "... remanded A and B in custody. C was put under house arrest.": one decision, its date
                return self._own(*said, kind)[0]
            return None
        return None

    def of(
        self, k: int, kind: str, persons: list[Entity], headers: list[int]
    ) -> tuple[DateMention | None, str | None]:
        sents = self.analysis.sentences
        s, e = sents[k]
        date, time = self._own(s, e, kind)
        if date:
            return date, time
        told = self._told_before(k, kind, persons, headers)
        if told:
            self.told[k] = told
            return told, time
        if (
            kind in ("verdict", "hearing")
            and self.analysis.report_date
            and self._dateline
            and not _is_entry(self.analysis.text, s, e)
        ):
            return DateMention(s, s, self.analysis.report_date, "day"), time  # "the court sentenced" today
        if kind == "hearing":
            header = self._schedule_date(k)
            if header:
                return header, time
        if kind == "hearing" and self.analysis.report_date:
            return DateMention(s, s, self.analysis.report_date, "day"), time
        return None, time


def _term(sentence: str) -> str | None:
    m = lexicon().term.search(sentence)
    return m.group() if m else None


def _restraint_term(sentence: str, duration_only: bool = False) -> str | None:
    kinds = () if duration_only else lexicon().restraint_kinds
    kind = next((k for k, p in kinds if p.search(sentence)), None)
    durations = list(
        re.finditer(
            r"(?P<for>\b(?:for|на|сроком на)\s+(?:a period of\s+)?)?"
            r"(?:\d+|one|two|three|four|five|six|один|два|три)\s+(?:months?|days?|weeks?|месяц\w*|суток|дней)",
            sentence,
            re.I,
        )
    )
    # "for two months" over "two days later"
    duration = next((d for d in durations if d.group("for")), durations[0] if durations else None)
    span = duration.group()[len(duration.group("for") or "") :] if duration else None
    parts = [p for p in (kind, span) if p]
    return ", ".join(parts) or None


def _outcome(sentence: str) -> str:
    return next((o for o, p in lexicon().outcomes if p.search(sentence)), "other")


#: roles of the people a sanctions call defends, never of those it names for sanctions
DEFENDED_ROLES = frozenset(
    {"political_prisoner", "activist", "human_rights_defender", "journalist", "defendant", "suspect"}
)


def _sanctioned(analysis: Analysis, s: int, e: int) -> list[Entity]:
    """Officials a sanctions call names: everyone named after "sanctions against" but the defended."""
    m = lexicon().triggers["sanction_call"].search(analysis.text, s, e)
    start = m.start() if m else s
    named = mentions_in(analysis, start, e)
    return [p for p in named if p.side == "perpetrator" or not DEFENDED_ROLES & set(p.roles)]


def _protagonist(analysis: Analysis) -> list[Entity]:
    """The target a report is about: the one mentioned most, if clearly so."""
    targets = [
        p for p in analysis.persons if p.side not in ("perpetrator", "other") and "addressee" not in p.roles
    ]
    ranked = sorted(
        targets,
        key=lambda p: len(p.mentions),
        reverse=True,
    )
    if ranked and (len(ranked) == 1 or len(ranked[0].mentions) >= 2 * len(ranked[1].mentions)):
        return [ranked[0]]
    return []


#: a speaker named right before: "says Volha", "said his mother, ", "according to his wife, "
_SPEAKER_BEFORE = re.compile(
    r"(?:\b(?:says|said|told|tells|adds|added|recalls|recalled|according to)|по словам)"
    r"(?:[\s,]+[\w’'-]+){0,2}[\s,]+$",
    re.I,
)
#: a speaker named right before the verb: "X said", "X, eventually learned", "X рассказала"
_SPEAKER_AFTER = re.compile(
    r"^,?(?:\s+(?!his\b|her\b|their\b|его\b|её\b|ее\b|их\b)[\w’'-]+,?){0,2}\s+(?:says|said|told|tells|recalls|recalled"
    r"|learned|learnt|found out|говорит|сказал\w*|рассказал\w*|сообщил\w*|узнал\w*)\b",
    re.I,
)
_HE = re.compile(r"\b(?:he|him|his|himself|он|его|ему|нему|него)\b", re.I)
_SHE = re.compile(r"\b(?:she|her|herself|она|её|ее|ей|ней|неё)\b", re.I)


def _told_of(
    analysis: Analysis, s: int, e: int, targets: list[Entity]
) -> Callable[[list[Entity]], list[Entity]] | None:
    """When the sentence's targets are only the ones who tell it and it speaks of someone of the other gender
    ("'He lost eleven kilograms,' says Volha", "His wife, Volha, learned that he had been remanded"): a filter
    that keeps, of the persons the sentence may be about, those neither telling it nor of the wrong gender."""
    text = analysis.text
    speakers = [
        p
        for p in targets
        if all(
            _SPEAKER_BEFORE.search(text, max(s, ms - 45), ms)
            or _SPEAKER_AFTER.match(text[me : min(e, me + 45)])
            for ms, me in starts_within(p, s, e - 1)
        )
    ]
    if not speakers or len(speakers) < len(targets):
        return None
    sentence = text[s:e]
    genders = {gender_of(p.name) for p in speakers}
    spoken = ("m" if _HE.search(sentence) else None, "f" if _SHE.search(sentence) else None)
    other = {g for g in spoken if g and g not in genders}
    if len(other) != 1 or None in genders or genders & set(spoken):
        return None  # no one else spoken of, or the teller spoken of too ("she says a man came to her work")
    (gender,) = other
    return lambda candidates: [
        p for p in candidates if p not in speakers and gender_of(p.name) in (gender, None)
    ]


#: how many sentences back "he" or "she" looks for a person of that gender
PRONOUN_REACH = 3


def _of_the_pronoun_s_gender(
    analysis: Analysis, persons_at: MentionIndex, k: int, persons: list[Entity]
) -> list[Entity]:
    """The persons a sentence naming nobody is about, agreeing with its pronoun: "The next day his employer
    asked him to resign" after "... persuade his wife, blogger X" is about him, named a sentence earlier."""
    s, e = analysis.sentences[k]
    sentence = analysis.text[s:e]
    he, she = bool(_HE.search(sentence)), bool(_SHE.search(sentence))
    if he == she:
        return persons
    gender = "m" if he else "f"
    agreeing = [p for p in persons if gender_of(p.name) in (gender, None)]
    if agreeing:
        return agreeing
    for j in range(k - 1, max(-1, k - 1 - PRONOUN_REACH), -1):
        found = [p for p in persons_at.within(*analysis.sentences[j]) if _is_target(p)]
        found = [p for p in found if gender_of(p.name) == gender]
        if found:
            return found[:1]
    return persons


#: a sentence telling what someone said: the lawyer it names is a source, not the one acted on
_REPORTED = re.compile(
    r"\b(?:says?|said|told|according to|reports?|reported)\b|по словам|сообщил\w*|рассказал\w*|заявил\w*",
    re.I,
)


#: events that happen to a lawyer named before their words ("the lawyer X was summoned for questioning")
LAWYERS_ACTED_ON = frozenset({"pressure", "interrogation", "search", "arrest"})
#: a lawyer's client: the report's defendant


def _lawyers_acted_on(analysis: Analysis, named: list[Entity], s: int, e: int, kind: str) -> list[Entity]:
    """Lawyers named before the trigger of a sentence that reports nobody's words ("His lawyer, X, was
    disbarred in December"): the event is theirs."""
    sentence = analysis.text[s:e]
    trigger = lexicon().triggers[kind].search(sentence)
    if trigger is None or _REPORTED.search(sentence):
        return []
    return [p for p in named if "lawyer" in p.roles and starts_within(p, s, s + trigger.start() - 1)]


def _with_kin(analysis: Analysis, persons: list[Entity]) -> list[Entity]:
    """The persons of a statement, with the targets whose relatives among them made it ("his wife filed a
    complaint", "her mother appealed"): a relative speaks for the detained."""
    by_id = {p.id: p for p in analysis.persons}
    ids = {p.id for p in persons}
    kin: list[Entity] = []
    for rel in analysis.relations:
        if rel.type != "family":
            continue
        for mine, theirs in ((rel.a, rel.b), (rel.b, rel.a)):
            other = by_id.get(theirs)
            if mine in ids and other and theirs not in ids and other not in kin and _is_target(other):
                kin.append(other)
    return kin + persons


#: a statement naming nobody in a report about at most this many targets is about all of them
FEW_TARGETS = 6


def _few_targets(analysis: Analysis) -> list[Entity]:
    """All the targets of a report that has a few ("has recognised three more people as political prisoners",
    a joint statement's heading)."""
    targets = [p for p in analysis.persons if _is_target(p)]
    return targets if len(targets) <= FEW_TARGETS else []


def _is_target(p: Entity) -> bool:
    return p.side not in ("perpetrator", "other") and "addressee" not in p.roles


@cache
def _kin_home_patterns() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """Kinship words (data/lexicon/roles.yaml) by subtype, and the homes of someone's kin: "дом матери блогера
    X", "X's mother's flat"."""
    kinship = {
        w.lower(): sub for sub, words in load("roles")["kinship"].items() if sub != "relative" for w in words
    }
    ru = "|".join(sorted((w for w in kinship if re.search("[а-яё]", w)), key=len, reverse=True))
    en = "|".join(sorted((w for w in kinship if not re.search("[а-яё]", w)), key=len, reverse=True))
    return (
        kinship,
        re.compile(rf"\b(?:дом\w*|квартир\w*|жиль\w*)\s+(?P<kin>{ru})\b", re.I),
        re.compile(rf"['’]s\s+(?P<kin>{en})['’]s\s+(?:home|house|flat|apartment)\b", re.I),
    )


def _kin_at_home(analysis: Analysis, s: int, e: int, persons: list[Entity]) -> list[Entity]:
    """The persons of a sentence about a relative's home, with the relative in place of the one it is named by
    ("в доме матери блогера X": X's mother), when the report says who that relative is."""
    kinship, ru, en = _kin_home_patterns()
    text = analysis.text
    by_id = {p.id: p for p in analysis.persons}
    out = list(persons)
    for m in [*ru.finditer(text, s, e), *en.finditer(text, s, e)]:
        after = m.re is ru
        owner = next(
            (
                p
                for p in persons
                for ms, me in p.mentions
                if (after and m.end() < ms <= m.end() + 40 and me <= e) or (not after and me == m.start())
            ),
            None,
        )
        subtype = kinship[m.group("kin").lower()]
        kin = next(
            (
                by_id[r.a]
                for r in analysis.relations
                if owner and r.type == "family" and r.subtype == subtype and r.b == owner.id and r.a in by_id
            ),
            None,
        )
        if owner and kin:
            out = [kin if p is owner else p for p in out if p is not kin]
    return out


_GROUP = re.compile(
    r"\b(?:all|the|все|всех|всем|всеми)\s+(?P<n>two|three|four|five|six|двое|двоих|трое|троих|четверо|четверых|пятеро|пятерых)\b",
    re.I,
)
_GROUP_SIZE = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "двое": 2,
    "двоих": 2,
    "трое": 3,
    "троих": 3,
}
_GROUP_SIZE |= {"четверо": 4, "четверых": 4, "пятеро": 5, "пятерых": 5}
#: how many sentences back "all three" looks for the three it means
GROUP_LOOKBACK = 12


def _group_named_before(analysis: Analysis, persons_at: MentionIndex, k: int, sentence: str) -> list[Entity]:
    """The targets "all three", "the two", "всех троих" stand for: the last ones named together in that
    number within the sentences before."""
    m = _GROUP.search(sentence)
    if m is None:
        return []
    size = _GROUP_SIZE[m.group("n").lower()]
    for j in range(k - 1, max(-1, k - 1 - GROUP_LOOKBACK), -1):
        group = [p for p in persons_at.within(*analysis.sentences[j]) if _is_target(p)]
        if len(group) == size:
            return group
    return []


def _ids(entities: list[Entity]) -> list[str]:
    return [e.id for e in entities]


def build_events(analysis: Analysis) -> list[Event]:
    text = analysis.text
    when = _When(analysis)
    subjects = Subjects(analysis)
    courts = [o for o in analysis.organizations if o.kind == "court"]
    events: list[Event] = []
    quoted: list[Event] = []  # told only inside quotation marks
    crowds: set[int] = set()  # arrests of people the report does not name, each its own event
    headers = [k for k, (s, e) in enumerate(analysis.sentences) if _HEADER.match(text[s:e])]
    persons_at, organizations_at = MentionIndex(analysis.persons), MentionIndex(analysis.organizations)
    told = _Told(events)
    articles_at = Starts([a.start] for a in analysis.articles)
    courts_at = Starts([ms for ms, _ in c.mentions] for c in courts)
    locations_at = Starts([ms for ms, _ in loc.mentions] for loc in analysis.locations)
    for k, (s, e) in enumerate(analysis.sentences):
        sentence = text[s:e]
        if k == 0 and _is_headline(sentence):
            continue  # the headline repeats what the report tells below, without its date
        if k + 1 < len(analysis.sentences) and _labelled(analysis, k + 1):
            continue  # the label itself ("Обыск."): the sentence after it tells the event
        has_when = bool(when._within(s, e))
        types = sentence_types(sentence, has_when) or _verbless_verdict(text, s, e)
        labelled = _labelled(analysis, k)
        if labelled and labelled not in types:
            types = [labelled, *types]  # "The arrest. At 6 a.m. officers broke down the door ..."
        if not types:
            _role_line(analysis, s, e, told)
            continue
        named = persons_at.within(s, e) or _listed_after(analysis, k) or _group_listed_next(analysis, k)
        targets = [p for p in named if p.side not in ("perpetrator", "other") and "addressee" not in p.roles]
        told_of = _told_of(analysis, s, e, targets)  # "'He was denied treatment,' says his wife": not hers
        tally = not targets and bool(_TALLY.search(sentence))
        group = [] if targets else _group_named_before(analysis, persons_at, k, sentence)
        perpetrators = [p for p in named if p.side == "perpetrator"]
        articles = list(dict.fromkeys(analysis.articles[i].key for i in articles_at.within(s, e)))
        court = next((courts[i].name for i in courts_at.within(s, e)), None)
        location = next((analysis.locations[i].id for i in locations_at.within(s, e)), None)
        orgs = [o.id for o in organizations_at.within(s, e) if o.kind != "court"]
        crowd = not (targets or group or tally) and bool(_CROWD.search(sentence))
        for kind in types:
            persons = targets or group or (subjects.about(k) if kind in NEEDS_TARGET and not tally else [])
            if crowd and kind == "arrest":
                persons = []  # "11 people taking part in the strike were detained": nobody the report names
            if persons and not (targets or group):
                persons = _of_the_pronoun_s_gender(analysis, persons_at, k, persons)
            if told_of is not None and kind not in STATEMENT_EVENTS:
                persons = told_of(subjects.about(k)) or _protagonist(analysis)
            if kind in ("search", "pressure"):
                persons = _kin_at_home(analysis, s, e, persons)  # "searched the blogger X's mother's house"
            if kind in LAWYERS_ACTED_ON and not targets:
                persons = (
                    _lawyers_acted_on(analysis, named, s, e, kind) or persons
                )  # "His lawyer was disbarred"
            if not targets and kind in NEEDS_TARGET and lexicon().protagonist_nouns.search(sentence):
                persons = _protagonist(analysis) or persons  # "her client was ...", "the defendant was ..."
            if not persons and (kind in DEFENDANT_EVENTS or kind == "advocacy"):
                persons = _protagonist(analysis)  # "The trial began on 16 January": the report's defendant
            if kind == "advocacy":
                persons = _with_kin(analysis, persons) or _few_targets(analysis)
            date, time = when.of(k, kind, persons, headers)
            in_quotes = _only_quoted(sentence, kind)
            ev = Event(
                id="",
                type=kind,
                date=date.date if date else None,
                date_precision=date.precision if date else None,
                persons=_ids(persons),
                perpetrators=_ids(perpetrators if kind != "sanction_call" else _sanctioned(analysis, s, e)),
                articles=articles if kind in ("charge", "hearing", "verdict", "restraint", "arrest") else [],
                evidence=[(s, e)],
            )
            if in_quotes:
                quoted.append(ev)
            if ev.date is None and kind != "arrest" and _DURING_ARREST.search(sentence):
                _date_of_arrest(ev, events)  # "при задержании его ударили": the day of the arrest
            if kind == "hearing":
                ev.time = time
                ev.court = court
                future = bool(ev.date and analysis.report_date and ev.date > analysis.report_date)
                ev.status = "scheduled" if future or lexicon().scheduled.search(sentence) else "held"
            if kind in ("hearing", "verdict"):
                ev.court = court
            if kind == "verdict":
                ev.outcome = _outcome(sentence)
                ev.term = _term(sentence)
                parts = _penalty_parts(analysis, s, e, persons)
                if len(parts) > 1:
                    events.extend(_part_verdict(analysis, ev, part) for part in parts)
                    continue
            if kind == "restraint":
                ev.term = _restraint_term(sentence)
            if kind in ("search", "ban"):
                ev.organizations = orgs
            if kind == "ban":
                ev.persons = []  # an organisation is banned; its members' cases are other events
            if kind in ("arrest", "assembly_denied", "hearing", "search"):
                ev.location = location
            if kind in STATEMENT_EVENTS and analysis.report_date and set(types) - STATEMENT_EVENTS:
                ev.date, ev.date_precision = None, None  # the sentence's date is the fact it recalls
            if kind in STATEMENT_EVENTS and ev.date is None and analysis.report_date:
                ev.date, ev.date_precision = analysis.report_date, "day"
            items = _dated_items(analysis, s, e, kind) or _sessions_in_turn(analysis, s, e, kind)
            if len(items) > 1:  # "(Aktau — a refusal dated 21 April, Shymkent — a refusal dated 15 April)"
                keep = kind not in PERSONLESS_EVENTS  # a list of refusals tells whose only in its items
                events.extend(
                    replace(
                        ev,
                        date=d.date,
                        date_precision=d.precision,
                        time=d.time,
                        persons=list(ev.persons) if keep else [],
                        perpetrators=list(ev.perpetrators),
                        evidence=list(ev.evidence),
                    )
                    for d in items
                )
                continue
            if crowd and kind == "arrest":
                crowds.add(id(ev))
            events.append(ev)
    group_case = bool(_GROUP_CASE.search(text))
    kept = [
        ev
        for ev in events
        if (_keep(ev) or (group_case and _of_the_group(ev)) or id(ev) in crowds)
        and not _retold(ev, events, quoted)
    ]
    kept = _merge_line_runs(_merge(kept, text, crowds), text)
    out = _drop_retold_charges(_fold_undated(kept, analysis.text), analysis.text)
    out = _sanction_the_officials(analysis, _fold_officials_entries(analysis, out))
    _judges_of_the_day(analysis, out)
    day = _headline_day(analysis)
    for ev in out:
        if day is not None and ev.date is None and ev.type in NEEDS_TARGET:
            ev.date, ev.date_precision = day, "day"  # "Detentions on 16 February: ..." tells of that day
    return out


def _judges_of_the_day(analysis: Analysis, events: list[Event]) -> None:
    """A judge the report names on the day of a hearing it tells ("On 17 September the activists asked judge
    X to ..."), in a sentence of that date or, undated, in the hearing's paragraph, presided over it: when
    the hearing names no official and only one hearing is of that day."""
    hearings = [ev for ev in events if ev.type == "hearing" and ev.date and not ev.perpetrators]
    days = [ev.date for ev in hearings]
    judges = [p for p in analysis.persons if p.side == "perpetrator" and "judge" in p.roles]
    if not hearings or not judges:
        return
    text, sentences = analysis.text, analysis.sentences
    starts = [s for s, _ in sentences]

    def sentence_of(pos: int) -> int | None:
        k = bisect.bisect_right(starts, pos) - 1
        return k if k >= 0 and pos < sentences[k][1] else None

    # each sentence's dates and judges, and the sentences by date and by paragraph: read once, so a long
    # report with many hearings is not read again for each of them
    dated: list[set[str]] = [set() for _ in sentences]
    for d in analysis.dates:
        k = sentence_of(d.start) if d.date else None
        if k is not None:
            dated[k].add(d.date)
    with_judge = sorted({k for p in judges for ms, _ in p.mentions if (k := sentence_of(ms)) is not None})
    found = [(m.start(), m.end(1)) for m in _PARAGRAPH_BREAK.finditer(text)]
    breaks, break_ends = [b for b, _ in found], [e for _, e in found]

    def same_paragraph(a: tuple[int, int], b: tuple[int, int]) -> bool:
        """_same_paragraph by bisecting the breaks (their starts and their ends are both in order)."""
        start, end = min(a[0], b[0]), max(a[1], b[1])
        k = bisect.bisect_left(breaks, start)
        return k == len(breaks) or break_ends[k] > end

    by_date: dict[str, list[int]] = {}
    by_paragraph: dict[int, list[int]] = {}
    for k in with_judge:
        for day in dated[k]:
            by_date.setdefault(day, []).append(k)
        if not dated[k]:
            by_paragraph.setdefault(bisect.bisect_right(breaks, sentences[k][0]), []).append(k)
    for ev in hearings:
        if days.count(ev.date) > 1:
            continue
        near = by_paragraph.get(bisect.bisect_right(breaks, ev.evidence[0][0]), [])
        nearby = [k for k in near if same_paragraph(ev.evidence[0], sentences[k])]
        for k in sorted({*by_date.get(ev.date, []), *nearby}):
            s, e = sentences[k]
            ev.perpetrators.extend(
                p.id
                for p in judges
                if p.id not in ev.perpetrators and any(s <= ms < e for ms, _ in p.mentions)
            )


def _dates_within(analysis: Analysis, s: int, e: int) -> list[DateMention]:
    """The dates starting in [s, e), in the order of analysis.dates (a bisect, not a scan of every date)."""
    dates = analysis.dates
    if _DATES_AT.get("dates") is not dates or _DATES_AT["count"] != len(dates):
        order = sorted(range(len(dates)), key=lambda i: dates[i].start)
        _DATES_AT.update(dates=dates, count=len(dates), order=order, starts=[dates[i].start for i in order])
    starts, order = _DATES_AT["starts"], _DATES_AT["order"]
    found = order[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]
    return [dates[i] for i in sorted(found)]


_DATES_AT = ThreadCache()

#: where one paragraph ends and the next begins (what _same_paragraph looks for; overlapping, so that
#: "\n\n\n" breaks at each of its first two newlines)
_PARAGRAPH_BREAK = re.compile(r"(?=(\n\r*\n))")


#: a date right after an event's word: "a refusal dated 21 April", "отказ от 21 апреля"
_DATED_BY = re.compile(r"\b(?:dated|of|on|from|от)\s+$", re.I)


#: sessions told in turn: "the first hearing on 12 October, the second a day later, the third on 17 October"
_IN_TURN = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|перв|втор|трет|четв[её]рт|пят|шест)\w*\b", re.I
)


def _sessions_in_turn(analysis: Analysis, s: int, e: int, kind: str) -> list[DateMention]:
    """The days of a sentence telling the sessions of one trial in turn, one per day."""
    if kind != "hearing" or len(_IN_TURN.findall(analysis.text, s, e)) < 2:
        return []
    days: dict[str, DateMention] = {}
    for d in analysis.dates:
        if s <= d.start < e and d.date and d.precision == "day" and d.modifier not in SPAN_MODIFIERS:
            days.setdefault(d.date, d)
    return list(days.values()) if len(days) > 1 else []


#: a group the sentence does not name: "several activists", "несколько активистов"
_UNNAMED_GROUP = re.compile(
    r"\b(?:several|some|a number of|a group of|несколько|ряд|группу?|часть)\s+(?:\w+\s+)?"
    r"(?:activists|defendants|detainees|people|persons|journalists|протестующ\w*|активист\w*|задержанн\w*"
    r"|обвиняем\w*|фигурант\w*|человек|журналист\w*)",
    re.I,
)


def _group_listed_next(analysis: Analysis, k: int) -> list[Entity]:
    """The persons of a group a sentence does not name ("the court moved several activists under house
    arrest"), listed after the colon line that follows it ("Released from the SIZO:" and its items)."""
    s, e = analysis.sentences[k]
    if k + 1 >= len(analysis.sentences) or not _UNNAMED_GROUP.search(analysis.text, s, e):
        return []
    s2, e2 = analysis.sentences[k + 1]
    if mentions_in(analysis, s2, e2) or len(analysis.text[s2:e2]) > 120:
        return []
    return _listed_after(analysis, k + 1)


def _dated_items(analysis: Analysis, s: int, e: int, kind: str) -> list[DateMention]:
    """The dates of a sentence listing events of one kind each with its own date ("seven refusals: Aktau — a
    refusal dated 21 April, Shymkent — a refusal dated 15 April, ..."): one per trigger dated right after."""
    dates = [d for d in _dates_within(analysis, s, e) if d.date]
    if len(dates) < 2:
        return []
    text = analysis.text
    trigger = lexicon().triggers[kind]
    out: list[DateMention] = []
    for m in trigger.finditer(text, s, e):
        near = next((d for d in dates if m.end() <= d.start <= m.end() + 12), None)
        if near is not None and _DATED_BY.search(text, m.start(), near.start):
            out.append(near)
    if len(out) > 1:
        return out
    # "held in custody from 7 June, and on 25 June moved under house arrest": each clause its own day
    by_clause: dict[tuple[int, int], DateMention] = {}
    for m in trigger.finditer(text, s, e):
        clause = _clause(text, s, e, m.start())
        own = [d for d in dates if clause[0] <= d.start < clause[1] and d.precision == "day"]
        if own and own[0].modifier not in ("until", "before", "by"):
            by_clause.setdefault(clause, own[0])  # "с 7 по 25 июня": the day it began
    days = list({d.date: d for d in by_clause.values()}.values())
    return days if len(days) > 1 else []


def _fold_officials_entries(analysis: Analysis, events: list[Event]) -> list[Event]:
    """An event told in a list entry that opens with an official's name ("2. X, Judge of the Y Court —
    sentenced Z to 15 days") retells one the report told before, of its type and persons: the official joins
    that event."""
    out: list[Event] = []
    first_named = MentionIndex(analysis.persons)
    entries: dict[tuple[int, int], bool] = {}

    def officials_entry(span: tuple[int, int]) -> bool:
        if span not in entries:
            entries[span] = _officials_entry(analysis, span, first_named)
        return entries[span]

    for ev in events:
        home = None
        if officials_entry(ev.evidence[0]):
            home = next(
                (
                    o
                    for o in out
                    if o.type == ev.type
                    and set(o.persons) & set(ev.persons)
                    and not officials_entry(o.evidence[0])
                ),
                None,
            )
        if home is None:
            out.append(ev)
            continue
        home.perpetrators.extend(x for x in ev.perpetrators if x not in home.perpetrators)
        home.evidence.extend(ev.evidence)
    for n, ev in enumerate(out, 1):
        ev.id = f"E{n}"
    return out


def _officials_entry(analysis: Analysis, span: tuple[int, int], persons_at: MentionIndex) -> bool:
    """Whether the sentence at `span` is a list entry whose first person named is an official."""
    s, e = span
    text = analysis.text
    if not _is_entry(text, s, e):
        return False
    first = persons_at.first_from(s)
    return first is not None and first[0] < e and first[1].side == "perpetrator" and first[0] - s < 12


def _sanction_the_officials(analysis: Analysis, events: list[Event]) -> list[Event]:
    """A sanctions call is against officials, never against those the report tells were persecuted ("...
    on six officials responsible for the detention of three students — A, B and C"); when its sentence names
    no official, against those the report names after it ("Officials recommended for sanctions: 1. ...")."""
    victims = {pid for ev in events if ev.type not in STATEMENT_EVENTS for pid in ev.persons}
    out = []
    for ev in events:
        if ev.type == "sanction_call":
            ev.perpetrators = [pid for pid in ev.perpetrators if pid not in victims] or [
                p.id
                for p in analysis.persons
                if p.side == "perpetrator" and starts_within(p, ev.evidence[0][0], math.inf)
            ]
            if not ev.perpetrators:
                continue
        out.append(ev)
    for n, ev in enumerate(out, 1):
        ev.id = f"E{n}"
    return out


#: a paragraph's label naming the stage of a case it tells ("The arrest.", "Обыск.")
_LABEL = re.compile(
    r"\s*(?:the\s+)?(?P<noun>arrest|detention|search|charges?|trial|verdict|sentence|appeal"
    r"|арест|задержание|обыск|обвинение|суд|приговор|апелляция)\s*[.:]?\s*",
    re.I,
)
_LABEL_TYPES = {"detention": "restraint", "charges": "charge", "trial": "hearing", "sentence": "verdict"}
_LABEL_TYPES |= {"appeal": "hearing", "арест": "arrest", "задержание": "arrest", "обыск": "search"}
_LABEL_TYPES |= {"обвинение": "charge", "суд": "hearing", "приговор": "verdict", "апелляция": "hearing"}


def _labelled(analysis: Analysis, k: int) -> str | None:
    """The event type of the label opening the paragraph sentence k starts right after ("The charge. The
    next day an investigator ..."), if there is one."""
    if k == 0:
        return None
    s, e = analysis.sentences[k - 1]
    label = _LABEL.fullmatch(analysis.text, s, e)
    if label is None:
        return None
    before = s  # the label opens its line: only spaces and tabs before it on the line
    while before > 0 and analysis.text[before - 1] in " \t":
        before -= 1
    opens = before == 0 or analysis.text[before - 1] == "\n"
    if not opens or "\n" in analysis.text[e : analysis.sentences[k][0]]:
        return None
    noun = label.group("noun").lower()
    return _LABEL_TYPES.get(noun, noun)


def _headline_day(analysis: Analysis) -> str | None:
    """The one day a report's headline names ("Задержания 16 февраля: как ..."), unless it is after the
    report's date (a schedule's or a plan's)."""
    if not analysis.sentences:
        return None
    s, e = analysis.sentences[0]
    if not _is_headline(analysis.text[s:e]):
        return None
    days = [d for d in _dates_within(analysis, s, e) if d.date]
    if len(days) != 1 or days[0].precision != "day":
        return None
    report = analysis.report_date
    return None if report and days[0].date > report else days[0].date


#: a quotation of some length (not a quoted name)
_QUOTE = re.compile(r'"[^"\n]{20,}"|“[^”\n]{20,}”|«[^»\n]{20,}»')


def _only_quoted(sentence: str, kind: str) -> bool:
    """Whether every trigger of `kind` in the sentence stands inside a quotation."""
    pattern = lexicon().triggers.get(kind)
    quotes = [m.span() for m in _QUOTE.finditer(sentence)]
    if pattern is None or not quotes:
        return False
    starts = [m.start() for m in pattern.finditer(sentence)]
    return bool(starts) and all(any(a < x < b for a, b in quotes) for x in starts)


def _retold(ev: Event, events: list[Event], quoted: list[Event]) -> bool:
    """An event someone's quoted words tell again ('"My client has been convicted," his lawyer said on
    Thursday') when the report tells it itself: not another event on the day of the quote."""
    return any(ev is q for q in quoted) and any(
        o is not ev
        and o.type == ev.type
        and set(o.persons) & set(ev.persons)
        and not any(o is q for q in quoted)
        for o in events
    )


def _penalty_parts(analysis: Analysis, s: int, e: int, persons: list[Entity]) -> list[tuple[int, int]]:
    """Stretches of a verdict sentence that each give their own persons their own penalty in a clause of
    its own ("X and Y got 15 days each, Z — 10 days, and W — a fine"); one stretch when they share one."""
    text = analysis.text
    lex = lexicon()
    ends = {m.end() for p in (lex.term, lex.penalties, _BARE_TERM) for m in p.finditer(text, s, e)}
    ends = sorted(ends | {e})
    parts: list[tuple[int, int]] = []
    start = s
    for end in ends:
        if end <= start:
            continue
        if any(starts_within(p, start, end - 1) for p in persons):
            parts.append((start, end))
            start = end
    if parts and start < e:
        parts[-1] = (parts[-1][0], e)
    if not any(_ELLIPSIS.search(text, ps, pe) for ps, pe in parts[1:]):
        return parts[:1]  # "sentenced X to 9 years and Y to 8 years": one decision
    return parts


#: a term as a bare number after a dash, in a list that gave the unit once: "A — 14 лет, B — 15, C — 12"
_BARE_TERM = re.compile(r"[—–][ \t]+\d{1,2}(?=[ \t]*[,;.)]|[ \t]*$|[ \t]+\()")
#: a verbless clause giving someone a penalty after a dash: ", Гульмире Утеповой — 10 суток ареста"
_ELLIPSIS = re.compile(r"\w[ \t]+[—–][ \t]+(?:\d|\w)")


def _part_verdict(analysis: Analysis, ev: Event, part: tuple[int, int]) -> Event:
    """The verdict of one stretch of a sentence that hands out several penalties."""
    s, e = part
    piece = analysis.text[s:e]
    persons = {p.id for p in mentions_in(analysis, s, e)}
    articles = [a.key for a in analysis.articles if s <= a.start < e] or ev.articles
    return replace(
        ev,
        persons=[pid for pid in ev.persons if pid in persons],
        articles=list(dict.fromkeys(articles)),
        outcome=_outcome(piece),
        term=_term(piece) or ev.term,
        perpetrators=list(ev.perpetrators),
        evidence=[part],
    )


_TABLE_ROW = re.compile(r"\S[ \t]*\|[ \t]*\S")


#: a post's header of tags: "✔️#Astana⚡️#Name – On 18 September ..."
_TAG_HEADER = re.compile(r"^[\s✔⚡*•\ufe0f]*#\w")
#: how many sentences a tagged entry's dash items may run to
TAGGED_ENTRY_REACH = 15


def _tagged_entry(analysis: Analysis, k: int, headers: list[int]) -> int | None:
    """The tag header whose entry sentence k continues: k and every sentence back to the header stand on
    dash items ("– The police held him there for five hours."), the layout of a post under "#City #Name"."""
    text = analysis.text
    lines = lines_of(text)
    for j in range(k, max(-1, k - TAGGED_ENTRY_REACH), -1):
        s, e = analysis.sentences[j]
        if j < k and j in headers:
            return j if _TAG_HEADER.match(text[s:e]) else None
        if not _DASH_ITEM.match(text, lines.start(s), e):  # the sentence's line, from its start
            return None
    return None


#: a line that is a dash item: "– text", "— text"
_DASH_ITEM = re.compile(r"\s*[—–-]\s+\S")


def _is_entry(text: str, s: int, e: int) -> bool:
    """Whether the sentence at [s, e) stands on a list item's line or is a table row."""
    lines = lines_of(text)
    start, end = lines.start(s), lines.end(e)
    known = lines.memo.get(("entry", start, end))
    if known is None:  # asked once per line, however many sentences a long line holds
        line = text[start:end]
        known = lines.memo[("entry", start, end)] = bool(_ITEM.match(line) or _TABLE_ROW.search(line))
    return known


#: a penalty asked for, not imposed: "Прокурор просил назначить ему 3 года", "the prosecution sought 5 years"
_PENALTY_ASKED = re.compile(
    r"\b(?:за)?просил\w*|\bпотребовал\w* (?:назначить|приговорить)|\b(?:asked|asks|requested|requests|sought"
    r"|seeks|demanded|demands) (?:for |that )?",
    re.I,
)


def _verbless_verdict(text: str, s: int, e: int) -> list[str]:
    """["verdict"] for a list entry or table row with a penalty and no verb ("3. Name, Aktobe. 20 days")."""
    sentence = text[s:e]
    if _PENALTY_ASKED.search(sentence):
        return []
    if _is_entry(text, s, e):
        return ["verdict"] if lexicon().penalties.search(sentence) else []
    if _DATELINE_ENTRY.match(sentence) and lexicon().prison_terms.search(sentence):
        return ["verdict"]  # "November 1, Astana, Name, Article 297, 5 years' imprisonment, was moved"
    return []


#: an entry of a monitoring report: a day and a place first ("November 1, Astana, ...", "3 мая, г. Алматы")
_DATELINE_ENTRY = re.compile(r"^\W*(?:\d{1,2}\s+\w+|[A-Za-z]+\s+\d{1,2})(?:,?\s+\d{4})?,\s+[\w. -]{2,40},\s")


_HEADER = re.compile(r"^[\s✔⚡#*•\ufe0f]*(?:#|⚡)|^[^\n]{0,120}:$")  # \ufe0f: the emoji form of ✔
_ITEM = re.compile(r"^\s*(?:\d{1,2}[).]|[—–•*-])\s*")


def _listed_after(analysis: Analysis, k: int) -> list[Entity]:
    """Persons in the list items that follow a sentence ending with a colon."""
    s, e = analysis.sentences[k]
    if not analysis.text[s:e].rstrip().endswith(":"):
        return []
    found: list[Entity] = []
    for s2, e2 in analysis.sentences[k + 1 :]:
        item = analysis.text[s2:e2]
        if not _ITEM.match(item) or len(item) > 120:
            break
        found.extend(p for p in mentions_in(analysis, s2, e2) if p not in found)
    return found


#: events an official named on a line of its own ("Judge: X", "Investigator — X") acted in
ROLE_LINE_EVENTS = frozenset({"hearing", "verdict", "charge", "restraint", "search", "interrogation"})


class _Told:
    """The court and investigation events told so far (build_events only appends to its list), by the end of
    their evidence: a line naming officials finds the events just before it without scanning them all."""

    def __init__(self, events: list[Event]) -> None:
        self.events = events
        self.seen = 0
        self.ends: list[int] = []  # the evidence end of each such event, in list order
        self.by_end: dict[int, list[Event]] = {}

    def update(self) -> None:
        for ev in self.events[self.seen :]:
            if ev.evidence and ev.type in ROLE_LINE_EVENTS:
                self.ends.append(ev.evidence[-1][1])
                self.by_end.setdefault(ev.evidence[-1][1], []).append(ev)
        self.seen = len(self.events)


def _role_line(analysis: Analysis, s: int, e: int, told: _Told) -> None:
    """A line naming only officials adds them to the court or investigation events just before it."""
    named = mentions_in(analysis, s, e)
    officials = [p for p in named if p.side == "perpetrator"]
    if not officials or len(named) != len(officials) or len(analysis.text[s:e]) > 120:
        return
    told.update()
    last_end = next((end for end in reversed(told.ends) if end <= s), None)
    if last_end is None:
        return
    if analysis.text[last_end:s].count("\n") > 3:
        return
    for ev in told.by_end[last_end]:
        ev.perpetrators.extend(p.id for p in officials if p.id not in ev.perpetrators)


def _is_headline(sentence: str) -> bool:
    return len(sentence) <= 150 and "\n" not in sentence and not sentence.rstrip().endswith((".", ":", ";"))


#: events that may name nobody they happened to: a denied assembly, a ban, a sanctions call, pressure, a
#: statement against persecution in general
PERSONLESS_EVENTS = frozenset({"assembly_denied", "ban", "sanction_call", "pressure", "advocacy"})


def _keep(ev: Event) -> bool:
    """Drop what cannot stand: an arrest or hearing of nobody, a ban of nothing."""
    if ev.type not in PERSONLESS_EVENTS and not ev.persons and not ev.perpetrators:
        return False  # "Several of those arrested had been warned", "six administrative cases"
    if ev.type == "hearing" and not ev.persons:
        return False
    return not (ev.type == "ban" and not ev.organizations)  # a sanctions call naming no official: see below


#: a case against a group the report does not name one by one: "the case of thirteen civil activists",
#: "дело 13 активистов"
_GROUP_CASE = re.compile(
    r"\b(?:case|trial)s?\s+(?:of|against)\s+(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|twenty)\s+(?:[\w-]+\s+){0,2}(?:activists|defendants|people|persons"
    r"|protesters|journalists|members|bloggers|students|workers|residents)\b"
    r"|\bдел\w*\s+(?:\d+|двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|десяти|одиннадцати|двенадцати"
    r"|тринадцати|четырнадцати|пятнадцати|двадцати)\s+(?:\w+\s+){0,2}(?:активист|человек|обвиняем|подсудим"
    r"|журналист|протестующ|участник|студент|рабочи|жител)\w*",
    re.I,
)


def _of_the_group(ev: Event) -> bool:
    """A hearing naming nobody in a report about the case of a group it does not name one by one ("The case
    of thirteen activists had its 11th court session on 17 September"): the group's hearing."""
    return ev.type == "hearing" and not ev.persons and ev.date is not None


#: people the report does not name nor count: "some of the protesters", "other activists", "несколько
#: активистов" (a count, "14 people were detained", may be told with the names that follow)
_CROWD = re.compile(
    r"\b(?:several|some(?:\s+of\s+the)?|other|many|dozens\s+of|a\s+number\s+of|несколько|многи\w+|"
    r"други\w+|десятк\w+)\s+(?:[\w-]+\s+)?(?:people|persons|protesters|activists|participants|demonstrators|"
    r"drivers|workers|residents|students|journalists|человек|протестующ\w*|активист\w*|участник\w*|"
    r"демонстрант\w*|жител\w*|студент\w*|журналист\w*)\b",
    re.I,
)
#: the same befell others: "likewise", "as well", "the same way", "также", "тоже"
_LIKEWISE = re.compile(r"\b(?:likewise|as well|the same way|similarly|также|тоже|аналогичн\w+)\b", re.I)


def _merge(events: list[Event], text: str, crowds: set[int] = frozenset()) -> list[Event]:
    """One event per type, date and participants; statements of one date are one advocacy event; a sentence
    saying the same befell others ("X and Y likewise stayed in custody") joins the event told before."""
    out: list[Event] = []
    alike: dict[tuple[str, str | None, str | None], list[Event]] = {}  # out's events by type, date and time
    for ev in events:
        likewise = bool(_LIKEWISE.search(text, *ev.evidence[0]))
        twin = next(
            (
                o
                for o in reversed(alike.get((ev.type, ev.date, ev.time), []))  # the latest told first
                if id(ev) not in crowds
                and id(o) not in crowds
                and (
                    set(o.persons) & set(ev.persons)
                    or not (o.persons and ev.persons)
                    or ev.type in STATEMENT_EVENTS
                    or likewise
                )
                and (ev.type != "restraint" or _measure(o.term) == _measure(ev.term))
            ),
            None,
        )
        if twin is None:
            out.append(ev)
            alike.setdefault((ev.type, ev.date, ev.time), []).append(ev)
            continue
        for field in ("persons", "perpetrators", "articles", "organizations"):
            merged = getattr(twin, field) + [x for x in getattr(ev, field) if x not in getattr(twin, field)]
            setattr(twin, field, merged)
        twin.evidence.extend(ev.evidence)
        for field in ("court", "location", "term", "outcome", "status"):
            if getattr(twin, field) is None:
                setattr(twin, field, getattr(ev, field))
    for n, ev in enumerate(out, 1):
        ev.id = f"E{n}"
    return out


def _merge_line_runs(events: list[Event], text: str) -> list[Event]:
    """Lines of a list that each give one person the same measure ("A – house arrest – 20 years", "B – in
    pre-trial detention – 20 years", "C – house arrest – 20 years"): one event per measure, as the list
    tells one decision for all of them."""
    out: list[Event] = []
    for ev in events:
        home = None
        if ev.type == "restraint" and len(ev.evidence) == 1 and _own_line(text, *ev.evidence[0]):
            home = next(
                (
                    o
                    for o in reversed(out)
                    if o.type == ev.type
                    and o.date == ev.date
                    and _measure(o.term) == _measure(ev.term)
                    and _own_line(text, *o.evidence[-1])
                    and _only_lines(text, o.evidence[-1][1], ev.evidence[0][0])
                ),
                None,
            )
        if home is None:
            out.append(ev)
            continue
        home.persons.extend(pid for pid in ev.persons if pid not in home.persons)
        home.evidence.extend(ev.evidence)
    for n, ev in enumerate(out, 1):
        ev.id = f"E{n}"
    return out


#: a list's line is short; a longer line is prose between two lists
LIST_LINE = 160


def _only_lines(text: str, start: int, end: int) -> bool:
    """Whether [start, end) holds only short lines, as a list does."""
    return all(len(line) <= LIST_LINE for line in text[start:end].splitlines())


def _own_line(text: str, s: int, e: int) -> bool:
    """Whether the sentence [s, e) is a line of its own."""
    return (
        text[text.rfind("\n", 0, s) + 1 : s].strip() == ""
        and text[e : (text.find("\n", e) + 1 or len(text))].strip() == ""
    )


def _measure(term: str | None) -> str | None:
    """The kind of measure a restraint's term names ("house arrest, два месяца": "house arrest")."""
    kinds = [k for k, _ in lexicon().restraint_kinds]
    return next((k for k in kinds if term and term.startswith(k)), None)


def _fold_undated(events: list[Event], text: str) -> list[Event]:
    """An undated event joins a dated one of its type, persons and paragraph ("15 days." ... "The arrest
    was ordered on the 5th")."""
    out: list[Event] = []
    for ev in events:
        home = None
        if ev.date is None and ev.persons:
            home = next(
                (
                    o
                    for o in events
                    if o is not ev
                    and o.date
                    and o.type == ev.type
                    and set(ev.persons) <= set(o.persons)
                    and _same_paragraph(text, ev.evidence[0], o.evidence[0])
                ),
                None,
            )
        if home is None:
            out.append(ev)
            continue
        for field in ("perpetrators", "articles", "organizations"):
            getattr(home, field).extend(x for x in getattr(ev, field) if x not in getattr(home, field))
        home.evidence.extend(ev.evidence)
        for field in ("court", "location", "term", "outcome"):
            if getattr(home, field) is None or (field == "outcome" and home.outcome == "other"):
                setattr(home, field, getattr(ev, field))
    for n, ev in enumerate(out, 1):
        ev.id = f"E{n}"
    return out


def _same_paragraph(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    start, end = min(a[0], b[0]), max(a[1], b[1])
    return "\n\n" not in text[start:end].replace("\r", "")


#: events of a court case: a charge beside them, with no article of its own, is the same case retold
CASE_EVENTS = frozenset({"hearing", "verdict", "restraint"})


def _drop_retold_charges(events: list[Event], text: str) -> list[Event]:
    """Drop a charge the report's court events already tell: "X is being prosecuted for: ..." (words of
    data/lexicon/events.yaml `retold_charge`) or "remanded under fabricated charges of ..." in the court
    event's own sentence; "X was accused of ..." told on its own stays a charge."""
    in_court: dict[str, set[str]] = {}
    court_sentences: set[tuple[int, int]] = set()
    for ev in events:
        if ev.type in CASE_EVENTS:
            court_sentences.update(ev.evidence)
            for pid in ev.persons:
                in_court.setdefault(pid, set()).update(ev.articles)
    retelling, own_clause = lexicon().retold_charge, lexicon().charge_clause
    out = []
    for ev in events:
        retold = (
            ev.type == "charge"
            and not any(own_clause.search(text, s, e) for s, e in ev.evidence)
            and ev.persons
            and all(pid in in_court for pid in ev.persons)
            and all(any(a in in_court[pid] for pid in ev.persons) for a in ev.articles)
            and (
                bool(set(ev.evidence) & court_sentences)
                or any(retelling.search(text, s, e) for s, e in ev.evidence)
            )
        )
        if not retold:
            out.append(ev)
    for n, ev in enumerate(out, 1):
        ev.id = f"E{n}"
    return out


def _defendants(analysis: Analysis, events: list[Event]) -> None:
    by_id = {p.id: p for p in analysis.persons}
    for ev in events:
        for pid in ev.persons:
            p = by_id[pid]
            if ev.type in DEFENDANT_EVENTS and "suspect" not in p.roles and "defendant" not in p.roles:
                p.roles.append("defendant")
        if ev.type == "sanction_call":
            for pid in ev.perpetrators:
                by_id[pid].side = "perpetrator"


@component(
    "events",
    requires=(
        "text",
        "sentences",
        "dates",
        "articles",
        "persons",
        "person_roles",
        "organizations",
        "locations",
    ),
    assigns=("events",),
)
def events(analysis: Analysis) -> None:
    """Events of the spec's types, with date, participants, articles, court and outcome."""
    analysis.events = build_events(analysis)
    _defendants(analysis, analysis.events)


@component("sides", requires=("persons", "person_roles", "events"), assigns=("person_sides",))
def sides(analysis: Analysis) -> None:
    """A side for everyone the cues left undecided: perpetrator by role, else target."""
    from casewatch.extract.roles import PERPETRATOR_ROLES

    for p in analysis.persons:
        if p.side is None and "deceased" not in p.roles:
            p.side = "perpetrator" if any(r in PERPETRATOR_ROLES for r in p.roles) else "target"
