"""Entity linking: the same person across reports, however their name is spelled."""

from casewatch.names import compare_names, display_name, latinize, name_keys
from casewatch.resolve.linker import LinkDecision, PersonProfile, decide

__all__ = [
    "LinkDecision",
    "PersonProfile",
    "compare_names",
    "decide",
    "display_name",
    "latinize",
    "name_keys",
]
