"""The outline's sections resolved in memo reading order (a section's body, then its
quotes, then its figures, so footnotes number as the memo reads): ids made unique,
figures and tables numbered before any text is read (so `@fig:id` can point forward),
the slide's points given or derived from the body."""
from __future__ import annotations

import re

from compiler import limits
from compiler.model import Block, BulletList, Cite, Figure, Inlines, Location, Paragraph, Section, Table
from compiler.resolve import markdown
from compiler.resolve.citations import notes
from compiler.resolve.citing import memo_cite, deck_cite, no_citation_in_title, xref
from compiler.resolve.context import Context
from compiler.resolve.evidence import figure_reference, numbers_in_evidence
from compiler.resolve.figures import read_csv_rows, resolve_chart, resolve_image
from compiler.resolve.quotes import resolve_quote
from compiler.validate.outline import OutlineSpec


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


def resolve_sections(outline: OutlineSpec, ctx: Context) -> tuple[Section, ...]:
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
        body = markdown.blocks(section.body or "", memo_cite(ctx, at + ("body",)),
                               xref(ctx, at + ("body",), section.body or ""))
        points = tuple(markdown.inline(p, deck_cite(ctx, at + ("points", j)), xref(ctx, at + ("points", j), p))
                       for j, p in enumerate(section.points or []))
        quotes = tuple(filter(None, (resolve_quote(q, at + ("quotes", j), ctx) for j, q in enumerate(section.quotes))))
        no_citation_in_title(section.title, at + ("title",), "section", ctx)
        figures = []
        for j, figure in enumerate(section.figures):
            no_citation_in_title(figure.title, at + ("figures", j, "title"), "figure", ctx)
            ident, _, number = next(numbered)
            resolved = _figure(figure, ident, number, at + ("figures", j), seen_figures, ctx)
            if resolved:
                figures.append(resolved)
        out.append(Section(section_id, section.title, body, points or derived_points(body),
                           not points, quotes, tuple(figures)))
    return tuple(out)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"


def _unique_id(value: str, at: tuple, seen: dict[str, int], kind: str, ctx: Context) -> str:
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


def _figure(figure, ident: str, number: int, at: tuple, seen: dict[str, int],
            ctx: Context) -> Figure | None:
    figure_id = _unique_id(ident, at + (("id",) if figure.id else ("title",)), seen, "figure", ctx)
    chart = resolve_chart(figure.chart, at + ("chart",), ctx.folder, ctx.positions, ctx.problems) \
        if figure.chart else None
    image = resolve_image(figure.image, at + ("image",), ctx.folder, ctx.positions, ctx.problems) \
        if figure.image else None
    table = _table(figure.table, at + ("table",), ctx) if figure.table else None
    caption = markdown.inline(figure.caption or "", memo_cite(ctx, at + ("caption",)),
                              xref(ctx, at + ("caption",), figure.caption or ""))
    ref = figure_reference(figure, at, ctx)
    if (figure.chart and chart is None) or (figure.image and image is None) or (figure.table and table is None):
        return None
    if chart and ref and figure.evidence:
        numbers_in_evidence(chart, figure.evidence, at, ctx)
    call = ctx.notes.add([ref]) if ref else notes.Call(None, ())
    cite: Cite | None = ctx.notes.cite(ref) if ref else None
    content = chart or image or table
    assert content is not None, "the spec names exactly one"
    return Figure(figure_id, number, figure.title, content, caption, cite, call.footnote,
                  ctx.positions.of(at), call.in_text, figure.alt)


def _table(table, at: tuple, ctx: Context) -> Table | None:
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


def _cell(text: str, at: tuple, ctx: Context) -> Inlines:
    return markdown.inline(text, memo_cite(ctx, at), xref(ctx, at, text))
