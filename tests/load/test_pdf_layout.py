"""PDF sources read in reading order: columns, full-width blocks, captions, running heads
and feet, footnote calls, hyphenation, page and column breaks, scanned pages.

The PDFs are typeset here with WeasyPrint (each once per session) so that every kind of
damage real reports have is present, and the text is checked as a reader would read it.
"""
from __future__ import annotations

import base64
import io
import re

import pytest
import weasyprint
from PIL import Image

from compiler import pipeline
from compiler.cli import main
from compiler.load.texts import ExtractionError, source_text
from compiler.verify.corpus import Corpus, Match
from conftest import CATALOG

# Sentences of the two-column report, in reading order. No hyphens of their own, so that
# a hyphen at a line end is always WeasyPrint's hyphenation.
SENTENCES = [
    "Tariff revenue collected at the border rose for the third consecutive year",
    "Importers of steel and aluminum paid most of the additional duties",
    "Customs officers reported that classification disputes were settled more slowly",
    "Several trading partners responded with retaliatory measures on agricultural goods",
    "Soybean exporters in the Midwest lost a large share of their established markets",
    "The administration offered temporary payments to farmers affected by the measures",
    "Economists disagreed about how much of the cost was borne by consumers",
    "Manufacturers that rely on imported components faced higher production costs",
    "Some firms moved their sourcing to countries not covered by the tariffs",
    "Congress held hearings on the delegation of trade authority to the executive",
    "Members questioned whether national security justified the duties on allies",
    "The courts have generally deferred to the executive on such determinations",
    "Legislation to narrow the statutory authority was introduced but not enacted",
    "Negotiations with major partners produced agreements covering some products",
    "Quotas replaced tariffs for a few countries under those agreements",
    "Analysts expect the debate over trade authority to continue in the next Congress",
]
CALLS = {1: "aluminum", 4: "Midwest", 9: "trade"}     # sentence index -> the word a call follows

HEAD = "CRS INSIGHT Prepared for Members and Committees of Congress"
FOOT = ("Congressional Research Service", "https://crsreports.congress.gov", "IN12678")
SLUG = "PRINTER SLUG 0042 VerDate"
CAPTION = "Figure 1. Monthly tariff revenue in billions of dollars"
SIDEBAR = "What is a tariff? A tax paid on imported goods, collected by customs at the border."
FOOTNOTES = ["See the agency's annual report for the underlying data.",
             "Hearing records are published by the Government Publishing Office."]


def _png(width: int, height: int) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (90, 120, 160)).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _paragraphs() -> str:
    html = []
    for group in range(8):              # the 16 sentences, two to a paragraph, with filler
        parts = []
        for s in range(2):
            i = (group * 2 + s) % len(SENTENCES)
            sentence = SENTENCES[i]
            if i in CALLS:
                sentence = sentence.replace(CALLS[i], f"{CALLS[i]}<sup>{i}</sup>", 1)
            parts.append(sentence + "." + (f'<span class="fn">{FOOTNOTES[0]}</span>'
                                           if i == 10 else ""))
        filler = " ".join(f"Paragraph {group} sentence {k} continues the account with ordinary "
                          f"words about trade, duties and markets." for k in range(6))
        html.append(f"<p>{' '.join(parts)} {filler}</p>")
        if group == 4:
            html.append(f'<aside style="border: 0.5pt solid; padding: 4pt; margin: 8pt 0">'
                        f"{SIDEBAR}</aside>")
        if group == 2:
            html.append(f'<figure><img src="{_png(120, 60)}" style="width: 100%">'
                        f"<figcaption>{CAPTION}</figcaption></figure>")
    return "\n".join(html)


REPORT_HTML = f"""<html lang="en"><head><style>
@page {{ size: letter; margin: 1in 0.9in;
  @top-center {{ content: "{HEAD}"; font-size: 8pt }}
  @bottom-left {{ content: "{FOOT[0]}"; font-size: 8pt }}
  @bottom-center {{ content: "{FOOT[1]}"; font-size: 8pt }}
  @bottom-right {{ content: "{FOOT[2]} · " counter(page); font-size: 8pt }} }}
body {{ font: 10pt/1.3 serif; hyphens: auto; text-align: justify }}
.title {{ column-span: all; text-align: left }}
main {{ columns: 2; column-gap: 0.3in }}
p {{ margin: 0 0 7pt }}
sup {{ font-size: 60%; vertical-align: super }}
figure {{ margin: 6pt 0 10pt }} figcaption {{ font-size: 8pt }}
.fn {{ float: footnote; font-size: 8pt }}
::footnote-call {{ content: counter(footnote); vertical-align: super; font-size: 60% }}
.slug {{ position: fixed; left: -0.6in; top: 4in; transform: rotate(-90deg); font-size: 7pt }}
</style></head><body>
<div class="slug">{SLUG}</div>
<main>
<div class="title"><h1>Tariffs and Trade Authority: Issues for Congress</h1>
<p>A full width summary block that sits above both columns of the first page.</p></div>
<p>{SENTENCES[0]}. {SENTENCES[15]}.</p>
{_paragraphs()}
<p>Hearing testimony was extensive.<span class="fn">{FOOTNOTES[1]}</span> The record closed in June.</p>
</main></body></html>"""

THREE_HTML = """<html lang="en"><head><style>
@page { size: letter; margin: 0.8in 0.5in;
  @top-left { content: "Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules"; font-size: 7pt }
  @top-right { content: counter(page, decimal) "47698"; font-size: 7pt } }
body { font: 8pt/1.2 serif; columns: 3; column-gap: 12pt; hyphens: auto; text-align: justify }
h2 { column-span: all; font-size: 12pt }
p { margin: 0; text-indent: 1em }
</style></head><body>
<h2>Airworthiness Directives; The Boeing Company Airplanes</h2>
""" + "\n".join(
    f"<p>Notice paragraph {i}: the agency proposes to require operators to install updated "
    f"software and to revise the flight manual, and invites comments on paragraph {i} of "
    f"this proposal before the closing date.</p>" for i in range(60)) + "</body></html>"


def _render(html: str, path):
    weasyprint.HTML(string=html).write_pdf(path)
    return path


@pytest.fixture(scope="session")
def report_pdf(tmp_path_factory):
    return _render(REPORT_HTML, tmp_path_factory.mktemp("pdf") / "report.pdf")


@pytest.fixture(scope="session")
def report_text(report_pdf):
    return source_text(report_pdf, None)


@pytest.fixture(scope="session")
def three_text(tmp_path_factory):
    return source_text(_render(THREE_HTML, tmp_path_factory.mktemp("pdf") / "fr.pdf"), None)


def flat(text: str) -> str:
    """The text as one line, words hyphenated at line ends joined (no test sentence has
    a hyphen of its own)."""
    return re.sub(r"\s+", " ", re.sub(r"[-\u2010]\n", "", text)).strip()


def test_report_is_more_than_one_page_with_breaks_inside_sentences(report_text):
    pages = report_text.split("\f")
    assert len(pages) >= 2
    # the first page's text (its footnote aside) ends inside a sentence: the tests below
    # do cross a page break
    body = [p for p in pages[0].split("\n\n") if not re.match(r"\d+\. ", p)]
    assert not flat(body[-1]).endswith(".")


def test_sentences_are_whole_and_in_reading_order(report_text):
    text = flat(report_text)
    position = -1
    for i, sentence in enumerate(SENTENCES[:16]):
        if i in (0, 15):
            continue
        at = text.find(sentence, position + 1)
        assert at > position, f"sentence {i} missing or out of order: {sentence!r}"
        position = at


def test_some_sentence_crosses_a_column_break(report_text):
    # a paragraph break (blank line) inside a sentence is where a column or page ends
    crossing = [p for p in re.split(r"\n\n|\f", report_text) if p and not flat(p).endswith((".", ":"))]
    assert crossing, "no paragraph is cut by a column break"


def test_title_block_is_its_own_paragraphs_before_the_columns(report_text):
    first = report_text.split("\f")[0]
    paragraphs = first.split("\n\n")
    assert flat(paragraphs[0]) == "Tariffs and Trade Authority: Issues for Congress"
    assert flat(paragraphs[1]) == "A full width summary block that sits above both columns of the first page."


def test_running_heads_feet_and_slugs_are_removed(report_text):
    for furniture in (HEAD, *FOOT, "PRINTER SLUG", "VerDate", "crsreports"):
        assert furniture not in report_text
    assert not re.search(r"(?m)^\d+$", report_text)             # no page numbers


def test_footnote_calls_are_removed_and_leave_a_space(report_text):
    text = flat(report_text)
    assert "Importers of steel and aluminum paid most of the additional duties" in text
    for i, word in CALLS.items():
        assert not re.search(rf"{word}{i}", text), f"call {i} glued to {word}"
    assert f"{SENTENCES[10]}. {SENTENCES[11]}." in text      # a WeasyPrint footnote call


def test_digits_of_the_text_stay(report_text):
    text = flat(report_text)
    assert "Paragraph 3 sentence 4 continues" in text
    assert "Vol. 85" not in text


def test_footnote_text_stays_at_the_end_of_its_page(report_text):
    page = next(p for p in report_text.split("\f") if "annual report" in p)
    paragraphs = [flat(p) for p in page.split("\n\n")]
    assert paragraphs[-1].endswith(FOOTNOTES[0]) or FOOTNOTES[0] in paragraphs[-1]
    assert FOOTNOTES[0] not in " ".join(paragraphs[:-1])


def test_figure_caption_and_sidebar_are_paragraphs_of_their_own(report_text):
    paragraphs = [flat(p) for p in re.split(r"\n\n|\f", report_text)]
    assert CAPTION in paragraphs
    assert SIDEBAR in paragraphs


def test_three_columns_read_one_after_another(three_text):
    text = flat(three_text)
    assert "Airworthiness Directives; The Boeing Company Airplanes" in text.split(" Notice")[0]
    position = -1
    for i in range(60):
        sentence = (f"Notice paragraph {i}: the agency proposes to require operators to install "
                    f"updated software and to revise the flight manual, and invites comments on "
                    f"paragraph {i} of this proposal before the closing date.")
        at = text.find(sentence)
        assert at > position, f"paragraph {i} cut or out of order"
        position = at
    assert "Federal Register" not in three_text


# --- Quotes through the matcher ----------------------------------------------------------

def test_quotes_verify_with_their_page(report_text):
    corpus = Corpus({"r": report_text})
    for sentence in SENTENCES[1:15]:
        match = corpus.verify(sentence, "r")
        assert isinstance(match, Match), (sentence, match)
    changed = corpus.verify(SENTENCES[4].replace("large", "small"), "r")
    assert not isinstance(changed, Match)


def _across(before: str, after: str) -> str:
    """Six words each side of the break between `before` and `after` (a word hyphenated
    across it joined), as a reader would copy them."""
    n = len(flat(before).split())
    words = flat(before + "\n" + after).split()
    if flat(before).endswith(("-", "\u2010")):
        n -= 1                                  # the hyphenated word now stands at n - 1
    return " ".join(words[max(0, n - 6):n + 6]).rstrip(".,")


def crossing_quotes(report_text: str) -> tuple[str, str]:
    """A quote across the first page's column break, and one across its page break."""
    pages = report_text.split("\f")
    blocks = pages[0].split("\n\n")
    assert not any(re.match(r"\d+\. ", b) for b in blocks), "page 1 should have no footnote"
    cut = next(i for i in range(2, len(blocks) - 1)
               if not flat(blocks[i]).endswith(".") and blocks[i + 1][:1].islower())
    column = _across("\n".join(blocks[cut].split("\n")[-2:]), blocks[cut + 1])
    page = _across(blocks[-1], pages[1])
    return column, page


def test_quotes_across_the_column_and_page_breaks_verify(report_text):
    corpus = Corpus({"r": report_text})
    for quote in crossing_quotes(report_text):
        assert len(quote.split()) == 12
        match = corpus.verify(quote, "r")
        assert isinstance(match, Match), (quote, match)
        words = quote.split()
        changed = " ".join(words[:7] + ["banana"] + words[8:])
        assert not isinstance(corpus.verify(changed, "r"), Match)


# --- Scanned PDFs ------------------------------------------------------------------------

SCANNED_PAGE = f'<div style="break-before: page"><img src="{_png(400, 500)}" style="width: 6in"></div>'


def test_an_image_only_page_is_named(tmp_path):
    html = f"<html><body><p>The first page has text.</p>{SCANNED_PAGE}<p style='break-before: page'>Third.</p></body></html>"
    with pytest.raises(ExtractionError, match=r"^page 2 has no text layer \(scanned\?\): run OCR, "
                                              r"e\.g\. `ocrmypdf in\.pdf out\.pdf`, and use its output$"):
        source_text(_render(html, tmp_path / "scan.pdf"), None)


def test_a_pdf_without_any_text_is_an_error(tmp_path):
    html = f'<html><body><img src="{_png(400, 500)}" style="width: 6in">{SCANNED_PAGE}</body></html>'
    with pytest.raises(ExtractionError, match=r"^the PDF has no text layer \(scanned\?\): run OCR"):
        source_text(_render(html, tmp_path / "scan.pdf"), None)


def test_a_blank_page_is_not_a_scan(tmp_path):
    html = "<html><body><p>Text.</p><div style='break-before: page'></div><p style='break-before: page'>More.</p></body></html>"
    text = source_text(_render(html, tmp_path / "blank.pdf"), None)
    assert text.split("\f")[0] == "Text."


def test_a_scanned_source_is_an_error_at_its_catalog_line(project, capsys, tmp_path):
    html = f"<html><body><p>Text.</p>{SCANNED_PAGE}</body></html>"
    _render(html, project.root / "sources" / "scan.pdf")
    project.write("sources/sources.yaml", CATALOG + "scan:\n  file: scan.pdf\n  title: Scan\n")
    code, err = project.run(capsys, "check")
    assert code == 1
    assert ("sources/sources.yaml:13:9: error: source file `sources/scan.pdf`: page 2 has no "
            "text layer (scanned?)") in err


# --- End to end --------------------------------------------------------------------------

def test_a_briefing_quoting_the_report_builds(project, capsys, report_pdf, report_text):
    (project.root / "sources" / "report.pdf").write_bytes(report_pdf.read_bytes())
    project.write("sources/sources.yaml", CATALOG + "crs:\n  file: report.pdf\n  title: Tariffs\n")
    pages = report_text.split("\f")
    second_page = next(s for s in SENTENCES[1:15] if s in flat(pages[1]))
    column, page = crossing_quotes(report_text)
    project.write("outline.yaml", f"""\
title: "Tariffs"
date: 2026-11-22
sections:
  - title: "One"
    quotes:
      - text: "{SENTENCES[4]}"
        source: crs
      - text: "{second_page}"
        source: crs
      - text: "{SENTENCES[1]}"
        source: crs
      - text: "{column}"
        source: crs
      - text: "{page}"
        source: crs
""")
    code, err = project.run(capsys, "check")
    assert code == 0, err
    briefing = pipeline.check(str(project.outline)).briefing
    locators = [q.cite.locator for q in briefing.sections[0].quotes]
    assert locators[1] == "p. 2" and locators[3] == "p. 1"
    assert locators[4] in ("p. 1", "pp. 1–2")           # "pp." with the matcher branch
    assert all(re.fullmatch(r"pp?\. \d(–\d)?", loc) for loc in locators)


# --- A page's footnotes between the halves of a sentence --------------------------------

NOTE = "Hearing records are published by the Government Publishing Office."
LONG_NOTE = " ".join(f"Witness {k} submitted a written statement for the record." for k in range(12))
CROSSING_HTML = f"""<html lang="en"><head><style>
@page {{ size: letter; margin: 1in;
  @bottom-center {{ content: "Congressional Research Service " counter(page); font-size: 8pt }} }}
body {{ font: 11pt/1.4 serif }}
.fn {{ float: footnote; font-size: 8pt }}
::footnote-call {{ content: counter(footnote); vertical-align: super; font-size: 60% }}
</style></head><body>
<p>{" ".join(f"Opening sentence {k} tells of ordinary matters in plain words." for k in range(40))}</p>
<p>The committee found<span class="fn">{LONG_NOTE}</span> after hearings<span class="fn">{NOTE}</span> that {" ".join(
    f"tariff revenue in year {k} rose steadily over the decade" for k in range(30))}.</p>
</body></html>"""


def test_a_quote_crossing_a_page_with_a_footnote_verifies(project, capsys, tmp_path):
    pdf = _render(CROSSING_HTML, project.root / "sources" / "notes.pdf")
    pages = source_text(pdf, None).split("\f")
    assert flat(pages[0]).endswith(NOTE), "the test needs page 1's footnotes at its end"
    body = flat(pages[0].split("\n\n1. ")[0])
    assert LONG_NOTE not in body and len(pages[0].split("\n\n1. ")[1].split("\n")) >= 3
    assert not body.endswith(".")                      # the sentence crosses the page break
    quote = " ".join(flat(body).split()[-8:] + flat(pages[1]).split()[:8])
    words = quote.split()
    changed = " ".join(words[:10] + ["sharply"] + words[11:])
    project.write("sources/sources.yaml", CATALOG + "crs:\n  file: notes.pdf\n  title: Tariffs\n")
    outline = """\
title: "Tariffs"
date: 2026-11-22
sections:
  - title: "One"
    quotes:
      - text: "{}"
        source: crs
"""
    project.write("outline.yaml", outline.format(quote))
    code, err = project.run(capsys, "check")
    assert code == 0, err
    assert "0 warnings" in err
    quoted = pipeline.check(str(project.outline)).briefing.sections[0].quotes[0]
    assert quoted.cite.locator == "pp. 1–2"
    assert main(["find", quote]) == 0                   # `brief find` prints it pasteable
    found = capsys.readouterr().out
    assert found.startswith("crs, pp. 1–2:") and quote in found and "Witness" not in found, found
    project.write("outline.yaml", outline.format(changed))
    code, err = project.run(capsys, "check")
    assert code == 1 and "quote not found in `crs`" in err, err


OTHER_WORDS = ("Port officials told staff that the contractor had been paid in full for work "
               "that the inspectors never saw and that no one in the office could say who approved it")


@pytest.mark.parametrize("repeated", [False, True], ids=["two-paragraphs", "a-paragraph-twice"])
def test_a_quote_that_drops_a_whole_line_of_a_pdf_is_refused(project, capsys, repeated):
    # One narrow column: many short lines per paragraph, as text from pdftotext's
    # interleaved columns looks, and (repeated) lines that recur as running heads do.
    # Our PDF text is in reading order with its furniture gone: no line may be skipped.
    words = ("The committee found that the port authority had not completed the dredging it "
             "promised in any of the last four fiscal years and that the channel lost depth each "
             "winter while the budget requests kept rising without any explanation to the public")
    html = ("<html><head><style>@page { size: 3in 11in; margin: 0.3in } body { font: 11pt serif }"
            f"</style></head><body><p>{words}</p><p>{words if repeated else OTHER_WORDS}</p></body></html>")
    pdf = _render(html, project.root / "sources" / "narrow.pdf")
    lines = [line for line in source_text(pdf, None).split("\n") if line.strip()]
    assert len(lines) >= 12, lines                    # the paragraph spans many lines
    dropped = " ".join([lines[0], lines[2]])          # line 2 left out
    assert not dropped.endswith("-")
    project.write("sources/sources.yaml", CATALOG + "port:\n  file: narrow.pdf\n  title: Port\n")
    project.write("outline.yaml", f"""\
title: "Port"
date: 2026-11-22
sections:
  - title: "One"
    quotes:
      - text: "{lines[0]} {lines[1]}"
        source: port
      - text: "{dropped}"
        source: port
""")
    code, err = project.run(capsys, "check")
    assert code == 1, err
    problems = [line for line in err.splitlines() if ": error: " in line or ": warning: " in line]
    assert len(problems) == 1 and "outline.yaml:8:" in problems[0] and "quote not found" in problems[0], err
