"""Shared fixtures: a small briefing project written into a temp folder; the sample (the
repository's own outline) and the every-kind outline built once per test session; the
`build` and `errors_of` helpers every test file uses."""
from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import textwrap
from pathlib import Path
from typing import Callable

import pytest

from compiler.cli import main

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent          # tests/data, tests/golden

REPORT = """\
Peru: A Test Report

Peru's congress has removed or forced out four of six presidents since 2018, a record
that weakens every government's ability to plan.

Under the 2009 trade agreement, U.S. trade with Peru more than doubled, from $9 billion
in 2009 to over $22 billion in 2022. The United States does not seek to isolate Peru.

Migration is "the defining issue" for the region, officials say.
"""

OTHER = """\
Another paper about the Andean region.

Drug seizures rose sharply over the past year, straining the police.
"""

CATALOG = """\
report:
  file: report.txt
  title: "Peru: A Test Report"
  author: ["Ana Diaz", "Ben Roe"]
  publisher: "Test Institute"
  number: "TR-1"
  date: 2024-01-10
  url: "https://example.org/report"
other:
  file: other.txt
  title: "Another Paper"
"""

OUTLINE = """\
title: "Test Briefing"
date: 2026-11-22
marking: "UNCLASSIFIED"
sections:
  - title: "Summary"
    body: |
      Peru's congress has removed four presidents [@report, p. 1].
      Seizures rose [@other].
    quotes:
      - text: "The United States does not seek to isolate Peru."
        source: report
"""


class Project:
    """A briefing folder in tmp_path, with helpers to run the CLI on it."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    @property
    def outline(self) -> Path:
        return self.root / "outline.yaml"

    def run(self, capsys, *args: str) -> tuple[int, str]:
        """Run `brief ARGS` in-process; returns (exit status, stderr lines)."""
        code = main(list(args))
        return code, capsys.readouterr().err

    def out(self, suffix: str, name: str = "outline") -> Path:
        """The output `out/NAME.SUFFIX` of the last build."""
        return self.root / "out" / f"{name}.{suffix}"


def build(project: Project, capsys, *args: str, outline: str | None = None) -> str:
    """`brief build ARGS` in-process (after writing `outline`, if given), which must
    succeed without a traceback; returns what it printed on stderr."""
    if outline is not None:
        project.write("outline.yaml", outline)
    code, err = project.run(capsys, "build", *args)
    assert code == 0, err
    assert "Traceback" not in err, err
    return err


def errors_of(project: Project, capsys, *args: str, outline: str | None = None) -> list[str]:
    """The error lines of `brief check ARGS` (after writing `outline`, if given), which
    must fail with exit status 1 and no traceback."""
    if outline is not None:
        project.write("outline.yaml", outline)
    code, err = project.run(capsys, "check", *args)
    assert code == 1, err
    assert "Traceback" not in err, err
    return [line for line in err.splitlines() if ": error: " in line]


def shared_folder(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once per test session, whichever xdist worker asks first: `make(folder)`
    runs under a file lock; the other workers wait for it and reuse the folder. Tests must
    not change it (copy it first)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent              # the folder all workers' temp folders sit in
    folder = base / f"shared-{name}"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".made").is_file():
            shutil.rmtree(folder, ignore_errors=True)       # a make that failed half way
            make(folder)
            (folder / ".made").touch()
    return folder


def copy_sample(dest: Path) -> Path:
    """The repository's sample briefing (outline.yaml, sources/, assets/) copied to `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "outline.yaml", dest / "outline.yaml")
    for folder in ("sources", "assets"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder)
    return dest


def build_in_process(root: Path) -> str:
    """`brief build` of the briefing in `root`, in this process (its imports and font
    caches are warm); asserts success with no traceback and returns stderr."""
    err = io.StringIO()
    cwd = os.getcwd()
    try:
        os.chdir(root)
        with contextlib.redirect_stderr(err):
            code = main(["build"])
    finally:
        os.chdir(cwd)
    assert code == 0, err.getvalue()
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return err.getvalue()


@pytest.fixture(scope="session")
def sample_folder(tmp_path_factory) -> Path:
    """The sample briefing built once per session (in-process): its folder, with out/."""
    return shared_folder(tmp_path_factory, "sample", lambda folder: build_in_process(copy_sample(folder)))


@pytest.fixture
def project(tmp_path, monkeypatch, request) -> Project:
    """The small briefing above in tmp_path (the current folder). Its builds render the memo
    in this process, whose WeasyPrint caches are warm, instead of forking a child for it
    as `brief build` does (a child warms them again, at three times the CPU): tests marked
    `memo_process` keep the fork, and so do the subprocess and sample builds."""
    if not request.node.get_closest_marker("memo_process"):
        from compiler.builds import workers
        monkeypatch.setattr(workers, "available", lambda: False)
    p = Project(tmp_path / "brief")
    p.write("sources/report.txt", REPORT)
    p.write("sources/other.txt", OTHER)
    p.write("sources/sources.yaml", CATALOG)
    p.write("outline.yaml", OUTLINE)
    monkeypatch.chdir(p.root)
    return p
