"""Extraction: one Document in, one extraction record (see docs/extraction-record.md) out."""

from __future__ import annotations

from functools import cache

from casewatch.document import Document
from casewatch.errors import CasewatchError
from casewatch.extract.analysis import Analysis
from casewatch.extract.pipeline import Pipeline
from casewatch.extract.record import to_record
from casewatch.settings import max_report_chars, too_long

#: the default components, in order; each module registers itself on import
DEFAULT_PIPELINE = (
    "report_meta",
    "sentences",
    "dates",
    "relative_dates",
    "articles",
    "gazetteer",
    "persons",
    "roles",
    "relations",
    "events",
    "sides",
)

#: stored with every claim, so re-extraction with a newer extractor can be told apart
EXTRACTOR_VERSION = "casewatch-rules-1"


@cache
def default_pipeline() -> Pipeline:
    from casewatch.extract import components  # noqa: F401  (registers the built-in components)

    return Pipeline(DEFAULT_PIPELINE)


def analyse(doc: Document) -> Analysis:
    """Run the pipeline on one Document; a text over CASEWATCH_MAX_REPORT_CHARS is refused, not extracted."""
    limit = max_report_chars()
    if len(doc.text) > limit:
        raise CasewatchError(too_long(limit, len(doc.text)), path=doc.path)
    analysis = Analysis(
        text=doc.text,
        path=doc.path,
        sha256=doc.sha256,
        report_date=doc.report_date,
        title=doc.title,
        language=doc.language,
    )
    return default_pipeline()(analysis)


def extract_document(doc: Document) -> dict:
    """The extraction record for one Document, as specified in docs/extraction-record.md."""
    return to_record(analyse(doc))
