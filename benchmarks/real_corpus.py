"""Which reports of `tests/corpus/real` come from development sites and which from held-out ones.

`tests/corpus/SOURCES.md` has one table row per real report (`| file | source | site | ... |`) and
`tests/corpus/real/split.yaml` maps each site to `dev` or `held-out`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

SPLITS = ("dev", "held-out")


def source_rows(sources_md: Path) -> dict[str, dict[str, str]]:
    """The rows of a SOURCES.md table, by file name: {file: {column: value}}."""
    header: list[str] | None = None
    rows: dict[str, dict[str, str]] = {}
    for line in sources_md.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None if not line.strip() else header
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
        elif not set("".join(cells)) <= set("-: "):
            row = dict(zip(header, cells, strict=False))
            if row.get("file"):
                rows[row["file"]] = row
    return rows


def site_splits(split_yaml: Path) -> dict[str, str]:
    """{site: split} from split.yaml, refusing a split that is not dev or held-out."""
    data = yaml.safe_load(split_yaml.read_text(encoding="utf-8")) or {}
    sites = data.get("sites") or {}
    for site, split in sites.items():
        if split not in SPLITS:
            raise ValueError(f"{split_yaml}: site {site} has split {split!r}, not one of {', '.join(SPLITS)}")
    return dict(sites)


def report_splits(real_dir: Path, sources_md: Path) -> dict[str, str]:
    """{report stem: split} for every report listed in SOURCES.md whose site split.yaml knows."""
    sites = site_splits(real_dir / "split.yaml")
    out: dict[str, str] = {}
    for name, row in source_rows(sources_md).items():
        split = sites.get(row.get("site", ""))
        if split:
            out[Path(name).stem] = split
    return out
