"""Benchmark: the sample build, timed by stage, beside the bare libraries on the same content.

    python bench/bench_build.py [OUTLINE] [--runs N]

Prints, for the best of N warm runs in one process: the seconds in each of our stages
(load, verify, render html, weasyprint, deck, write), then WeasyPrint alone rendering
the same final HTML, and python-pptx alone opening and saving the same deck. The ratio
shows what our own stages cost on top of the two libraries we cannot avoid.
"""
from __future__ import annotations

import argparse
import io
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compiler import pipeline  # noqa: E402
from compiler.memo import render_memo_html, render_memo_pdf  # noqa: E402


def best_build(outline: str, runs: int) -> tuple[pipeline.Stages, bytes, str]:
    best = None
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            stages = pipeline.Stages()
            pipeline.build(outline, Path(out), stages=stages)
            if best is None or sum(stages.seconds.values()) < sum(best.seconds.values()):
                best = stages
        deck = next(Path(out).glob("*.pptx")).read_bytes()
    briefing = pipeline.check(outline).briefing
    return best, deck, render_memo_html(briefing)


def weasyprint_alone(html: str, base_url: str, runs: int) -> float:
    import weasyprint
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        weasyprint.HTML(string=html, base_url=base_url).write_pdf()
        times.append(time.perf_counter() - start)
    return min(times)


def pptx_alone(deck: bytes, runs: int) -> float:
    from pptx import Presentation
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        Presentation(io.BytesIO(deck)).save(io.BytesIO())
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("outline", nargs="?", default="outline.yaml")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pipeline.build(args.outline, Path(tempfile.mkdtemp()))       # warm-up: imports, fonts
    stages, deck, html = best_build(args.outline, args.runs)
    base = str(Path(args.outline).resolve().parent)
    wp, pp = weasyprint_alone(html, base, args.runs), pptx_alone(deck, args.runs)
    total = sum(stages.seconds.values())
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"sample build, best of {args.runs} warm runs in one process:")
    for name, seconds in stages.seconds.items():
        print(f"  {name:<12} {seconds * 1000:8.1f} ms")
    print(f"  {'total':<12} {total * 1000:8.1f} ms")
    print(f"WeasyPrint alone, same HTML:        {wp * 1000:8.1f} ms")
    print(f"python-pptx alone, same deck saved: {pp * 1000:8.1f} ms")
    ours = total - stages.seconds.get("weasyprint", 0)
    print(f"our stages besides WeasyPrint: {ours * 1000:.1f} ms; "
          f"build / (WeasyPrint + python-pptx alone) = {total / (wp + pp):.2f}x")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
