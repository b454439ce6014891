"""Resolve stage: validated outline + catalog -> the frozen `Briefing`.

Everything that needs deciding is decided here, once: section and figure ids,
figure numbers, footnote numbers (in memo reading order: a section's body, then its
quotes, then its figures), verified quotes with their locators, formatted notes.
Every problem found is reported, each at the outline line that wrote it.

Here: `resolve()`, the style, `nocite`, the deck template and the build time. The
parts: context (what they share), sections (ids, numbering, figures and tables), citing
(citations and `@fig:` cross-references), quotes (passages verified in their sources),
evidence (a figure's numbers in its source), figures (chart data and images).
"""
from __future__ import annotations

import calendar
import os

from compiler.diagnostics import BriefError, Problem, Problems
from compiler.folder import Folder
from compiler.load.sources import Catalog
from compiler.load.yamlfile import Loaded, Positions
from compiler.model import Briefing, DeckTemplate, Location, MemoHeader, Section, Theme
from compiler.resolve.citations import notes
from compiler.resolve.context import Context
from compiler.resolve.sections import resolve_sections
from compiler.validate.base import LAST_DATE
from compiler.validate.outline import OutlineSpec
from compiler.verify.corpus import Corpus


def resolve(loaded: Loaded, outline: OutlineSpec, outline_stem: str, folder: Folder, catalog: Catalog,
            theme: Theme, problems: Problems) -> Briefing:
    style = _style(outline, loaded.positions, folder, problems)
    ctx = Context(loaded.positions, catalog, Corpus(catalog.texts, catalog.in_reading_order), folder,
                  notes.Notes(style, catalog.sources), problems, outline.as_of or outline.date, theme)
    sections = resolve_sections(outline, ctx)
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


def _deck_template(outline: OutlineSpec, sections: tuple[Section, ...], ctx: Context) -> DeckTemplate | None:
    """The office's template (the outline's, else its shared theme's), admitted through
    the fence, with one of its layouts for each of ours; a layout not found is an error
    at the key that asked for it."""
    theme = ctx.theme
    if outline.deck_template is None and theme is not None and theme.deck_template is not None:
        shown = theme.deck_template_shown or str(theme.deck_template)     # set together with the path
        return _checked_template(theme.deck_template, shown, theme.deck_template_at,
                                 {**dict(theme.layouts), **(outline.layouts or {})}, outline, ctx)
    if outline.deck_template is None:
        if outline.layouts:
            ctx.problems.error(ctx.positions.of_key(("layouts",)), "`layouts` maps layouts of a "
                               "`deck_template`, and the outline names none")
        if outline.keep_template_slides:
            ctx.problems.error(ctx.positions.of_key(("keep_template_slides",)), "`keep_template_slides` "
                               "keeps the slides of a `deck_template`, and the outline names none")
        return None
    from compiler.render.deck import office      # python-pptx: only for a template
    at = ctx.positions.of(("deck_template",))
    path = ctx.folder.require_file(ctx.folder.root / outline.deck_template, "deck template", at,
                                   outline.deck_template, office.SUFFIXES)
    return _checked_template(path, outline.deck_template, at, dict(outline.layouts or {}), outline, ctx)


def _checked_template(path, written: str, at, mapping: dict, outline: OutlineSpec, ctx: Context) -> DeckTemplate | None:
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


def _mapped_at(ours: str, at, outline: OutlineSpec, ctx: Context):
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
    if style.root is None or style.root.find(f"{notes.CSL_NS}citation/{notes.CSL_NS}layout") is None:
        problems.error(positions.of(("style",)), f"style `{outline.style}` has no <citation> with "
                                                 "a <layout>: it cannot format a citation")
        problems.raise_if_errors()
    return style


def _nocite(outline: OutlineSpec, ctx: Context) -> list[str]:
    """Works to list under Sources although no text cites them; `*` is all of them."""
    out: list[str] = []
    for i, source_id in enumerate(outline.nocite or []):
        if source_id.lstrip("@") == "*":
            out.extend(ctx.catalog.sources)
        elif source_id.lstrip("@") in ctx.catalog.sources:
            out.append(source_id.lstrip("@"))
        else:
            ctx.problems.error(ctx.positions.of(("nocite", i)),
                               f"unknown source `{source_id}`{ctx.suggest(source_id)}")
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
