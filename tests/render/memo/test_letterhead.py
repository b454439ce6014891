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


STYLED = THEME + """\
  header: "Majority Staff · For Committee Use"
  footer: "Committee on Foreign Affairs · foreignaffairs.house.gov"
  heading: {color: "#7A1F2B", font: Arial}
  body: {color: "#202020", font: "Times New Roman"}
"""


LONG = '  - title: "More"\n    body: |\n' + "".join(
    f"      Paragraph {n} of a memo long enough to run onto a second page and a third.\n\n" for n in range(90))


def _styled_memo(project, capsys, theme: str = STYLED, extra: str = "", more: str = ""):
    (project.root / "assets").mkdir(exist_ok=True)
    Image.new("RGB", (300, 300), (31, 58, 95)).save(project.root / "assets" / "seal.png")
    project.write("assets/theme.yaml", theme)
    project.write("outline.yaml", extra + OUTLINE.replace('marking: "UNCLASSIFIED"\n', 'marking: "UNCLASSIFIED"\n'
                                                          'memo: {to: "Members", from: "Staff"}\n') + more)
    code, err = project.run(capsys, "build", "--only", "pdf")
    assert code == 0, err
    return pdfplumber.open(project.root / "out" / "outline.pdf"), err


def _colour(char) -> str:
    return "#" + "".join(f"{round(c * 255):02X}" for c in char["non_stroking_color"])


def test_the_letterhead_sets_the_memos_heading_and_body_colours_and_fonts(project, capsys):
    pdf, err = _styled_memo(project, capsys)
    with pdf:
        chars = pdf.pages[0].chars
    def of(word):
        text = "".join(c["text"] for c in chars)
        start = text.index(word)
        return chars[start:start + len(word)]
    for word in ("Committee on Foreign Affairs", "MEMORANDUM", "Summary"):
        assert {_colour(c) for c in of(word) if c["text"].strip()} == {"#7A1F2B"}, word
        assert all("Liberation-Sans" in c["fontname"] for c in of(word)), word      # Arial's twin
    body = of("congress has removed")
    assert {_colour(c) for c in body if c["text"].strip()} == {"#202020"}
    assert all("Liberation-Serif" in c["fontname"] for c in body)              # Times New Roman's
    assert "warning" not in err


def test_the_first_page_header_and_every_pages_footer_keep_the_marking_and_memo_header(project, capsys):
    pdf, _ = _styled_memo(project, capsys, extra="draft: true\n", more=LONG)
    with pdf:
        pages = [(page.extract_text() or "").splitlines() for page in pdf.pages]
        first = pdf.pages[0]
        header = [w for w in first.extract_words() if w["text"] == "Majority"]
        assert header and header[0]["top"] < 72                       # in the top margin
    lines = pages[0]
    assert lines[0] == "UNCLASSIFIED"           # the marking keeps its place, above everything
    order = [next(i for i, line in enumerate(lines) if text in line) for text in (
        "Majority Staff · For Committee Use", "Committee on Foreign Affairs", "MEMORANDUM", "TO: Members", "FROM: Staff", "DATE:", "RE: Test Briefing")]
    assert order == sorted(order)
    for page in pages:
        assert sum("UNCLASSIFIED" in line for line in page) == 2              # top and bottom
        foot = " ".join(page[-6:])
        assert "Committee on Foreign Affairs · foreignaffairs.house.gov" in foot, foot
        assert "DRAFT" in foot                                             # the draft line stays
    assert len(pages) >= 3
    assert not any("Majority Staff" in line for page in pages[1:] for line in page)


def test_letterhead_colours_and_fonts_are_checked_at_their_keys(project, capsys):
    _, err = _styled_memo(project, capsys, THEME + '  heading: {color: "#DDDDDD", font: "Frutiger Next"}\n')
    assert "assets/theme.yaml:7:20: warning: letterhead heading colour #DDDDDD has contrast" in err
    assert "assets/theme.yaml:7:37: warning: letterhead font Frutiger Next is not installed" in err
    project.write("assets/theme.yaml", THEME + "  body:\n    color: navy\n")
    code, err = project.run(capsys, "build")
    assert code == 1 and "assets/theme.yaml:8:12: error: " in err and "#RRGGBB" in err
