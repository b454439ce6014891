"""No limit of a library reaches the user as a crash: extreme but legal briefings build
both outputs, the deck reopens with python-pptx and no text overflows its box."""
from __future__ import annotations

import random

import pypdf
import pytest
from pptx import Presentation

from compiler.render.deck.measure import overflows
from compiler.limits import shortened
from conftest import OUTLINE

WORDS = ("the committee reviewed program data across regions and found uneven results in several "
         "field offices while the agency disputed its own figures").split()


def _sentences(count: int, words: int = 20, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "." for _ in range(count)]


def _build(project, capsys, outline: str, *only: str) -> tuple[Presentation | None, pypdf.PdfReader | None]:
    project.write("outline.yaml", outline)
    code, err = project.run(capsys, "build", *only)
    assert code == 0, err
    out = project.root / "out"
    deck = Presentation(str(out / "outline.pptx")) if (out / "outline.pptx").exists() else None
    pdf = pypdf.PdfReader(out / "outline.pdf") if (out / "outline.pdf").exists() else None
    return deck, pdf


def _nothing_overflows(deck: Presentation) -> None:
    for n, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                assert not overflows(shape), f"slide {n}: {shape.text_frame.text[:60]}"


def _sections(titles: list[str]) -> str:
    return "sections:\n" + "".join(
        f'  - title: "{t}"\n    body: "Seizures rose sharply [@other]."\n' for t in titles)


def test_shortened_cuts_at_a_word_boundary():
    assert shortened("short", 255) == "short"
    assert shortened("one two three four", 12) == "one two…"
    assert shortened("Trade, Migration, Security", 19) == "Trade, Migration…"
    assert shortened("x" * 300, 255) == "x" * 254 + "…"
    assert all(len(shortened("word " * n, 255)) <= 255 for n in range(40, 80))


def test_eight_sections_with_36_character_titles_build_the_deck(project, capsys):
    titles = [f"Section {n}: Migration, Crime and Reform" for n in range(1, 9)]
    head = OUTLINE.split("sections:")[0]
    deck, _ = _build(project, capsys, head + _sections(titles), "--only", "pptx")
    keywords = deck.core_properties.keywords
    assert len(keywords) <= 255 and keywords.endswith("…") and keywords.startswith(", ".join(titles[:3]))
    assert [s.shapes.title.text_frame.text for s in deck.slides][1:9] == titles


@pytest.mark.slow
def test_two_hundred_sections_with_long_titles(project, capsys):
    titles = [f"Section {n}: Oversight of Federal Grant Administration" for n in range(1, 201)]
    head = OUTLINE.split("sections:")[0]
    deck, pdf = _build(project, capsys, head + _sections(titles))
    assert [s.shapes.title.text_frame.text for s in deck.slides][1:201] == titles
    assert len(deck.core_properties.keywords) <= 255
    _nothing_overflows(deck)
    assert [m.title for m in pdf.outline][:200] == titles
    assert pdf.metadata["/Keywords"].startswith(", ".join(titles[:5]))


@pytest.mark.slow
def test_a_2000_character_title_subtitle_and_author(project, capsys):
    title, subtitle, author = (" ".join(_sentences(count, seed=seed))[:length].strip()
                               for count, seed, length in ((20, 1, 2000), (20, 2, 2000), (5, 3, 300)))
    outline = (OUTLINE.replace('title: "Test Briefing"', f'title: "{title}"\nsubtitle: "{subtitle}"\n'
                               f'author: "{author}"'))
    deck, pdf = _build(project, capsys, outline)
    props = deck.core_properties
    for prop, full in ((props.title, title), (props.subject, subtitle), (props.author, author)):
        assert len(prop) <= 255 and prop.endswith("…") and full.startswith(prop[:-1])
    _nothing_overflows(deck)
    # what the title slide cannot show is kept in its speaker notes
    notes = deck.slides[0].notes_slide.notes_text_frame.text
    assert title in notes and subtitle in notes
    assert pdf.metadata.title == title and pdf.metadata.subject == subtitle


@pytest.mark.slow
def test_a_10000_word_body(project, capsys):
    sentences = _sentences(500)
    body = " ".join(sentences[:250]) + " [@report, p. 1]\n\n      " + " ".join(sentences[250:])
    outline = OUTLINE.replace("Peru's congress has removed four presidents [@report, p. 1].\n"
                              "      Seizures rose [@other].", body)
    deck, pdf = _build(project, capsys, outline)
    bullets = [s for s in deck.slides if s.slide_layout.name == "Bullets"]
    shown = [p.text for s in bullets for p in s.placeholders[1].text_frame.paragraphs]
    assert shown == sentences                   # every sentence, in order, none lost
    assert bullets[1].shapes.title.text_frame.text == "Summary (cont.)"
    _nothing_overflows(deck)
    text = "".join(page.extract_text() for page in pdf.pages)
    assert sentences[-1][:-1] in " ".join(text.split())


def test_a_chart_with_long_names_and_title(project, capsys):
    title = " ".join(_sentences(5, seed=4))[:600].strip()
    categories = [f"Category {n}: " + " ".join(_sentences(1, 30, seed=n)) for n in range(3)]
    outline = OUTLINE + f"""\
    figures:
      - title: "{title}"
        source: report
        chart: {{type: bar, unit: "{'US$ billions, constant 2020 dollars, ' * 8}",
                categories: {categories!r},
                series: {{"{'Exports of goods and services ' * 10}": [4, 10, 7]}}}}
"""
    deck, _ = _build(project, capsys, outline, "--only", "pptx")
    slide = next(s for s in deck.slides if s.slide_layout.name == "Figure")
    chart = next(sh.chart for sh in slide.shapes if sh.has_chart)
    assert list(chart.plots[0].categories) == categories
    shown = slide.shapes.title.text_frame.text
    assert shown.endswith("…") and f"Figure 1. {title}".startswith(shown[:-1])
    assert f"Figure 1. {title}" in slide.notes_slide.notes_text_frame.text
    _nothing_overflows(deck)
