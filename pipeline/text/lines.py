"""Lines of a text as offsets, the unit that furniture, metadata and sentences all start from."""
from __future__ import annotations

import re
from typing import Iterator

_LINE = re.compile(r"[^\n]+")


def stripped_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, without its leading and trailing whitespace."""
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + len(line) - len(line.lstrip())
            yield start, start + len(stripped)
