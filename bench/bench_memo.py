"""Benchmark: the memo's render (our final HTML -> PDF), WeasyPrint alone beside ours.

    python bench/bench_memo.py [OUTLINE ...] [--runs N]

For each outline (default: the sample; make others with
`python ../shared/bench/gen_outline.py N DIR`), each way of rendering in a fresh
process: the best of N renders after one to warm up (CPU seconds), the part of it in
WeasyPrint's footnote area (`_update_footnote_area`, where each added note re-lays-out
the page's notes), and a hash of the PDF (the same for every way, or the table says so).

  alone     WeasyPrint 70 as installed, the cycle collector on
  weasyfix  our footnote patch (compiler/render/memo/weasyfix.py)
  ours      the patch and the cycle collector paused: what `render_memo_pdf` does
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WAYS = ("alone", "weasyfix", "ours")


def child(outline: str, way: str, runs: int) -> None:
    import contextlib
    import hashlib
    import time

    from weasyprint import layout

    from compiler import pipeline
    from compiler.render.memo import pdf, render_memo_html
    briefing = pipeline.check(outline).briefing
    html = render_memo_html(briefing)
    if way in ("alone", "weasyfix"):
        pdf._collector_paused = contextlib.nullcontext
    if way != "alone":
        pdf.reuse_laid_out_notes()
    pdf.reuse_laid_out_notes = lambda: None         # applied or not, once
    spent = [0.0]
    update = layout.LayoutContext._update_footnote_area

    def timed(self):
        start = time.process_time()
        try:
            return update(self)
        finally:
            spent[0] += time.process_time() - start
    layout.LayoutContext._update_footnote_area = timed
    rows = []
    for _ in range(runs + 1):          # the first warms up: fonts, hyphenation patterns
        spent[0] = 0.0
        start = time.process_time()
        out = pdf.render_memo_pdf(briefing, html)
        rows.append((time.process_time() - start, spent[0]))
    best = min(rows[1:])
    print(json.dumps({"cpu": best[0], "footnotes": best[1], "sha": hashlib.sha256(out).hexdigest()[:12]}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("outlines", nargs="*", default=[str(ROOT / "outline.yaml")])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], args.child[1], args.runs)
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}; load average {os.getloadavg()[0]:.1f}")
    print("| outline | " + " | ".join(f"{w} CPU s (footnote area)" for w in WAYS) + " | alone / ours | PDFs |")
    print("|---|" + "---:|" * len(WAYS) + "---:|---|")
    for outline in args.outlines:
        outline = str(Path(outline).resolve())
        rows = {}
        for way in WAYS:
            run = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--runs", str(args.runs),
                                  "--child", outline, way], env={**os.environ, "PYTHONPATH": str(ROOT)},
                                 cwd=Path(outline).parent, capture_output=True, text=True)
            if run.returncode:
                raise SystemExit(run.stderr)
            rows[way] = json.loads(run.stdout.strip().splitlines()[-1])
        same = "identical" if len({r["sha"] for r in rows.values()}) == 1 else "DIFFER"
        cells = " | ".join(f"{rows[w]['cpu']:.2f} ({rows[w]['footnotes']:.2f})" for w in WAYS)
        print(f"| {outline} | {cells} | {rows['alone']['cpu'] / rows['ours']['cpu']:.2f}x | {same} |", flush=True)


if __name__ == "__main__":
    main()
