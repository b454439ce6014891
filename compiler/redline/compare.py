"""The comparison behind `brief diff`: two revisions -> a summary and a redline PDF.

    compare(outline, old_rev, new_rev, out_dir, write_pdf) -> Compared

Both revisions go through the ordinary pipeline (revisions.py), are summarised from the
resolved briefings (summary.py), and their memo HTML is compared block by block and word
by word (textdiff.py). The redline is the new memo's HTML with the marks and a first page
(page.py), typeset by the memo's own WeasyPrint step: same bytes for the same revisions.
"""
from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lhtml

from compiler.gitrev import Described, Repository
from compiler.model import Briefing
from compiler.redline.summary import Group, Line, chart_changes, moved_sections, quoted, summarise
from compiler.redline.textdiff import Memo, Redline, Tally

__all__ = ["Compared", "compare"]


@dataclass(frozen=True)
class Compared:
    old: Described
    new: Described
    groups: list[Group]
    written: Path | None            # the redline PDF, when asked for

    @property
    def changes(self) -> int:
        return sum(len(g.lines) for g in self.groups)


def compare(outline: str, repo: Repository, old_rev: str, new_rev: str, out_dir: Path,
            write_pdf: bool = True) -> Compared:
    from compiler.render.memo import render_memo_html
    from compiler.redline.revisions import version
    with ExitStack() as stack:
        old = stack.enter_context(version(outline, repo, old_rev, out_dir))
        new = stack.enter_context(version(outline, repo, new_rev, out_dir))
        groups = summarise(old.briefing, new.briefing, old.catalog, new.catalog)
        charts = out_dir / ".cache" / "charts"
        before = Memo(render_memo_html(old.briefing, charts), old.briefing.root)
        after = Memo(render_memo_html(new.briefing, charts), new.briefing.root)
        tally = Redline(before, after, _chart_notes(old.briefing, new.briefing),
                        _moves(old.briefing, new.briefing)).run()
        text = _text_lines(tally)
        if text:
            at = sum(g.title in ("Memo header", "Sections") for g in groups)
            groups.insert(at, Group("Text", text))
        if not write_pdf:
            return Compared(old.described, new.described, groups, None)
        return Compared(old.described, new.described, groups,
                        _write(after, new.briefing, old.described, new.described, groups, out_dir))


def _write(memo: Memo, briefing: Briefing, old: Described, new: Described, groups: list[Group],
           out_dir: Path) -> Path:
    from compiler.render.memo import render_memo_pdf
    from compiler.output.write import write_outputs
    from compiler.redline.page import redline_css, summary_html
    doc = memo.doc
    doc.find(".//title").text = f"Redline: {briefing.title}"
    style = lhtml.Element("style")
    style.text = redline_css(briefing.theme, old, new)
    doc.head.append(style)
    summary = lhtml.fragment_fromstring(summary_html(briefing, old, new, groups))
    memo.body.insert(0, summary)
    summary.tail = "\n"
    pdf = render_memo_pdf(briefing, memo.html())
    [path] = write_outputs(out_dir, {f"{briefing.output}.redline.pdf": pdf})
    return path


def _text_lines(tally: Tally) -> list[Line]:
    """ "“Summary”: 2 paragraphs edited, 1 added", one line per section."""
    lines = []
    for title in tally.sections():
        said: list[str] = []
        for n, what in ((tally.edited[title], "edited"), (tally.added[title], "added"),
                        (tally.removed[title], "removed")):
            if n:
                noun = "" if said else (" paragraph" if n == 1 else " paragraphs")
                said.append(f"{n}{noun} {what}")
        lines.append(Line("changed", f"{quoted(title) if title else 'memo'}: {', '.join(said)}"))
    return lines


def _chart_notes(old: Briefing, new: Briefing):
    before = {f"figure-{f.id}": f for s in old.sections for f in s.figures}
    after = {f"figure-{f.id}": f for s in new.sections for f in s.figures}

    def note(old_id: str | None, new_id: str | None) -> str:
        from compiler.redline.page import chart_note
        a, b = before.get(old_id or ""), after.get(new_id or "")
        if a is None or b is None or a.chart is None or b.chart is None:
            return chart_note([]) if b is not None else ""
        return chart_note(chart_changes(a.chart, b.chart))
    return note


def _moves(old: Briefing, new: Briefing) -> dict[str, str]:
    """Section id -> the label a moved section carries under its heading."""
    titles = {s.id: s.title for s in old.sections}
    order = [s.id for s in old.sections]
    notes = {}
    for sid in moved_sections(old, new):
        i = order.index(sid)
        where = f"after {quoted(titles[order[i - 1]])}" if i else "at the start"
        notes[f"section#{sid}"] = f"Moved: was section {i + 1}, {where}"
    return notes
