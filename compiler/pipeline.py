"""The pipeline: load -> validate -> resolve -> render memo / render deck -> write.

Each stage is a named step; `Stages` records how long each took (for `bench/`).
Both renderers read the same frozen `Briefing` and nothing else.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from compiler.builds import incremental, workers
from compiler.diagnostics import BriefError, Problem, Problems
from compiler.cache import Cache
from compiler.model import Briefing
from compiler.folder import Folder
from compiler.resolve.briefing import resolve
from compiler.validate.check import validate
from compiler.validate.outline import OutlineSpec
from compiler.load.sources import Catalog, load_catalog
from compiler.theme import load_theme
from compiler.load.yamlfile import Loaded, load_yaml
from compiler.verify.written import verify_written_quotes

DEFAULT_CATALOG = "sources/sources.yaml"


@dataclass
class Stages:
    """Seconds spent in each named stage, in order."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


@dataclass(frozen=True)
class Checked:
    briefing: Briefing
    warnings: list[Problem]


@dataclass(frozen=True)
class Built:
    paths: list[Path]           # written by this build
    warnings: list[Problem]
    unchanged: list[Path] = field(default_factory=list)   # outputs whose inputs did not change


def check(outline: str, stages: Stages | None = None, strict: bool = False,
          out_dir: Path | None = None) -> Checked:
    """Validate the outline and its sources and verify every quote; write nothing
    (but the extraction cache under `out_dir`, when building). `strict` makes every
    warning an error."""
    stages = stages or Stages()
    problems = Problems()
    folder = Folder.of_outline(outline)
    cache = Cache((out_dir or folder.root / "out") / ".cache" / "sources", writable=out_dir is not None)
    with stages.stage("load"):
        loaded = load_yaml(Path(outline), outline)
        validated = _validated(loaded, problems)
        catalog = _catalog(loaded, validated, folder, problems, cache)
        theme = load_theme(folder, problems, _shared_theme(loaded, validated, folder, problems))
    if validated is None and catalog is not None:
        with stages.stage("verify"):
            verify_written_quotes(loaded, catalog, problems)
    problems.raise_if_errors()
    assert validated is not None and catalog is not None, "their errors were raised"
    with stages.stage("verify"):
        briefing = resolve(loaded, validated, Path(outline).stem, folder, catalog, theme, problems)
    if strict and problems.warnings:
        raise BriefError([Problem(p.location, "error", f"{p.message} [--strict]") for p in problems.warnings])
    return Checked(briefing, problems.warnings)


def build(outline: str, out_dir: Path | None = None, only: str | None = None,
          stages: Stages | None = None, strict: bool = False, parallel: bool = True,
          memo_process: "workers.MemoProcess | None" = None) -> Built:
    """Check, render both outputs in memory (the memo in a second process when
    `parallel`, or in `memo_process`, started by the caller before this module was
    imported), then write them (and the provenance report) atomically. A renderer
    whose inputs did not change since the last build is not run (incremental.py)."""
    stages = stages or Stages()
    out_dir = out_dir or Folder.of_outline(outline).default_out()
    from compiler.render.memo.chartcache import forget_pending_charts, keep_pending_charts
    forget_pending_charts()
    if memo_process is None and parallel and only in (None, "pdf") and workers.available():
        memo_process = workers.MemoProcess()
    try:
        with stages.stage("inputs"):
            digest, table = incremental.inputs_digest(outline, out_dir,
                                                      incremental.load_state(outline, out_dir))
        checked = check(outline, stages, strict, out_dir)
        from compiler.gitrev import stamp  # inside git: the commit, in the metadata (and DRAFT line)
        briefing = replace(checked.briefing, revision=stamp(checked.briefing.root, out_dir))
        keys = {kind: key for kind, key in incremental.renderer_keys(briefing, table).items()
                if only in (None, kind)}
        kept = incremental.reusable(outline, out_dir, briefing.output, keys)
        files = render(briefing, only, stages, out_dir / ".cache" / "charts",
                       skip=kept, memo_process=memo_process)
    finally:
        if memo_process:
            memo_process.close()
    with stages.stage("write"):
        from compiler.output.provenance import provenance_files
        from compiler.output.write import write_outputs
        files.update(provenance_files(briefing))
        paths = write_outputs(out_dir, files)
        keep_pending_charts()       # only now: a failed build leaves the chart cache as it was
        incremental.record(outline, out_dir, briefing.output, digest, table, keys, files, kept,
                           [[_where(w.location), w.message] for w in checked.warnings])
    return Built(paths, checked.warnings, [out_dir / name for name in kept])


@dataclass(frozen=True)
class Found:
    source_id: str
    locator: str
    context: str            # the passage with some text either side, on one line
    how: str


def find(outline: str, words: str, context: int = 60) -> list[Found]:
    """Every place in the briefing's sources where `words` occur, as a quote would match."""
    from compiler.verify.corpus import Corpus
    problems = Problems()
    folder = Folder.of_outline(outline)
    loaded = load_yaml(Path(outline), outline)
    catalog = _catalog(loaded, _validated(loaded, Problems()), folder, problems)
    problems.raise_if_errors()
    assert catalog is not None, "its errors were raised"
    found = []
    for match in Corpus(catalog.texts, catalog.in_reading_order).find(words):
        text = catalog.texts[match.source_id]
        before = text[max(0, match.start - context):match.start]
        after = text[match.end:match.end + context]
        snippet = " ".join(f"…{before}[{match.passage(text)}]{after}…".split())
        found.append(Found(match.source_id, match.locator, snippet, match.how))
    return found


def render(briefing: Briefing, only: str | None, stages: Stages,
           chart_cache: Path | None = None, skip: tuple[str, ...] | list[str] = (),
           memo_process: "workers.MemoProcess | None" = None) -> dict[str, bytes]:
    """Output name -> bytes, for each output asked for and not in `skip`. With a
    `memo_process` the memo renders there while the deck renders here. Renderers are
    imported here: `check` never pays for them."""
    files: dict[str, bytes] = {}
    pdf, pptx = f"{briefing.output}.pdf", f"{briefing.output}.pptx"
    memo = only in (None, "pdf") and pdf not in skip
    if memo and memo_process:
        from compiler.render.memo.chartcache import draw_ahead
        with stages.stage("charts"):
            drawn = draw_ahead(briefing, chart_cache) if chart_cache is not None else {}
        memo_process.render(briefing, chart_cache, drawn)
    elif memo:
        from compiler.render.memo import render_memo_html, render_memo_pdf
        with stages.stage("render html"):
            html = render_memo_html(briefing, chart_cache)
        with stages.stage("weasyprint"):
            files[pdf] = render_memo_pdf(briefing, html)
    if only in (None, "pptx") and pptx not in skip:
        from compiler.render.deck import render_deck
        with stages.stage("deck"):
            files[pptx] = render_deck(briefing)
    if memo and memo_process:
        with stages.stage("memo wait"):
            files[pdf], seconds = memo_process.result()
        for name, value in seconds.items():
            stages.seconds[name] = stages.seconds.get(name, 0.0) + value
    return dict(sorted(files.items(), key=lambda item: not item[0].endswith(".pdf")))


def _where(location) -> list | None:
    return [location.file, location.line, location.col] if location else None


def _shared_theme(loaded: Loaded, validated: OutlineSpec | None, folder, problems: Problems):
    """The shared theme folder the outline's `theme` names (None when it names none, or
    when it cannot be found: an error in `problems`, reported with the others)."""
    if validated is None or validated.theme is None:
        return None
    from compiler.load.themes import find
    try:
        return find(validated.theme, folder, loaded.positions.of(("theme",)))
    except BriefError as e:
        for problem in e.problems:
            problems.error(problem.location, problem.message)
        return None


def _validated(loaded: Loaded, problems: Problems) -> OutlineSpec | None:
    try:
        return validate(OutlineSpec, loaded)
    except BriefError as e:
        problems.items.extend(e.problems)
        return None


def _catalog(loaded: Loaded, outline: OutlineSpec | None, folder: Folder, problems: Problems,
             cache: Cache | None = None) -> Catalog | None:
    """The catalog is checked even when the outline has errors: report both at once."""
    written = outline.sources if outline else _sources_key(loaded)
    at = loaded.positions.of(("sources",)) if "sources" in (loaded.value or {}) \
        else loaded.positions.of(())
    try:
        return load_catalog(written, folder, at, cache)
    except BriefError as e:
        problems.items.extend(e.problems)
        return None


def _sources_key(loaded: Loaded) -> str:
    value = loaded.value.get("sources") if isinstance(loaded.value, dict) else None
    return value if isinstance(value, str) else DEFAULT_CATALOG
