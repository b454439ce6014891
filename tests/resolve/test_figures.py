"""Figures as data: CSV charts, chart options, numbers tied to their evidence, `@fig:` references."""
from __future__ import annotations

from compiler import pipeline
from conftest import OUTLINE

FIGURE = OUTLINE + """\
    figures:
      - id: trade
        title: Trade
        source: report
        evidence: "from $9 billion in 2009 to over $22 billion in 2022"
        chart:
          type: column
          unit: "US$ billions"
          categories: [2009, 2022]
          series:
            Trade: [9, 22]
"""


def errors(project, capsys) -> list[str]:
    code, err = project.run(capsys, "check")
    assert code == 1, err
    return [line for line in err.splitlines() if ": error: " in line]


def test_chart_from_the_outline(project):
    project.write("outline.yaml", FIGURE)
    [figure] = pipeline.check(str(project.outline)).briefing.sections[0].figures
    assert (figure.number, figure.id, figure.title) == (1, "trade", "Trade")
    assert figure.chart.categories == ("2009", "2022") and figure.chart.unit == "US$ billions"
    assert (figure.chart.stacked, figure.chart.labels, figure.chart.y_min) == (False, None, None)


def test_chart_numbers_must_be_in_the_evidence(project, capsys):
    project.write("outline.yaml", FIGURE.replace("Trade: [9, 22]", "Trade: [9, 23]"))
    assert errors(project, capsys) == [
        "outline.yaml:22:20: error: 23 (Trade, 2022) is not in the figure's evidence passage"]


def test_evidence_numbers_allow_units(project):
    project.write("outline.yaml", FIGURE)
    [figure] = pipeline.check(str(project.outline)).briefing.sections[0].figures
    assert figure.chart.series == (("Trade", (9.0, 22.0)),)
    assert figure.cite.locator == "para. 3"


def test_chart_from_csv(project):
    project.write("assets/trade.csv", "Year,Exports,Imports\n2009,4.5,4.5\n\n2022,\"1,210\",10\n")
    project.write("outline.yaml", OUTLINE + """\
    figures:
      - title: Trade
        source: report
        chart: {type: column, stacked: true, labels: false, y_min: 0, y_max: 2000, csv: assets/trade.csv}
""")
    [figure] = pipeline.check(str(project.outline)).briefing.sections[0].figures
    chart = figure.chart
    assert chart.categories == ("2009", "2022")
    assert chart.series == (("Exports", (4.5, 1210.0)), ("Imports", (4.5, 10.0)))
    assert (chart.stacked, chart.labels, chart.y_min, chart.y_max) == (True, False, 0, 2000)


def test_bad_csv_cell_is_reported_at_its_own_line(project, capsys):
    project.write("assets/trade.csv", "Year,Exports\n2009,4.5\n\n2022,lots\n")
    project.write("outline.yaml", OUTLINE + """\
    figures:
      - title: Trade
        source: report
        chart: {type: column, csv: assets/trade.csv}
""")
    assert errors(project, capsys) == ["assets/trade.csv:4:6: error: `lots` in column `Exports` is not a number"]


def test_csv_row_with_missing_cells_and_missing_csv(project, capsys):
    project.write("assets/trade.csv", "Year,Exports,Imports\n2009,4.5\n")
    project.write("outline.yaml", OUTLINE + """\
    figures:
      - title: Trade
        source: report
        chart: {type: column, csv: assets/trade.csv}
      - title: Other
        source: report
        chart: {type: pie, csv: assets/none.csv}
""")
    assert errors(project, capsys) == [
        "assets/trade.csv:2:1: error: row has 2 cells but the header has 3",
        "outline.yaml:18:33: error: CSV `assets/none.csv` does not exist"]


def test_chart_needs_data_once(project, capsys):
    project.write("outline.yaml", OUTLINE + """\
    figures:
      - title: Trade
        source: report
        chart: {type: column, csv: a.csv, categories: [a], series: {x: [1]}}
""")
    assert errors(project, capsys) == [
        "outline.yaml:15:16: error: `sections[0].figures[0].chart` give either `csv` or `categories` and `series`, not both"]


def test_figure_reference_becomes_figure_n(project):
    project.write("outline.yaml", FIGURE.replace("Seizures rose [@other].", "See @fig:trade."))
    briefing = pipeline.check(str(project.outline)).briefing
    runs = briefing.sections[0].body[0].inlines
    ref = next(r for r in runs if getattr(r, "text", "") == "Figure 1")
    assert ref.href == "#figure-trade"


def test_unknown_figure_reference(project, capsys):
    project.write("outline.yaml", FIGURE.replace("Seizures rose [@other].", "See @fig:trad."))
    assert errors(project, capsys) == ["outline.yaml:8:11: error: no figure with id `trad` (did you mean `trade`?)"]


TABLE = OUTLINE + """\
    figures:
      - id: budget
        title: Assistance request
        source: report
        table:
          columns: ["Account", "US$ millions"]
          rows:
            - ["Development assistance [@report, p. 2]", 55]
            - ["*Narcotics* control", 41.3]
"""


def test_table_from_the_outline_is_numbered_apart(project):
    project.write("outline.yaml", TABLE.replace("Seizures rose [@other].", "See @tbl:budget."))
    briefing = pipeline.check(str(project.outline)).briefing
    [table] = briefing.sections[0].figures
    assert (table.label, table.id) == ("Table 1", "budget")
    assert [r.text for r in table.table.columns[0]] == ["Account"]
    assert table.table.rows[1][0][0].italic and table.table.rows[0][1][0].text == "55"
    assert any(getattr(r, "footnote", None) for r in table.table.rows[0][0])
    ref = next(r for r in briefing.sections[0].body[0].inlines if getattr(r, "href", None))
    assert (ref.text, ref.href) == ("Table 1", "#figure-budget")


def test_ragged_table_row(project, capsys):
    project.write("outline.yaml", TABLE.replace('["*Narcotics* control", 41.3]', '["Narcotics control"]'))
    assert errors(project, capsys) == ["outline.yaml:20:15: error: row has 1 cell but the table has 2 columns"]


def test_table_from_csv_and_a_wrong_kind_of_reference(project, capsys):
    project.write("assets/t.csv", "Account,Amount\nDA,55\nINCLE,41.3\n")
    project.write("outline.yaml", OUTLINE.replace("Seizures rose [@other].", "See @fig:budget.") + """\
    figures:
      - id: budget
        title: Assistance request
        table: {csv: assets/t.csv}
""")
    assert errors(project, capsys) == [
        "outline.yaml:8:11: error: no figure with id `budget` (`budget` is a table: write `@tbl:budget`)"]
    project.write("outline.yaml", project.outline.read_text().replace("@fig:budget", "@tbl:budget"))
    [table] = pipeline.check(str(project.outline)).briefing.sections[0].figures
    assert [[r[0].text for r in row] for row in table.table.rows] == [["DA", "55"], ["INCLE", "41.3"]]
