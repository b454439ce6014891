"""Kind 5: a build never destroys an input, and replaces all its outputs or none."""
from __future__ import annotations

import os

import weasyprint

from conftest import CATALOG, OUTLINE
from kit import CHART, hostile, symlink  # noqa: F401 (fixture)


def _no_temp_files(folder) -> None:
    assert not [p for p in folder.rglob("*") if p.name.endswith((".tmp", ".old"))]


def test_out_sources_never_overwrites_a_source(hostile, capsys):
    weasyprint.HTML(string="<p>The police force was badly underfunded.</p>") \
        .write_pdf(hostile.root / "sources/police.pdf")
    hostile.write("sources/sources.yaml", CATALOG + "police:\n  file: police.pdf\n  title: Police\n")
    hostile.write("outline.yaml", OUTLINE + "output: police\n")
    before = (hostile.root / "sources/police.pdf").read_bytes()
    lines = hostile.fails(capsys, "build", "--out", "sources")
    assert lines == ["error: refusing to write `sources/police.pdf`: the build reads that file; "
                     "choose another --out or `output:` name; nothing written"]
    assert (hostile.root / "sources/police.pdf").read_bytes() == before
    assert not (hostile.root / "sources/police.pptx").exists()
    _no_temp_files(hostile.root)


def test_a_markdown_source_named_like_the_provenance_report_is_kept(hostile, capsys):
    from conftest import REPORT
    hostile.write("sources/report.provenance.md", REPORT)
    hostile.write("sources/sources.yaml", CATALOG.replace("report.txt", "report.provenance.md"))
    hostile.write("outline.yaml", OUTLINE + "output: report\n")
    lines = hostile.fails(capsys, "build", "--out", "sources")
    assert lines == ["error: refusing to write `sources/report.provenance.md`: the build reads that "
                     "file; choose another --out or `output:` name; nothing written"]
    assert (hostile.root / "sources/report.provenance.md").read_text() == REPORT
    assert not (hostile.root / "sources/report.pdf").exists()


def test_a_folder_in_the_way_fails_before_anything_is_replaced(hostile, capsys):
    hostile.write("outline.yaml", CHART)
    hostile.builds(capsys)
    before = hostile.outputs()
    hostile.write("outline.yaml", CHART.replace("[9, 22]", "[9, 23]"))     # a new chart
    md = hostile.root / "out/outline.provenance.md"
    md.unlink()
    md.mkdir()
    del before["outline.provenance.md"]
    lines = hostile.fails(capsys, "build")
    assert lines == ["error: cannot write `out/outline.provenance.md`: a folder of that name is in the way; "
                     "nothing written"]
    assert hostile.outputs() == before      # PDF, deck and chart cache byte-identical
    _no_temp_files(hostile.root)


def test_a_failure_while_replacing_puts_every_old_file_back(hostile, capsys, monkeypatch):
    hostile.builds(capsys)
    before = hostile.outputs()
    hostile.write("outline.yaml", OUTLINE.replace("Test Briefing", "Changed Briefing"))
    from compiler.output import staging
    real_replace = staging.os.replace

    def failing(src, dst):
        if str(dst).endswith(".provenance.json"):
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst)
    monkeypatch.setattr(staging.os, "replace", failing)
    [line] = hostile.fails(capsys, "build")
    assert line == ("error: cannot write `out/outline.provenance.json`: No space left on device; "
                    "the previous outputs are unchanged")
    assert hostile.outputs() == before
    _no_temp_files(hostile.root)


def test_a_failed_build_writes_no_chart_cache(hostile, capsys):
    hostile.write("outline.yaml", CHART)
    (hostile.root / "out/outline.pptx").mkdir(parents=True)
    hostile.fails(capsys, "build")
    assert not (hostile.root / "out/.cache/charts").exists() or \
        not list((hostile.root / "out/.cache/charts").iterdir())


def test_a_symlinked_out_folder_is_not_written_through(hostile, capsys):
    symlink(hostile.root / "out", hostile.outside)
    [line] = hostile.fails(capsys, "build")
    assert line.startswith("error: `out` is a symlink to a folder outside the briefing folder")
    assert os.listdir(hostile.outside) == ["secret.txt"]


def test_an_explicit_out_elsewhere_is_the_users_choice(hostile, capsys):
    code, err = hostile.run(capsys, "build", "--out", str(hostile.outside / "built"))
    assert code == 0, err
    assert (hostile.outside / "built/outline.pdf").is_file()
