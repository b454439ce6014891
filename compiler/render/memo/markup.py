"""Render memo, part one: the resolved `Briefing` -> the memo's HTML (Jinja2).

Templates are looked up in the briefing's own `templates/` first, then in the built-in
ones. Autoescaping is on and outline text reaches the page only as escaped text runs:
`<b>` in the outline prints as the three characters, `{{ }}` as it stands.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from compiler.render.alt import decorative, figure_alt
from compiler.diagnostics import BriefError, Problem
from compiler.model import Briefing, Inlines, NoteRef, Text
from compiler.resolve.citations.notes import written_date
from compiler.render.memo.sandbox import memo_environment, template_problem

TEMPLATES = Path(__file__).with_name("templates")
MEMO = "memo.html.j2"


def render_memo_html(briefing: Briefing, chart_cache: Path | None = None) -> str:
    """The memo as one self-contained HTML page; charts drawn once per content
    (kept in `chart_cache` when given)."""
    try:
        template = _environment(briefing, chart_cache).get_template(MEMO)
        built = dt.datetime.fromtimestamp(briefing.timestamp, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return template.render(b=briefing, theme=briefing.theme, written_date=written_date, built=built)
    except jinja2.TemplateNotFound as e:
        raise BriefError([Problem(None, "error", f"no memo template `{e.name}`; looked in "
                                  + ", ".join(str(p) for p in _search_path(briefing)))]) from None
    except BriefError:
        raise
    except Exception as e:      # a user template's mistake becomes FILE:LINE; ours stays a bug
        problem = template_problem(e, briefing.root)
        if problem is None:
            raise
        raise BriefError([problem]) from None


def _search_path(briefing: Briefing) -> list[Path]:
    return [briefing.root / "templates", TEMPLATES]


def _environment(briefing: Briefing, chart_cache: Path | None) -> jinja2.Environment:
    env = memo_environment(  # sandboxed, user templates through the folder's fence
        briefing.root, TEMPLATES, autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    notes = {f.number: f.text for f in briefing.footnotes}
    env.filters["inlines"] = lambda runs: inline_html(runs, notes)
    env.filters["chart"] = lambda chart, title: Markup(
        _chart_svg(chart, briefing.theme, title, chart_cache))
    # after a quote or a figure's source line: an in-text citation needs its space
    env.filters["call"] = lambda number, in_text=(): (" " if in_text and number is None else "") + \
        _call(number, in_text, notes)
    env.globals["font_stack"] = _font_stack
    env.filters["css_string"] = css_string
    # relative to the briefing folder (the PDF's base URL): where the folder lies on this
    # machine must not change the PDF's bytes (WeasyPrint names images by their URL)
    env.filters["in_briefing"] = lambda path: Path(path).relative_to(briefing.root).as_posix()
    env.filters["alt"] = figure_alt
    env.filters["decorative"] = decorative
    env.filters["decoration_style"] = lambda image: _decoration_style(image, env.filters["in_briefing"])
    return env


def _decoration_style(image, in_briefing) -> str:
    """A decorative picture drawn as a background at the size an <img> would take
    (96 px to the inch, at most the column's 6.5 in)."""
    width = min(image.width_px, 624)
    height = width * image.height_px / image.width_px
    return (f"width: {width}px; height: {height:.2f}px; "
            f"background: url({css_string(in_briefing(image.path))}) center / contain no-repeat")


def _chart_svg(chart, theme, title: str, chart_cache: Path | None) -> str:
    # matplotlib takes 0.7 s to import: only a chart the cache does not hold pays for it
    from compiler.render.memo.chartcache import cached_chart_svg
    return cached_chart_svg(chart, theme, title, chart_cache)


def inline_html(runs: Inlines, notes: dict[int, Inlines]) -> Markup:
    """Text runs as escaped HTML; a citation as a real footnote (or in-text citation)."""
    out: list[str] = []
    for i, run in enumerate(runs):
        if isinstance(run, NoteRef):
            before = runs[i - 1] if i else None
            if isinstance(before, NoteRef) and run.footnote and before.footnote:
                out.append('<sup class="call-sep">,</sup>')   # 3 and 4, never "34"
            out.append(_call(run.footnote, run.in_text, notes))
        else:
            out.append(_text_html(run))
    return Markup("".join(out))


def _text_html(run: Text) -> str:
    html = str(escape(run.text))
    if run.code:
        html = f"<code>{html}</code>"
    if run.italic:
        html = f"<em>{html}</em>"
    if run.bold:
        html = f"<strong>{html}</strong>"
    if run.href:
        html = f'<a href="{escape(run.href)}">{html}</a>'
    return html


def _call(number: int | None, in_text: Inlines, notes: dict[int, Inlines]) -> str:
    """Footnote N where it is called (WeasyPrint floats it to the page bottom and numbers
    it; the model numbered it the same way, in reading order)."""
    if number is not None:
        # the call is a link to its note (screen readers follow it; WeasyPrint's own
        # ::footnote-call is no link), the note floats to the foot of the page
        return (f'<a class="call" href="#note-{number}">{number}</a>'
                f'<span class="footnote" id="note-{number}">{inline_html(notes[number], notes)}</span>')
    if in_text:
        return f'<span class="in-text">{inline_html(in_text, notes)}</span>'
    return ""


def _font_stack(name: str, metric: str, generic: str) -> Markup:
    """The installed metric-compatible font first (it is what the PDF embeds)."""
    return Markup(f"{css_string(metric)}, {css_string(name)}, {generic}")


def css_string(value: str) -> Markup:
    """Outline text as a quoted CSS string (the marking and short title in the page
    margins). HTML escaping is wrong inside <style> ("R&D" would print "R&amp;D"), so
    quotes, backslashes, markup characters and control characters become CSS escapes:
    the text prints as written and cannot end the string or the <style> element."""
    def escaped(char: str) -> str:
        return f"\\{ord(char):x} " if char in '"\\<>&\'' or not char.isprintable() else char
    return Markup('"' + "".join(escaped(c) for c in value) + '"')
