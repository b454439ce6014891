"""The sample briefing end to end: built with `brief build`, read back as a user would.

The project's own outline.yaml, sources/ and assets/ are copied to a temp folder and
built there once per session (conftest.sample_folder), so the tests never touch the working
tree's out/.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pptx.util import Inches

from compiler import pipeline
from compiler.render.deck.credits import short_title
from compiler.model import NoteRef
from conftest import Project, copy_sample as _copy_sample
from deck_support import through_libreoffice


def _brief(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "compiler", *args], cwd=cwd,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def sample(sample_folder):
    """(folder, briefing, pdf path, pptx path) of the session's build of the sample."""
    root = sample_folder
    briefing = pipeline.check(str(root / "outline.yaml")).briefing
    return root, briefing, root / "out" / f"{briefing.output}.pdf", root / "out" / f"{briefing.output}.pptx"


@pytest.fixture(scope="module")
def sample_pages(sample):
    """Each page of the sample memo read once: (text, lines, footnote calls)."""
    with pdfplumber.open(sample[2]) as doc:
        return [(text, text.splitlines(), _calls_on(page))
                for page in doc.pages for text in [page.extract_text() or ""]]


def squash(text: str) -> str:
    """Compare text as a reader does: ignore white space, hyphens and quote styles."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[\s\-\u00ad\u2010-\u2014]+", "", text).lower()


def plain(inlines) -> str:
    return "".join(getattr(r, "text", "") for r in inlines)


# --- the memo ----------------------------------------------------------------


def test_sample_outputs_are_named_by_output_key(sample):
    root, briefing, pdf, pptx = sample
    assert briefing.output == "peru-hearing"
    assert pdf.is_file() and pptx.is_file()


def test_sample_meets_the_brief(sample):
    """At least 6 sections, 8 quotes from 4 sources, 12 citations, 2 figures."""
    _, briefing, _, _ = sample
    quotes = [q for s in briefing.sections for q in s.quotes]
    cites = [r for s in briefing.sections for b in s.body for r in _runs(b) if isinstance(r, NoteRef)]
    assert len(briefing.sections) >= 6
    assert len(quotes) >= 8 and len({q.source.id for q in quotes}) >= 4
    assert len(cites) >= 12
    assert sum(len(s.figures) for s in briefing.sections) >= 2
    assert briefing.marking and briefing.memo.to and briefing.memo.from_


def _runs(block):
    items = getattr(block, "items", None)
    return [r for item in items for r in item] if items is not None else list(block.inlines)


def test_memo_has_every_section_title_and_quote(sample, sample_pages):
    _, briefing, pdf, _ = sample
    text = squash("".join(text for text, _lines, _calls in sample_pages))
    for section in briefing.sections:
        assert squash(section.title) in text, section.title
        for quote in section.quotes:
            for piece in re.split(r"\.\.\.|…", quote.text):
                assert squash(piece) in text, piece


def test_memo_footnotes_sit_on_the_page_of_their_call(sample, sample_pages):
    _, briefing, pdf, _ = sample
    pages = [(lines, calls) for _text, lines, calls in sample_pages]   # each page read once
    for footnote in briefing.footnotes:
        found = _footnote_page(pages, footnote)
        assert found is not None, f"footnote {footnote.number} not found"
        assert footnote.number in pages[found][1], \
            f"footnote {footnote.number} is on page {found + 1} without its call"


def _footnote_page(pages, footnote) -> int | None:
    """The page whose footnote area starts a line with N and the note's first words."""
    words = squash(plain(footnote.text))[:30]
    for index, (lines, _calls) in enumerate(pages):
        for line in lines:
            m = re.match(r"^(\d+)\.?\s*(.*)$", line)
            if m and int(m.group(1)) == footnote.number and squash(m.group(2))[:20] == words[:20]:
                return index
    return None


def _calls_on(page) -> set[int]:
    """Footnote calls: runs of digits set smaller than the body text and raised."""
    body = max((c["size"] for c in page.chars), key=lambda s: sum(1 for c in page.chars if c["size"] == s))
    calls, digits, last = set(), "", None
    for c in page.chars:
        small = c["text"].isdigit() and c["size"] < body * 0.85
        if small and last is not None and abs(c["top"] - last["top"]) < 1 and c["x0"] - last["x1"] < 1:
            digits += c["text"]
        else:
            if digits:
                calls.add(int(digits))
            digits = c["text"] if small else ""
        last = c if small else None
    if digits:
        calls.add(int(digits))
    return calls


def test_memo_has_marking_and_page_numbers_on_every_page(sample, sample_pages):
    _, briefing, pdf, _ = sample
    pages = [text for text, _lines, _calls in sample_pages]
    for n, text in enumerate(pages, 1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[0] == briefing.marking and lines[-1] == briefing.marking, n
        assert f"Page {n} of {len(pages)}" in text


# --- the deck ----------------------------------------------------------------


def test_deck_slide_sequence(sample):
    """Title; per section its points, its quotes, its figures (each maybe continued);
    then the sources."""
    _, briefing, _, pptx = sample
    deck = Presentation(str(pptx))
    titles = [_title(s) for s in deck.slides]
    assert len(set(titles)) == len(titles)          # repeated titles are numbered: "Migration (2)"
    titles = [re.sub(r" \(cont\. \d+\)$", " (cont.)", re.sub(r" \(\d+\)$", "", t)) for t in titles]
    layouts = [s.slide_layout.name for s in deck.slides]
    assert (layouts[0], titles[0]) == ("Title", briefing.title)
    i = 1

    def continued(title: str, kinds: tuple[str, ...]) -> None:
        nonlocal i
        assert titles[i] == title and layouts[i] in kinds, (i, titles[i], layouts[i])
        i += 1
        while i < len(titles) and titles[i] == f"{title} (cont.)" and layouts[i] in kinds:
            i += 1

    for section in briefing.sections:
        continued(section.title, ("Bullets", "Section"))
        for _quote in section.quotes:
            continued(section.title, ("Quote",))
        for figure in section.figures:
            continued(f"{figure.label}. {figure.title}", ("Figure",))
    assert titles[i] == "Sources" and all(t.startswith("Sources") for t in titles[i:])
    assert layouts[i:] == ["Sources"] * (len(titles) - i)


def test_deck_text_fits_and_stays_readable(sample):
    from compiler.render.deck.measure import overflows
    _, _, _, pptx = sample
    deck = Presentation(str(pptx))
    for n, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            assert not overflows(shape), (n, shape.name, shape.text_frame.text[:60])
            sizes = [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size]
            furniture = shape.top > Inches(6.5) or shape.top < Inches(0.45)
            if not furniture:
                assert all(size >= 18 for size in sizes), (n, shape.name, sizes)


def test_figure_slides_hold_native_charts_with_the_memo_numbers(sample):
    _, briefing, _, pptx = sample
    deck = Presentation(str(pptx))
    charts = {_title(s): sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart}
    figures = [f for s in briefing.sections for f in s.figures if f.chart]
    assert figures
    for figure in figures:
        chart = charts[f"{figure.label}. {figure.title}"]
        plot = chart.plots[0]
        assert tuple(plot.categories) == figure.chart.categories
        assert [(s.name, tuple(s.values)) for s in plot.series] == list(figure.chart.series)


def test_citing_slides_have_a_source_line_and_full_notes(sample):
    _, briefing, _, pptx = sample
    deck = Presentation(str(pptx))
    quote_slides = [s for s in deck.slides if s.slide_layout.name == "Quote"]
    quotes = [q for s in briefing.sections for q in s.quotes]
    assert len(quote_slides) >= len(quotes)
    for quote in quotes:
        slide = next(s for s in quote_slides if squash(quote.text[:30]) in squash(_all_text(s)))
        lead = quote.cite.short.split(",")[0]      # the author, or else the (short) title
        assert (lead if quote.source.title not in quote.cite.short else short_title(quote.source.title)) \
            in _all_text(slide)
        notes = slide.notes_slide.notes_text_frame.text
        assert squash(plain(quote.cite.full)) in squash(notes)


def test_every_slide_has_marking_and_number(sample):
    _, briefing, _, pptx = sample
    deck = Presentation(str(pptx))
    for n, slide in enumerate(deck.slides, 1):
        text = _all_text(slide)
        assert briefing.marking in text, n
        assert re.search(rf"\b{n}\b", text), n


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def _all_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


# --- the guarantees ----------------------------------------------------------


@pytest.mark.slow          # a second cold build of the sample; CI runs it
def test_two_builds_in_separate_processes_are_byte_identical(sample, tmp_path):
    root, briefing, pdf, pptx = sample
    again = _copy_sample(tmp_path / "again")
    run = _brief(again, "build")
    assert run.returncode == 0, run.stderr
    assert (again / "out" / pdf.name).read_bytes() == pdf.read_bytes()
    assert (again / "out" / pptx.name).read_bytes() == pptx.read_bytes()


def test_failed_build_leaves_earlier_outputs_untouched(sample, tmp_path, capsys):
    root = _copy_sample(tmp_path / "fail")
    shutil.copytree(sample[0] / "out", root / "out")        # the earlier build's outputs
    out = sorted(p for p in (root / "out").iterdir() if p.is_file())
    assert {p.suffix for p in out} == {".pdf", ".pptx", ".json", ".md"}
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out}
    outline = root / "outline.yaml"
    outline.write_text(outline.read_text().replace("source: ", "source: no-such-", 1))
    code, err = Project(root).run(capsys, "build", str(outline))
    assert code == 1
    assert ": error: unknown source `no-such-" in err
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns)
             for p in sorted((root / "out").iterdir()) if p.is_file()}
    assert after == before


@pytest.mark.slow
def test_pdf_passes_qpdf_and_embeds_every_font(sample):
    _, _, pdf, _ = sample
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        # columns: name type encoding emb sub uni object ID
        assert re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row), row


@pytest.mark.slow
def test_libreoffice_opens_the_deck(sample, tmp_path):
    _, _, _, pptx = sample
    converted = through_libreoffice(pptx, tmp_path)
    with pdfplumber.open(converted) as doc:
        assert len(doc.pages) == len(Presentation(str(pptx)).slides)
