"""Reference data: YAML files, one per concept, loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent


@cache
def load_yaml(relative_path: str) -> Any:
    """The parsed YAML file at casewatch/data/<relative_path>."""
    return yaml.safe_load((DATA_DIR / relative_path).read_text(encoding="utf-8"))
