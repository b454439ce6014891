"""Citations and cross-references in Markdown text: `[@id, p. 4]` becomes a numbered
footnote in the memo (a short citation on a slide), `@fig:id` "Figure N"; an unknown
source or figure is an error at the characters that name it."""
from __future__ import annotations

import difflib

from compiler.model import NoteRef, Provenance, Text
from compiler.resolve import markdown
from compiler.resolve.citations import notes
from compiler.resolve.context import Context


def references(specs: tuple[markdown.CiteSpec, ...], at: tuple, ctx: Context) -> list[notes.Reference]:
    refs = []
    for spec in specs:
        source = ctx.catalog.sources.get(spec.source_id)
        if source is None:
            ctx.problems.error(ctx.positions.inside(at, spec.offset),
                               f"unknown source `{spec.source_id}`{ctx.suggest(spec.source_id)}")
        else:
            refs.append(notes.Reference(source, spec.locator, spec.prefix))
            ctx.provenance.append(Provenance(
                "citation", ctx.positions.inside(at, spec.offset), source.id, spec.locator,
                None, None, "cited", f"@{spec.source_id}" + (f", {spec.locator}" if spec.locator else "")))
    return refs


def memo_cite(ctx: Context, at: tuple) -> markdown.CiteFn:
    """Citations in memo text become numbered footnotes."""
    def cite(specs: tuple[markdown.CiteSpec, ...]) -> NoteRef:
        refs = references(specs, at, ctx)
        call = ctx.notes.add(refs) if refs else notes.Call(None, ())
        return NoteRef(tuple(ctx.notes.cite(r) for r in refs), call.footnote, call.in_text)
    return cite


def deck_cite(ctx: Context, at: tuple) -> markdown.CiteFn:
    """Citations in slide points show on the slide, not in the memo: no number."""
    def cite(specs: tuple[markdown.CiteSpec, ...]) -> NoteRef:
        return NoteRef(tuple(ctx.notes.cite(r) for r in references(specs, at, ctx)), None)
    return cite


_KIND_NAMES = {"fig": "figure", "tbl": "table"}


def xref(ctx: Context, at: tuple, written: str) -> markdown.XrefFn:
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


def no_citation_in_title(title: str, at: tuple, kind: str, ctx: Context) -> None:
    """A title is plain text in both outputs: a citation there would print as written."""
    for specs in markdown.find_citations(title):
        ctx.problems.error(ctx.positions.inside(at, specs[0].offset),
                           f"a {kind} title cannot cite a source; put the citation in the "
                           + ("caption or `source:`" if kind == "figure" else "body"))
