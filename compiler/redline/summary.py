"""What changed between two resolved briefings, in words: the redline's first page and
`brief diff --stat`.

    summarise(old, new, old_catalog, new_catalog) -> list[Group]

Sections are matched by id, quotes by their words, figures by id (or title, when the id
was numbered for them), citations by section, work and locator, catalog entries by id.
Edits to running text are counted by the text diff (textdiff.py) and added as a group.
"""
from __future__ import annotations

import difflib
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from compiler.model import Briefing, Chart, Cite, Figure, Inlines, NoteRef, Quote, Section, Source, Table
from compiler.numbers import shown
from compiler.resolve.citations.notes import written_date


@dataclass(frozen=True)
class Line:
    """One change. `old`/`new`: a value that changed, printed struck and inserted."""

    kind: str                   # added | removed | moved | changed | re-sourced
    text: str
    old: str | None = None
    new: str | None = None

    def plain(self) -> str:
        change = f": {self.old} → {self.new}" if self.old is not None or self.new is not None else ""
        return f"{self.kind} {self.text}{change}"


@dataclass
class Group:
    title: str                  # "Sections", "Quotes", ...
    lines: list[Line] = field(default_factory=list)


def summarise(old: Briefing, new: Briefing, old_catalog: dict[str, Source],
              new_catalog: dict[str, Source]) -> list[Group]:
    groups = [Group("Memo header", _header(old, new)), Group("Sections", _sections(old, new)),
              Group("Quotes", _quotes(old, new)), Group("Figures and tables", _figures(old, new)),
              Group("Citations", _citations(old, new)),
              Group("Sources catalog", _catalog(old_catalog, new_catalog)),
              Group("Slides", _slides(old, new))]
    return [g for g in groups if g.lines]


def quoted(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit].rsplit(' ', 1)[0] + ' …'}”"


# --- the memo header and the sections ------------------------------------------


def _header(old: Briefing, new: Briefing) -> list[Line]:
    fields = [("title", old.title, new.title), ("subtitle", old.subtitle, new.subtitle),
              ("date", written_date(old.date.isoformat()), written_date(new.date.isoformat())),
              ("marking", old.marking, new.marking), ("TO", old.memo.to, new.memo.to),
              ("FROM", old.memo.from_, new.memo.from_), ("RE", old.memo.re, new.memo.re)]
    return [Line("changed", name, a or "(none)", b or "(none)") for name, a, b in fields if a != b]


def _sections(old: Briefing, new: Briefing) -> list[Line]:
    before = {s.id: (i, s) for i, s in enumerate(old.sections, 1)}
    after = {s.id: (i, s) for i, s in enumerate(new.sections, 1)}
    lines = [Line("added", f"section {quoted(s.title)} (now section {i}{_contents(s)})")
             for sid, (i, s) in after.items() if sid not in before]
    lines += [Line("removed", f"section {quoted(s.title)} (was section {i}{_contents(s)})")
              for sid, (i, s) in before.items() if sid not in after]
    for sid in moved_sections(old, new):
        (i, s), (j, _) = before[sid], after[sid]
        lines.append(Line("moved", f"section {quoted(s.title)}", f"section {i}", f"section {j}"))
    lines += [Line("changed", f"title of section {after[sid][0]}", before[sid][1].title, after[sid][1].title)
              for sid in after if sid in before and before[sid][1].title != after[sid][1].title]
    return lines


def _contents(s: Section) -> str:
    """ "; 4 paragraphs, 9 citations, 1 quote": what came or went with a whole section."""
    counts = [(len(s.body), "paragraph"), (len(cites_of(s)), "citation"), (len(s.quotes), "quote"),
              (len(s.figures), "figure or table")]
    said = [f"{n} {what}{'s' * (n != 1) if what != 'figure or table' else ''}" for n, what in counts if n]
    return f"; {', '.join(said)}" if said else ""


def moved_sections(old: Briefing, new: Briefing) -> list[str]:
    """Ids of the sections kept in both whose order changed: those outside the longest
    run of sections that kept their order (so moving one section marks only that one)."""
    kept = {s.id for s in new.sections} & {s.id for s in old.sections}
    a = [s.id for s in old.sections if s.id in kept]
    b = [s.id for s in new.sections if s.id in kept]
    in_order = {a[m.a + k] for m in difflib.SequenceMatcher(None, a, b, autojunk=False)
                .get_matching_blocks() for k in range(m.size)}
    return [sid for sid in b if sid not in in_order]


# --- quotes ----------------------------------------------------------------------


def _all_quotes(briefing: Briefing) -> list[tuple[Section, Quote]]:
    return [(s, q) for s in briefing.sections for q in s.quotes]


def _quotes(old: Briefing, new: Briefing) -> list[Line]:
    before, after = _all_quotes(old), _all_quotes(new)
    old_words = {" ".join(q.text.split()): (s, q) for s, q in before}
    new_words = {" ".join(q.text.split()): (s, q) for s, q in after}
    lines = []
    for words, (s, q) in new_words.items():
        if words in old_words and old_words[words][1].source.id != q.source.id:
            lines.append(Line("re-sourced", f"quote {quoted(q.text, 60)}",
                              old_words[words][1].source.id, q.source.id))
    added = [(s, q) for w, (s, q) in new_words.items() if w not in old_words]
    removed = [(s, q) for w, (s, q) in old_words.items() if w not in new_words]
    for s, q in added:
        # a quote re-worded in place is one change, not a removal and an addition
        twin = next((r for r in removed if r[0].id == s.id and _similar(r[1].text, q.text)), None)
        if twin:
            removed.remove(twin)
            lines.append(Line("changed", f"quote in {quoted(s.title)}", quoted(twin[1].text, 60), quoted(q.text, 60)))
        else:
            lines.append(Line("added", f"quote {quoted(q.text)} ({q.source.id}, in {quoted(s.title)})"))
    lines += [Line("removed", f"quote {quoted(q.text)} ({q.source.id}, in {quoted(s.title)})")
              for s, q in removed]
    return lines


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio() >= 0.6


# --- figures and tables ------------------------------------------------------------


def _figure_key(figure: Figure) -> str:
    """An id the author gave, else the title (numbered ids move when a figure is added)."""
    return figure.title if re.fullmatch(r"(figure|table)-\d+", figure.id) else figure.id


def _figures(old: Briefing, new: Briefing) -> list[Line]:
    before = {_figure_key(f): f for s in old.sections for f in s.figures}
    after = {_figure_key(f): f for s in new.sections for f in s.figures}
    lines = [Line("added", f"{f.label.lower()} {quoted(f.title)}") for k, f in after.items() if k not in before]
    lines += [Line("removed", f"{f.label.lower()} {quoted(f.title)} (was {f.label})")
              for k, f in before.items() if k not in after]
    for key, f in after.items():
        if key in before:
            lines += _figure_changes(before[key], f)
    return lines


def _figure_changes(a: Figure, b: Figure) -> list[Line]:
    name = f"{b.label} {quoted(b.title, 50)}"
    lines = []
    if a.title != b.title:
        lines.append(Line("changed", f"title of {b.label}", a.title, b.title))
    if a.chart and b.chart:
        lines += [Line("changed", f"{name}, {where}", old, new) for where, old, new in chart_changes(a.chart, b.chart)]
    elif a.table and b.table:
        lines += [Line("changed", f"{name}, {where}", old, new)
                  for where, old, new in _table_changes(a.table, b.table)]
    elif (a.chart, a.table, _picture(a)) != (b.chart, b.table, _picture(b)):
        lines.append(Line("changed", f"{name}: the chart, table or picture was replaced"))
    if (a.cite and a.cite.source_id) != (b.cite and b.cite.source_id):
        lines.append(Line("re-sourced", name, a.cite.source_id if a.cite else "(none)",
                          b.cite.source_id if b.cite else "(none)"))
    return lines


def _picture(f: Figure) -> str | None:
    """A picture by its bytes: the two revisions' files lie in different folders."""
    return hashlib.sha256(f.image.path.read_bytes()).hexdigest() if f.image else None


def chart_changes(a: Chart, b: Chart) -> list[tuple[str, str, str]]:
    """(series and category, old value, new value) for every number that changed,
    was added or was removed."""
    def values(chart: Chart) -> dict[tuple[str, str], float]:
        return {(name, c): v for name, vs in chart.series for c, v in zip(chart.categories, vs)}
    old, new = values(a), values(b)
    unit = f" {b.unit}" if b.unit else ""
    out = []
    for key in list(new) + [k for k in old if k not in new]:
        if old.get(key) != new.get(key):
            series, category = key
            out.append((f"{series}, {category}", _number(old.get(key), unit), _number(new.get(key), unit)))
    if a.type != b.type:
        out.append(("chart type", a.type, b.type))
    if a.unit != b.unit:
        out.append(("unit", a.unit or "(none)", b.unit or "(none)"))
    return out


def _number(value: float | None, unit: str) -> str:
    return "(none)" if value is None else f"{shown(value, places=6)}{unit}"   # every digit that changed


def _table_changes(a: Table, b: Table) -> list[tuple[str, str, str]]:
    header = [plain(c) for c in b.columns]
    old_rows = [[plain(c) for c in row] for row in a.rows]
    new_rows = [[plain(c) for c in row] for row in b.rows]
    out = []
    if [plain(c) for c in a.columns] != header:
        out.append(("columns", ", ".join(plain(c) for c in a.columns), ", ".join(header)))
    for i, row in enumerate(new_rows):
        old_row = old_rows[i] if i < len(old_rows) else []
        for j, cell in enumerate(row):
            before = old_row[j] if j < len(old_row) else "(none)"
            if before != cell:
                column = header[j] if j < len(header) else f"column {j + 1}"
                out.append((f"row {i + 1} ({row[0]}), {column}", before, cell))
    out += [(f"row {i + 1} ({row[0]})", "removed", "(none)") for i, row in enumerate(old_rows)
            if i >= len(new_rows)]
    return out


def plain(runs: Inlines) -> str:
    return "".join(getattr(r, "text", "") for r in runs).strip()


# --- citations ---------------------------------------------------------------------


def cites_of(section: Section) -> list[Cite]:
    """Every work a section cites in its running text, captions and tables (a quote's or a
    figure's own source is reported with the quote or figure)."""
    runs = [r for block in section.body for r in _block_runs(block)]
    for figure in section.figures:
        runs += list(figure.caption)
        if figure.table:
            runs += [r for row in (figure.table.columns, *figure.table.rows) for cell in row for r in cell]
    return [c for r in runs if isinstance(r, NoteRef) for c in r.cites]


def _block_runs(block) -> Inlines:
    return block.inlines if hasattr(block, "inlines") else tuple(r for item in block.items for r in item)


def _citations(old: Briefing, new: Briefing) -> list[Line]:
    kept = {s.id for s in old.sections} & {s.id for s in new.sections}   # whole sections: see Sections

    def counted(b: Briefing) -> Counter:
        return Counter((s.id, c.source_id, c.locator or "") for s in b.sections if s.id in kept
                       for c in cites_of(s))
    before, after = counted(old), counted(new)
    titles = {s.id: s.title for s in old.sections} | {s.id: s.title for s in new.sections}
    added, removed = list((after - before).elements()), list((before - after).elements())
    lines = []
    for sid, source, locator in dict.fromkeys(added):
        # the same work cited at another place in the same section: a changed locator
        twin = next((r for r in removed if r[:2] == (sid, source)), None)
        if twin:
            removed.remove(twin)
            lines.append(Line("changed", f"citation of {source} in {quoted(titles[sid])}",
                              twin[2] or "(no locator)", locator or "(no locator)"))
        else:
            times = _times(added.count((sid, source, locator)))
            lines.append(Line("added", f"citation {_cited(source, locator)}{times} in {quoted(titles[sid])}"))
    lines += [Line("removed", f"citation {_cited(source, locator)}{_times(removed.count(key))} "
                              f"in {quoted(titles[sid])}")
              for key in dict.fromkeys(removed) for sid, source, locator in [key]]
    return lines


def _times(n: int) -> str:
    return f" ({n} times)" if n > 1 else ""


def _cited(source: str, locator: str) -> str:
    return f"[@{source}{', ' + locator if locator else ''}]"


# --- the catalog and the slides ------------------------------------------------------

_ENTRY_FIELDS = ("title", "authors", "publisher", "number", "date", "url", "type", "container",
                 "accessed", "reliability")


def _catalog(old: dict[str, Source], new: dict[str, Source]) -> list[Line]:
    lines = [Line("added", f"source {sid}: {quoted(s.title, 70)}") for sid, s in new.items() if sid not in old]
    lines += [Line("removed", f"source {sid}: {quoted(s.title, 70)}") for sid, s in old.items() if sid not in new]
    for sid, s in new.items():
        if sid in old:
            for name in _ENTRY_FIELDS:
                a, b = getattr(old[sid], name), getattr(s, name)
                if a != b:
                    shown = [", ".join(v) if isinstance(v, tuple) else (v or "(none)") for v in (a, b)]
                    lines.append(Line("changed", f"source {sid}, {name}", *shown))
    return lines


def _slides(old: Briefing, new: Briefing) -> list[Line]:
    before = {s.id: [plain(p) for p in s.points] for s in old.sections if not s.points_derived}
    return [Line("changed", f"slide bullets of {quoted(s.title)}")
            for s in new.sections if not s.points_derived and s.id in before
            and before[s.id] != [plain(p) for p in s.points]]
