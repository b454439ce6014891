"""compiler/render/memo/weasyfix.py: WeasyPrint's footnote area reusing each note's layout puts
every note on the same page, in the same place, as WeasyPrint alone; another WeasyPrint
is refused with an internal error, not a traceback."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
import weasyprint
from weasyprint import layout
from weasyprint.layout import block

from compiler.render.memo import weasyfix
from conftest import REPO

SAMPLE = REPO / "outline.yaml"

# Many long notes a page: the 45% footnote area fills, notes move to the next page with
# their calls (footnote-policy: line), and pages start with notes carried over.
NOTE = ("Congressional Research Service, Peru: Country Overview and U.S. Relations, no. IF12372 "
        "(Washington, DC: CRS, 2024), {n}, https://crsreports.congress.gov/product/pdf/IF/IF12372.")
CSS = """
@page { size: letter; margin: 1in; @footnote { margin-top: 10pt; padding-top: 5pt; max-height: 45%; } }
body { font: 11pt/1.35 serif; hyphens: auto; text-align: justify; }
.footnote { float: footnote; font-size: 8.5pt; line-height: 1.25; padding-left: 1.7em;
            footnote-policy: line; text-align: left; }
::footnote-marker { content: counter(footnote) "."; display: inline-block; width: 1.7em; margin-left: -1.7em; }
"""


def _many_notes_html(paragraphs: int = 60) -> str:
    body, n = [], 0
    for p in range(paragraphs):
        words = " ".join(f"word{p}x{i}" for i in range(40 + 17 * (p % 5)))
        notes = ""
        for _ in range(1 + p % 4):
            n += 1
            notes += f' more text<span class="footnote">{NOTE.format(n=n) * (1 + n % 3)}</span>'
        body.append(f"<p>{words}{notes} and the end of paragraph {p}.</p>")
    return f"<html lang='en'><head><style>{CSS}</style></head><body>{''.join(body)}</body></html>"


@contextmanager
def _unpatched():
    """WeasyPrint's own footnote layout, even after the memo renderer applied the patch."""
    update, in_flow = layout.LayoutContext._update_footnote_area, block._in_flow_layout
    layout.LayoutContext._update_footnote_area = getattr(update, "__wrapped__", update)
    block._in_flow_layout = getattr(in_flow, "__wrapped__", in_flow)
    try:
        yield
    finally:
        layout.LayoutContext._update_footnote_area, block._in_flow_layout = update, in_flow


def _note_placement(document) -> list[list[tuple[str, float]]]:
    """For each page: the text of each note in its footnote area, and where it starts."""
    from weasyprint.formatting_structure.boxes import FootnoteAreaBox
    pages = []
    for page in document.pages:
        areas = [box for box in page._page_box.children if isinstance(box, FootnoteAreaBox)]
        pages.append([(_text(note), round(note.position_y, 6)) for area in areas for note in area.children])
    return pages


def _text(box) -> str:
    own = getattr(box, "text", "") or ""
    return own + "".join(_text(child) for child in getattr(box, "children", ()))


@contextmanager
def _counting_block_layouts(counter: list):
    original = block.block_level_layout

    def counted(*args, **kwargs):
        counter.append(1)
        return original(*args, **kwargs)
    block.block_level_layout = counted
    try:
        yield
    finally:
        block.block_level_layout = original


def _render_both(html: str, base_url: str | None = None):
    weasyfix.apply()
    unpatched_layouts, patched_layouts = [], []
    with _unpatched(), _counting_block_layouts(unpatched_layouts):
        alone = weasyprint.HTML(string=html, base_url=base_url).render()
    with _counting_block_layouts(patched_layouts):
        patched = weasyprint.HTML(string=html, base_url=base_url).render()
    return alone, patched, len(unpatched_layouts), len(patched_layouts)


def test_notes_land_where_weasyprint_alone_puts_them():
    alone, patched, unpatched_layouts, patched_layouts = _render_both(_many_notes_html())
    placement = _note_placement(alone)
    assert len(placement) > 5 and sum(map(len, placement)) > 100
    assert max(len(notes) for notes in placement) >= 5         # full footnote areas
    assert _note_placement(patched) == placement
    assert patched.write_pdf() == alone.write_pdf()
    assert patched_layouts < unpatched_layouts * 0.8            # notes were reused, not laid out again


@pytest.mark.slow     # the sample's memo rendered twice
def test_the_sample_memo_is_the_same_pdf_with_and_without_the_patch():
    from compiler import pipeline
    from compiler.render.memo import render_memo_html
    from compiler.render.memo.fetch import BRIEFING_BASE_URL, MemoFetcher
    from compiler.render.memo.markup import TEMPLATES
    from compiler.render.memo.pdf import THEME
    briefing = pipeline.check(str(SAMPLE)).briefing
    html = render_memo_html(briefing)
    fetcher = MemoFetcher([briefing.root, TEMPLATES, THEME], briefing_root=briefing.root)
    weasyfix.apply()
    with _unpatched():
        alone = weasyprint.HTML(string=html, base_url=BRIEFING_BASE_URL, url_fetcher=fetcher).render()
    patched = weasyprint.HTML(string=html, base_url=BRIEFING_BASE_URL, url_fetcher=fetcher).render()
    assert sum(map(len, _note_placement(alone))) == len(briefing.footnotes)
    assert _note_placement(patched) == _note_placement(alone)
    assert patched.write_pdf(pdf_tags=True) == alone.write_pdf(pdf_tags=True)


def test_another_weasyprint_version_is_refused():
    update, in_flow = layout.LayoutContext._update_footnote_area, block._in_flow_layout
    with pytest.raises(weasyfix.UnsupportedWeasyPrint, match=r"WeasyPrint 71\.0 is installed.*70\.x"):
        weasyfix.check("71.0", update, in_flow)
    weasyfix.check(weasyprint.__version__, update, in_flow)     # the installed one passes


def test_a_changed_function_is_refused():
    def _in_flow_layout(context, box, index, child, new_children):
        pass
    update = layout.LayoutContext._update_footnote_area
    with pytest.raises(weasyfix.UnsupportedWeasyPrint, match=r"_in_flow_layout is not the one"):
        weasyfix.check(weasyprint.__version__, update, _in_flow_layout)


def test_the_user_sees_one_line_not_a_traceback(project, capsys, monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    code, err = project.run(capsys, "build", "--only", "pdf")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("brief: internal error (")
    assert "WeasyPrint 71.0 is installed" in lines[0] and "Traceback" not in err
    assert not (project.root / "out" / "outline.pdf").exists()
