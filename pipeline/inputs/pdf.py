"""PDF files with a text layer, read with pdfplumber: lines in reading order, the running headers,
footers and page numbers dropped, and the lines of a paragraph joined: in a Chinese PDF a line
break is layout, not a sentence end."""
from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.inputs.base import Extracted, InputError

# `3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 12 页`, `3/12`, `Page 3 of 12`
PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:(?:/|共|of)\s*\d{1,4}\s*页?)?[-—–－\s]*$"
    r"|^Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
# How many lines at the top and at the bottom of a page may be a running header or footer.
EDGE_LINES = 2
# A line that cannot be broken: a run of ASCII without spaces (a number, `2021-2025`, a word) or one character.
_FIRST_UNIT = re.compile(r"[!-~]+|.")
# A glyph whose character the PDF does not give: pdfminer writes its number.
_UNDECODED_GLYPH = re.compile(r"\(cid:\d+\)")
# More of the text than this in such glyphs, and it is no text: the file is refused.
UNDECODED_SHARE = 0.05
_ASCII_WORD_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9]")


@dataclass(frozen=True)
class Line:
    """A line of text on a page, in PDF points from the page's top left; `first_unit_width` is the
    width of what it opens with that a line could not break (see `_FIRST_UNIT`)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    first_unit_width: float

    @property
    def size(self) -> float:
        return self.bottom - self.top


def drop_page_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without their page numbers and running headers and footers: a line among the first
    or last `EDGE_LINES` of a page that is a page number, or that recurs (digits aside) at the
    same height on half the pages and at least two (so a title that repeats the running header
    below it stays)."""
    def key(line: Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.top)

    def edges(lines: list[Line]) -> list[Line]:
        return lines[:EDGE_LINES] + lines[EDGE_LINES:][-EDGE_LINES:]

    recurring = Counter(k for lines in pages for k in {key(line) for line in edges(lines)})
    threshold = max(2, len(pages) / 2)
    kept = []
    for lines in pages:
        furniture = {id(line) for line in edges(lines)
                     if PAGE_NUMBER.match(line.text.strip()) or recurring[key(line)] >= threshold}
        kept.append([line for line in lines if id(line) not in furniture])
    return kept


def paragraphs(pages: list[list[Line]]) -> list[str]:
    """The text of each paragraph. A line starts a new paragraph when it is indented from the
    body's left edge, when the line before ended before the right edge by more than this line's
    first unbreakable unit would have needed (so it was not wrapped), or when it sits further
    below the line before than lines of a paragraph do."""
    body = [line for lines in pages for line in lines]
    if not body:
        return []
    size = statistics.median(line.size for line in body)
    left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
    right = max(line.x1 for line in body)
    pitches = [b.top - a.top for lines in pages for a, b in zip(lines, lines[1:]) if b.top > a.top]
    pitch = statistics.median(pitches) if pitches else 0.0
    texts: list[str] = []
    previous: Line | None = None
    for lines in pages:
        for index, line in enumerate(lines):
            starts = (previous is None or line.x0 - left > 0.8 * size
                      or right - previous.x1 > line.first_unit_width + 0.5 * size
                      or (index > 0 and line.top - previous.top > 1.4 * pitch))
            if starts:
                texts.append(line.text)
            else:
                joint = " " if _ASCII_WORD_END.search(texts[-1]) and _ASCII_WORD_START.search(line.text) else ""
                texts[-1] += joint + line.text
            previous = line
    return texts


def _page_lines(page) -> list[Line]:
    lines = []
    for found in page.extract_text_lines(strip=True, return_chars=True):
        text = found["text"]
        if not text:
            continue
        unit = len(_FIRST_UNIT.match(text).group())
        chars = [char for char in found["chars"] if not char["text"].isspace()][:unit]
        lines.append(Line(text, found["x0"], found["x1"], found["top"], found["bottom"],
                          chars[-1]["x1"] - chars[0]["x0"] if chars else 0.0))
    return lines


def read(data: bytes, path: Path | str, encoding: str) -> Extracted:
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a PDF file (no %PDF- header)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_lines(page) for page in pdf.pages]
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(path, "encrypted PDF: open it with its password and save an unprotected copy "
                                   "(or save it as .docx)") from None
        raise InputError(path, f"damaged PDF ({type(cause).__name__}): save it again or as .docx") from None
    if not any(pages):
        raise InputError(path, "PDF without a text layer (scanned?): OCR is not done here; run it through "
                               "OCR software to get a PDF with text, or save it as .docx")
    text = "\n".join(paragraphs(drop_page_furniture(pages)))
    if sum(map(len, _UNDECODED_GLYPH.findall(text))) > UNDECODED_SHARE * len(text):
        raise InputError(path, "the PDF's text cannot be decoded (its fonts do not say which characters they draw; "
                               "copy-protected?): OCR is not done here; save it as .docx or run it through OCR software")
    return Extracted(text)
