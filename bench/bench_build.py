"""Benchmark: `brief build`, cold process, beside WeasyPrint alone on the same final HTML.

    python bench/bench_build.py [OUTLINE ...] [--runs N] [--code DIR]

For each outline (default: the sample; make others with
`python ../shared/bench/gen_outline.py N DIR`): the best of N cold `brief build` runs
into an empty output folder (wall seconds, peak memory of the largest process), one
unchanged rebuild into the same folder, then WeasyPrint alone in a cold process
rendering the memo's final HTML (written by our renderer; the best of N), and the ratio
build / WeasyPrint. `--code DIR` runs the build from another checkout (PYTHONPATH=DIR),
for before-and-after tables.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEASYPRINT_ALONE = ("import sys, weasyprint; "
                    "weasyprint.HTML(filename=sys.argv[1], base_url=sys.argv[2]).write_pdf(sys.argv[3], pdf_tags=True)")
# One cold build in-process, by stage: each stage's seconds, and the CPU seconds of this
# process and of the memo process (imports included). On an idle machine the build's
# wall time is about the larger of the two CPU figures.
STAGES = ("import json, sys, tempfile, time; from pathlib import Path; from compiler import pipeline; "
          "s = pipeline.Stages(); pipeline.build(sys.argv[1], Path(tempfile.mkdtemp()), stages=s); "
          "print(json.dumps({**s.seconds, 'main process CPU': time.process_time()}))")
FINAL_HTML = ("import sys; from pathlib import Path; from compiler import pipeline; "
              "from compiler.render.memo import render_memo_html; "
              "Path(sys.argv[2]).write_text(render_memo_html(pipeline.check(sys.argv[1]).briefing))")


def timed(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float, int, str, float]:
    """(wall seconds, peak MB of the largest process, exit status, stderr, CPU seconds
    of all its processes) of one cold child process. Peak memory and CPU: getrusage of
    the children waited for, measured apart from the others by running each command
    from a fresh measuring process. On a machine other work keeps busy, CPU seconds
    compare better than wall seconds."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "w = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "print(w, u.ru_maxrss / 1024, r.returncode, u.ru_utime + u.ru_stime); "
             "sys.stderr.write(r.stderr)")
    run = subprocess.run([sys.executable, "-c", probe, *cmd], env=env, cwd=cwd,
                         capture_output=True, text=True)
    wall, peak, code, cpu = run.stdout.split()
    return float(wall), float(peak), int(code), run.stderr, float(cpu)


def bench(outline: Path, runs: int, code: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code)}
    brief = [sys.executable, "-m", "compiler", "build", str(outline)]
    builds = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            builds.append(timed(brief + ["--out", out], env, outline.parent))
            if len(builds) == 1:
                rebuild = timed(brief + ["--out", out], env, outline.parent)
    best = min(builds)
    with tempfile.TemporaryDirectory() as tmp:
        html, pdf = Path(tmp) / "memo.html", Path(tmp) / "memo.pdf"
        subprocess.run([sys.executable, "-c", FINAL_HTML, str(outline), str(html)], env=env,
                       cwd=outline.parent, check=True, capture_output=True)
        alone = min(timed([sys.executable, "-c", WEASYPRINT_ALONE, str(html), outline.parent.as_uri() + "/",
                           str(pdf)], env, outline.parent) for _ in range(runs))
    stages = json.loads(subprocess.run([sys.executable, "-c", STAGES, str(outline)], env=env,
                                       cwd=outline.parent, capture_output=True, text=True).stdout or "{}")
    return {"outline": str(outline), "build": best, "rebuild": rebuild, "alone": alone, "stages": stages}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("outlines", nargs="*", default=[str(ROOT / "outline.yaml")])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", default=str(ROOT), help="checkout to build with (PYTHONPATH)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, "
          f"{platform.python_implementation()} {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.1f}; code: {args.code}")
    print("| outline | build s (CPU s) | peak MB | WeasyPrint alone s (CPU s) | peak MB | ratio wall (CPU) "
          "| unchanged rebuild s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    stages = []
    for outline in args.outlines:
        r = bench(Path(outline).resolve(), args.runs, Path(args.code))
        (bw, bm, bc, berr, bu), (aw, am, _, _, au), (rw, *_) = r["build"], r["alone"], r["rebuild"]
        status = "" if bc == 0 else f" (exit {bc}: {berr.strip().splitlines()[-1][:80]})"
        print(f"| {outline} | {bw:.2f} ({bu:.2f}){status} | {bm:.0f} | {aw:.2f} ({au:.2f}) | {am:.0f} | "
              f"{bw / aw:.2f}x ({bu / au:.2f}x) | {rw:.2f} |", flush=True)
        stages.append((outline, r["stages"], au))
    print("\nby stage (one cold build in-process; seconds; CPU of each process, imports included):")
    for outline, seconds, alone_cpu in stages:
        print(f"  {outline}: " + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items()))
        cpu = [seconds.get("main process CPU", 0), seconds.get("memo process CPU", 0)]
        print(f"    idle-machine estimate: max(main, memo) CPU = {max(cpu):.2f} s = "
              f"{max(cpu) / alone_cpu:.2f}x WeasyPrint alone's {alone_cpu:.2f} CPU s")


if __name__ == "__main__":
    main()
