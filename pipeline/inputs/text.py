"""Plain text: the file decoded, a leading BOM removed, nothing else changed."""
from __future__ import annotations

from pathlib import Path

from pipeline.inputs.base import Extracted, InputError, refuse_other_formats, require_text


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
    return require_text(text.removeprefix("\ufeff"), path, "file is empty")


def read(data: bytes, path: Path | str, encoding: str) -> Extracted:
    refuse_other_formats(data, path, "a text document")
    return Extracted(decode(data, path, encoding))
