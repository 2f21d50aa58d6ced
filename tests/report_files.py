"""Report files as users download them, built from a seed's text: a web page with navigation,
breadcrumbs, a share bar and a footer around the report; a PDF with a two-part running header,
page numbers and paragraphs wrapped into lines; a Word file whose sections open in a table.
Used by the tests and by bench/formats.py."""
from __future__ import annotations

import html
import io
import re

import docx
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

# One of the Adobe CJK fonts every PDF reader knows: reportlab needs no font file for it and
# writes it unembedded, as many government PDFs do (the machine has no CJK font to embed).
PDF_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
# Characters of the seeds that the CJK font's encoding lacks, drawn in a Latin font as a word
# processor falls back to one.
LATIN_FONT, LATIN_CHARACTERS = "Helvetica", re.compile("(·)")
SITE = "政务服务网"


def paragraphs_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def html_page(text: str, encoding: str = "utf-8", heading: str | None = None) -> bytes:
    """A CMS page: the report's first paragraph as the article's heading, the others as its
    paragraphs, site furniture around it, `<title>` the heading and the site's name. Given a
    `heading`, the page shows it in a title bar above the article instead (where extractors
    leave it out, as they do the info bar under it), and all of `text` is the article."""
    paragraphs = paragraphs_of(text)
    if heading is None:
        heading, *paragraphs = paragraphs
        article = [f"<h1>{html.escape(heading)}</h1>"]
        title_bar = ""
    else:
        article = []
        title_bar = f'<div class="title">{html.escape(heading)}</div><div class="info">发布时间：2024-02-26 来源：本网</div>'
    article = "\n".join([*article, *(f"<p>{html.escape(p)}</p>" for p in paragraphs)])
    page = f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{html.escape(heading[:60])}_{SITE}</title>
<meta name="PubDate" content="2024-02-26 09:30">
</head><body>
<div class="header"><div class="logo">{SITE}</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzf/">法治政府建设</a></div>
<div class="main">{title_bar}<div class="article">
{article}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> 【<a href="#">打印本页</a>】 【<a href="#">关闭窗口</a>】</div>
<div class="pager"><a href="/p/1.html">上一篇：关于公布行政执法案例的通知</a><br><a href="/p/3.html">下一篇：2023年第四季度政府网站工作报表</a></div>
</div>
<div class="footer"><p>主办单位：{SITE} 版权所有</p><p>网站标识码：3300000001 浙ICP备05000001号</p></div>
</body></html>"""
    # characters the charset lacks as numeric references, as a CMS writes them
    return page.encode(encoding, errors="xmlcharrefreplace")


def _units(text: str) -> list[str]:
    """What a line may not break: a run of ASCII without spaces, or one character."""
    return re.findall(r"[!-~]+|.", text)


def _wrap(text: str, width: float, indent: float, size: float) -> list[tuple[float, str]]:
    """A paragraph's lines as (left offset, text): the first indented, a line broken before the
    unit that would not fit, spaces at a break dropped."""
    lines, line, offset = [], "", indent
    for unit in _units(text):
        if line and pdfmetrics.stringWidth(line + unit, PDF_FONT, size) > width - offset:
            lines.append((offset, line.rstrip()))
            line, offset = "", 0.0
        if line or not unit.isspace():
            line += unit
    lines.append((offset, line.rstrip()))
    return lines


def pdf_file(text: str, header: tuple[str, str] = ("依法行政专栏", "法治政府建设年度报告"), encrypt=None) -> bytes:
    """A4 pages at 12 points: the first paragraph centred as the title (when it fits a line), the
    others indented two characters and wrapped at the margin; a header with a left and a right part above a rule, and
    `第 N 页 共 M 页` below the text; `encrypt`, a reportlab `StandardEncryption`, locks it."""
    size, leading, margin, top, bottom = 12.0, 20.0, 72.0, 90.0, 90.0
    page_width, page_height = A4
    width = page_width - 2 * margin
    first, *body = paragraphs_of(text)
    title_width = pdfmetrics.stringWidth(first, PDF_FONT, size)
    placed = [((width - title_width) / 2, first)] if title_width <= width else _wrap(first, width, 2 * size, size)
    for paragraph in body:
        placed += _wrap(paragraph, width, 2 * size, size)
    per_page = int((page_height - top - bottom) // leading)
    pages = [placed[i:i + per_page] for i in range(0, len(placed), per_page)]
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, encrypt=encrypt)
    for number, lines in enumerate(pages, 1):
        pdf.setFont(PDF_FONT, 9)
        pdf.drawString(margin, page_height - 50, header[0])
        pdf.drawRightString(page_width - margin, page_height - 50, header[1])
        pdf.line(margin, page_height - 55, page_width - margin, page_height - 55)
        pdf.drawCentredString(page_width / 2, 50, f"第 {number} 页 共 {len(pages)} 页")
        pdf.setFont(PDF_FONT, size)
        for row, (offset, line) in enumerate(lines):
            written = pdf.beginText(margin + offset, page_height - top - row * leading)
            for index, run in enumerate(LATIN_CHARACTERS.split(line)):
                written.setFont(LATIN_FONT if index % 2 else PDF_FONT, size)
                written.textOut(run)
            pdf.drawText(written)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _is_heading(paragraph: str) -> bool:
    return len(paragraph) <= 40 and not re.search(r"[。；;]", paragraph)


def docx_file(text: str) -> bytes:
    """A Word file: the paragraphs in order, except that each section heading and the paragraph
    after it are a row of a two-column table; a page header the reader must leave out."""
    paragraphs = paragraphs_of(text)
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = f"{SITE} 法治政府建设年度报告"
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if index > 0 and _is_heading(paragraph) and following and not _is_heading(following):
            table = document.add_table(rows=1, cols=2)
            table.rows[0].cells[0].text, table.rows[0].cells[1].text = paragraph, following
            index += 2
        else:
            document.add_paragraph(paragraph)
            index += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


SHORT_REPORT = "信阳市司法局2023年法治政府建设情况的报告\n全年办理案件1200件。\n"
OLE_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # the container of Word 97-2003 and WPS files


def scanned_pdf() -> bytes:
    """A page that is one picture, as a scanner makes it: no text layer."""
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.rect(72, 72, 400, 600, fill=1)
    page.save()
    return out.getvalue()


def unreadable_files() -> dict[str, bytes]:
    """One file of each kind no reader takes, by file name."""
    return {
        "report.doc": OLE_FILE,
        "report.wps": OLE_FILE,
        "renamed.docx": OLE_FILE,
        "broken.docx": b"PK\x03\x04 not really a zip archive",
        "scanned.pdf": scanned_pdf(),
        "encrypted.pdf": pdf_file(SHORT_REPORT, encrypt=pdfencrypt.StandardEncryption("secret")),
        # no password to open it, but copying forbidden: its CJK text comes out undecodable
        "copy_protected.pdf": pdf_file(SHORT_REPORT, encrypt=pdfencrypt.StandardEncryption("", "owner", canCopy=0)),
        "page.pdf": html_page(SHORT_REPORT),
        "pdf_as_page.html": pdf_file(SHORT_REPORT),
        "pdf_as_text.txt": pdf_file(SHORT_REPORT),
    }


# A report's files as the tests and the bench build them: variant → (extension, builder). The
# variant goes into the file name, so that one folder holds every variant without a doc_id clash.
VARIANTS = {
    "html_utf8": (".html", lambda text: html_page(text, "utf-8")),
    "html_gbk": (".html", lambda text: html_page(text, "gbk")),
    "pdf": (".pdf", pdf_file),
    "docx": (".docx", docx_file),
}
