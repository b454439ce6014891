"""Shared fixtures: a small briefing project written into a temp folder."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from compiler.cli import main

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


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    p = Project(tmp_path / "brief")
    p.write("sources/report.txt", REPORT)
    p.write("sources/other.txt", OTHER)
    p.write("sources/sources.yaml", CATALOG)
    p.write("outline.yaml", OUTLINE)
    monkeypatch.chdir(p.root)
    return p
