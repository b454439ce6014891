"""Resolve stage: validated outline + catalog -> the frozen `Briefing`.

Everything that needs deciding is decided here, once: section and figure ids,
figure numbers, footnote numbers (in memo reading order: a section's body, then its
quotes, then its figures), verified quotes with their locators, formatted notes.
Every problem found is reported, each at the outline line that wrote it.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field

from compiler import limits
from compiler.numbers import shown
from compiler.resolve import markdown
from compiler.resolve.citations import notes
from compiler.diagnostics import BriefError, Problem, Problems
from compiler.resolve.figures import read_csv_rows, resolve_chart, resolve_image
from compiler.verify.corpus import Corpus, Miss
from compiler.model import (
    Block,
    Briefing,
    DeckTemplate,
    BulletList,
    Cite,
    Figure,
    Inlines,
    MemoHeader,
    NoteRef,
    Location,
    Paragraph,
    Provenance,
    Quote,
    Section,
    Source,
    Table,
    Text,
    Theme,
)
from compiler.folder import Folder
from compiler.validate.base import LAST_DATE
from compiler.validate.outline import OutlineSpec
from compiler.load.sources import Catalog
from compiler.load.yamlfile import Loaded, Positions


@dataclass
class _Context:
    """What every part of resolving needs: where things were written, the
    sources, the footnote numbering and the problems found so far."""

    positions: Positions
    catalog: Catalog
    corpus: Corpus
    folder: Folder
    notes: notes.Notes
    problems: Problems
    as_of: dt.date
    theme: Theme | None = None
    figure_numbers: dict[str, tuple[str, int]] = field(default_factory=dict)   # id -> (fig|tbl, N)
    provenance: list[Provenance] = field(default_factory=list)


def resolve(loaded: Loaded, outline: OutlineSpec, outline_stem: str, folder: Folder, catalog: Catalog,
            theme: Theme, problems: Problems) -> Briefing:
    style = _style(outline, loaded.positions, folder, problems)
    ctx = _Context(loaded.positions, catalog, Corpus(catalog.texts, catalog.in_reading_order), folder,
                   notes.Notes(style, catalog.sources), problems, outline.as_of or outline.date, theme)
    sections = _sections(outline, ctx)
    uncited = _nocite(outline, ctx)
    deck_template = _deck_template(outline, sections, ctx)
    problems.raise_if_errors()
    return Briefing(
        title=outline.title, subtitle=outline.subtitle, date=outline.date, author=outline.author,
        marking=outline.marking, output=outline.output or outline_stem,
        memo=MemoHeader(outline.memo.to, outline.memo.from_, outline.memo.re or outline.title),
        sections=sections, footnotes=tuple(ctx.notes.footnotes),
        bibliography=ctx.notes.bibliography(uncited), theme=theme, root=folder.root,
        timestamp=build_timestamp(outline), provenance=tuple(ctx.provenance), lang=outline.lang,
        draft=outline.draft, deck_template=deck_template)


def _deck_template(outline: OutlineSpec, sections: tuple[Section, ...], ctx: _Context) -> DeckTemplate | None:
    """The office's template (the outline's, else its shared theme's), admitted through
    the fence, with one of its layouts for each of ours; a layout not found is an error
    at the key that asked for it."""
    from compiler.render.deck import office
    theme = ctx.theme
    if outline.deck_template is None and theme is not None and theme.deck_template is not None:
        return _checked_template(theme.deck_template, theme.deck_template_shown, theme.deck_template_at,
                                 {**dict(theme.layouts), **(outline.layouts or {})}, outline, ctx)
    if outline.deck_template is None:
        if outline.layouts:
            ctx.problems.error(ctx.positions.of_key(("layouts",)), "`layouts` maps layouts of a "
                               "`deck_template`, and the outline names none")
        if outline.keep_template_slides:
            ctx.problems.error(ctx.positions.of_key(("keep_template_slides",)), "`keep_template_slides` "
                               "keeps the slides of a `deck_template`, and the outline names none")
        return None
    at = ctx.positions.of(("deck_template",))
    path = ctx.folder.require_file(ctx.folder.root / outline.deck_template, "deck template", at,
                                   outline.deck_template, office.SUFFIXES)
    return _checked_template(path, outline.deck_template, at, dict(outline.layouts or {}), outline, ctx)


def _checked_template(path, written: str, at, mapping: dict, outline: OutlineSpec, ctx: _Context) -> DeckTemplate | None:
    """The template read, each of our layouts found in it (`mapping` first); a layout
    mapped by the outline that it lacks is an error at the outline's key, else at `at`."""
    from compiler.render.deck import office
    from compiler.render.deck.measure import metric_family
    try:
        prs = office.open_template(path)
    except office.NotATemplate as e:
        ctx.problems.error(at, f"deck template `{written}` is not a PowerPoint "
                               f"presentation or template that can be read ({e})")
        return None
    chosen, missing, unfit = office.choose_layouts(prs, mapping)
    names = ", ".join(f"\"{n}\"" for n in office.layout_names(prs)) or "none"
    for ours in missing:
        if ours in mapping:
            ctx.problems.error(_mapped_at(ours, at, outline, ctx),
                               f"deck template `{written}` has no layout \"{mapping[ours]}\" "
                               f"(its layouts: {names})")
        else:
            wanted = " or ".join(f"\"{n}\"" for n in office.FALLBACKS[ours])
            ctx.problems.error(at, f"deck template `{written}` has no layout for our "
                                   f"{ours} slides (looked for {wanted}; its layouts: {names}); "
                                   f"map one with `layouts: {{{ours}: \"...\"}}`")
    for ours in unfit:
        what = "a title and a text placeholder" if ours in office.NEEDS_TEXT else "a title placeholder"
        ctx.problems.error(_mapped_at(ours, at, outline, ctx),
                           f"layout \"{mapping[ours]}\" of `{written}` has no place for our "
                           f"{ours} slides: they need {what}")
    warnings = []
    for font in office.template_fonts(prs):
        stand_in, true = metric_family(font)
        if not true:
            warnings.append(f"deck template `{written}` uses the font {font}, which is not "
                            f"installed and has no metric-compatible twin here: text is measured with "
                            f"{stand_in}, and may fit differently where {font} is shown")
    for message in warnings:
        ctx.problems.warning(at, message)
    return DeckTemplate(path, tuple(chosen.items()), tuple(warnings), outline.keep_template_slides)


def _mapped_at(ours: str, at, outline: OutlineSpec, ctx: _Context):
    """Where our layout `ours` was mapped: the outline's key, else the theme's deck template."""
    return ctx.positions.of(("layouts", ours)) if ours in (outline.layouts or {}) else at


def _style(outline: OutlineSpec, positions: Positions, folder: Folder, problems: Problems):
    try:
        style = notes.load_style(outline.style, folder.root)
    except notes.UnknownStyle as e:     # at the fault in the .csl when it is there
        problems.error(Location(folder.shown(folder.root / outline.style), *e.at) if e.at and outline.style
                       else positions.of(("style",)), str(e))
        problems.raise_if_errors()
    # a user's .csl may lack what every citation needs: say so instead of failing later
    if style.root is None or style.root.find(f"{notes._CSL}citation/{notes._CSL}layout") is None:
        problems.error(positions.of(("style",)), f"style `{outline.style}` has no <citation> with "
                                                 "a <layout>: it cannot format a citation")
        problems.raise_if_errors()
    return style


def _nocite(outline: OutlineSpec, ctx: _Context) -> list[str]:
    """Works to list under Sources although no text cites them; `*` is all of them."""
    out: list[str] = []
    for i, source_id in enumerate(outline.nocite or []):
        if source_id.lstrip("@") == "*":
            out.extend(ctx.catalog.sources)
        elif source_id.lstrip("@") in ctx.catalog.sources:
            out.append(source_id.lstrip("@"))
        else:
            ctx.problems.error(ctx.positions.of(("nocite", i)),
                               f"unknown source `{source_id}`{_suggest(source_id, ctx)}")
    return out


def build_timestamp(outline: OutlineSpec) -> int:
    """The fixed build time: SOURCE_DATE_EPOCH when set, else the outline's date at 00:00 UTC."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        if int(env) > _LAST_EPOCH:
            raise BriefError([Problem(None, "error", f"SOURCE_DATE_EPOCH={env[:20]} is later than "
                                      f"{LAST_DATE.isoformat()}, the last date a deck (a zip file) "
                                      "can store")])
        return int(env)
    return calendar.timegm(outline.date.timetuple())


_LAST_EPOCH = calendar.timegm(LAST_DATE.timetuple()) + 86399


def _number_figures(outline: OutlineSpec) -> list[tuple[str, str, int]]:
    """(id, fig|tbl, number) of every figure in outline order, before any text is read,
    so `@fig:id` can point forward. Tables are numbered apart from figures."""
    counts = {"fig": 0, "tbl": 0}
    out = []
    for section in outline.sections:
        for figure in section.figures:
            kind = "tbl" if figure.table else "fig"
            counts[kind] += 1
            out.append((figure.id or f"{kind}-{counts[kind]}", kind, counts[kind]))
    return out


def _sections(outline: OutlineSpec, ctx: _Context) -> tuple[Section, ...]:
    numbering = _number_figures(outline)
    for ident, kind, number in reversed(numbering):
        ctx.figure_numbers[ident] = (kind, number)       # the first of a duplicated id wins
    numbered = iter(numbering)
    seen_sections: dict[str, int] = {}
    seen_figures: dict[str, int] = {}
    out = []
    for i, section in enumerate(outline.sections):
        at = ("sections", i)
        section_id = _unique_id(section.id or slug(section.title), at + (("id",) if section.id else ("title",)),
                                seen_sections, "section", ctx)
        body = markdown.blocks(section.body or "", _memo_cite(ctx, at + ("body",)),
                               _xref(ctx, at + ("body",), section.body or ""))
        points = tuple(markdown.inline(p, _deck_cite(ctx, at + ("points", j)), _xref(ctx, at + ("points", j), p))
                       for j, p in enumerate(section.points or []))
        quotes = tuple(filter(None, (_quote(q, at + ("quotes", j), ctx) for j, q in enumerate(section.quotes))))
        _no_citation_in_title(section.title, at + ("title",), "section", ctx)
        figures = []
        for j, figure in enumerate(section.figures):
            _no_citation_in_title(figure.title, at + ("figures", j, "title"), "figure", ctx)
            ident, _, number = next(numbered)
            resolved = _figure(figure, ident, number, at + ("figures", j), seen_figures, ctx)
            if resolved:
                figures.append(resolved)
        out.append(Section(section_id, section.title, body, points or derived_points(body),
                           not points, quotes, tuple(figures)))
    return tuple(out)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"


def _unique_id(value: str, at: tuple, seen: dict[str, int], kind: str, ctx: _Context) -> str:
    location = ctx.positions.of(at)
    if value in seen:
        ctx.problems.error(location, f"duplicate {kind} id `{value}` (also used at line {seen[value]})")
    else:
        seen[value] = location.line
    return value


def derived_points(body: tuple[Block, ...]) -> tuple[Inlines, ...]:
    """A slide's bullets when the outline gives none: the body's list items,
    else its sentences."""
    items = [item for block in body if isinstance(block, BulletList) for item in block.items]
    if items:
        return tuple(items)
    return tuple(s for block in body if isinstance(block, Paragraph)
                 for s in markdown.sentences(block.inlines))


# --- citations --------------------------------------------------------------


def _references(specs: tuple[markdown.CiteSpec, ...], at: tuple, ctx: _Context) -> list[notes.Reference]:
    refs = []
    for spec in specs:
        source = ctx.catalog.sources.get(spec.source_id)
        if source is None:
            ctx.problems.error(ctx.positions.inside(at, spec.offset),
                               f"unknown source `{spec.source_id}`{_suggest(spec.source_id, ctx)}")
        else:
            refs.append(notes.Reference(source, spec.locator, spec.prefix))
            ctx.provenance.append(Provenance(
                "citation", ctx.positions.inside(at, spec.offset), source.id, spec.locator,
                None, None, "cited", f"@{spec.source_id}" + (f", {spec.locator}" if spec.locator else "")))
    return refs


def _memo_cite(ctx: _Context, at: tuple) -> markdown.CiteFn:
    """Citations in memo text become numbered footnotes."""
    def cite(specs: tuple[markdown.CiteSpec, ...]) -> NoteRef:
        refs = _references(specs, at, ctx)
        call = ctx.notes.add(refs) if refs else notes.Call(None, ())
        return NoteRef(tuple(ctx.notes.cite(r) for r in refs), call.footnote, call.in_text)
    return cite


def _deck_cite(ctx: _Context, at: tuple) -> markdown.CiteFn:
    """Citations in slide points show on the slide, not in the memo: no number."""
    def cite(specs: tuple[markdown.CiteSpec, ...]) -> NoteRef:
        return NoteRef(tuple(ctx.notes.cite(r) for r in _references(specs, at, ctx)), None)
    return cite


_KIND_NAMES = {"fig": "figure", "tbl": "table"}


def _xref(ctx: _Context, at: tuple, written: str) -> markdown.XrefFn:
    """`@fig:trade` -> "Figure 2", linked to the figure; an unknown id is an error at it.
    (Made once per Markdown text, so that text's unclosed citations are reported here.)"""
    for offset in markdown.unclosed_citations(written):
        ctx.problems.error(ctx.positions.inside(at, offset),
                           f"citation `{markdown.shown_from(written, offset)}` is not closed: add `]`")
    def xref(kind: str, ident: str) -> Text:
        found_kind, number = ctx.figure_numbers.get(ident, (None, 0))
        if found_kind != kind:
            offset = next(m.start() for m in markdown.XREF.finditer(written) if m.group(2) == ident)
            same_kind = [i for i, (k, _) in ctx.figure_numbers.items() if k == kind]
            close = difflib.get_close_matches(ident, same_kind, n=1, cutoff=0.6)
            hint = f" (did you mean `{close[0]}`?)" if close else \
                (f" (`{ident}` is a {_KIND_NAMES[found_kind]}: write `@{found_kind}:{ident}`)" if found_kind else "")
            ctx.problems.error(ctx.positions.inside(at, offset), f"no {_KIND_NAMES[kind]} with id `{ident}`{hint}")
            return Text(f"@{kind}:{ident}")
        return Text(f"{_KIND_NAMES[kind].capitalize()} {number}", href=f"#figure-{ident}")
    return xref


def _no_citation_in_title(title: str, at: tuple, kind: str, ctx: _Context) -> None:
    """A title is plain text in both outputs: a citation there would print as written."""
    for specs in markdown.find_citations(title):
        ctx.problems.error(ctx.positions.inside(at, specs[0].offset),
                           f"a {kind} title cannot cite a source; put the citation in the "
                           + ("caption or `source:`" if kind == "figure" else "body"))


def _suggest(source_id: str, ctx: _Context) -> str:
    close = difflib.get_close_matches(source_id, list(ctx.catalog.sources), n=1, cutoff=0.75)
    if close:
        return f" (did you mean `{close[0]}`?)"
    return f" (not in `{ctx.catalog.file}`)"


# --- quotes and figures -----------------------------------------------------


def _verified(text: str, source_id: str, at: tuple, kind: str,
              ctx: _Context) -> tuple[notes.Reference, str] | None:
    """The reference (with its locator) for a passage verified in its source, and
    how it matched; None (and an error at `at`) when it is not there."""
    source = ctx.catalog.sources.get(source_id)
    if source is None:
        ctx.problems.error(ctx.positions.of(at[:-1] + ("source",)),
                           f"unknown source `{source_id}`{_suggest(source_id, ctx)}")
        return None
    where = ctx.positions.of(at)
    if not re.search(r"[^\W_]", text):
        ctx.problems.error(where, f"{kind} holds no words, only punctuation and omissions: "
                                  "nothing of the source to check")
        return None
    result = ctx.corpus.verify(text, source_id)
    if isinstance(result, Miss):
        ctx.problems.error(where, result.message)
        return None
    for warning in (*result.warnings, *_cautions(source, kind, ctx.as_of)):
        ctx.problems.warning(where, warning)
    ctx.provenance.append(Provenance(kind, where, source_id, result.locator, result.start,
                                     result.end, result.how, text))
    return notes.Reference(source, result.locator), result.how


STALE_YEARS = 10


def _cautions(source: Source, kind: str, as_of: dt.date) -> list[str]:
    """Warnings about the source itself: an unverified one, or (for quotes) an old one."""
    out = []
    if source.reliability == "unverified":
        out.append(f"{kind} from `{source.id}`, which the catalog marks `reliability: unverified`")
    age = _age_in_years(source.date, as_of)
    if kind == "quote" and age is not None and age > STALE_YEARS:
        out.append(f"source `{source.id}` is {age} years old (dated {notes.written_date(source.date)}, "
                   f"as of {notes.written_date(as_of.isoformat())})")
    return out


def _age_in_years(date: str | None, as_of: dt.date) -> int | None:
    """Whole years between a catalog date (YYYY[-MM[-DD]]) and `as_of`."""
    if not date:
        return None
    parts = [int(p) for p in date.split("-")] + [1, 1]
    year, month, day = parts[:3]
    return as_of.year - year - ((as_of.month, as_of.day) < (month, day))


def _quote(quote, at: tuple, ctx: _Context) -> Quote | None:
    verified = _verified(quote.text, quote.source, at + ("text",), "quote", ctx)
    if verified is None:
        return None
    ref, how = verified
    call = ctx.notes.add([ref])
    return Quote(quote.text, ref.source, quote.speaker, ctx.notes.cite(ref), call.footnote,
                 how, ctx.positions.of(at), call.in_text)


def _figure(figure, ident: str, number: int, at: tuple, seen: dict[str, int],
            ctx: _Context) -> Figure | None:
    figure_id = _unique_id(ident, at + (("id",) if figure.id else ("title",)), seen, "figure", ctx)
    chart = resolve_chart(figure.chart, at + ("chart",), ctx.folder, ctx.positions, ctx.problems) \
        if figure.chart else None
    image = resolve_image(figure.image, at + ("image",), ctx.folder, ctx.positions, ctx.problems) \
        if figure.image else None
    table = _table(figure.table, at + ("table",), ctx) if figure.table else None
    caption = markdown.inline(figure.caption or "", _memo_cite(ctx, at + ("caption",)),
                              _xref(ctx, at + ("caption",), figure.caption or ""))
    ref = _figure_reference(figure, at, ctx)
    if (figure.chart and chart is None) or (figure.image and image is None) or (figure.table and table is None):
        return None
    if chart and ref and figure.evidence:
        _numbers_in_evidence(chart, figure.evidence, at, ctx)
    call = ctx.notes.add([ref]) if ref else notes.Call(None, ())
    cite: Cite | None = ctx.notes.cite(ref) if ref else None
    content = chart or image or table
    assert content is not None, "the spec names exactly one"
    return Figure(figure_id, number, figure.title, content, caption, cite, call.footnote,
                  ctx.positions.of(at), call.in_text, figure.alt)


def _table(table, at: tuple, ctx: _Context) -> Table | None:
    """Header and rows as inlines (in reading order, so cell citations number in order).
    Rows come from the outline or from a CSV; a ragged row is an error at its line."""
    if table.csv is not None:
        rows = read_csv_rows(table.csv, ctx.positions.of(at + ("csv",)), ctx.folder, ctx.problems)
        if rows is None:
            return None
        shown = ctx.folder.shown(ctx.folder.root / table.csv)
        header, header_at = rows[0][1], [at + ("csv",)] * len(rows[0][1])
        # a problem inside a CSV cell (an unknown citation) is reported at the `csv` key
        body = [(Location(shown, line, 1), [at + ("csv",)] * len(row), row) for line, row in rows[1:]]
    else:
        header, header_at = table.columns, [at + ("columns", k) for k in range(len(table.columns))]
        body = [(ctx.positions.of(at + ("rows", i)), [at + ("rows", i, k) for k in range(len(row))], row)
                for i, row in enumerate(table.rows)]
    if len(body) > limits.TABLE_ROWS:
        ctx.problems.error(ctx.positions.of(at + ("csv",) if table.csv is not None else at + ("rows",)),
                           f"the table has {len(body):,} rows; the limit is {limits.TABLE_ROWS:,} "
                           "rows in one table (split it, or summarise it)")
        return None
    ragged = [(where, row) for where, _, row in body if len(row) != len(header)]
    for where, row in ragged:
        ctx.problems.error(where, f"row has {len(row)} cell{'s' * (len(row) != 1)} but the table has {len(header)} columns")
    if ragged:
        return None
    return Table(tuple(_cell(c, p, ctx) for c, p in zip(header, header_at)),
                 tuple(tuple(_cell(c, p, ctx) for c, p in zip(row, paths)) for _, paths, row in body))


def _cell(text: str, at: tuple, ctx: _Context) -> Inlines:
    return markdown.inline(text, _memo_cite(ctx, at), _xref(ctx, at, text))


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# "$9 billion" stands for 9 in a chart in US$ billions, "$800,000" for 0.8 in millions.
_SCALES = (1, 1e3, 1e6, 1e9, 1e-3, 1e-6, 1e-9)


def _numbers_in_evidence(chart, evidence: str, at: tuple, ctx: _Context) -> None:
    """Every number in the chart must appear in its evidence passage: that is what ties
    the figure to its source."""
    found = [float(n.replace(",", "")) for n in _NUMBER.findall(evidence)]
    for name, values in chart.series:
        for category, value in zip(chart.categories, values):
            if not any(abs(abs(value) * scale - n) <= 1e-9 * max(1.0, n) for n in found for scale in _SCALES):
                # a CSV chart has no `series` key: the location falls back to `chart`
                ctx.problems.error(ctx.positions.of(at + ("chart", "series", name)),
                                   f"{shown(value, places=6, spoken=True)} ({name}, {category}) is not in the "
                                   f"figure's evidence passage")


def _figure_reference(figure, at: tuple, ctx: _Context) -> notes.Reference | None:
    """Where the figure's numbers come from; with `evidence`, verified and located."""
    if not figure.source:
        return None
    if figure.evidence:
        verified = _verified(figure.evidence, figure.source, at + ("evidence",), "evidence", ctx)
        return verified[0] if verified else None
    source = ctx.catalog.sources.get(figure.source)
    if source is None:
        ctx.problems.error(ctx.positions.of(at + ("source",)),
                           f"unknown source `{figure.source}`{_suggest(figure.source, ctx)}")
        return None
    return notes.Reference(source)
