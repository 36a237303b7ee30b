"""Entity linking: the same person across reports, however their name is spelled."""

from casewatch.resolve.linker import LinkDecision, LinkResult, PersonProfile, decide, link_records
from casewatch.resolve.names import compare_names, display_name, latinize, name_keys

__all__ = [
    "LinkDecision",
    "LinkResult",
    "PersonProfile",
    "compare_names",
    "decide",
    "display_name",
    "latinize",
    "link_records",
    "name_keys",
]
