"""Golden HTML of the memo: the cheap, reviewable check of the template.

When a change to the template or the notes is intended, regenerate and review the diff:

    REGENERATE_GOLDEN=1 python -m pytest tests/render/memo/test_golden.py
"""
from __future__ import annotations

import os
from pathlib import Path

from compiler import pipeline
from compiler.render.memo import render_memo_html
from conftest import OUTLINE
from conftest import TESTS

GOLDEN = TESTS / "golden" / "memo.html"


def test_memo_html_matches_the_golden_copy(project):
    project.write("outline.yaml", OUTLINE.replace(
        "Seizures rose [@other].", "Seizures *rose* [@other]; see the\n      [report](https://example.org/report)."))
    html = render_memo_html(pipeline.check(str(project.outline)).briefing)
    if os.environ.get("REGENERATE_GOLDEN"):
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8"), \
        "memo HTML changed: review it, then REGENERATE_GOLDEN=1 python -m pytest tests/render/memo/test_golden.py"
