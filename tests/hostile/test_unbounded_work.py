"""Kind 6: documented limits, each a located error naming the limit; under them, a build."""
from __future__ import annotations

import weasyprint

from compiler import limits
from conftest import CATALOG, OUTLINE
from kit import hostile  # noqa: F401 (fixture)


def _table_csv(hostile, rows: int) -> None:
    hostile.write("t.csv", "year,value\n" + "".join(f"{1900 + i},{i}\n" for i in range(rows)))
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: T\n        table:\n          csv: t.csv\n")


def test_a_100000_row_csv_table_is_refused_at_once(hostile, capsys):
    _table_csv(hostile, 100_000)
    assert hostile.fails(capsys, "check") == [
        "outline.yaml:15:16: error: the table has 100,000 rows; the limit is 300 rows in one table "
        "(split it, or summarise it)"]


def test_an_outline_table_over_the_limit_is_refused(hostile, capsys):
    rows = "".join(f"            - [r{i}]\n" for i in range(limits.TABLE_ROWS + 1))
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: T\n        table:\n"
                  "          columns: [a]\n          rows:\n" + rows)
    [line] = hostile.fails(capsys, "check")
    assert line == ("outline.yaml:17:13: error: the table has 301 rows; the limit is 300 rows in one "
                    "table (split it, or summarise it)")


def test_a_table_at_the_limit_builds(hostile, capsys):
    _table_csv(hostile, limits.TABLE_ROWS)
    hostile.builds(capsys)


def test_a_100000_point_chart_is_refused_at_once(hostile, capsys):
    hostile.write("c.csv", "x,y\n" + "".join(f"{i},{i}\n" for i in range(100_000)))
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: T\n        source: report\n"
                  "        chart:\n          type: line\n          csv: c.csv\n")
    assert hostile.fails(capsys, "check") == [
        "outline.yaml:17:16: error: the chart has 100,000 categories and 1 series; the limit is 200 "
        "categories and 2,000 numbers in one chart"]


def test_a_chart_at_the_limit_builds(hostile, capsys):
    hostile.write("c.csv", "x,a,b,c\n" + "".join(f"{i},{i},{i},{i}\n" for i in range(limits.CHART_CATEGORIES)))
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: T\n        source: report\n"
                  "        chart:\n          type: line\n          csv: c.csv\n")
    hostile.builds(capsys)


def test_a_pdf_source_over_the_page_limit_is_refused(hostile, capsys, monkeypatch):
    monkeypatch.setattr(limits, "SOURCE_PAGES", 2)      # the mechanism; 1,000 pages is slow to make
    pages = "".join(f'<p style="break-before: page">Page {i}.</p>' for i in range(3))
    weasyprint.HTML(string=pages).write_pdf(hostile.root / "sources/long.pdf")
    hostile.write("sources/sources.yaml", CATALOG + "long:\n  file: long.pdf\n  title: Long\n")
    lines = hostile.fails(capsys, "check")
    assert "sources/sources.yaml:13:9: error: source file `sources/long.pdf`: has 3 pages; the limit " \
           "is 2 pages in one source" in lines


def test_a_source_file_over_the_size_limit_is_refused(hostile, capsys, monkeypatch):
    monkeypatch.setattr(limits, "SOURCE_BYTES", 100)
    lines = hostile.fails(capsys, "check")
    assert "sources/sources.yaml:2:9: error: source file `sources/report.txt` is over 50 MB, the " \
           "limit for one source" in lines
