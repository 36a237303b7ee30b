"""Import every built-in component module so that each registers itself."""

from casewatch.extract import (  # noqa: F401
    articles,
    dates,
    events,
    gazetteer,
    meta,
    persons,
    relations,
    relative_dates,
    roles,
    sentences,
)
