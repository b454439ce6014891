"""The memo read back from its PDF: what a Member holding the paper would notice."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pdfplumber
import pytest

from compiler import pipeline
from compiler.diagnostics import BriefError
from compiler.render.memo import render_memo_html, render_memo_pdf
from compiler.render.memo.fetch import MemoFetcher, RefusedURL
from conftest import OUTLINE, build
from conftest import REPO

FIGURES = OUTLINE + """\
    figures:
      - id: trade
        title: Trade by year
        source: report
        evidence: "from $9 billion in 2009 to over $22 billion in 2022"
        caption: "Trade *more than doubled* (see @fig:trade)."
        chart:
          type: column
          unit: "US$ billions"
          categories: [2009, 2022]
          series:
            Trade: [9, 22]
      - id: budget
        title: Budget lines
        table:
          columns: [Account, Amount]
          rows:
            - ["Development [@report, p. 2]", 55]
"""


def build_pdf(project, capsys, *extra: str) -> str:
    """The memo's path after `brief build --only pdf EXTRA`."""
    build(project, capsys, "--only", "pdf", *extra)
    return str(project.out("pdf"))


def page_texts(path: str) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def test_outline_text_is_data_not_markup(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("Seizures rose [@other].",
                                                  "Seizures <b>rose</b> {{ x }} {% if %} [@other]."))
    text = " ".join(page_texts(build_pdf(project, capsys)))
    assert "Seizures <b>rose</b> {{ x }} {% if %}" in text


def test_memo_header_marking_and_footnotes(project, capsys):
    [page] = page_texts(build_pdf(project, capsys))
    lines = [line for line in page.splitlines() if line.strip()]
    assert lines[0] == "UNCLASSIFIED" and lines[-1] == "UNCLASSIFIED"
    assert "MEMORANDUM" in page and "DATE: November 22, 2026" in page and "RE: Test Briefing" in page
    assert "Page 1 of 1" in page
    # footnote 1 is the full note, 2 the other source, 3 the quote (short: cited before)
    assert re.search(r"^1\. Ana Diaz and Ben Roe, Peru: A Test Report, TR-1 \(Test Institute, 2024\), 1,", page, re.M)
    assert re.search(r"^2\. “Another Paper\.”$", page, re.M)
    assert re.search(r"^3\. Diaz and Roe, Peru: A Test Report, para\. 3\.$", page, re.M)


def test_figures_tables_and_references(project, capsys):
    project.write("outline.yaml", FIGURES)
    pdf = build_pdf(project, capsys)
    text = " ".join(page_texts(pdf))
    assert "Figure 1. Trade by year" in text and "Table 1. Budget lines" in text
    assert "Trade more than doubled (see Figure 1)." in text
    assert "Source: Diaz and Roe, Peru: A Test Report, para. 3." in text
    with pdfplumber.open(pdf) as doc:
        figure_page = next(p for p in doc.pages if "Figure 1." in (p.extract_text() or ""))
        assert not figure_page.images                       # the chart is vector, not a picture
        words = {w["text"] for w in figure_page.extract_words()}
        assert {"2009", "2022", "22"} <= words               # its labels are real text


def test_charts_are_drawn_once_then_read_from_the_cache(project, capsys, monkeypatch):
    project.write("outline.yaml", FIGURES)
    pdf = build_pdf(project, capsys)
    first = open(pdf, "rb").read()
    from compiler.render.memo import charts
    monkeypatch.setattr(charts, "chart_svg", lambda *a: pytest.fail("drew the chart again"))
    os.unlink(pdf)           # a missing output is rendered again (else the build is a no-op)
    assert open(build_pdf(project, capsys), "rb").read() == first


def test_author_date_style_prints_citations_in_the_text(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("marking:", "style: apa\nmarking:"))
    text = " ".join(page_texts(build_pdf(project, capsys)))
    assert "four presidents (Diaz & Roe, 2024, p. 1)." in text
    assert "Diaz, A., & Roe, B. (2024). Peru: A Test Report (TR-1). Test Institute." in text
    assert "“The United States does not seek to isolate Peru.” (Diaz & Roe, 2024, para. 3)" in text


def test_fetcher_reads_only_inside_the_briefing(project, tmp_path):
    fetcher = MemoFetcher([project.root])
    (tmp_path / "secret.txt").write_text("x")
    for url in ("http://example.org/x.png", (tmp_path / "secret.txt").as_uri(),
                (project.root / ".." / "secret.txt").as_uri()):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert fetcher.fetch((project.root / "outline.yaml").as_uri()).status == 200


def test_a_template_reaching_outside_fails_the_build(project, capsys):
    briefing = pipeline.check(str(project.outline)).briefing
    html = render_memo_html(briefing).replace("</body>", '<img src="http://example.org/x.png"></body>')
    with pytest.raises(BriefError) as e:
        render_memo_pdf(briefing, html)
    assert "refused to fetch http://example.org/x.png" in str(e.value)


def test_briefing_templates_override_and_a_missing_one_names_the_paths(project, capsys):
    project.write("templates/memo.html.j2", "<html><body><p>Custom {{ b.title }}</p></body></html>")
    assert "Custom Test Briefing" in page_texts(build_pdf(project, capsys))[0]
    (project.root / "templates/memo.html.j2").unlink()
    project.write("templates/memo.html.j2", "{% include 'missing.css' %}")
    code, err = project.run(capsys, "build", "--only", "pdf")
    assert code == 1
    assert "error: no memo template `missing.css`; looked in " in err and "templates" in err


@pytest.mark.slow          # two cold processes; CI runs it
def test_memo_bytes_are_identical_across_processes(project):
    script = ("import sys, hashlib; from compiler import pipeline; from compiler.render.memo import *;"
              "b = pipeline.check('outline.yaml').briefing;"
              "print(hashlib.sha256(render_memo_pdf(b, render_memo_html(b))).hexdigest())")
    runs = [subprocess.run([sys.executable, "-c", script], cwd=project.root, capture_output=True,
                           text=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1] and len(runs[0].strip()) == 64


# --- the renderer on its own: a hand-built Briefing (tests/memo_fixture.py) ------------

import shutil
from pathlib import Path

import pypdf

import memo_fixture
from compiler.model import Text

CALL_MAX_PT = 7.05      # footnote calls are 6-7 pt; no other text is that small
NOTE_PT = 8.5


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    """The fixture briefing rendered once: (briefing, html, pdf path)."""
    root = tmp_path_factory.mktemp("memo")
    b = memo_fixture.briefing(root)
    html = render_memo_html(b)
    path = root / "memo.pdf"
    path.write_bytes(render_memo_pdf(b, html))
    return b, html, path


def _plain(runs) -> str:
    return "".join(r.text for r in runs if isinstance(r, Text))


def _squash(text: str) -> str:
    """No white space at all: line breaks inside notes and URLs stop mattering."""
    return re.sub(r"\s+", "", text)


def _calls(page) -> list[int]:
    """Footnote calls on a page, in content order: runs of small superscript digits."""
    calls, digits = [], ""
    for c in page.chars:
        if c["size"] <= CALL_MAX_PT and c["text"].isdigit():
            digits += c["text"]
            continue
        if digits:
            calls.append(int(digits))
            digits = ""
    return calls + ([int(digits)] if digits else [])


def _notes(page) -> dict[int, str]:
    """The page's footnote area: 8.5 pt serif lines from the first 'N.' marker on."""
    notes: dict[int, str] = {}
    current = None
    for line in page.extract_text_lines(return_chars=True):
        chars = line["chars"]
        if not all("Caladea" in c["fontname"] and abs(c["size"] - NOTE_PT) < 0.1
                   or c["size"] <= CALL_MAX_PT for c in chars):
            continue
        marker = re.match(r"(\d+)\.\s*(.*)", line["text"])
        if marker:
            current = int(marker.group(1))
            notes[current] = marker.group(2)
        elif current is not None:
            notes[current] += " " + line["text"]
    return notes


def test_every_footnote_sits_on_the_page_of_its_call_with_the_models_number(memo):
    b, _html, path = memo
    with pdfplumber.open(path) as pdf:
        calls = [(i, n) for i, page in enumerate(pdf.pages) for n in _calls(page)]
        notes = {n: (i, text) for i, page in enumerate(pdf.pages)
                 for n, text in _notes(page).items()}
    # WeasyPrint's footnote counter, read back, runs 1..N in reading order ...
    assert [n for _page, n in calls] == list(range(1, len(b.footnotes) + 1))
    assert sorted(notes) == [f.number for f in b.footnotes]
    for page, number in calls:
        note_page, text = notes[number]
        assert note_page == page, f"note {number} is not on the page of its call"
        # ... and note N shows the model's footnote N: the two numberings agree
        assert _squash(text) == _squash(_plain(b.footnotes[number - 1].text))


def test_calls_follow_punctuation_and_are_superscript(memo):
    _b, _html, path = memo
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[0].chars
    first = next(i for i, c in enumerate(chars) if c["size"] <= CALL_MAX_PT)
    assert chars[first - 1]["text"] == ","                         # "since 2018,¹"
    assert chars[first]["bottom"] < chars[first - 1]["bottom"] - 1   # raised


def test_sections_quotes_figures_and_sources_are_all_printed(memo):
    b, _html, path = memo
    text = " ".join(page_texts(str(path)))
    flat = re.sub(r"\s+", " ", text)
    for section in b.sections:
        assert section.title in text
        for quote in section.quotes:
            assert f"“{quote.text}”" in flat
        for figure in section.figures:
            assert f"Figure {figure.number}. {figure.title}" in flat
            assert "Source: " + figure.cite.short in flat
    assert "— Dr. Eleanor Vance, in Outmigration from Peru, 2010-2023" in flat.replace("\u200a", " ")
    assert "Sources" in text and "Quispe, Elena. Outmigration from Peru" in flat
    assert memo_fixture.SLIDE_ONLY not in text                        # points are for slides


def test_marking_running_header_and_page_numbers_on_every_page(memo):
    b, _html, path = memo
    pages = page_texts(str(path))
    assert len(pages) > 1
    for n, page in enumerate(pages, 1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert lines[0] == lines[-1] == "UNCLASSIFIED"
        assert f"Page {n} of {len(pages)}" in page
        assert (b.short_title in lines[1]) == (n > 1)   # the first page has the memo head
    first = pages[0]
    assert re.search(r"MEMORANDUM\nTO: Members, Subcommittee on the Western Hemisphere\n"
                     r"FROM: Subcommittee Staff\nDATE: November 22, 2026\n"
                     r"RE: Hearing on U.S.-Peru Relations\n", first)


def test_outline_markup_prints_as_text(memo):
    _b, html, path = memo
    assert "&lt;b&gt;x&lt;/b&gt; and {{ x }} and {% if %}" in html
    assert memo_fixture.RAW in " ".join(page_texts(str(path)))


def test_bookmarks_metadata_and_language(memo):
    b, _html, path = memo
    reader = pypdf.PdfReader(path)
    marks = [(m.title, reader.get_destination_page_number(m)) for m in reader.outline]
    assert [t for t, _ in marks] == [s.title for s in b.sections] + ["Sources"]
    assert marks[0][1] == 0
    meta = reader.metadata
    assert meta.title == "Peru at a Crossroads" and meta.author == "Subcommittee Staff"
    assert meta.subject == "Migration, Crime and Democratic Erosion"
    assert meta["/Keywords"] == "Summary, Migration and Crime, Trade and the Economy"
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20261122000000Z"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def _alt_texts(reader: pypdf.PdfReader) -> list[str]:
    found, todo = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if isinstance(node, list):
            todo.extend(node)
        elif isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                todo.append(node["/K"])
    return found


def test_charts_are_vector_with_their_data_as_alternative_text(memo):
    _b, html, path = memo
    assert html.count("<svg") == 2 and "<img" not in html
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            assert not page.images                      # no raster anywhere in this memo
        # chart text is real text; pdfplumber just finds no spaces between SVG words
        text = _squash(" ".join(p.extract_text() for p in pdf.pages))
    assert "Thousandsofpeople" in text and "402" in text and "US$billions" in text
    alts = _alt_texts(pypdf.PdfReader(path))
    assert any("Line chart, Thousands of people: 2016, 210;" in a
               and "2022, 402" in a for a in alts)


def test_routing_rows_left_out_when_not_given(memo, tmp_path):
    b, _html, _path = memo
    bare = dataclasses_replace(b, memo=dataclasses_replace(b.memo, to=None, from_=None))
    html = render_memo_html(bare)
    assert "TO:" not in html and "FROM:" not in html and "DATE:" in html and "RE:" in html


def dataclasses_replace(obj, **changes):
    import dataclasses
    return dataclasses.replace(obj, **changes)


def test_fetcher_refuses_data_urls_and_symlinks_out_of_the_folder(tmp_path):
    root, outside = tmp_path / "brief", tmp_path / "outside"
    root.mkdir(), outside.mkdir()
    (outside / "secret.png").write_bytes(b"x")
    (root / "link.png").symlink_to(outside / "secret.png")
    fetcher = MemoFetcher([root], briefing_root=root)
    for url in ("data:image/png;base64,AAAA", (root / "link.png").as_uri(),
                "file:///briefing/../outside/secret.png", "https://example.org/x.png"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_an_image_outside_the_folder_fails_the_render(memo, tmp_path):
    b, html, _path = memo
    (tmp_path / "x.png").write_bytes(b"x")
    for src in ((tmp_path / "x.png").as_uri(), "../x.png", "http://example.org/x.png"):
        with pytest.raises(BriefError) as e:
            render_memo_pdf(b, html.replace("</body>", f'<img src="{src}" alt="x"></body>'))
        assert "refused to" in str(e.value)


@pytest.mark.slow
def test_renders_in_two_processes_and_folders_are_byte_identical(tmp_path):
    repo = REPO
    outputs = []
    for seed, folder in (("1", "a"), ("2", "b/deeper")):
        root = tmp_path / folder
        root.mkdir(parents=True)
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(repo)}
        subprocess.run([sys.executable, str(repo / "tests" / "memo_fixture.py"), str(root)],
                       env=env, check=True, cwd=repo)
        outputs.append((root / "memo.pdf").read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("qpdf") or not shutil.which("pdffonts"),
                    reason="needs qpdf and poppler-utils")
def test_pdf_passes_qpdf_and_embeds_only_the_theme_fonts(memo):
    b, _html, path = memo
    subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    assert listing
    for row in listing:
        name, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", row
        # no fallback font: every glyph (hyphens included) comes from the theme's fonts
        assert name.split("+")[-1].split("-")[0] in (b.theme.serif_metric, b.theme.sans_metric)


def test_marking_and_running_title_print_as_written(memo):
    b, _html, _path = memo
    odd = dataclasses_replace(b, title='R&D "Peru" \\ </style>', marking="SECRET//R&D")
    pdf = render_memo_pdf(odd, render_memo_html(odd))
    import io
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        second = doc.pages[1].extract_text().splitlines()
    assert second[0] == "SECRET//R&D" and second[-1] == "SECRET//R&D"
    assert second[1] == 'R&D "Peru" \\ </style>'


def test_logo_from_the_briefing_folder_on_the_first_page_only(memo):
    from PIL import Image as Picture
    b, _html, _path = memo
    logo = b.root / "assets" / "logo.png"
    logo.parent.mkdir(exist_ok=True)
    Picture.new("RGB", (240, 80), b.theme.primary).save(logo)
    branded = dataclasses_replace(b, theme=dataclasses_replace(b.theme, logo=logo))
    import io
    with pdfplumber.open(io.BytesIO(render_memo_pdf(branded, render_memo_html(branded)))) as pdf:
        assert [len(page.images) for page in pdf.pages] == [1] + [0] * (len(pdf.pages) - 1)
