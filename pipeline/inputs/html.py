"""Web pages: the main text as trafilatura extracts it (navigation, breadcrumbs, footers and other
boilerplate left out), one paragraph a line; the page's title and publication date as its markup
declares them."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import trafilatura

from pipeline.inputs.base import Extracted, InputError, refuse_other_formats, require_text
from pipeline.inputs.text import decode

# The charset a page declares in its first bytes (`<meta charset=gbk>`, `<meta http-equiv=…
# content="text/html; charset=gb2312">`), as browsers look for it before parsing.
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# Browsers decode pages labelled GB2312 or GBK as GBK, and such pages use GBK's characters: read
# them with GB18030, its superset.
_GB_LABELS = {"gb2312", "gbk", "gb18030", "x-gbk", "csgb2312", "gb_2312-80", "chinese"}
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|title|div|p)\b", re.IGNORECASE)


def page_encoding(data: bytes, default: str, path: Path | str) -> str:
    """The encoding to decode a page with: its BOM's, else its declared charset, else `default`."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8"
    declared = _DECLARED_CHARSET.search(data[:4096])
    if not declared:
        return default
    name = declared.group(1).decode("ascii").lower()
    if name in _GB_LABELS:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(path, f"the page declares an unknown charset {name!r}") from None


def read(data: bytes, path: Path | str, encoding: str) -> Extracted:
    refuse_other_formats(data, path, "an HTML page")
    page = decode(data, path, page_encoding(data, encoding, path))
    if not _HTML_TAG.search(page[:65536]):
        raise InputError(path, "not an HTML page (no <html>, <body> or <p> tag)")
    tree = trafilatura.load_html(page)
    if tree is None:
        raise InputError(path, "not an HTML page (the parser found no document in it)")
    # metadata first: extraction prunes the tree it is given
    declared = trafilatura.extract_metadata(tree, extensive=False)
    text = trafilatura.extract(tree, output_format="txt", include_comments=False, include_tables=True,
                               include_images=False, include_links=False, deduplicate=False)
    text = require_text(text or "", path, "the page holds no main text (trafilatura found none)")
    return Extracted(text, title=declared.title, published=declared.date)
