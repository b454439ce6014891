"""Kind 8: third-party warnings never reach the terminal raw."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import OUTLINE
from kit import hostile  # noqa: F401 (fixture)


def _brief(hostile, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "compiler", *args], cwd=hostile.root,
                          capture_output=True, text=True)


@pytest.mark.slow     # what a cold `brief` process prints to the terminal
def test_a_malformed_bibtex_block_is_reported_once_in_our_words(hostile):
    hostile.write("sources/c.bib", "@report{report,\n title={Peru},\n year={2024},\n file={report.txt}\n}\n"
                  "@misc{other,\n title={O},\n file={other.txt}\n}\n@misc{bad, title={x}\n junk junk\n")
    hostile.write("outline.yaml", OUTLINE.replace("marking:", "sources: sources/c.bib\nmarking:"))
    run = _brief(hostile, "check")
    assert run.returncode == 1
    assert run.stderr.splitlines() == ["sources/c.bib:10:1: error: malformed BibTeX entry: syntax error",
                                       "1 error; checked"]


@pytest.mark.slow     # what a cold `brief` process prints to the terminal
def test_glyphs_matplotlib_lacks_print_no_warning(hostile):
    hostile.write("outline.yaml", OUTLINE + (
        "    figures:\n      - title: T\n        source: report\n        chart:\n          type: column\n"
        "          categories: ['🚀 one', '漢字']\n          series: {'x ☃': [1, 2]}\n"))
    run = _brief(hostile, "build")
    assert run.returncode == 0, run.stderr
    assert [line for line in run.stderr.splitlines() if not line.startswith("wrote ")] == []


@pytest.mark.slow     # what a cold `brief` process prints to the terminal
def test_a_huge_picture_gets_our_error_not_pillows_warning(hostile):
    from PIL import Image
    Image.new("1", (10_000, 10_000)).save(hostile.root / "big.png")   # 100 MP: Pillow warns
    hostile.write("outline.yaml", OUTLINE + "    figures:\n      - title: T\n        image: big.png\n        alt: A picture\n")
    run = _brief(hostile, "check")
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "outline.yaml:14:16: error: image `big.png` is 10,000 x 10,000 pixels; the limit is 20,000 "
        "pixels a side and 40,000,000 in all", "1 error; checked"]


@pytest.mark.slow     # what a cold `brief` process prints to the terminal
def test_a_chart_too_crowded_for_tight_layout_prints_no_warning(hostile):
    long = "a very long category name " * 12
    hostile.write("outline.yaml", OUTLINE + (
        "    figures:\n      - title: T\n        source: report\n        chart:\n          type: bar\n"
        f"          categories: ['{long}', b]\n          series: {{x: [1, 2]}}\n"))
    run = _brief(hostile, "build")
    assert run.returncode == 0, run.stderr
    assert [line for line in run.stderr.splitlines() if not line.startswith("wrote ")] == []
