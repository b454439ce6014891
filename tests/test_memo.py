"""The memo read back from its PDF: what a Member holding the paper would notice."""
from __future__ import annotations

import re
import subprocess
import sys

import pdfplumber
import pytest

from compiler import pipeline
from compiler.errors import BriefError
from compiler.memo import render_memo_html, render_memo_pdf
from compiler.memo.fetch import MemoFetcher, RefusedURL
from conftest import OUTLINE

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
    code, err = project.run(capsys, "build", "--only", "pdf", *extra)
    assert code == 0, err
    return str(project.root / "out" / "outline.pdf")


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
    first = open(build_pdf(project, capsys), "rb").read()
    from compiler import charts
    monkeypatch.setattr(charts, "chart_svg", lambda *a: pytest.fail("drew the chart again"))
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


def test_memo_bytes_are_identical_across_processes(project):
    script = ("import sys, hashlib; from compiler import pipeline; from compiler.memo import *;"
              "b = pipeline.check('outline.yaml').briefing;"
              "print(hashlib.sha256(render_memo_pdf(b, render_memo_html(b))).hexdigest())")
    runs = [subprocess.run([sys.executable, "-c", script], cwd=project.root, capture_output=True,
                           text=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1] and len(runs[0].strip()) == 64
