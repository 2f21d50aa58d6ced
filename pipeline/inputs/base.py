"""What every reader shares: the error it raises and the text it hands back."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class InputError(Exception):
    """A file that cannot be used as a document; str() is the one-line message naming the file."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self):
        # raised in a worker, it is pickled back to the parent: rebuild it from both arguments
        return InputError, (self.path, self.reason)


@dataclass(frozen=True)
class Extracted:
    """A reader's result: the raw document, and what the file itself declares about it (a web
    page's `<title>` and `<meta>` publication date), used when the text names none."""

    text: str
    title: str | None = None
    published: str | None = None


def require_text(text: str, path: Path | str, what: str) -> str:
    if not text.strip():
        raise InputError(path, what)
    return text
