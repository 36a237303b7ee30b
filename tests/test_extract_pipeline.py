"""The pipeline: components registered by name, requirements checked when a Pipeline is built."""

from __future__ import annotations

import dataclasses

import pytest

from casewatch.extract import DEFAULT_PIPELINE, default_pipeline
from casewatch.extract import components as _components  # noqa: F401  (registers the built-ins)
from casewatch.extract.analysis import Analysis
from casewatch.extract.pipeline import GIVEN, REGISTRY, Pipeline, component


@pytest.fixture
def scratch_registry():
    """Register test components under throwaway names and remove them afterwards."""
    before = set(REGISTRY)
    yield
    for name in set(REGISTRY) - before:
        del REGISTRY[name]


def test_pipeline_default_components_are_registered():
    assert set(DEFAULT_PIPELINE) <= set(REGISTRY)
    assert default_pipeline().names == list(DEFAULT_PIPELINE)


@pytest.mark.parametrize("name", DEFAULT_PIPELINE)
def test_pipeline_component_has_a_one_line_doc(name):
    doc = REGISTRY[name].doc
    assert doc
    assert "\n" not in doc


def test_pipeline_given_attributes_are_analysis_fields():
    fields = {f.name for f in dataclasses.fields(Analysis)}
    assert set(GIVEN) <= fields


def test_pipeline_default_order_satisfies_every_requirement():
    assigned = set(GIVEN)
    for name in DEFAULT_PIPELINE:
        comp = REGISTRY[name]
        assert set(comp.requires) <= assigned, name
        assigned.update(comp.assigns)


def test_pipeline_unknown_component_names_it_and_lists_known():
    with pytest.raises(ValueError) as exc:
        Pipeline(["sentences", "no_such_component"])
    message = str(exc.value)
    assert "'no_such_component'" in message
    assert "sentences" in message and "persons" in message


@pytest.mark.parametrize(
    ("names", "component", "missing"),
    [
        (["persons"], "persons", "organizations"),
        (["gazetteer", "roles"], "roles", "sentences"),
        (["sentences", "gazetteer", "persons", "relations"], "relations", "person_roles"),
        (["events"], "events", "sentences"),
    ],
)
def test_pipeline_missing_requirement_is_refused(names, component, missing):
    with pytest.raises(ValueError) as exc:
        Pipeline(names)
    message = str(exc.value)
    assert f"component {component!r} requires" in message
    assert missing in message


def test_pipeline_requirement_must_come_from_an_earlier_component():
    with pytest.raises(ValueError, match="'persons' requires"):
        Pipeline(["persons", "gazetteer"])
    assert Pipeline(["gazetteer", "persons"]).names == ["gazetteer", "persons"]


def test_pipeline_registering_a_name_twice_fails(scratch_registry):
    @component("test_twice", requires=("text",), assigns=("title",))
    def first(analysis: Analysis) -> None:
        """First."""

    with pytest.raises(ValueError, match="registered twice"):

        @component("test_twice")
        def second(analysis: Analysis) -> None:
            """Second."""


def test_pipeline_runs_components_in_order(scratch_registry):
    seen: list[str] = []

    @component("test_upper", requires=("text",), assigns=("title",))
    def upper(analysis: Analysis) -> None:
        """Title from the text, in capitals."""
        seen.append("upper")
        analysis.title = analysis.text.upper()

    @component("test_suffix", requires=("title",), assigns=("language",))
    def suffix(analysis: Analysis) -> None:
        """Language from the title."""
        seen.append("suffix")
        analysis.language = "xx" if analysis.title == "ABC" else None

    pipeline = Pipeline(["test_upper", "test_suffix"])
    analysis = Analysis(text="abc")
    assert pipeline(analysis) is analysis
    assert seen == ["upper", "suffix"]
    assert (analysis.title, analysis.language) == ("ABC", "xx")
    assert REGISTRY["test_upper"].doc == "Title from the text, in capitals."


def test_pipeline_custom_requirement_needs_its_assigner(scratch_registry):
    @component("test_needs_widgets", requires=("widgets",))
    def needs(analysis: Analysis) -> None:
        """Needs widgets."""

    @component("test_makes_widgets", assigns=("widgets",))
    def makes(analysis: Analysis) -> None:
        """Makes widgets."""

    with pytest.raises(ValueError, match="widgets"):
        Pipeline(["test_needs_widgets"])
    assert Pipeline(["test_makes_widgets", "test_needs_widgets"]).names == [
        "test_makes_widgets",
        "test_needs_widgets",
    ]


def test_pipeline_blank_components_fill_their_fields():
    analysis = Analysis(text="Judge Saule IBRAYEVA sat in Aktau.", report_date="2022-03-10")
    Pipeline(["sentences", "gazetteer", "persons"])(analysis)
    assert analysis.sentences == [(0, len(analysis.text))]
    assert [loc.name for loc in analysis.locations] == ["Aktau"]
    assert [p.name for p in analysis.persons] == ["Saule Ibrayeva"]
    assert analysis.events == []  # no events component ran
