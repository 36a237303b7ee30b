"""A readable summary of one extraction record: persons by side, events in date order, articles."""

from __future__ import annotations

SIDES = (("target", "Targets"), ("perpetrator", "Perpetrators"), ("other", "Others"), (None, "Side unknown"))


def _names(record: dict, ids: list[str]) -> str:
    by_id = {p["id"]: p["name"] for p in record["persons"]}
    by_id.update({o["id"]: o["name"] for o in record["organizations"]})
    return ", ".join(by_id.get(i, i) for i in ids)


def render_summary(record: dict) -> str:
    src = record["source"]
    lines = [
        f"{src['path']}  (report date {src.get('report_date') or 'unknown'}, {src.get('language') or '?'})"
    ]
    if src.get("title"):
        lines.append(f"  {src['title']}")
    for side, label in SIDES:
        people = [p for p in record["persons"] if p.get("side") == side]
        if people:
            lines.append(f"{label}:")
            lines.extend(
                f"  - {p['name']}" + (f" ({', '.join(p['roles'])})" if p["roles"] else "") for p in people
            )
    if record["events"]:
        lines.append("Events:")
        for ev in sorted(record["events"], key=lambda e: (e["date"] is None, e["date"] or "")):
            when = (ev["date"] or "undated") + (f" {ev['time']}" if ev.get("time") else "")
            detail = [x for x in (ev.get("status"), ev.get("outcome"), ev.get("term")) if x]
            who = _names(record, ev["persons"])
            by = _names(record, ev["perpetrators"])
            text = f"  - {when}  {ev['type']}" + (f" [{', '.join(detail)}]" if detail else "")
            text += f": {who}" if who else ""
            text += f"; by {by}" if by else ""
            text += f"; articles {', '.join(ev['articles'])}" if ev["articles"] else ""
            lines.append(text)
    if record["articles"]:
        lines.append("Articles:")
        for a in record["articles"]:
            ref = a["article"] + (f" part {a['part']}" if a["part"] else "")
            lines.append(f"  - {a['code']} {ref}" + (f": {a['title']}" if a.get("title") else ""))
    return "\n".join(lines)
