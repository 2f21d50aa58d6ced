"""The report page in headless Chromium: it renders without errors, draws its charts, shows a
document's text with its extractions on a click, and no document text becomes markup."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import pipeline
from pipeline.report import write_report

from conftest import ROOT
from test_report import HOSTILE, hostile_run

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

# the whole page, and the document view alone (git-ignored, for reading the page without a browser)
SCREENSHOT = ROOT / "outputs" / "report-screenshot.png"
DOCUMENT_SCREENSHOT = ROOT / "outputs" / "report-document.png"


def chromium_path() -> str | None:
    """The system Chromium (Debian's `chromium`, installed by .ci/run), or $CHROMIUM."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium: apt-get install chromium (as .ci/run does), or set CHROMIUM to a Chromium binary")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path)
        yield browser
        browser.close()


def open_page(browser, path: Path):
    """The page at `path`, with every console error and uncaught exception collected in `page.errors`."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(path.resolve().as_uri())
    page.errors = errors
    return page


def test_report_renders_charts_and_a_clicked_document(browser, seed_run, tmp_path):
    run = pipeline.open_run(seed_run)
    page = open_page(browser, write_report(seed_run, tmp_path / "report.html"))
    assert page.locator("#cards .card").first.inner_text().startswith(str(len(run.documents)))
    regulations = run.entities[run.entities.label == "REG"].norm.nunique()
    assert page.locator("#chart-indicators svg rect").count() == run.relations.indicator.nunique() > 0
    assert page.locator("#chart-regulations svg rect").count() == min(15, regulations) > 0
    assert page.locator("#chart-organisations svg rect").count() > 0
    assert page.locator("#document").is_hidden()

    document = run.documents.iloc[1]
    page.locator(f'#documents-table tr[data-doc-id="{document.doc_id}"]').click()
    text = page.locator("#document-text")
    assert text.is_visible()
    assert text.text_content() == document.raw_text
    entities = run.entities[run.entities.doc_id == document.doc_id]
    relations = run.relations[run.relations.doc_id == document.doc_id]
    assert text.locator("mark.org").count() >= (entities.label == "ORG").sum() > 0
    assert text.locator("mark.reg").count() >= (entities.label == "REG").sum() > 0
    assert text.locator("mark.fig").count() >= len(relations) > 0
    assert text.locator("mark.metric").count() > 0
    assert page.locator("#figures-table tbody tr").count() == len(relations)

    figure = relations.iloc[len(relations) // 2]
    page.locator("#figures-table tbody tr").nth(len(relations) // 2).click()
    found = text.locator("mark.found")
    assert "".join(found.all_text_contents()) == figure.text
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.locator("#document").screenshot(path=str(DOCUMENT_SCREENSHOT))
    assert page.errors == []


def test_document_markup_stays_text_in_the_browser(browser, tmp_path):
    run = hostile_run(tmp_path)
    page = open_page(browser, write_report(run.dir))
    page.locator("#documents-table tbody tr").first.click()
    assert HOSTILE in page.locator("#document-text").text_content()
    assert page.locator("img").count() == 0
    assert page.evaluate("window.injected") is None
    assert page.errors == []
