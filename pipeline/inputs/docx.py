"""Word .docx files, read with python-docx: the body's paragraphs and table cells in document
order, one a line (the page headers and footers of a Word file are separate parts, left out)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Iterator

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.inputs.base import Extracted, InputError, require_text

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and WPS files


def _blocks(container) -> Iterator[str]:
    """The text of each paragraph, a table's cells row by row (a merged cell once), nested tables
    where they stand."""
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        yield from _blocks(cell)


def read(data: bytes, path: Path | str, encoding: str) -> Extracted:
    if data.startswith(OLE_SIGNATURE):
        raise InputError(path, "a Word 97-2003 (.doc) or WPS file named .docx: save it as .docx in Word or WPS")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(path, f"not a Word .docx file ({error})") from None
    text = "\n".join(line for line in _blocks(document) if line.strip())
    return Extracted(require_text(text, path, "the Word file holds no text"))
