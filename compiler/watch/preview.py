"""What the preview shows, and the builds that change it.

`Preview` is the state the page reads (`snapshot()` -> /state.json); every change bumps
`version` and wakes the page's event stream. `Builder` runs a build in the warm process:
the memo first (what the writer is looking at), then the deck, whose pictures LibreOffice
draws in the background (`DeckPictures`). While the outline has errors the last good
pages stay, marked stale.
"""
from __future__ import annotations

import json
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from compiler.diagnostics import BriefError, Problem
from compiler.watch.rasterise import Pages, SlideInfo, Soffice, SofficeMissing, slide_texts

MEMO_SCALE = 2.0          # 144 dpi: sharp at 200 % zoom and on high-dpi screens
SLIDE_SCALE = 1.5         # 1440 px wide: thumbnails stay sharp when opened large


@dataclass
class Preview:
    outline: str
    out_dir: Path
    title: str = ""
    version: int = 0
    building: str = "memo"                  # "memo" | "deck" | ""
    problems: list[dict] = field(default_factory=list)
    failed: bool = False                    # the last build had errors: pages are stale
    memo: Pages | None = None
    memo_version: int = 0
    memo_seconds: float | None = None
    built_at: str = ""
    slides: list[SlideInfo] = field(default_factory=list)
    deck_pictures: Pages | None = None
    deck_version: int = 0
    pictures_current: bool = False          # drawn from the deck the slides list shows
    deck_status: str = ""
    outputs: dict[str, Path] = field(default_factory=dict)
    stopping: bool = False
    cond: threading.Condition = field(default_factory=threading.Condition)

    def update(self, **changes) -> None:
        with self.cond:
            for name, value in changes.items():
                setattr(self, name, value)
            self.version += 1
            self.cond.notify_all()

    def wait_for_change(self, seen: int, timeout: float) -> int:
        with self.cond:
            self.cond.wait_for(lambda: self.version != seen or self.stopping, timeout)
            return self.version

    def snapshot(self) -> dict:
        with self.cond:
            pdf = next((n for n in self.outputs if n.endswith(".pdf")), None)
            pptx = next((n for n in self.outputs if n.endswith(".pptx")), None)
            memo = self.memo and {
                "version": self.memo_version, "seconds": self.memo_seconds, "built_at": self.built_at,
                "pages": [{"w": p.width, "h": p.height, "text": p.text} for p in self.memo.pages]}
            pictures = self.deck_pictures.pages if self.deck_pictures else []
            deck = {
                "version": self.deck_version, "current": self.pictures_current, "status": self.deck_status,
                "slides": [{"title": s.title, "source": s.source_line, "notes": s.notes,
                            "picture": {"w": pictures[i].width, "h": pictures[i].height} if i < len(pictures) else None}
                           for i, s in enumerate(self.slides)]}
            return {"version": self.version, "outline": self.outline, "title": self.title, "building": self.building,
                    "problems": self.problems, "failed": self.failed, "memo": memo, "deck": deck,
                    "pdf": pdf and f"/download/{pdf}", "pptx": pptx and f"/download/{pptx}",
                    "provenance": "/provenance" if any(n.endswith(".provenance.json") for n in self.outputs) else None}

    def stop(self) -> None:
        self.update(stopping=True)


def shown(problem: Problem) -> dict:
    """A problem as the page lists it: FILE:LINE:COL, message, and the line it points at."""
    loc = problem.location
    return {"where": str(loc) if loc else "", "severity": problem.severity, "message": problem.message,
            "line": _line(loc.file, loc.line) if loc else "", "lineno": loc.line if loc else None,
            "col": loc.col if loc else None}


def _line(file: str, number: int) -> str:
    try:
        lines = Path(file).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return lines[number - 1] if 0 < number <= len(lines) else ""


class DeckPictures(threading.Thread):
    """Draws the latest deck with LibreOffice, in the background; a deck that arrives while
    one is being drawn waits, and only the newest waiting one is drawn."""

    def __init__(self, preview: Preview, soffice: Soffice, log):
        super().__init__(name="deck-pictures", daemon=True)
        self.preview, self.soffice, self.log = preview, soffice, log
        self._pending: bytes | None = None
        self._wake = threading.Event()

    def submit(self, pptx: bytes) -> None:
        self._pending = pptx
        self._wake.set()

    def run(self) -> None:
        while not self.preview.stopping:
            self._wake.wait(1.0)
            pptx, self._pending = self._pending, None
            if pptx is None:
                continue
            self._wake.clear()
            started = time.perf_counter()
            try:
                pictures = Pages(self.soffice.to_pdf(pptx), SLIDE_SCALE)
            except SofficeMissing as e:
                if not self.preview.stopping:
                    self.preview.update(deck_status=str(e))
                continue
            except Exception:                   # a bug must not stop the watch
                traceback.print_exc()
                continue
            if self._pending is None:           # else a newer deck is on its way
                self.preview.update(deck_pictures=pictures, deck_version=self.preview.deck_version + 1,
                                    pictures_current=True, deck_status="")
                self.log(f"slide pictures drawn in {time.perf_counter() - started:.1f} s")


class Builder:
    """Builds through the pipeline's public `build`, memo then deck, and shows the result."""

    def __init__(self, preview: Preview, pictures: DeckPictures, log):
        self.preview, self.pictures, self.log = preview, pictures, log
        self._last_pdf: bytes | None = None
        self._last_pptx: bytes | None = None

    def build(self, deck: bool = True, started: float | None = None) -> None:
        from compiler import pipeline
        started = started or time.perf_counter()
        p = self.preview
        p.update(building="memo")
        stages = pipeline.Stages()
        try:
            # one build for both outputs: verifying twice would cost more than the deck's
            # render; an incremental build keeps what did not change (then in `unchanged`)
            built = pipeline.build(p.outline, p.out_dir, only=None if deck else "pdf", stages=stages)
            every = [*built.paths, *built.unchanged]
            pdf_path = next(path for path in every if path.suffix == ".pdf")
            pdf = pdf_path.read_bytes()
            changed = pdf != self._last_pdf
            memo = Pages(pdf, MEMO_SCALE) if changed or p.memo is None else p.memo
            self._last_pdf = pdf
            seconds = time.perf_counter() - started
            p.update(title=_title(every) or p.title, memo=memo, memo_version=p.memo_version + changed, memo_seconds=round(seconds, 2),
                     built_at=time.strftime("%H:%M:%S"), problems=[shown(w) for w in built.warnings],
                     failed=False, building="deck" if deck else "",
                     outputs={**p.outputs, **{path.name: path for path in every}})
            build = sum(stages.seconds.values())
            self.log(f"memo: {len(memo.pages)} pages in {seconds:.2f} s (build {build:.2f} s, preview "
                     f"{seconds - build:.2f} s)" + ("" if changed else "; unchanged") + _warnings(built.warnings))
            if deck:
                self._deck(every)
            else:
                self.log("deck: not rebuilt (templates/ holds only the memo's HTML and CSS)")
        except BriefError as e:
            self._failed(e.problems)
        except OSError as e:                    # e.g. the outline vanished mid-save
            what = f"cannot read {p.outline}" if e.filename == p.outline else f"{e.filename or 'build'}"
            self._failed([Problem(None, "error", f"{what}: {e.strerror or e}")])
        except Exception as e:                  # a compiler bug: on the page, and the watch goes on
            traceback.print_exc()
            self._failed([Problem(None, "error", f"internal error (a bug in the compiler): {e!r}")])

    def _deck(self, every: list[Path]) -> None:
        p = self.preview
        pptx_path = next(path for path in every if path.suffix == ".pptx")
        pptx = pptx_path.read_bytes()
        outputs = {**p.outputs, **{path.name: path for path in every}}
        if pptx == self._last_pptx:
            p.update(building="", outputs=outputs)
            return
        self._last_pptx = pptx
        slides = slide_texts(pptx)
        p.update(slides=slides, pictures_current=False, building="", outputs=outputs,
                 deck_status="drawing the slides with LibreOffice…")
        self.log(f"deck: {len(slides)} slides; drawing their pictures in the background")
        self.pictures.submit(pptx)

    def _failed(self, problems: list[Problem]) -> None:
        errors = sum(p.severity == "error" for p in problems)
        self.preview.update(problems=[shown(p) for p in problems], failed=True, building="")
        self.log("\n".join(str(p) for p in problems) + f"\n{errors} error{'s' * (errors != 1)}; "
                 f"the preview keeps the last good pages")


def _title(paths: list[Path]) -> str:
    """The briefing's title, from the provenance report the build wrote beside the memo."""
    report = next((p for p in paths if p.name.endswith(".provenance.json")), None)
    try:
        return json.loads(report.read_text(encoding="utf-8"))["title"] if report else ""
    except (OSError, ValueError, KeyError):
        return ""


def _warnings(warnings: list[Problem]) -> str:
    return "".join(f"\n{w}" for w in warnings)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
