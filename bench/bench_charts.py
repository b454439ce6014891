"""Benchmark: a briefing with 20 charts, built cold (empty chart cache) and warm.

    python bench/bench_charts.py [--charts 20]

Prints the seconds of each build stage, cold then warm: the warm memo reads every
chart's SVG from out/.cache/charts instead of drawing it with matplotlib again.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compiler import pipeline  # noqa: E402

KINDS = ["column", "bar", "line", "pie"]


def write_briefing(root: Path, charts: int) -> Path:
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "data.txt").write_text("Synthetic figures for a benchmark.\n")
    (root / "sources" / "sources.yaml").write_text("data:\n  file: data.txt\n  title: Benchmark Data\n")
    figures = "".join(f"""\
      - title: "Chart {n}"
        source: data
        chart:
          type: {KINDS[n % 4]}
          unit: "units"
          categories: [A, B, C, D, E]
          series:
            First: [{n}, {n + 3}, {n + 1}, {n + 5}, {n + 2}]
""" + (f"            Second: [{n + 2}, {n}, {n + 4}, {n + 1}, {n + 3}]\n" if KINDS[n % 4] != "pie" else "")
        for n in range(1, charts + 1))
    outline = root / "outline.yaml"
    outline.write_text(f"""\
title: "Twenty charts"
date: 2026-11-22
sections:
  - title: "Charts"
    body: "All of them [@data]."
    figures:
{figures}""")
    return outline


def timed_build(outline: Path) -> tuple[float, pipeline.Stages]:
    stages = pipeline.Stages()
    start = time.perf_counter()
    pipeline.build(str(outline), stages=stages)
    return time.perf_counter() - start, stages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--charts", type=int, default=20)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp())
    try:
        outline = write_briefing(root / "brief", args.charts)
        pipeline.build(str(outline))                         # warm the imports and fonts
        shutil.rmtree(outline.parent / "out")
        for label in ("cold", "warm"):
            total, stages = timed_build(outline)
            parts = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.seconds.items())
            print(f"{args.charts} charts, {label}: {total:.2f} s ({parts})")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
