"""Finding and reading input documents, with the bad-input rules of the contract."""
from __future__ import annotations

import glob
import hashlib
from pathlib import Path

from pipeline.document import Document


class InputError(Exception):
    """A file that cannot be used as a document; str() is the one-line message naming the file."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self):
        # raised in a worker, it is pickled back to the parent: rebuild it from both arguments
        return InputError, (self.path, self.reason)


def discover(patterns: list[str]) -> list[Path]:
    """Files named by paths, folders (their `*.txt`) or glob patterns; sorted, duplicates once."""
    found: dict[Path, None] = {}
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            matches = sorted(path.glob("*.txt"))
            if not matches:
                raise InputError(path, "folder holds no .txt files")
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


def decode(data: bytes, path: Path | str, encoding: str) -> str:
    """The raw document: decoded bytes with a leading BOM removed and nothing else changed."""
    if not data.strip():
        raise InputError(path, "file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not a text document")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        hint = " (set `encoding:` in the config, e.g. gbk)" if encoding.lower().replace("-", "") == "utf8" else ""
        raise InputError(path, f"not valid {encoding} at byte {error.start}{hint}") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(path, "file is empty")
    return text


def read_document(path: Path, encoding: str) -> Document:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror}") from None
    raw = decode(data, path, encoding)
    return Document(doc_id=path.stem, path=str(path), raw=raw, sha256=hashlib.sha256(data).hexdigest())
