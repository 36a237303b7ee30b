"""Finding a mention again after re-extraction (casewatch.store.anchors)."""

from casewatch.store.anchors import EXACT, NAME, SPAN, Anchor, pair_up, strength


def anchor(*names: str, spans: tuple[tuple[int, int], ...] = ()) -> Anchor:
    return Anchor(frozenset(names), spans)


def test_strength_prefers_spelling_then_span_then_name():
    assert strength(anchor("Serik Omarov"), anchor("Serik Omarov", "Omarov")) == EXACT
    assert (
        strength(anchor("Bekizhan", spans=((10, 18),)), anchor("Bekizhan Mendygaziyev", spans=((10, 32),)))
        == SPAN
    )
    assert strength(anchor("Omarov Serik Bolatovich"), anchor("Serik Omarov")) == NAME
    assert strength(anchor("Serik Omarov", spans=((0, 12),)), anchor("Aigul Omarova", spans=((20, 33),))) == 0


def test_pair_up_uses_each_remembered_mention_once():
    mentions = {1: anchor("Serik Omarov"), 2: anchor("Serik Bolatovich Omarov")}
    remembered = [(anchor("Serik Omarov"), "pinned")]
    assert pair_up(mentions, remembered) == {1: "pinned"}


def test_pair_up_leaves_ambiguous_pairings_alone():
    # two mentions both fit the decision by name alone: neither gets it
    mentions = {1: anchor("Bolat Seitovich Pazylov"), 2: anchor("Bolat Pazylov B.")}
    assert pair_up(mentions, [(anchor("Bolat Pazylov"), "x")]) == {}


def test_pair_up_finds_a_respelled_mention_by_span():
    mentions = {7: anchor("Bekizhan Mendygaziyev", spans=((36, 57),)), 8: anchor("Aigul Nurmagambetova")}
    remembered = [(anchor("Bekizhan", spans=((36, 44),)), "merged")]
    assert pair_up(mentions, remembered) == {7: "merged"}
