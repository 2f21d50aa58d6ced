"""Finding and reading input documents, with the bad-input rules of the contract. One reader per
format, chosen by the file's extension; each checks that the content is of its format."""
from __future__ import annotations

import glob
import hashlib
from pathlib import Path
from typing import Callable

from pipeline.document import Document
from pipeline.inputs import docx, html, pdf, text
from pipeline.inputs.base import Extracted, InputError
from pipeline.inputs.text import decode

__all__ = ["FORMATS", "InputError", "decode", "discover", "read_document"]

Reader = Callable[[bytes, Path | str, str], Extracted]

# extension → (the `documents.format` it gives, its reader)
FORMATS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", text.read),
    ".html": ("html", html.read),
    ".htm": ("html", html.read),
    ".pdf": ("pdf", pdf.read),
    ".docx": ("docx", docx.read),
}
# Formats users have that no reader takes: what to do with them. A folder's such files are still
# inputs, so that the run says so instead of leaving them out unseen.
UNREADABLE: dict[str, str] = {
    ".doc": "Word 97-2003 .doc files are not read: save it as .docx in Word or WPS "
            "(or convert it with LibreOffice: soffice --headless --convert-to docx FILE)",
    ".wps": "WPS .wps files are not read: save it as .docx in WPS "
            "(or convert it with LibreOffice: soffice --headless --convert-to docx FILE)",
}
FOLDER_SUFFIXES = (*FORMATS, *UNREADABLE)


def discover(patterns: list[str]) -> list[Path]:
    """Files named by paths, folders (their files of a supported format, and .doc/.wps ones, which
    then fail) or glob patterns; sorted, duplicates once."""
    found: dict[Path, None] = {}
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            matches = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
            if not matches:
                raise InputError(path, f"folder holds no report files ({', '.join(FORMATS)})")
        elif path.is_file():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
            if not matches:
                raise InputError(pattern, "no file matches this input")
        found.update((match, None) for match in matches)
    paths = list(found)
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem in seen:
            raise InputError(path, f"doc_id {path.stem!r} clashes with {seen[path.stem]}")
        seen[path.stem] = path
    return paths


def read_document(path: Path, encoding: str) -> Document:
    """The document of one file, read by its format's reader; a file of any other extension is
    read as text, as a `.txt` file is."""
    suffix = path.suffix.lower()
    if suffix in UNREADABLE:
        raise InputError(path, UNREADABLE[suffix])
    format_name, reader = FORMATS.get(suffix, FORMATS[".txt"])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror}") from None
    extracted = reader(data, path, encoding)
    return Document(doc_id=path.stem, path=str(path), raw=extracted.text, sha256=hashlib.sha256(data).hexdigest(),
                    format=format_name, page_title=extracted.title, page_published=extracted.published)
