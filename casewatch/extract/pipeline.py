"""A pipeline of small extraction components, each registered under a name.

A component is a function that takes an Analysis and fills in some of its attributes.
It declares what it `requires` and `assigns`; building a Pipeline checks that every
requirement is assigned by an earlier component (like spaCy's analyze_pipes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from casewatch.extract.analysis import Analysis

#: attributes an Analysis has before any component runs
GIVEN = ("text", "path", "sha256", "report_date", "title", "language")


@dataclass(frozen=True)
class Component:
    name: str
    func: Callable[[Analysis], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


REGISTRY: dict[str, Component] = {}


def component(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[Callable[[Analysis], None]], Callable[[Analysis], None]]:
    """Register `func` as the extraction component `name`."""

    def register(func: Callable[[Analysis], None]) -> Callable[[Analysis], None]:
        if name in REGISTRY:
            raise ValueError(f"extraction component {name!r} is registered twice")
        doc = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        REGISTRY[name] = Component(name, func, tuple(requires), tuple(assigns), doc)
        return func

    return register


class Pipeline:
    def __init__(self, names: Iterable[str]) -> None:
        self.components = [self._lookup(n) for n in names]
        assigned = set(GIVEN)
        for comp in self.components:
            missing = [r for r in comp.requires if r not in assigned]
            if missing:
                raise ValueError(
                    f"component {comp.name!r} requires {', '.join(missing)}, "
                    "which no earlier component assigns"
                )
            assigned.update(comp.assigns)

    @staticmethod
    def _lookup(name: str) -> Component:
        if name not in REGISTRY:
            raise ValueError(f"unknown extraction component {name!r}; known: {', '.join(sorted(REGISTRY))}")
        return REGISTRY[name]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, analysis: Analysis) -> Analysis:
        for comp in self.components:
            comp.func(analysis)
        return analysis
