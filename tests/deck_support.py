"""The tests' overflow oracle for decks: whether a saved deck's text shapes hold their
measured text, by the renderer's own measure (compiler.render.deck.measure.overflows),
and whether a table's rows are as tall as their cells' text."""
from __future__ import annotations

import subprocess
from pathlib import Path

from pptx.util import Inches

from compiler.render.deck import measure
from compiler.render.deck.measure import overflows


def fits(shape, default_size_pt: float = 18, default_family: str = "Calibri") -> bool:
    """True when a saved deck's text shape holds its measured text (see `overflows`)."""
    return not overflows(shape, default_size_pt, default_family)


def assert_fits(deck) -> None:
    """Every text on every slide holds its measured text; a placeholder's at 18 pt at least."""
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                assert not overflows(shape), (slide.shapes.title.text, shape.text_frame.text[:60])
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        if run.font.size and shape.is_placeholder:
                            assert run.font.size.pt >= 18, shape.text_frame.text[:40]


def tables_of(deck):
    """(slide, shape) for every table in the deck."""
    return [(slide, shape) for slide in deck.slides for shape in slide.shapes if shape.has_table]


def assert_tables_fit(deck) -> None:
    """Every row is as tall as its tallest cell's text measured at its column's width
    (so no viewer grows it), and the table ends above the caption, the source line and
    the foot of the slide."""
    family = measure.metric_family(measure.theme_font(deck.slides[0].shapes.title, "+mn-lt"))[0]
    for slide, shape in tables_of(deck):
        table = shape.table
        for r, row in enumerate(table.rows):
            for k, cell in enumerate(row.cells):
                width = table.columns[k].width - cell.margin_left - cell.margin_right
                text = cell.text_frame.text
                need = measure.text_height([text], family, 18, r == 0 or "Development" in text, width)
                assert need + cell.margin_top + cell.margin_bottom <= row.height + 1, (r, text)
        bottom = shape.top + sum(row.height for row in table.rows)
        below = [s.top for s in slide.shapes if s.name in ("Caption", "Source line")]
        assert bottom <= min(below + [deck.slide_height - Inches(0.9)]), slide.shapes.title.text


def through_libreoffice(pptx: Path, out_dir: Path) -> Path:
    """The deck as LibreOffice draws it: `pptx` converted to a PDF in `out_dir`, in a
    profile of its own (another LibreOffice on the machine cannot hold its lock)."""
    profile = f"-env:UserInstallation={(out_dir / 'profile').as_uri()}"
    converted = out_dir / (pptx.stem + ".pdf")
    for _attempt in range(2):       # a first start in a fresh profile sometimes exits early
        run = subprocess.run(["libreoffice", profile, "--headless", "--convert-to", "pdf", "--outdir",
                              str(out_dir), str(pptx)], capture_output=True, text=True, timeout=300)
        if converted.is_file():
            break
    assert converted.is_file(), run.stdout + run.stderr
    return converted
