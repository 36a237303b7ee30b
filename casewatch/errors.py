"""Errors that reach the user as one line naming the file and the problem."""

from __future__ import annotations


class CasewatchError(Exception):
    """A problem with one input or one command, printed as a single line."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ReaderError(CasewatchError):
    """A report file that cannot be read into text."""
