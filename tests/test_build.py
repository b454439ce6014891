"""`brief build` as a repeat user sees it: nothing redone that did not change, several
briefings at once, the memo rendered in a second process with its errors intact."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compiler import pipeline
from conftest import OUTLINE

REPO = Path(__file__).resolve().parent.parent
POINTS = OUTLINE.replace("    quotes:", "    points:\n      - \"Four presidents removed [@report, p. 1]\"\n    quotes:")


def _outputs(project) -> dict[str, tuple[bytes, int]]:
    out = project.root / "out"
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir() if p.is_file()}


def _cold(project, tmp_path, name: str) -> dict[str, bytes]:
    """The same folder built from nothing elsewhere: what the outputs must be."""
    copy = tmp_path / name
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns("out"))
    pipeline.build(str(copy / "outline.yaml"), parallel=False)
    return {p.name: p.read_bytes() for p in (copy / "out").iterdir() if p.is_file()}


def test_an_unchanged_build_does_nothing_and_says_so(project, capsys):
    project.write("outline.yaml", POINTS)
    assert project.run(capsys, "build")[0] == 0
    before = _outputs(project)
    (project.root / "outline.yaml").touch()                  # touched is not changed
    code, err = project.run(capsys, "build")
    assert code == 0
    assert err.strip() == "up to date: out/outline.pdf, out/outline.pptx"
    assert _outputs(project) == before
    # the check imports no renderer: it is what makes it instant
    script = ("import sys; from compiler.cli import main; code = main(['build']);"
              "print(code, 'weasyprint' in sys.modules, 'pptx' in sys.modules, 'pydantic' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", script], cwd=project.root, capture_output=True, text=True,
                         env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert run.stdout.split() == ["0", "False", "False", "False"], run.stderr


def test_only_the_output_whose_inputs_changed_is_rendered(project, capsys, tmp_path):
    project.write("outline.yaml", POINTS)
    assert project.run(capsys, "build")[0] == 0
    pdf = (project.root / "out" / "outline.pdf").stat().st_mtime_ns
    # a slide point is deck-only: the memo is not rendered again
    project.write("outline.yaml", POINTS.replace("Four presidents removed", "Four presidents out"))
    code, err = project.run(capsys, "build")
    assert code == 0
    assert "up to date: out/outline.pdf\nwrote out/outline.pptx\n" in err
    assert (project.root / "out" / "outline.pdf").stat().st_mtime_ns == pdf
    assert {n: b for n, (b, _) in _outputs(project).items()} == _cold(project, tmp_path, "a")
    # the memo's header is memo-only: the deck is not rendered again
    pptx = (project.root / "out" / "outline.pptx").stat().st_mtime_ns
    project.write("outline.yaml", project.outline.read_text().replace(
        'marking: "UNCLASSIFIED"', 'marking: "UNCLASSIFIED"\nmemo: {to: "Members"}'))
    code, err = project.run(capsys, "build")
    assert code == 0
    assert "up to date: out/outline.pptx\nwrote out/outline.pdf\n" in err
    assert (project.root / "out" / "outline.pptx").stat().st_mtime_ns == pptx
    assert {n: b for n, (b, _) in _outputs(project).items()} == _cold(project, tmp_path, "b")


def test_a_changed_source_or_an_edited_or_missing_output_is_built_again(project, capsys):
    assert project.run(capsys, "build")[0] == 0
    out = project.root / "out"
    good = (out / "outline.pdf").read_bytes()
    (out / "outline.pdf").write_bytes(good[:-10] + b"0123456789")      # same size, edited
    code, err = project.run(capsys, "build")
    assert "wrote out/outline.pdf" in err and (out / "outline.pdf").read_bytes() == good
    (out / "outline.pptx").unlink()
    code, err = project.run(capsys, "build")
    assert code == 0 and "wrote out/outline.pptx" in err and (out / "outline.pptx").is_file()
    # a source's text changes what a quote matches: the build runs and finds the error
    report = project.root / "sources" / "report.txt"
    report.write_text(report.read_text().replace("does not seek to isolate", "seeks to isolate"))
    code, err = project.run(capsys, "build")
    assert code == 1 and "error: quote not found in `report`" in err


def test_warnings_are_shown_again_and_strict_still_fails(project, capsys):
    project.write("sources/sources.yaml", project.root.joinpath("sources/sources.yaml").read_text()
                  .replace('  url: "https://example.org/report"',
                           '  url: "https://example.org/report"\n  reliability: unverified'))
    code, first = project.run(capsys, "build")
    assert code == 0 and "warning: quote from `report`" in first
    code, again = project.run(capsys, "build")
    assert code == 0 and "up to date:" in again
    assert [line for line in again.splitlines() if "warning" in line] == \
        [line for line in first.splitlines() if "warning" in line]
    code, strict = project.run(capsys, "build", "--strict")
    assert code == 1 and "[--strict]" in strict and "nothing written" in strict


@pytest.mark.memo_process
def test_several_briefings_build_at_once_and_each_reports_its_errors_together(project, capsys):
    project.write("second.yaml", OUTLINE.replace('title: "Test Briefing"', 'title: "Second"\noutput: second'))
    project.write("broken.yaml", OUTLINE.replace("source: report", "source: nowhere")
                  .replace("[@other]", "[@missing]").replace('title: "Test Briefing"',
                                                             'title: "Broken"\noutput: broken'))
    code, err = project.run(capsys, "build", "outline.yaml", "second.yaml", "broken.yaml")
    assert code == 1
    lines = err.splitlines()
    assert sum(line.startswith("outline.yaml: wrote out/outline.pdf, out/outline.pptx (") for line in lines) == 1
    assert sum(line.startswith("second.yaml: wrote out/second.pdf, out/second.pptx (") for line in lines) == 1
    done = lines.index("broken.yaml: 2 errors; nothing written")
    assert lines[done - 2].startswith("broken.yaml:") and "unknown source" in " ".join(lines[done - 2:done])
    assert lines[-1] == "1 of 3 briefings failed"
    assert not (project.root / "out" / "broken.pdf").exists()
    assert (project.root / "out" / "second.pptx").is_file()
    code, err = project.run(capsys, "build", "outline.yaml", "second.yaml")
    assert code == 0 and sorted(line.split(" (")[0] for line in err.splitlines()) == [
        "outline.yaml: up to date: out/outline.pdf, out/outline.pptx",
        "second.yaml: up to date: out/second.pdf, out/second.pptx"]


@pytest.mark.memo_process
def test_an_error_in_the_memo_process_is_reported_as_one_line(project, capsys):
    project.write("templates/memo.html.j2",
                  '<html><body><p>{{ b.title }}</p><img src="http://example.org/x.png"></body></html>')
    code, err = project.run(capsys, "build")
    assert code == 1
    assert "error: refused to fetch http://example.org/x.png" in err and "Traceback" not in err
    assert err.strip().endswith("1 error; nothing written")
    assert not (project.root / "out" / "outline.pdf").exists()
    assert not (project.root / "out" / "outline.pptx").exists()


@pytest.mark.memo_process
def test_a_build_beside_other_threads_renders_in_process(project, capsys):
    """A server thread (as `brief watch` runs) may hold a lock: no fork then."""
    import threading
    from compiler.builds import workers
    release = threading.Event()
    server = threading.Thread(target=release.wait)
    server.start()
    try:
        assert not workers.available()
        code, err = project.run(capsys, "build")
    finally:
        release.set()
        server.join()
    assert code == 0 and "wrote out/outline.pdf" in err and "wrote out/outline.pptx" in err
    assert workers.available() == sys.platform.startswith("linux")


CHARTS = """    figures:
      - title: Trade
        source: report
        chart: {type: column, unit: "US$ billions", categories: [2009, 2022], series: {Trade: [9, 22]}}
      - title: Shares
        source: report
        chart: {type: pie, categories: [A, B], series: {Share: [60, 40]}}
"""


@pytest.mark.memo_process
def test_charts_drawn_ahead_for_the_memo_process_give_the_in_process_memo(project, capsys, monkeypatch):
    """The main process draws the charts while the memo's process imports WeasyPrint: the
    PDF is the one a build in one process writes, and the drawn charts are cached."""
    from compiler.builds import workers
    handed = []
    render = workers.MemoProcess.render
    monkeypatch.setattr(workers.MemoProcess, "render",
                        lambda self, briefing, cache, drawn=None: (handed.append(drawn), render(self, briefing, cache, drawn)))
    project.write("outline.yaml", OUTLINE + CHARTS)
    code, err = project.run(capsys, "build", "--out", "forked")
    assert code == 0, err
    assert [len(drawn) for drawn in handed] == [2]       # the memo's process drew none itself
    cached = sorted(p.name for p in (project.root / "forked" / ".cache" / "charts").iterdir())
    assert len(cached) == 2
    monkeypatch.setattr(workers, "available", lambda: False)
    code, err = project.run(capsys, "build", "--out", "alone")
    assert code == 0, err
    assert (project.root / "forked" / "outline.pdf").read_bytes() == (project.root / "alone" / "outline.pdf").read_bytes()
    assert sorted(p.name for p in (project.root / "alone" / ".cache" / "charts").iterdir()) == cached


@pytest.mark.slow     # a cold `brief` process, interrupted
def test_ctrl_c_is_one_line_not_a_traceback(project):
    import os
    import signal
    import time
    run = subprocess.Popen([sys.executable, "-m", "compiler", "build"], cwd=project.root,
                           stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    time.sleep(0.5)                         # inside the build, before anything is written
    run.send_signal(signal.SIGINT)
    err = run.communicate(timeout=120)[1]
    if run.returncode == 0:                 # a machine fast enough to finish first: nothing to see
        pytest.skip("the build finished before the interrupt")
    assert run.returncode == 130 and err.strip().splitlines()[-1] == "brief: interrupted", err
    assert "Traceback" not in err
