"""Claims as plain data, and whether one would tell a reader what is withheld from them."""

from __future__ import annotations

from casewatch.outputs.scope import View
from casewatch.store import models as m


def claim_hidden_here(claim: m.Claim, vis: View, withheld: list[tuple[int, int]]) -> bool:
    """True when a claim would reveal a withheld person or field, or is itself withheld."""
    if vis.sees_all:
        return False
    if vis.claim_hidden(claim.id):
        return True
    if claim.start is not None and any(s < claim.end and claim.start < e for s, e in withheld):
        return True
    return vis.names_hidden(f"{claim.subject}\n{claim.value or ''}\n{claim.original_value or ''}")


def claim_dict(claim: m.Claim, text: str | None = None) -> dict:
    """A claim as plain data (with its quote when the document text is given)."""
    out = {
        "id": claim.id,
        "document_id": claim.document_id,
        "subject": claim.subject,
        "property": claim.property,
        "value": claim.value,
        "original_value": claim.original_value,
        "status": claim.status,
        "start": claim.start,
        "end": claim.end,
        "confidence": claim.confidence,
        "extractor_version": claim.extractor_version,
    }
    if text is not None and claim.start is not None and claim.end is not None:
        out["quote"] = text[claim.start : claim.end]
    return out
