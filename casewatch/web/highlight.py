"""Split a report's text into plain, highlighted and withheld segments for the report view."""

from __future__ import annotations

from dataclasses import dataclass, field

from casewatch.web.visibility import WITHHELD


@dataclass
class Segment:
    text: str
    #: ids of the claims whose span covers this segment, the shortest span first
    claims: list[str] = field(default_factory=list)
    withheld: bool = False
    #: review status of the first claim ("unreviewed", "confirmed", ...), for colouring
    status: str = ""

    def as_dict(self) -> dict:
        return {"text": self.text, "claims": self.claims, "withheld": self.withheld, "status": self.status}


def segments(
    text: str,
    spans: list[tuple[int, int, str, str]],
    withheld: list[tuple[int, int]] = (),
) -> list[Segment]:
    """Cut `text` at every span edge; `spans` are (start, end, claim id, status)."""
    n = len(text)
    valid = [
        (max(0, s), min(n, e), cid, st)
        for s, e, cid, st in spans
        if s is not None and e is not None and s < e
    ]
    hidden = [(max(0, s), min(n, e)) for s, e in withheld if s < e]
    cuts = {0, n}
    for s, e, _cid, _st in valid:
        cuts.update((s, e))
    for s, e in hidden:
        cuts.update((s, e))
    edges = sorted(c for c in cuts if 0 <= c <= n)
    out: list[Segment] = []
    for a, b in zip(edges, edges[1:], strict=False):
        if a == b:
            continue
        if any(s <= a and b <= e for s, e in hidden):
            if out and out[-1].withheld:
                continue
            out.append(Segment(WITHHELD, withheld=True))
            continue
        covering = sorted((e - s, cid, st) for s, e, cid, st in valid if s <= a and b <= e)
        seg = Segment(
            text[a:b], [cid for _len, cid, _st in covering], status=covering[0][2] if covering else ""
        )
        if out and not out[-1].withheld and out[-1].claims == seg.claims:
            out[-1].text += seg.text
        else:
            out.append(seg)
    return out
