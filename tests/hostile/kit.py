"""Hostile briefing folders: a marker file outside the folder, and what a user would
check after a build (exit status, the message, no traceback, the marker nowhere)."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from conftest import OUTLINE

# A briefing with one chart, as several hostile cases need.
CHART = OUTLINE + (
    "    figures:\n"
    "      - title: Trade\n"
    "        source: report\n"
    "        chart:\n"
    "          type: column\n"
    "          categories: [2009, 2022]\n"
    "          series:\n"
    "            Trade: [9, 22]\n")

MARKER = "MARKER-OUTSIDE-7f3a9c"


class Hostile:
    """Wraps the `project` fixture with the outside marker and output readers."""

    def __init__(self, project, outside: Path):
        self.project = project
        self.root: Path = project.root
        self.outside = outside
        self.secret = outside / "secret.txt"
        self.secret.write_text(f"{MARKER}\n", encoding="utf-8")

    def write(self, name: str, text: str) -> Path:
        return self.project.write(name, text)

    def run(self, capsys, *args: str) -> tuple[int, str]:
        code, err = self.project.run(capsys, *args)
        assert "Traceback" not in err, err
        assert MARKER not in err, err
        return code, err

    def fails(self, capsys, *args: str) -> list[str]:
        """Run expecting exit 1; the error lines."""
        code, err = self.run(capsys, *args)
        assert code == 1, err
        return [line for line in err.splitlines() if ": error: " in line or line.startswith("error: ")]

    def builds(self, capsys, *args: str) -> str:
        code, err = self.run(capsys, "build", *args)
        assert code == 0, err
        self.assert_no_marker()
        return err

    def outputs(self) -> dict[str, bytes]:
        out = self.root / "out"
        return {p.relative_to(out).as_posix(): p.read_bytes()
                for p in sorted(out.rglob("*")) if p.is_file() and not p.is_symlink()} if out.is_dir() else {}

    def assert_no_marker(self) -> None:
        """Not in any byte of any output, nor in the PDF's text or the deck's text."""
        for name, data in self.outputs().items():
            assert MARKER.encode() not in data, name
            if name.endswith(".pdf"):
                assert MARKER not in pdf_text(data), name
            if name.endswith(".pptx"):
                assert MARKER not in deck_text(data), name


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def deck_text(data: bytes) -> str:
    from pptx import Presentation
    prs = Presentation(io.BytesIO(data))
    out = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                out.extend(c.text for row in shape.table.rows for c in row.cells)
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)


def symlink(link: Path, target: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)


@pytest.fixture
def hostile(project, tmp_path) -> Hostile:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    return Hostile(project, outside)
