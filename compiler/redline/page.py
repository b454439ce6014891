"""The redline's own pieces of HTML: the first page (what changed, in words), the marks'
CSS, and the summary as terminal lines for `brief diff --stat`."""
from __future__ import annotations

from markupsafe import Markup, escape

from compiler.gitrev import Described
from compiler.render.memo.markup import css_string
from compiler.model import Briefing, Theme
from compiler.redline.summary import Group, Line

INSERTED = "#0B57A4"            # blue, underlined
DELETED = "#B3261E"             # red, struck through
KINDS = {"added": "+", "removed": "-"}


def stat_lines(old: Described, new: Described, groups: list[Group]) -> list[str]:
    lines = [f"{old.label} → {new.label}"]
    for group in groups:
        lines.append(group.title)
        lines += [f"  {KINDS.get(line.kind, '~')} {line.plain()}" for line in group.lines]
    total = sum(len(g.lines) for g in groups)
    lines.append(f"{total} change{'s' * (total != 1)}" if total else "no changes")
    return lines


def summary_html(briefing: Briefing, old: Described, new: Described, groups: list[Group]) -> str:
    total = sum(len(g.lines) for g in groups)
    rows = "".join(f"<tr><th>{label}:</th><td>{_revision(d)}</td></tr>"
                   for label, d in (("BEFORE", old), ("AFTER", new)))
    parts = [
        '<section class="rl-summary" id="redline-summary">',
        '<p class="memorandum">Redline</p>',
        f'<table class="routing"><tr><th>MEMO:</th><td>{escape(briefing.title)}</td></tr>{rows}</table>',
        f'<h1 class="title">What changed: {total} change{"s" * (total != 1)}</h1>' if total else
        '<h1 class="title">No changes between the two revisions</h1>',
        '<p class="rl-legend"><ins>Inserted text</ins><span class="rl-gap"></span><del>Deleted text</del>'
        '<span class="rl-gap"></span><span class="rl-bar"></span>Changed paragraph, note, quote or figure'
        '</p>',
    ]
    for group in groups:
        parts.append(f'<h2 class="rl-group">{escape(group.title)}</h2>')
        parts.append('<table class="rl-changes">' + "".join(_row(line) for line in group.lines) + "</table>")
    parts.append("</section>")
    return "\n".join(parts)


def _revision(d: Described) -> Markup:
    if d.commit is None:
        return escape(d.name.capitalize() + (f": {d.note}" if d.note else ""))
    subject = f", “{escape(d.subject)}”" if d.subject else ""
    return Markup(f"<strong>{escape(d.label)}</strong>, committed {escape(d.date)}{subject}")


def _row(line: Line) -> str:
    change = ""
    if line.old is not None or line.new is not None:
        change = f': <del>{escape(line.old)}</del> → <ins>{escape(line.new)}</ins>'
    return (f'<tr><td class="rl-kind rl-kind-{line.kind.replace(" ", "-")}">{escape(line.kind)}</td>'
            f"<td>{escape(line.text)}{change}</td></tr>")


def chart_note(changes: list[tuple[str, str, str]]) -> str:
    """Under a changed chart: which numbers changed, old → new."""
    if not changes:
        return '<p class="rl-values">The chart’s drawing changed.</p>'
    items = "; ".join(f"{escape(where)}: <del>{escape(a)}</del> → <ins>{escape(b)}</ins>"
                      for where, a, b in changes)
    return f'<p class="rl-values"><span class="rl-values-label">Values changed:</span> {items}</p>'


def redline_css(theme: Theme, old: Described, new: Described) -> str:
    sans = f'"{theme.sans_metric}", "{theme.sans}", sans-serif'
    footer = css_string(f"REDLINE  {old.label} → {new.label}")
    return f"""
@page {{
  @bottom-left {{
    content: {footer}; font: bold 8.5pt {sans}; letter-spacing: 0.04em; color: {DELETED};
    vertical-align: top; padding-top: 0.18in;
  }}
}}
@page :first {{ @top-left {{ content: none; }} }}
ins {{ text-decoration: underline; text-decoration-color: {INSERTED}; color: {INSERTED}; }}
del {{ text-decoration: line-through; text-decoration-color: {DELETED}; color: {DELETED}; }}
/* The marginal bar: a border in the left margin, its width given back by a negative
   margin, so the marked text stays where the memo sets it. */
.rl-changed {{ border-left: 2.5pt solid {theme.primary}; margin-left: -11pt; padding-left: 8.5pt; }}
/* a list item keeps its box (its number hangs outside it): the bar is drawn beside it,
   in the margin, where the other bars stand (the list is indented 1.4em) */
li.rl-changed {{ border-left: none; margin-left: 0; padding-left: 0; position: relative; }}
li.rl-changed::before {{
  content: ""; position: absolute; top: 0; bottom: 0; left: -26.4pt;   /* 1.4em + 11pt */
  border-left: 2.5pt solid {theme.primary};
}}
td.rl-changed, th.rl-changed {{ border-left: none; margin-left: 0; padding-left: 6pt;
  background: #FFF3D6; }}
.entry.rl-changed {{ padding-left: 33.7pt; }}   /* the hanging indent, 0.35in, kept */
.quote.rl-changed {{ margin-left: -11pt; padding-left: 44.5pt; }}   /* 0.5in + 8.5pt */
.footnote.rl-note-changed, .footnote.rl-note-inserted {{
  border-left: 2pt solid {theme.primary}; margin-left: -9pt; padding-left: 21.45pt;
}}
.rl-note-inserted::footnote-call, .rl-note-changed::footnote-call,
.rl-note-inserted::footnote-marker {{ color: {INSERTED}; }}
.rl-gone-note {{ font-size: 8.5pt; }}
.rl-deleted h2 {{ bookmark-level: none; }}
.rl-note {{
  font: bold 8pt {sans}; letter-spacing: 0.06em; text-transform: uppercase;
  color: {DELETED}; margin: -3pt 0 6pt; text-align: left;
}}
.rl-values {{
  font: 8.5pt/1.35 {sans}; margin: 4pt 0 2pt; padding: 3pt 6pt; text-align: left;
  background: #F6F7F9;
}}
.rl-values-label {{ font-weight: bold; color: {theme.primary}; }}

/* --- the first page ---------------------------------------------------------- */
.rl-summary {{ break-after: page; }}
.rl-summary .memorandum {{ color: {DELETED}; }}
.rl-summary .routing {{ margin-bottom: 12pt; }}
.rl-summary h1.title {{ border-top: 1.5pt solid {theme.primary}; padding-top: 10pt; margin-bottom: 6pt; }}
.rl-legend {{ font: 9pt {sans}; color: {theme.muted}; margin: 0 0 10pt; text-align: left; }}
.rl-gap {{ display: inline-block; width: 18pt; }}
.rl-bar {{ display: inline-block; width: 2.5pt; height: 9pt; background: {theme.primary};
  margin-right: 5pt; vertical-align: -1pt; }}
h2.rl-group {{ font-size: 11pt; margin: 10pt 0 3pt; border-bottom: 0.5pt solid {theme.rule};
  padding-bottom: 1pt; bookmark-level: 2; }}
table.rl-changes {{ width: 100%; border-collapse: collapse; font-size: 9.5pt; line-height: 1.3;
  text-align: left; hyphens: manual; }}
table.rl-changes td {{ padding: 1.5pt 0; vertical-align: baseline; }}
table.rl-changes tr {{ break-inside: avoid; }}
td.rl-kind {{ width: 0.8in; font: bold 7.5pt {sans}; letter-spacing: 0.06em; text-transform: uppercase;
  color: {theme.muted}; }}
td.rl-kind-added {{ color: {INSERTED}; }}
td.rl-kind-removed {{ color: {DELETED}; }}
"""
