"""The "sentences" component on hand-built Analyses: lines, bullets, sentence ends, abbreviations."""

from __future__ import annotations

import pytest

from casewatch.extract.analysis import Analysis
from casewatch.extract.pipeline import REGISTRY
from casewatch.extract.sentences import split_sentences


def run_sentences(text: str) -> list[str]:
    analysis = Analysis(text=text)
    REGISTRY["sentences"].func(analysis)
    return [text[s:e] for s, e in analysis.sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Berik Zhanov was detained. He was released.", ["Berik Zhanov was detained.", "He was released."]),
        ("Was he charged? Yes! The case went on.", ["Was he charged?", "Yes!", "The case went on."]),
        ("Он задержан. Она осталась дома.", ["Он задержан.", "Она осталась дома."]),
        # a capital or a digit after the full stop starts a sentence; lower case does not
        ("The hearing ended. 3 people were fined.", ["The hearing ended.", "3 people were fined."]),
        ("He was seen in Aktau. then nothing.", ["He was seen in Aktau. then nothing."]),
        # glued sentences, as in pasted posts
        ("They met in Aktau.Berik left early.", ["They met in Aktau.", "Berik left early."]),
        # a dash after a sentence end
        (
            "The hearing was postponed.— Next week it resumes.",
            ["The hearing was postponed.", "Next week it resumes."],
        ),
    ],
)
def test_sentences_split_at_sentence_ends(text, expected):
    assert run_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Temirov left. He came back.", ["Mr. Temirov left.", "He came back."]),
        ("Judge A. Nurova read it. Then she left.", ["Judge A. Nurova read it.", "Then she left."]),
        ("Art. 405 was cited. No. 2 court heard it.", ["Art. 405 was cited.", "No. 2 court heard it."]),
        (
            "H.E. Anna Lind received the letter. She replied.",
            ["H.E. Anna Lind received the letter.", "She replied."],
        ),
        ("The U.S. Embassy sent an observer.", ["The U.S. Embassy sent an observer."]),
        ("Ст. 405 ч. 2 УК РК применена. Суд отложен.", ["Ст. 405 ч. 2 УК РК применена.", "Суд отложен."]),
        # a time may end a sentence
        (
            "The trial starts at 10 a.m. Judge Nurova presides.",
            ["The trial starts at 10 a.m.", "Judge Nurova presides."],
        ),
    ],
)
def test_sentences_abbreviations_and_initials_do_not_end_a_sentence(text, expected):
    assert run_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hearings today:\n- Berik Zhanov\n- Dana Kenes",
            ["Hearings today:", "- Berik Zhanov", "- Dana Kenes"],
        ),
        (
            "Schedule:\n1) At 10:00, Aktau.\n2) At 12:00, Atyrau.",
            ["Schedule:", "1) At 10:00, Aktau.", "2) At 12:00, Atyrau."],
        ),
        (
            "1. The court met. It adjourned.\n2. The appeal failed.",
            ["1. The court met.", "It adjourned.", "2. The appeal failed."],
        ),
        ("— First news item\n— Second news item", ["— First news item", "— Second news item"]),
        ("#ZHANOV Berik\nHe was detained.", ["#ZHANOV Berik", "He was detained."]),
        (
            "Title line\n\nBody starts here. Second sentence.",
            ["Title line", "Body starts here.", "Second sentence."],
        ),
        # a line break inside a sentence is not a break
        ("The activist was\ndetained at dawn.", ["The activist was\ndetained at dawn."]),
    ],
)
def test_sentences_lines_bullets_and_numbered_items(text, expected):
    assert run_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said: «We will not stop.» Then he left.", ["He said: «We will not stop.»", "Then he left."]),
        ('She wrote "Free them all." Nobody replied.', ['She wrote "Free them all."', "Nobody replied."]),
        ("It was confirmed.[2] The court agreed.", ["It was confirmed.[2]", "The court agreed."]),
        ("It was confirmed.^3 The court agreed.", ["It was confirmed.^3", "The court agreed."]),
    ],
)
def test_sentences_closing_quotes_and_footnotes_stay_with_their_sentence(text, expected):
    assert run_sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "  Leading spaces. And trailing ones.  \n",
        "One.\n\n\nTwo.\n",
        "",
        "No full stop at all",
        "A. B. C. Zhanov was here.",
    ],
)
def test_sentences_are_trimmed_ordered_and_inside_the_text(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == "".join(text.split())


def test_sentences_each_line_of_a_profile_card_stands_alone():
    from casewatch.extract.sentences import split_sentences

    text = "Name: Ihar Lasitski\nDetained: 2 June 2022\nCharges: Art. 368 Part 1\nSentence: 2 years"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Name: Ihar Lasitski",
        "Detained: 2 June 2022",
        "Charges: Art. 368 Part 1",
        "Sentence: 2 years",
    ]


def test_sentences_a_month_abbreviation_does_not_end_a_sentence():
    from casewatch.extract.sentences import split_sentences

    text = "Both were arrested on Nov. 20 in Baku. Their lawyer appealed."
    assert len(split_sentences(text)) == 2


def test_sentences_table_rows_are_sentences_whole():
    text = (
        "The results:\nName | court, date | sentence\n"
        "Berik Ospanov | Aktau City Court, 01.03.2022 | 3 years. Released on parole.\nEnd of table."
    )
    assert run_sentences(text) == [
        "The results:",
        "Name | court, date | sentence",
        "Berik Ospanov | Aktau City Court, 01.03.2022 | 3 years. Released on parole.",
        "End of table.",
    ]
