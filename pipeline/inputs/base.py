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


# What a file's first bytes say it is, for one whose extension says otherwise.
_SIGNATURES = {
    b"%PDF-": "a PDF (name it .pdf)",
    b"PK\x03\x04": "a zip archive, such as a Word .docx file (name it .docx if it is one)",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "a Word 97-2003 or WPS file (save it as .docx)",
}


def refuse_other_formats(data: bytes, path: Path | str, expected: str) -> None:
    """Raise when the content is a PDF, zip or Word 97-2003 file, naming what it is."""
    for signature, what in _SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(path, f"not {expected}: the file is {what}")


def require_text(text: str, path: Path | str, what: str) -> str:
    if not text.strip():
        raise InputError(path, what)
    return text
