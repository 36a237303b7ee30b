"""casewatch: a provenance-linked case database for human-rights monitoring reports."""

__version__ = "0.1.0"
