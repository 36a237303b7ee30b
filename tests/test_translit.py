"""One transliteration for extraction and linking."""

from __future__ import annotations

import pytest

from casewatch.extract.lexicon import latinize as extract_latinize
from casewatch.names import latinize as resolve_latinize
from casewatch.translit import has_cyrillic, latinize


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Мендыгазиев", "Mendygaziyev"),
        ("Ерлан", "Yerlan"),
        ("ЖАКУПОВА Алия", "ZHAKUPOVA Aliya"),
        ("Ұлбосын", "Ulbosyn"),
        ("Dulat Agadil", "Dulat Agadil"),
    ],
)
def test_translit_latinize(cyrillic, latin):
    assert latinize(cyrillic) == latin


def test_translit_is_the_same_for_extraction_and_linking():
    assert extract_latinize is latinize and resolve_latinize is latinize
    assert has_cyrillic("Ерлан") and not has_cyrillic("Yerlan")
