"""PDF and HTML sources: their text extracted, with real page numbers, cached by content."""
from __future__ import annotations

import pytest
import weasyprint

from compiler.load import texts as extract
from compiler import pipeline
from conftest import CATALOG

PDF_HTML = """<html><body>
<p>The first page talks about trade between the two countries.</p>
<p style="break-before: page">On the second page the report says the police force
was badly underfunded for a decade.</p></body></html>"""

PAGE = """<html><head><title>Peru</title></head><body>
<nav>Home | About | Donate | Subscribe to our newsletter</nav>
<article><h1>Peru's elections</h1>
<p>Electoral authorities will be chosen by a congress that most Peruvians distrust, and that
choice will shape the 2026 vote more than any campaign.</p>
<p>Observers warned that the bodies running the elections must stay independent of the
parties that now control congress.</p></article>
<footer>Copyright 2024 Example Think Tank. All rights reserved.</footer></body></html>"""


@pytest.fixture
def formats(project):
    weasyprint.HTML(string=PDF_HTML).write_pdf(project.root / "sources" / "police.pdf")
    project.write("sources/page.html", PAGE)
    project.write("sources/sources.yaml", CATALOG + (
        "police:\n  file: police.pdf\n  title: Police Report\n"
        "page:\n  file: page.html\n  title: Elections Page\n"))
    project.write("outline.yaml", """\
title: "Formats"
date: 2026-11-22
sections:
  - title: "One"
    quotes:
      - text: "the police force was badly underfunded for a decade"
        source: police
      - text: "the bodies running the elections must stay independent"
        source: page
""")
    return project


def test_pdf_quote_gets_its_page_and_html_its_paragraph(formats):
    briefing = pipeline.check(str(formats.outline)).briefing
    police, page = briefing.sections[0].quotes
    assert police.cite.locator == "p. 2"
    assert "“Police Report,” 2." in "".join(r.text for r in briefing.footnotes[0].text)
    assert page.cite.locator == "para. 3"


def test_html_navigation_and_footer_are_not_source_text(formats, capsys):
    formats.write("outline.yaml", formats.outline.read_text().replace(
        "the bodies running the elections must stay independent", "Subscribe to our newsletter"))
    code, err = formats.run(capsys, "check")
    assert code == 1
    assert "outline.yaml:8:15: error: quote not found in `page`" in err


def test_extraction_is_cached_by_content(formats, tmp_path, monkeypatch):
    out = tmp_path / "out"
    pipeline.check(str(formats.outline), out_dir=out)
    cached = sorted(p.name for p in (out / ".cache" / "sources").iterdir())
    assert len(cached) == 2 and all(len(name.split("-")[0]) == 64 for name in cached)

    def no_extraction(*args):
        raise AssertionError("extracted again")
    monkeypatch.setattr(extract, "_pdf_text", no_extraction)
    monkeypatch.setattr(extract, "_html_text", no_extraction)
    pipeline.check(str(formats.outline), out_dir=out)      # served from the cache


def test_check_writes_no_cache(formats):
    pipeline.check(str(formats.outline))
    assert not (formats.root / "out").exists()


def test_a_damaged_pdf_is_an_error_at_its_catalog_line(formats, capsys):
    (formats.root / "sources" / "police.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    code, err = formats.run(capsys, "check")
    assert code == 1
    assert "sources/sources.yaml:13:9: error: source file `sources/police.pdf`: cannot read it as PDF" in err
