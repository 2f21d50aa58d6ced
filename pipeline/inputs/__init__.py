"""Finding and reading input documents, with the bad-input rules of the contract. One reader per
format, chosen by the file's extension; each checks that the content is of its format."""
from __future__ import annotations

import glob
import hashlib
import importlib
import os
from pathlib import Path
from typing import Callable

from pipeline.document import Document
from pipeline.inputs.base import Extracted, InputError
from pipeline.inputs.text import decode

__all__ = ["FORMATS", "InputError", "decode", "discover", "id_root", "read_document"]

Reader = Callable[[bytes, Path | str, str], Extracted]

# extension → (the `documents.format` it gives, its reader's module, imported on first use: a run
# over text files does not load trafilatura, pdfplumber and python-docx)
FORMATS: dict[str, tuple[str, str]] = {
    ".txt": ("txt", "text"),
    ".html": ("html", "html"),
    ".htm": ("html", "html"),
    ".pdf": ("pdf", "pdf"),
    ".docx": ("docx", "docx"),
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


def discover(patterns: list[str], output: Path | str | None = None, doc_ids: str = "stem") -> list[Path]:
    """Files named by paths, folders (their files of a supported format, and .doc/.wps ones, which
    then fail) or glob patterns; sorted, duplicates once; nothing inside the run's `output` (or
    its temporary folders). A link in a folder that points outside it is refused: name its target."""
    found: dict[Path, None] = {}
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            matches = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
            for link in (p for p in matches if p.is_symlink()):
                if not link.resolve().is_relative_to(path.resolve()):
                    raise InputError(link, f"a link to {link.resolve()}, outside the input folder; "
                                           f"name that file as an input if it is meant")
            if not matches:
                raise InputError(path, f"folder holds no report files ({', '.join(FORMATS)})")
        elif path.is_file():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
            if not matches:
                raise InputError(pattern, "no file matches this input")
        found.update((match, None) for match in matches if not (output and _in_run(match, Path(output))))
    paths = list(found)
    root = id_root(paths, doc_ids)
    seen: dict[str, Path] = {}
    for path in paths:
        doc_id = doc_id_of(path, root)
        if doc_id in seen:
            hint = "; set `doc_ids: relative` to name documents by their paths" if doc_ids == "stem" else ""
            raise InputError(path, f"doc_id {doc_id!r} clashes with {seen[doc_id]}{hint}")
        seen[doc_id] = path
    return paths


def id_root(paths: list[Path], doc_ids: str) -> Path | None:
    """For `doc_ids: relative`, the folder all inputs share; None for `stem`."""
    return Path(os.path.commonpath([p.resolve().parent for p in paths])) if doc_ids == "relative" and paths else None


def doc_id_of(path: Path, root: Path | None) -> str:
    """The file name without its extension, or with a `root`, the path below it without the
    extension (`2023/report`)."""
    return path.resolve().relative_to(root).with_suffix("").as_posix() if root else path.stem


def _in_run(path: Path, output: Path) -> bool:
    """Whether a file belongs to the run's output or to one of its temporary folders."""
    resolved, output = path.resolve(), output.resolve()
    if resolved.is_relative_to(output):
        return True
    if not resolved.is_relative_to(output.parent):
        return False
    return resolved.relative_to(output.parent).parts[0].startswith(f".{output.name}.")


def read_document(path: Path, encoding: str, id_root: Path | None = None) -> Document:
    """The document of one file, read by its format's reader; a file of any other extension is
    read as text, as a `.txt` file is."""
    suffix = path.suffix.lower()
    if suffix in UNREADABLE:
        raise InputError(path, UNREADABLE[suffix])
    format_name, module = FORMATS.get(suffix, FORMATS[".txt"])
    reader: Reader = importlib.import_module(f"pipeline.inputs.{module}").read
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror}") from None
    extracted = reader(data, path, encoding)
    return Document(doc_id=doc_id_of(path, id_root), path=str(path), raw=extracted.text, sha256=hashlib.sha256(data).hexdigest(),
                    format=format_name, page_title=extracted.title, page_published=extracted.published)
