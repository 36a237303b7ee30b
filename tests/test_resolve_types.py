"""Value types used in linking: clean and compare."""

import pytest

from casewatch.resolve.types import TYPES


@pytest.mark.parametrize(
    "raw, clean", [("Art. 405, Part 2", "405.2"), ("405.2", "405.2"), ("Article 200", "200"), ("none", None)]
)
def test_article_clean(raw, clean):
    assert TYPES["article"].clean(raw) == clean


def test_article_compare_part_and_article():
    compare = TYPES["article"].compare
    assert compare("405.2", "Article 405 Part 2") == 1.0
    assert compare("405", "405.2") == 0.5
    assert compare("405.2", "200") == 0.0


def test_place_compare_across_scripts():
    assert TYPES["place"].clean("Актау") == "Aktau"
    assert TYPES["place"].compare("Актау", "Aktau") == 1.0
    assert TYPES["place"].compare("Almaty", "Aktau") == 0.0


def test_name_type_uses_the_name_value_type():
    assert TYPES["name"].clean("PAZYLOV Bolat Seitovich") == "Bolat Seitovich Pazylov"
    assert 0.0 < TYPES["name"].compare("Abai", "Abay") < 0.5  # a given name alone is weak evidence
