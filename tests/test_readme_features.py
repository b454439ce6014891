"""README features that no other test reached, each checked the way a user meets it: the
outputs reopened (pdfplumber, pikepdf, python-pptx), the command line's own lines.

- `SOURCE_DATE_EPOCH` sets the build time of both outputs; rebuilds are byte-identical.
- `nocite: ["*"]` lists the whole catalog under Sources, in the memo and the deck.
- Sources that do not fit one slide continue on "Sources (cont.)".
- A source's URL is a clickable link on the deck's Sources slide.
- `.htm` sources are read like `.html`.
- YAML merge keys (`<<: *anchor`) work in the outline: own keys win, positions stay true,
  and a merge bomb stays small.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pdfplumber
import pikepdf
import pytest
from pptx import Presentation

from compiler.builds import workers
from compiler.cli import main
from conftest import CATALOG, OTHER, OUTLINE, REPORT, Project

EPOCH = 1_700_000_000                       # 2023-11-14 22:13:20 UTC
EPOCH_TIME = dt.datetime(2023, 11, 14, 22, 13, 20)


def brief(root: Path, *args: str, epoch: int | None = None) -> SimpleNamespace:
    """`brief ARGS` in `root`, in this process (warm caches; the memo rendered here too),
    with SOURCE_DATE_EPOCH set to `epoch` or unset; returns its exit status and stderr."""
    saved, cwd, err = os.environ.pop("SOURCE_DATE_EPOCH", None), os.getcwd(), io.StringIO()
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    available = workers.available
    try:
        workers.available = lambda: False
        os.chdir(root)
        with contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        workers.available = available
        os.chdir(cwd)
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    run = SimpleNamespace(returncode=code, stderr=err.getvalue())
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    return run


def new_project(root: Path) -> Project:
    p = Project(root)
    p.write("sources/report.txt", REPORT)
    p.write("sources/other.txt", OTHER)
    p.write("sources/sources.yaml", CATALOG)
    p.write("outline.yaml", OUTLINE)
    return p


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def squash(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


# --- SOURCE_DATE_EPOCH ------------------------------------------------------------------

@pytest.fixture(scope="module")
def epoch_builds(tmp_path_factory):
    """Two builds of one briefing with SOURCE_DATE_EPOCH set, in two folders."""
    roots = []
    for name in ("a", "b"):
        project = new_project(tmp_path_factory.mktemp(name) / "brief")
        run = brief(project.root, "build", epoch=EPOCH)
        assert run.returncode == 0, run.stderr
        roots.append(project.root)
    return roots


def test_source_date_epoch_dates_the_pdf(epoch_builds):
    with pikepdf.open(epoch_builds[0] / "out" / "outline.pdf") as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == str(pdf.docinfo["/ModDate"]) == "D:20231114221320Z"
        with pdf.open_metadata() as xmp:
            assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == "2023-11-14T22:13:20Z"
    # the date printed in the memo stays the outline's `date`
    assert "DATE: November 22, 2026" in pdf_text(epoch_builds[0] / "out" / "outline.pdf")


def test_source_date_epoch_dates_the_deck(epoch_builds):
    path = epoch_builds[0] / "out" / "outline.pptx"
    props = Presentation(path).core_properties
    assert props.created == props.modified == EPOCH_TIME
    with zipfile.ZipFile(path) as package:          # every part of the zip, too
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_builds_with_the_same_epoch_are_byte_identical(epoch_builds):
    a, b = (root / "out" for root in epoch_builds)
    for name in ("outline.pdf", "outline.pptx"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_a_new_epoch_is_a_new_build_not_up_to_date(tmp_path):
    project = new_project(tmp_path / "brief")
    assert brief(project.root, "build", "--only", "pptx", epoch=EPOCH).returncode == 0
    run = brief(project.root, "build", "--only", "pptx", epoch=EPOCH + 86_400)
    assert run.returncode == 0 and "up to date" not in run.stderr, run.stderr
    props = Presentation(project.root / "out" / "outline.pptx").core_properties
    assert props.created == EPOCH_TIME + dt.timedelta(days=1)
    # the same epoch again is up to date: nothing changed
    run = brief(project.root, "build", "--only", "pptx", epoch=EPOCH + 86_400)
    assert run.stderr.strip() == "up to date: out/outline.pptx"


# --- the whole catalog under Sources, over more than one slide, with links --------------

PAGE = """<html><head><title>Peru's elections</title></head><body>
<nav><a href="/">Home</a> | <a href="/about">About</a> | <a href="/donate">Donate</a></nav>
<article><h1>Peru's elections</h1>
<p>Electoral authorities will be chosen by a congress that most Peruvians distrust, and that
choice will shape the 2026 vote more than any campaign.</p>
<p>Observers warned that the bodies running the elections must stay independent of the
parties that now control congress.</p></article>
<footer>Copyright 2024 Example Think Tank.</footer></body></html>"""

EXTRA = 14          # uncited works, enough that the sources take more than one slide


def extra_title(n: int) -> str:
    return f"Andean Security Review No. {n}: Police, Courts and Prisons in the Provinces of Peru"


@pytest.fixture(scope="module")
def catalogued(tmp_path_factory):
    """A briefing citing two works, quoting a .htm page, and listing the whole catalog."""
    project = new_project(tmp_path_factory.mktemp("catalog") / "brief")
    project.write("sources/page.htm", PAGE)
    entries = ("page:\n  file: page.htm\n  title: \"Peru's Elections\"\n  date: 2024-05-02\n"
               "  url: \"https://example.org/elections\"\n")
    for n in range(1, EXTRA + 1):
        project.write(f"sources/review-{n}.txt", f"Review {n}.\n")
        entries += (f"review-{n}:\n  file: review-{n}.txt\n  title: \"{extra_title(n)}\"\n"
                    f"  author: \"Rosa Quispe\"\n  publisher: \"Andean Institute\"\n  date: 2024\n"
                    f"  url: \"https://example.org/review/{n}\"\n")
    project.write("sources/sources.yaml", CATALOG + entries)
    project.write("outline.yaml", OUTLINE.replace('marking: "UNCLASSIFIED"', 'marking: "UNCLASSIFIED"\nnocite: ["*"]')
                  + "      - text: \"the bodies running the elections must stay independent\"\n"
                    "        source: page\n")
    run = brief(project.root, "build")
    assert run.returncode == 0, run.stderr
    out = project.root / "out"
    return pdf_text(out / "outline.pdf"), Presentation(out / "outline.pptx")


def _sources_slides(deck) -> list:
    return [s for s in deck.slides if s.shapes.title is not None
            and (s.shapes.title.text == "Sources" or s.shapes.title.text.startswith("Sources (cont."))]


def test_nocite_star_lists_every_catalog_entry_in_the_memo(catalogued):
    text, _ = catalogued
    sources = squash(text[text.rindex("\nSources\n"):])
    for n in range(1, EXTRA + 1):
        assert squash(extra_title(n)) in sources, n
    assert "Peru: A Test Report" in sources and "Another Paper" in sources and "Peru's Elections" in sources


def test_nocite_star_lists_every_catalog_entry_in_the_deck(catalogued):
    _, deck = catalogued
    listed = squash("\n".join(slide_text(s) for s in _sources_slides(deck)))
    for n in range(1, EXTRA + 1):
        assert listed.count(squash(extra_title(n))) == 1, n       # once, on one slide or the next
    assert "Peru: A Test Report" in listed and "Another Paper" in listed


def test_sources_that_do_not_fit_continue_on_a_cont_slide(catalogued):
    _, deck = catalogued
    titles = [s.shapes.title.text for s in _sources_slides(deck)]
    # a slide title is unique in the deck, so a third is "(cont. 2)" (README, Accessibility)
    assert titles == ["Sources", "Sources (cont.)"] + [f"Sources (cont. {n})" for n in range(2, len(titles))]
    assert [s.shapes.title.text for s in deck.slides][-len(titles):] == titles     # at the end, together
    sizes = {run.font.size.pt for s in _sources_slides(deck) for shape in s.placeholders
             if shape.placeholder_format.idx == 1 for p in shape.text_frame.paragraphs for run in p.runs
             if run.font.size is not None}
    assert sizes and min(sizes) >= 18


def test_a_source_url_is_a_link_on_the_sources_slide(catalogued):
    _, deck = catalogued
    links = {run.text: run.hyperlink.address for s in _sources_slides(deck) for shape in s.shapes
             if shape.has_text_frame for p in shape.text_frame.paragraphs for run in p.runs
             if run.hyperlink.address}
    # (works with an author and a date: the bibliography prints the URL of a web page, or of a
    # work without an author or a date, in its notes only, so no Sources slide shows it)
    assert links["https://example.org/report"] == "https://example.org/report"
    for n in range(1, EXTRA + 1):
        assert links[f"https://example.org/review/{n}"] == f"https://example.org/review/{n}"


def test_a_htm_source_is_read_like_html(catalogued):
    text, deck = catalogued
    flat = squash(text)
    assert '"the bodies running the elections must stay independent"' in flat
    assert '"Peru\'s Elections," May 2, 2024, para. 3, https://example.org/elections.' in flat     # its paragraph, as for .html
    assert "Donate" not in flat                                    # the page's navigation is not text
    quote_slides = [slide_text(s) for s in deck.slides if "running the elections" in slide_text(s)]
    assert len(quote_slides) == 1 and "para. 3" in quote_slides[0]


# --- YAML merge keys --------------------------------------------------------------------

MERGED = """\
title: "Merged"
date: 2026-11-22
sections:
  - title: "Trade"
    quotes:
      - &quote
        text: "The United States does not seek to isolate Peru."
        source: report
        speaker: "A Witness"
      - <<: *quote
        text: "four of six presidents since 2018"
    figures:
      - title: "Trade, as columns"
        source: report
        chart: &chart
          type: column
          unit: "US$ billions"
          categories: [2009, 2022]
          series: {Trade: [9, 22]}
      - title: "Trade, as bars"
        source: report
        chart:
          <<: *chart
          type: bar
"""


def test_merge_keys_fill_in_what_the_mapping_does_not_say(project, capsys):
    project.write("outline.yaml", MERGED)
    code, err = project.run(capsys, "build", "--only", "pptx")
    assert code == 0, err
    deck = Presentation(project.root / "out" / "outline.pptx")
    charts = [shape.chart for s in deck.slides for shape in s.shapes if shape.has_chart]
    kinds = [c.plots[0].chart.chart_type for c in charts]
    assert [str(k).split()[0] for k in kinds] == ["COLUMN_CLUSTERED", "BAR_CLUSTERED"]    # own `type` wins
    assert [list(c.plots[0].categories) for c in charts] == [["2009", "2022"]] * 2         # merged data
    assert [list(c.plots[0].series[0].values) for c in charts] == [[9.0, 22.0]] * 2
    quotes = [slide_text(s) for s in deck.slides if "A Witness" in slide_text(s)]
    assert len(quotes) == 2 and "four of six presidents since 2018" in quotes[1]         # speaker merged


def test_a_merged_value_is_reported_where_it_was_written(project, capsys):
    # the second quote takes its (wrong) source from the first: the error is at line 8
    project.write("outline.yaml", MERGED.replace("source: report\n        speaker", "source: reprot\n        speaker"))
    code, err = project.run(capsys, "check")
    assert code == 1
    lines = [line for line in err.splitlines() if ": error: " in line]
    assert lines == ["outline.yaml:8:17: error: unknown source `reprot` (did you mean `report`?)"] * 2   # both quotes


def test_an_own_key_over_a_merged_one_is_not_a_duplicate_but_a_key_twice_is(project, capsys):
    project.write("outline.yaml", MERGED.replace("          type: bar\n", "          type: bar\n          type: line\n"))
    code, err = project.run(capsys, "check")
    assert code == 1
    assert err.splitlines()[0] == "outline.yaml:25:11: error: duplicate key `type` (first written at line 24)"


def test_a_merge_of_something_not_a_mapping(project, capsys):
    project.write("outline.yaml", MERGED.replace("<<: *chart", "<<: [*chart, 3]"))
    code, err = project.run(capsys, "check")
    assert code == 1
    assert err.splitlines()[0] == ("outline.yaml:23:24: error: invalid YAML: a merge key `<<` takes a mapping "
                                   "or a list of mappings, such as `<<: *defaults`")


def test_a_merge_bomb_stays_small(project, capsys):
    """Each level merges the one before ten times: 10^9 keys if merges were copied, ten
    keys each when a mapping's keys are taken once."""
    keys = ", ".join(f"k{i}: x" for i in range(10))
    bomb = f"l0: &l0 {{{keys}}}\n" + "".join(
        f"l{i}: &l{i} {{<<: [{', '.join([f'*l{i - 1}'] * 10)}]}}\n" for i in range(1, 10))
    project.write("outline.yaml", MERGED.replace("sections:", bomb + "sections:"))
    code, err = project.run(capsys, "check")
    assert code == 1
    lines = [line for line in err.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[1].split(" (")[0] for line in lines] == [f"unknown key `l{i}`" for i in range(10)]
    assert [line.split(":")[1] for line in lines] == [str(3 + i) for i in range(10)]


def test_a_merge_bomb_that_expands_values_is_refused(project, capsys):
    lists = ", ".join(["x"] * 10)
    bomb = f"l0: &l0 {{k: [{lists}]}}\n" + "".join(
        f"l{i}: &l{i} {{<<: *l{i - 1}, {', '.join(f'm{j}: *l{i - 1}' for j in range(10))}}}\n" for i in range(1, 8))
    project.write("outline.yaml", bomb + MERGED)
    code, err = project.run(capsys, "check")
    assert code == 1
    [line] = [line for line in err.splitlines() if ": error: " in line]
    assert line.startswith("outline.yaml:") and "alias bomb" in line
