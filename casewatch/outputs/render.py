"""The prisoner list and the hearing calendar as terminal text (the CLI's default output)."""

from __future__ import annotations


def _articles(articles: list[dict]) -> str:
    return ", ".join(a["label"] + (f" ({a['title']})" if a.get("title") else "") for a in articles)


def render_prisoners(listed: dict) -> str:
    lines = [f"{listed['count']} persons" + (f" in {listed['country']}" if listed["country"] else "")]
    for p in listed["prisoners"]:
        lines.append("")
        lines.append(f"#{p['person_id']} {p['name']}  [{p['country'] or '?'}]")
        lines.append(f"  {p['status_label']} since {p['since']}" + (f", {p['term']}" if p["term"] else ""))
        if p["expected_release"]:
            lines.append(f"  term ends {p['expected_release']} (counted from the decision)")
        if p["articles"]:
            lines.append(f"  articles: {_articles(p['articles'])}")
        source = p["set_by"]
        lines.append(f"  source: {source['document']['path']}")
        if source["quote"]:
            lines.append(f'    "{source["quote"]}"')
    return "\n".join(lines)


def render_hearings(calendar: dict) -> str:
    """Hearings by day, numbered, in the form monitors publish their hearing lists."""
    lines = [f"{calendar['count']} hearings"]
    for day in calendar["days"]:
        lines.append("")
        lines.append(day["date"])
        for n, h in enumerate(day["hearings"], 1):
            when = h["time"] or "time not given"
            who = ", ".join(d["name"] for d in h["defendants"]) or "defendant not named"
            lines.append(f"{n}. {when}  {h['court'] or 'court not given'}: {who}")
            if h["articles"]:
                lines.append(f"   articles: {_articles(h['articles'])}")
            if h["judges"]:
                lines.append(f"   judge: {', '.join(j['name'] for j in h['judges'])}")
            lines.append(
                f"   {h['status'] or 'status unknown'}; sources: "
                + ", ".join(s["document"]["path"] for s in h["sources"])
            )
    return "\n".join(lines)
