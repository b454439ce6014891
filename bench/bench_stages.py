"""Benchmark: citations, the deck and a wrong `style:`, before and after (issue 10).

    python bench/bench_stages.py [--runs N] [--base REV] [--gen PATH]

Each figure is the best of N fresh processes, run for this checkout ("after") and for
the git revision REV ("before", default: main before the work on citations and the deck),
exported to a temporary folder with `git archive`:

- citations: seconds inside `Notes` (every footnote, the deck's full and short forms,
  the sources list) while checking the sample, N = 8 and N = 80, benchmark outlines made by
  ../shared/bench/gen_outline.py (N sections of three cited paragraphs and a quote);
- deck: `render_deck` on the resolved sample and N = 80, the first call in the process
  (fonts and template loaded, python-pptx imported beforehand) and a second call;
  wall and CPU time: on a shared machine the CPU time is the one to compare;
- wrong style: a cold `python -m compiler check` of the sample with `style: chicago-note`,
  start to error.
The before revision's deck dies on N = 80's keywords (over python-pptx's 255 characters):
it is measured with empty keywords, which changes nothing else.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = "474d90c"        # main before issue 10's citation and deck work

_PROBE = r"""
import json, sys, time
kind, outline = sys.argv[1], sys.argv[2]
import compiler.model
compiler.model.Briefing.keywords = property(lambda b: ())   # the before revision crashes on them
from compiler import pipeline
try:
    from compiler.resolve.citations import notes
except ImportError:                     # a revision before the code moved into packages
    from compiler import notes
if kind == "citations":
    spent = [0.0, 0.0]
    def timed(method):
        def run(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - wall
                spent[1] += time.process_time() - cpu
        return run
    for name in ("add", "cite", "bibliography"):
        setattr(notes.Notes, name, timed(getattr(notes.Notes, name)))
    briefing = pipeline.check(outline).briefing
    print(json.dumps({"first": spent, "notes": len(briefing.footnotes)}))
else:
    briefing = pipeline.check(outline).briefing
    import pptx  # noqa: F401  (imports are not the deck's work)
    from compiler.render.deck import render_deck
    times = []
    for _ in range(2):
        wall, cpu = time.perf_counter(), time.process_time()
        render_deck(briefing)
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    print(json.dumps({"first": times[0], "second": times[1]}))
"""


def probe(code: Path, kind: str, outline: Path, runs: int) -> dict:
    """The best of `runs` fresh processes running _PROBE against the package in `code`."""
    best: dict | None = None
    for _ in range(runs):
        # cwd: a folder with no `compiler` in it, which would come first on sys.path
        out = subprocess.run([sys.executable, "-c", _PROBE, kind, str(outline)], capture_output=True,
                             text=True, check=True, cwd=code, env={**os.environ, "PYTHONPATH": str(code)}).stdout
        result = json.loads(out.splitlines()[-1])
        if best is None or result["first"][1] < best["first"][1]:      # least CPU
            best = result
    return best


def wrong_style(code: Path, sample: Path, runs: int) -> tuple[float, float]:
    """Seconds (wall, CPU) from a cold start to the error for `style: chicago-note`."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "brief"
        shutil.copytree(sample, folder, ignore=shutil.ignore_patterns(
            "out", ".git", "compiler", "tests", "bench", "scripts"))
        outline = folder / "outline.yaml"
        outline.write_text("style: chicago-note\n" + outline.read_text(encoding="utf-8"), encoding="utf-8")
        times = []
        for _ in range(runs):
            start, cpu = time.perf_counter(), _children_cpu()
            run = subprocess.run([sys.executable, "-m", "compiler", "check", str(outline)], capture_output=True,
                                 text=True, cwd=folder, env={**os.environ, "PYTHONPATH": str(code)})
            times.append((time.perf_counter() - start, _children_cpu() - cpu))
            assert run.returncode == 1 and "unknown citation style" in run.stderr, run.stderr
        return min(times, key=lambda t: t[1])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def generated(gen: Path, n: int, where: Path) -> Path:
    subprocess.run([sys.executable, str(gen), str(n), str(where / f"b{n}")], check=True, capture_output=True)
    return where / f"b{n}" / "outline.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base", default=BASE, help="git revision measured as 'before'")
    parser.add_argument("--gen", type=Path, default=next(
        (p for p in (ROOT.parent / "shared/bench/gen_outline.py", Path("/work/shared/bench/gen_outline.py"))
         if p.is_file()), None))
    args = parser.parse_args()
    if args.gen is None:
        parser.error("no gen_outline.py found: give --gen PATH")
    import citeproc
    import pptx
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"CPython {platform.python_version()}, python-pptx {pptx.__version__}, "
          f"citeproc-py {getattr(citeproc, '__version__', '0.11')}; best of {args.runs} processes\n")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        before = tmp / "before"
        before.mkdir()
        archive = subprocess.run(["git", "archive", args.base, "compiler"], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        outlines = {"sample": ROOT / "outline.yaml", "N = 8": generated(args.gen, 8, tmp),
                    "N = 80": generated(args.gen, 80, tmp)}
        rows = []
        for name, outline in outlines.items():
            was, now = probe(before, "citations", outline, args.runs), probe(ROOT, "citations", outline, args.runs)
            rows.append((f"citations, {name} ({now['notes']} notes)", was["first"], now["first"]))
        for name in ("sample", "N = 80"):
            was, now = probe(before, "deck", outlines[name], args.runs), probe(ROOT, "deck", outlines[name], args.runs)
            rows.append((f"deck, {name}, first in process", was["first"], now["first"]))
            rows.append((f"deck, {name}, again", was["second"], now["second"]))
        rows.append(("wrong `style:`, cold `brief check` to the error",
                     wrong_style(before, ROOT, args.runs), wrong_style(ROOT, ROOT, args.runs)))
    load = os.getloadavg()[0]
    print(f"Load average at the end: {load:.1f} on {os.cpu_count()} cores (wall time suffers first when "
          "the machine is shared; CPU time is the process's own)\n")
    print(f"| {'what':<48} | {'before, wall':>12} | {'after, wall':>11} | {'before, CPU':>11} | "
          f"{'after, CPU':>10} | {'ratio (CPU)':>11} |")
    print(f"|{'-' * 50}|{'-' * 13}:|{'-' * 12}:|{'-' * 12}:|{'-' * 11}:|{'-' * 12}:|")
    for what, was, now in rows:
        print(f"| {what:<48} | {_ms(was[0]):>12} | {_ms(now[0]):>11} | {_ms(was[1]):>11} | {_ms(now[1]):>10} | "
              f"{was[1] / now[1]:>10.1f}x |")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


if __name__ == "__main__":
    main()
