"""The memo's letterhead from `assets/theme.yaml`: the office's name and address lines and
its logo at the top of the first page, the memo header keeping its place under them."""
from __future__ import annotations

import pdfplumber
from PIL import Image

from conftest import OUTLINE

THEME = """\
logo: assets/seal.png
letterhead:
  name: "Committee on Foreign Affairs"
  address:
    - "2170 Rayburn House Office Building"
    - "Washington, DC 20515 · (202) 225-5021"
"""


def test_the_letterhead_heads_the_first_page_above_the_memo_header(project, capsys):
    (project.root / "assets").mkdir()
    Image.new("RGB", (300, 300), (31, 58, 95)).save(project.root / "assets" / "seal.png")
    project.write("assets/theme.yaml", THEME)
    project.write("outline.yaml", OUTLINE.replace('marking: "UNCLASSIFIED"\n',
                                                  'marking: "UNCLASSIFIED"\nmemo: {to: "Members"}\n'))
    code, err = project.run(capsys, "build", "--only", "pdf")
    assert code == 0, err
    with pdfplumber.open(project.root / "out" / "outline.pdf") as pdf:
        first = pdf.pages[0]
        lines = [line for line in (first.extract_text() or "").splitlines()]
        assert first.images                      # the logo
    order = [next(i for i, line in enumerate(lines) if text in line) for text in (
        "Committee on Foreign Affairs", "2170 Rayburn House Office Building", "Washington, DC 20515",
        "MEMORANDUM", "TO: Members", "DATE:", "RE: Test Briefing")]
    assert order == sorted(order), lines
    assert lines[0] == "UNCLASSIFIED"            # the marking keeps its place, above everything


def test_a_letterhead_without_a_name_is_an_error_at_its_line(project, capsys):
    project.write("assets/theme.yaml", "letterhead:\n  address: [\"1 Main St\"]\n")
    project.write("outline.yaml", OUTLINE)
    code, err = project.run(capsys, "build")
    assert code == 1
    assert "assets/theme.yaml:2:3: error: missing required key `name`" in err
