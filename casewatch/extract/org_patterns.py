"""How unlisted organisations are written: patterns built from casewatch/data/organizations.yaml.

Each pattern has a group `name`; with it come the organisation's kind and how to name it
("Ministry of {name}"). Quoted names after kind words, capitalised names ending in a head word,
courts and police departments named after their place, places of detention, Russian bodies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from casewatch.data import load_yaml
from casewatch.extract.inflection import phrase_forms
from casewatch.extract.lexicon import trie_pattern

#: capital letters: Latin with diacritics ("Ściah", "Žodzina"), Cyrillic with Kazakh letters
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())
#: a capitalised word; a full stop only inside it ("No.2"), so a name never runs past a sentence end
CAP = rf"[{UPPER}](?:[\w’'&/-]|\.(?=\w))*"
#: the space between the words of one name: never a line break
SP = r"[ \t\u00a0]+"
QUOTED = r"[«\"“„'*_]([^«»\"“”„*_\n]{2,60}?)[»\"”'*_]"  # also *markdown emphasis*
#: what may follow a head word inside a name: "Watch for Civil Liberties", "Committee against Torture"
#: days and months: "on Monday" ends a name rather than continuing it
_NOT_COMPLEMENT = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\b)"
)
COMPLEMENT = (
    rf"(?:{SP}(?:for|of|on|against|to)(?:{SP}the)?{SP}{_NOT_COMPLEMENT}{CAP}"
    rf"(?:{SP}(?:and{SP}|of{SP}|in{SP})?{CAP}){{0,4}})?"
)
_RU_CAP = r"[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+"
#: a Russian place after a body's name: "г. Актау", "Мангистауской области", «Заволжский», "Республики
#: Башкортостан", "по Томской области", "по Кировскому району Уфы", "в Актау", or a town in the genitive
#: ("Бреста"; gazetteer drops a last word that cannot be a place: "суда Ольга")
#: a town in the genitive ("Бреста", "Уфы", "Твери"), or after "в"
_RU_TOWN = r"[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:-[А-ЯЁа-яё][а-яё]+)*[аяыи](?![\w-])"
_RU_MARKED_PLACE = (
    rf"(?:(?:г\.|города)\s*{_RU_CAP}|{_RU_CAP}\s+(?:области|района|р-на|края)|«[^»\n]{{1,30}}»"
    rf"|Республик[аиеу]\s+{_RU_CAP}|по\s+(?:{_RU_CAP}\s+(?:области|району|краю)|Республике\s+{_RU_CAP}"
    rf"|городу\s+{_RU_CAP}|г\.\s*{_RU_CAP}))"
)
RU_PLACE = rf"(?:{_RU_MARKED_PLACE}(?:\s+(?:{_RU_TOWN}|в\s+{_RU_CAP}))?|{_RU_TOWN}|в\s+{_RU_CAP})"

#: how far before and after its needle word a pattern's name may reach
WINDOW_BEFORE, WINDOW_AFTER = 160, 100


@dataclass(frozen=True)
class Pattern:
    """An unlisted organisation's pattern: its `name` group, kind and naming template; `needle`, a
    lower-case word every match holds, lets the search skip text without it; a pattern whose `kinds`
    maps head words to kinds reads the kind from its `head` group."""

    regex: re.Pattern[str]
    kind: str
    template: str = "{name}"
    needle: str | None = None
    kinds: tuple[tuple[str, str], ...] = ()

    def kind_of(self, m: re.Match[str]) -> str:
        if not self.kinds:
            return self.kind
        kinds, head = dict(self.kinds), m.group("head")
        kind = kinds.get(head) or kinds[head.lower()]
        if kind == "police" and head.isascii() and _security_names().search(m.group("name")):
            return "security_service"  # "KGB Directorate for the Gomel Region": a directorate of the KGB
        return kind

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        """Matches in `text` (whose lower-case copy is `lowered`), searched only near the needle."""
        if self.needle is None:
            yield from self.regex.finditer(text)
            return
        for start, end in _windows(lowered, self.needle):
            yield from self.regex.finditer(text, start, end)


def _windows(lowered: str, needle: str) -> list[tuple[int, int]]:
    """Merged stretches of text around each occurrence of `needle`."""
    out: list[tuple[int, int]] = []
    at = lowered.find(needle)
    while at >= 0:
        start, end = max(0, at - WINDOW_BEFORE), min(len(lowered), at + len(needle) + WINDOW_AFTER)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        at = lowered.find(needle, at + 1)
    return out


@cache
def _security_names() -> re.Pattern[str]:
    """The short names of listed security services (KGB, NSC, FSB, ГКНБ ...), as whole words."""
    entries = load_yaml("organizations.yaml")["organizations"]
    names = [
        a
        for e in entries
        if e.get("kind") == "security_service"
        for a in [e["name"], *e.get("aliases", [])]
        if a.isupper()
    ]
    return re.compile(rf"(?<![\w-])(?:{alternation(names)})(?![\w-])")


def alternation(names: list[str]) -> str:
    """A regular-expression alternation of literal names, longest first."""
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


@cache
def unlisted_patterns() -> list[Pattern]:
    """The patterns of unlisted organisations, from casewatch/data/organizations.yaml."""
    data = load_yaml("organizations.yaml")
    return [
        *_quoted(data["kind_words"]),
        *_unquoted(data["unquoted_kind_words"]),
        *_named_before_kind(data["kind_words_after_name"], data["not_names_before_kind"]),
        *_workplaces(),
        *_described_after(data["kind_words"]),
        *_headed_names(data["name_heads"]),
        *_of_names(),
        *_courts_and_police(data["court_words"]),
        *_russian_bodies(data["abbreviations"], data["abbreviation_links"], data["ru_court_words"]),
    ]


def _quoted(kind_words: dict[str, list[str]]) -> list[Pattern]:
    """A quoted name after or before a kind word: movement «Veritas», «Alga, Dala!» movement."""
    name = QUOTED.replace("(", "(?P<name>", 1)
    out = []
    for kind, words in kind_words.items():
        forms = {f.lower() for w in words for f in (phrase_forms(w) if re.search("[а-яё]", w) else (w,))}
        alt = trie_pattern(sorted(forms))
        out.append(Pattern(re.compile(rf"\b(?:{alt}),?\s+{name}", re.I), kind))
        out.append(Pattern(re.compile(rf"{name}\s+(?:{alt})\b"), kind))
        # "«Ulan Dala», the YouTube channel he founded"
        out.append(Pattern(re.compile(rf"{name},\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}(?:{alt})\b"), kind))
    return out


def _unquoted(kind_words: dict[str, list[str]]) -> list[Pattern]:
    """A capitalised name right after a kind word: "the independent outlet Kyrgyz Ordo"."""
    return [
        Pattern(
            re.compile(rf"\b(?:{alternation(words)}){SP}(?P<name>{CAP}(?:{SP}(?:{CAP}|\d+\b)){{0,2}})"), kind
        )
        for kind, words in kind_words.items()
    ]


def _named_before_kind(kind_words: dict[str, list[str]], not_names: list[str]) -> list[Pattern]:
    """A capitalised name after "the" and before a lower-case kind word: "the Oyan party", "the ruling Nur
    Otan party", "the Beeline mobile operator"; a nationality is no name ("the Kazakh opposition
    movement")."""
    skip = rf"(?!(?:{alternation(not_names)})\b){_NOT_COMPLEMENT}"
    return [
        Pattern(
            re.compile(
                rf"\bthe{SP}(?:[a-z-]+{SP}){{0,2}}(?P<name>{skip}{CAP}(?:{SP}{skip}{CAP}){{0,2}}){SP}"
                rf"(?:{alternation(words)})(?![\w-])"
            ),
            kind,
        )
        for kind, words in kind_words.items()
    ]


def _workplaces() -> list[Pattern]:
    """A capitalised name where someone works: "a welder at Tengizchevroil", "his job at SOCAR", in a
    table's column "reporter, Kanal Azad |" (the jobs of lexicon/roles.yaml), or quoted after a verb of
    working ("работает на «Озенмунайгазе»")."""
    jobs = [w for w in load_yaml("lexicon/roles.yaml")["organisation_roles"]["employee"] if w.isascii()]
    alt = trie_pattern([*jobs, "job", "work"])
    name = rf"(?P<name>{CAP}(?:{SP}{CAP}){{0,2}})"
    quoted = QUOTED.replace("(", "(?P<name>", 1)
    return [
        Pattern(re.compile(rf"\b(?:{alt}){SP}at{SP}{name}(?![\w-])"), "company", needle=" at "),
        Pattern(re.compile(rf"\b(?:{alt}),{SP}{name}(?=[ \t]*\|)"), "company", needle="|"),
        Pattern(
            re.compile(rf"(?i:\b(?:работа|труди|трудил|работал)\w*{SP}(?:на|в){SP}){quoted}"),
            "company",
            needle="«",
        ),
    ]


#: words opening the clause that describes a name ("..., the channel she founded", "..., a site that ...")
_CLAUSE_START = "that|which|he|she|they|it|run|founded|set|launched"


def _described_after(kind_words: dict[str, list[str]]) -> list[Pattern]:
    """An unquoted name described right after it: "Osh Kabar, the YouTube channel she founded"."""
    words = [w for ws in kind_words.values() for w in ws if w.isascii()]
    kinds = tuple((w, kind) for kind, ws in kind_words.items() for w in ws if w.isascii())
    return [
        Pattern(
            re.compile(
                rf"(?P<name>{CAP}(?:{SP}{CAP}){{0,2}}),{SP}(?:the|a|an){SP}(?:[\w-]+{SP}){{0,2}}"
                rf"(?P<head>{alternation(words)})(?=[ ,]+(?:{_CLAUSE_START})\b)"
            ),
            "",
            kinds=kinds,
        )
    ]


def _headed_names(name_heads: dict[str, list[str]]) -> list[Pattern]:
    """Capitalised names ending in a head word ("Batken Times", "Free Assembly Initiative"); the head
    word says the kind."""
    kinds = tuple((head, kind) for kind, heads in name_heads.items() for head in heads)
    heads = alternation([head for head, _ in kinds])
    name = rf"(?<![\w-])(?P<name>(?:{CAP}{SP}){{1,4}}(?P<head>{heads})(?![\w-]){COMPLEMENT})"
    # "the Centre for Temporary Detention of Foreign Nationals": a head word alone, with what it is for
    alone = rf"(?<=\bthe )(?P<name>(?P<head>{heads}){COMPLEMENT.removesuffix('?')})"
    return [Pattern(re.compile(name), "", kinds=kinds), Pattern(re.compile(alone), "", kinds=kinds)]


def _of_names() -> list[Pattern]:
    """Names built with "of": Ministry of X, Akimat of X, Union of X, Delegation of X, Court No.2 of X."""
    return [
        Pattern(
            re.compile(
                r"\b(?P<name>(?:Confederation|Federation|Union|Association|Trade Union) of (?:the )?"
                rf"{CAP}(?:{SP}(?:of{SP}|and{SP})?{CAP}){{0,5}})"
            ),
            "ngo",
        ),
        Pattern(
            re.compile(rf"\b(?:Ministry|Minister) of (?P<name>(?:the{SP})?{CAP}(?:{SP}(?:and{SP})?{CAP})*)"),
            "ministry",
            "Ministry of {name}",
        ),
        Pattern(re.compile(rf"\b(?:[Aa]kimat|Akim) of (?P<name>{CAP})"), "government", "Akimat of {name}"),
        Pattern(
            re.compile(
                r"(?P<name>Court No\.?\s?\d+ of (?:the )?[A-ZА-Я][\w-]+ [Dd]istrict(?: of [A-Z][\w-]+)?)"
            ),
            "court",
            needle="court",
        ),
        Pattern(
            re.compile(
                r"\b(?P<name>(?:Delegation|Embassy|Mission|Office) of (?:the )?"
                rf"{CAP}(?:{SP}{CAP})*(?: (?:to|in) {CAP})?)"
            ),
            "international",
        ),
    ]


def _courts_and_police(words: list[str]) -> list[Pattern]:
    """Courts, police and akimats named by place and lower-case qualifiers ("Medeu district police
    department", "Baku Grave Crimes Court", "Specialised Administrative Court of Shymkent"), and
    places of detention ("NSC temporary detention facility in Semey", "Penal Colony No. 4")."""
    qual = rf"(?:(?i:{alternation(words)}){SP})"
    of_place = rf"(?:{SP}of{SP}(?:the{SP})?(?:Appeals?|{CAP}(?:{SP}{CAP})?))"
    police = rf"(?:(?i:police{SP}department|department{SP}of{SP}police)|Police)"
    return [
        Pattern(
            re.compile(rf"(?P<name>{CAP}{SP}(?:{CAP}{SP}|{qual}){{0,4}}[Cc]ourt{of_place}?)(?![\w-])"),
            "court",
            needle="court",
        ),
        Pattern(re.compile(rf"\b(?P<name>{qual}+[Cc]ourt{of_place})"), "court", needle="court"),
        Pattern(
            re.compile(rf"(?P<name>{CAP}{SP}{qual}{{0,2}}akimat)(?![\w-])"), "government", needle="akimat"
        ),
        Pattern(
            re.compile(rf"(?P<name>(?:{CAP}{SP}|{qual}){{1,4}}{police}{of_place}?)(?![\w-])"),
            "police",
            needle="police",
        ),
        Pattern(
            re.compile(
                rf"\b(?P<name>(?:Police|Interior){SP}Department{SP}of{SP}(?:the{SP})?{CAP}"
                rf"(?:{SP}(?i:region|oblast|city))?)"
            ),
            "police",
            needle="department",
        ),
        Pattern(
            re.compile(
                rf"(?P<name>(?:(?:[A-Z]{{2,6}}|{CAP}){SP})?(?i:temporary|pre-?trial){SP}(?i:detention){SP}"
                rf"(?i:facility|centre|center)(?:{SP}(?:of|in){SP}{CAP}|{SP}No\.?{SP}?\d+)?)"
            ),
            "detention",
            needle="detention",
        ),
        Pattern(
            re.compile(
                rf"(?P<name>(?:Penal{SP})?(?:Colony|SIZO|IK|UK)(?:-|{SP}(?:No\.?|№){SP}?)\d+(?:/\d+)?)"
            ),
            "detention",
        ),
        Pattern(  # "Secondary School No. 9", "Kindergarten No. 45"
            re.compile(
                rf"(?P<name>(?:{CAP}{SP}){{0,2}}(?:School|Gymnasium|Lyceum|Kindergarten|College){SP}(?:No\.?|№){SP}?\d+)"
            ),
            "education",
            needle="no",
        ),
    ]


_RU_ADJ = r"[а-яё]+(?:ый|ий|ой|ого|ому|ом|ым|ая|ую|ое|ые|ых|ым|ыми)"
#: a capitalised Russian adjective made from a place ("Бакинского", "Томском", "Барановичский")
_RU_PLACE_ADJ = r"[А-ЯЁ][а-яё-]+(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую|ое)"


def _russian_bodies(
    abbreviations: dict[str, list[str]], links: list[str], court_words: list[str]
) -> list[Pattern]:
    """Russian courts, police units, detention places, akimats and ministries ("СМАС г. Астаны",
    "Следственный суд г. Актау", "Суд № 2 г. Уральска", "Департамент полиции Алматинской области",
    "СУ СК по Томской области", "СИЗО-7 Бреста", "Центр «Э» МВД по Республике Башкортостан")."""
    court_adj = rf"(?i:{alternation(court_words)})\w*"
    every = alternation([w for words in abbreviations.values() for w in words] + links)
    number = r"(?:(?:-|\s*№\s*)\d+(?:/\d+)?)"
    out = [
        Pattern(
            re.compile(
                rf"(?<![\w-])(?P<name>(?:{alternation(words)}){number}?(?:\s+(?:{every}))*(?:\s+{RU_PLACE})?)"
                r"(?![\w-])"
            ),
            kind,
        )
        for kind, words in abbreviations.items()
    ]
    return [
        *out,
        Pattern(  # "Барановичский отдел КГБ", "Бакинского следственного изолятора"
            re.compile(
                rf"(?<![\w-])(?P<name>{_RU_PLACE_ADJ}\s+(?:{_RU_ADJ}\s+){{0,2}}(?P<head>отдел|управлени|изолятор"
                rf"|университет|институт|колледж|лице|академи)\w*(?:\s+(?:{every}))*)(?![\w-])"
            ),
            "",
            kinds=(
                ("отдел", "police"),
                ("управлени", "police"),
                ("изолятор", "detention"),
                ("университет", "education"),
                ("институт", "education"),
                ("колледж", "education"),
                ("лице", "education"),
                ("академи", "education"),
            ),
        ),
        Pattern(  # "прокуратуру Гомельской области"
            re.compile(rf"(?<![\w-])(?P<name>(?i:прокуратур)\w*\s+{_RU_MARKED_PLACE})"),
            "prosecution",
            needle="прокуратур",
        ),
        Pattern(  # "отделении полиции Ясамальского района", "департамента полиции Мангистауской области"
            re.compile(
                rf"(?<![\w-])(?P<name>(?i:отдел|отделени|управлени|департамент)\w*\s+полиции\s+{RU_PLACE})"
            ),
            "police",
            needle="полиции",
        ),
        Pattern(  # "гимназии № 3", "детского сада № 45", "судебного участка № 4 по Кировскому району Уфы"
            re.compile(
                rf"(?<![\w-])(?P<name>(?:{_RU_ADJ}\s+)?(?P<head>(?i:школ|гимнази|лице|сад|детсад|ясл|участ))\w*"
                rf"\s*№\s*\d+(?:\s+{RU_PLACE})?)"
            ),
            "",
            needle="№",
            kinds=(
                ("школ", "education"),
                ("гимнази", "education"),
                ("лице", "education"),
                ("сад", "education"),
                ("детсад", "education"),
                ("ясл", "education"),
                ("участ", "court"),
            ),
        ),
        Pattern(
            re.compile(
                rf"(?<![\w-])(?P<name>(?:[А-ЯЁ][\w-]+\s+)?{court_adj}\s+(?:{court_adj}\s+)*суд\w*"
                rf"(?:\s+по\s+[а-яё]+\s+делам)?(?:\s+(?:района\s+[А-ЯЁ][\w-]+\s+)?{RU_PLACE})?)"
            ),
            "court",
            needle="суд",
        ),
        Pattern(  # "Бакинского суда по тяжким преступлениям": a town's court named by its adjective alone
            re.compile(
                rf"(?<![\w-])(?P<name>{_RU_PLACE_ADJ}\s+суд\w*\s+по\s+[а-яё]+\s+(?:делам|преступлениям))"
            ),
            "court",
            needle="суд",
        ),
        Pattern(
            re.compile(rf"(?P<name>Суд\w*\s+(?:№\s*\d+|[А-ЯЁ][\w-]+\s+района)(?:\s+{RU_PLACE})?)"),
            "court",
            needle="суд",
        ),
        Pattern(
            re.compile(r"(?P<name>[Аа]кимат\w*\s+(?:г\.\s*)?[А-ЯЁ][\w-]+)"), "government", needle="акимат"
        ),
        Pattern(
            re.compile(
                r"(?P<name>Министерств\w+\s+(?:внутренних\s+дел|иностранных\s+дел|юстиции|[а-яё]+ии))\b"
            ),
            "ministry",
            needle="министерств",
        ),
    ]
