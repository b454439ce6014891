"""Benchmark: `brief watch`'s rebuild after a one-sentence edit, in its warm process.

    python bench/bench_watch.py [OUTLINE] [--edits N] [--code DIR]

Copies the briefing (the outline, sources/, assets/, templates/) into a temp folder, then
in one child process (PYTHONPATH=DIR, default this checkout) drives the watch's own
`Builder` as `brief watch` does after a save: a first build, then N edits, each adding
a word to one sentence of the first section's body and rebuilding. Printed: the seconds
from the edit to the memo's new pages in the preview (build and rasterised pages, what
the watch logs as "memo: N pages in X s"), the build's stages, and the CPU seconds. The
deck's pictures (LibreOffice, in the background) are not drawn.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("indeed", "clearly", "again", "still", "now", "also", "often", "surely")


def child(outline: str, edits: int) -> None:
    """In the child: the watch's Builder, a thread running beside it as the server's does
    (so the memo renders in-process, as in `brief watch`)."""
    import threading
    import time

    from compiler.watch.preview import Builder, Preview
    server_stand_in = threading.Event()
    threading.Thread(target=server_stand_in.wait, daemon=True).start()

    class NoPictures:
        def submit(self, pptx: bytes) -> None:
            pass

    path = Path(outline)
    preview = Preview(outline, path.parent / "out")
    builder = Builder(preview, NoPictures(), lambda message: None)
    original = path.read_text(encoding="utf-8")
    body = re.search(r"body: *[|>'\"]?", original)
    sentence_end = original.index(". ", body.end())
    rows = []
    for i in range(edits + 1):
        if i:
            word = WORDS[(i - 1) % len(WORDS)]
            path.write_text(original[:sentence_end] + f" {word}" + original[sentence_end:], encoding="utf-8")
        cpu, started = time.process_time(), time.perf_counter()
        from compiler import pipeline
        stages = pipeline.Stages()
        real_build = pipeline.build

        def build(*args, **kwargs):
            return real_build(*args, **{**kwargs, "stages": stages})
        pipeline.build = build
        try:
            builder.build(deck=True, started=started)
        finally:
            pipeline.build = real_build
        if preview.failed:
            raise SystemExit(f"build failed: {preview.problems}")
        rows.append({"edit": i, "memo_seconds": preview.memo_seconds, "cpu": time.process_time() - cpu,
                     "pages": len(preview.memo.pages), "stages": stages.seconds})
    server_stand_in.set()
    print(json.dumps(rows))


def copy_briefing(outline: Path, into: Path) -> Path:
    for name in ("sources", "assets", "templates"):
        if (outline.parent / name).is_dir():
            shutil.copytree(outline.parent / name, into / name)
    shutil.copy(outline, into / outline.name)
    return into / outline.name


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("outline", nargs="?", default=str(ROOT / "outline.yaml"))
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--code", default=str(ROOT), help="checkout to build with (PYTHONPATH)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.outline, args.edits)
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}; load average {os.getloadavg()[0]:.1f}; code: {args.code}")
    with tempfile.TemporaryDirectory() as tmp:
        outline = copy_briefing(Path(args.outline).resolve(), Path(tmp))
        run = subprocess.run([sys.executable, str(Path(__file__).resolve()), str(outline), "--edits",
                              str(args.edits), "--child"], env={**os.environ, "PYTHONPATH": args.code},
                             cwd=tmp, capture_output=True, text=True)
        if run.returncode:
            raise SystemExit(run.stderr)
        rows = json.loads(run.stdout.strip().splitlines()[-1])
    print("| build | edit -> memo in the preview s | CPU s | pages | stages s |")
    print("|---|---:|---:|---:|---|")
    for row in rows:
        what = "first (cold process)" if row["edit"] == 0 else f"edit {row['edit']}"
        stages = ", ".join(f"{k} {v:.2f}" for k, v in row["stages"].items())
        print(f"| {what} | {row['memo_seconds']:.2f} | {row['cpu']:.2f} | {row['pages']} | {stages} |")
    warm = sorted(r["memo_seconds"] for r in rows[1:])
    if warm:
        print(f"\nedits: median {warm[len(warm) // 2]:.2f} s, best {warm[0]:.2f} s")


if __name__ == "__main__":
    main()
