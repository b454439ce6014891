"""The memo on the second core.

A build forks a memo process first, before it even imports the parsers: the child
imports WeasyPrint (most of a second: loading Pango, parsing its style sheets) while the
parent imports the rest, reads the outline, verifies quotes and formats citations; then the parent sends the frozen `Briefing`,
renders the deck itself and takes the PDF's bytes back. Both renderers read only the
`Briefing`, so the bytes are those of an in-process build. Where `fork` is not
available (or not safe: off Linux) the build renders in-process, one output after the other.
"""
from __future__ import annotations

import multiprocessing
import sys
import threading
import time
import traceback
from pathlib import Path

from compiler.diagnostics import BriefError


def available() -> bool:
    """Fork is safe on Linux from a single-threaded process (a thread holding a lock at
    the fork, the import lock say, would hang the child: `brief watch` serves pages from
    a thread); macOS's system libraries are not fork-safe at all."""
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


class ChildTraceback(Exception):
    """The memo process's traceback, as the cause of the parent's error."""

    def __str__(self) -> str:
        return "\n" + self.args[0].rstrip()


class MemoProcess:
    """A forked child that renders one memo: start, then `render`, or `close` unused."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(target=_serve, args=(child_conn,), daemon=True,
                                        name="brief-memo")
        self._process.start()
        child_conn.close()
        self._done = False

    def render(self, briefing, chart_cache: Path | None, drawn: dict[str, str] | None = None) -> None:
        """Hand the briefing over (with the charts the caller drew for it); the child
        renders while the caller goes on."""
        self._conn.send((briefing, chart_cache, drawn or {}))

    def result(self) -> tuple[bytes, dict[str, float]]:
        """The PDF's bytes and the child's stage seconds; its BriefError raised here."""
        try:
            kind, value, seconds = self._conn.recv()
            self._done = True
        except EOFError:
            self._process.join()
            raise RuntimeError(f"the memo process stopped (exit status {self._process.exitcode})") from None
        if kind == "error":
            raise BriefError(value)
        if kind == "crash":         # one line for the user; the child's traceback under --debug
            summary, trace = value
            raise RuntimeError(f"the memo process failed: {summary}") from ChildTraceback(trace)
        pdf, drawn = value
        from compiler.render.memo.chartcache import adopt_pending_charts
        adopt_pending_charts(drawn)
        return pdf, seconds

    def close(self) -> None:
        """Stop the child. One that gave its result is exiting; any other is killed: it
        was only importing (a failed check, or a memo that did not change, sends nothing)
        or its work is no longer wanted (the deck failed)."""
        if self._done:
            self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._conn.close()


def _serve(conn) -> None:
    try:
        from compiler.render.memo import render_memo_html, render_memo_pdf  # the slow import, overlapped
        _warm_up()
        job = conn.recv()
        if job is None:
            return
        briefing, chart_cache, drawn = job
        from compiler.render.memo.chartcache import hand_over
        hand_over(chart_cache, drawn)
        start = time.perf_counter()
        html = render_memo_html(briefing, chart_cache)
        middle = time.perf_counter()
        pdf = render_memo_pdf(briefing, html)
        # CPU seconds of this process, imports included: what the memo costs a core
        from compiler.render.memo.chartcache import pending_charts  # the parent keeps them once the build is written
        conn.send(("ok", (pdf, pending_charts()), {"render html": middle - start, "weasyprint": time.perf_counter() - middle,
                               "memo process CPU": time.process_time()}))
    except BriefError as e:
        conn.send(("error", e.problems, {}))
    except (EOFError, KeyboardInterrupt):
        pass
    except BaseException as e:               # a bug: the parent reports it
        conn.send(("crash", (f"{type(e).__name__}: {e}", traceback.format_exc()), {}))
    finally:
        conn.close()


def _warm_up() -> None:
    """Load what every memo needs before the briefing arrives: the hyphenation
    patterns (a quarter of a second of parsing; pyphen keeps them per process)."""
    import pyphen
    pyphen.Pyphen(lang=pyphen.language_fallback("en"))
