"""`brief build A.yaml [B.yaml ...]`: each briefing built once, several on every core.

A briefing whose inputs did not change since its last build is reported "up to date"
without importing any parser or renderer (incremental.py). One briefing builds in this
process, its memo on the second core (workers.py); several build one per core, each
in a process of its own, and each one's outcome comes back whole, so its problems are
printed together.
"""
from __future__ import annotations

import os
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from compiler.builds import incremental
from compiler.diagnostics import BriefError, Problem
from compiler.model import Location


@dataclass
class Outcome:
    outline: str
    ok: bool
    problems: list[Problem] = field(default_factory=list)   # warnings, or errors and warnings
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    crash: str = ""              # a bug: the traceback, shown with the briefing it broke


def build_all(outlines: list[str], out_dir: Path | None, only: str | None,
              strict: bool) -> Iterator[Outcome]:
    """Each outline's outcome, in the order they finish."""
    if len(outlines) == 1:
        yield build_one(outlines[0], out_dir, only, strict, parallel=True, catch_bugs=False)
        return
    import concurrent.futures as futures
    import multiprocessing

    from compiler.builds import workers
    cores = os.cpu_count() or 1
    jobs = min(len(outlines), cores)
    context = multiprocessing.get_context("fork") if workers.available() else None
    # cores to spare: each briefing may also put its memo on a core of its own
    parallel = cores >= 2 * len(outlines)
    with futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        running = [pool.submit(build_one, outline, out_dir, only, strict, parallel, True)
                   for outline in outlines]
        for done in futures.as_completed(running):
            yield done.result()


def build_one(outline: str, out_dir: Path | None, only: str | None, strict: bool,
              parallel: bool, catch_bugs: bool) -> Outcome:
    start = time.perf_counter()
    fresh = incremental.up_to_date(outline, out_dir, only, strict)
    if fresh:
        return Outcome(outline, True, [_problem(w) for w in fresh.warnings],
                       unchanged=fresh.paths, seconds=time.perf_counter() - start)
    memo = None
    if parallel and only in (None, "pdf"):
        from compiler.builds import workers  # forked before the parsers are imported: see workers.py
        memo = workers.MemoProcess() if workers.available() else None
    try:
        from compiler import pipeline
        built = pipeline.build(outline, out_dir, only, strict=strict, parallel=parallel,
                               memo_process=memo)
    except BriefError as e:
        return Outcome(outline, False, e.problems, seconds=time.perf_counter() - start)
    except Exception:
        if not catch_bugs:
            raise
        return Outcome(outline, False, crash=traceback.format_exc(), seconds=time.perf_counter() - start)
    return Outcome(outline, True, built.warnings, built.paths, built.unchanged,
                   time.perf_counter() - start)


def _problem(stored: list) -> Problem:
    """A warning as `incremental.record` stored it: [[file, line, col] or None, message]."""
    where, message = stored
    return Problem(Location(*where) if where else None, "warning", message)
