"""The memo's HTML at two revisions -> the new memo's HTML with the changes marked.

Blocks are aligned first (sections by id, then paragraphs, list items, quotes, figures and
table cells by their words, with difflib), then each pair of blocks is compared word by
word. Inserted words are wrapped in <ins>, deleted ones in <del>; a footnote is one unit of
its paragraph, compared inside when it changed. Every changed block gets the class
`rl-changed` (the marginal bar); a deleted block or section is copied in from the old memo
where it stood. Charts are kept as they are (their inline SVG is set aside while the rest is
parsed) and marked when their drawing changed.
"""
from __future__ import annotations

import copy
import difflib
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lxml import html as lhtml
from markupsafe import escape

from compiler.redline.words import merge, tokens

_CHART = re.compile(r'<div class="chart">(.*?)</div>', re.S)
CONTAINERS = {"ul", "ol", "figure", "blockquote", "table", "thead", "tbody", "tr", "header", "section"}


@dataclass
class Tally:
    """Paragraphs and list items edited, added and removed, per section title."""

    edited: Counter = field(default_factory=Counter)
    added: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)

    def sections(self) -> list[str]:
        return list(dict.fromkeys([*self.edited, *self.added, *self.removed]))


class Memo:
    """A memo's HTML parsed for editing; charts set aside and put back on output."""

    def __init__(self, html: str, root: Path | None = None):
        self.charts: list[str] = []

        def aside(m: re.Match) -> str:
            self.charts.append(m.group(1))
            digest = hashlib.sha256(m.group(1).encode()).hexdigest()[:16]
            return f'<div class="chart" data-chart="{len(self.charts) - 1}" data-key="{digest}"></div>'
        self.doc = lhtml.document_fromstring(_CHART.sub(aside, html))
        self.body = self.doc.body
        for img in self.body.iter("img"):       # a picture by its bytes, not its file name
            path = (root / img.get("src", "")) if root else None
            if path and path.is_file():
                img.set("data-key", hashlib.sha256(path.read_bytes()).hexdigest()[:16])

    def html(self) -> str:
        out = lhtml.tostring(self.doc, encoding="unicode", method="html", doctype="<!DOCTYPE html>")

        def back(m: re.Match) -> str:
            return f'<div class="{m.group(1)}">{self.charts[int(m.group(2))]}</div>'
        return re.sub(r'<div class="([^"]*chart[^"]*)" data-chart="(\d+)" data-key="\w+"></div>', back, out)


ChartNote = Callable[[str | None, str | None], str]


class Redline:
    """Marks in `new` (edited in place) what changed since `old`."""

    def __init__(self, old: Memo, new: Memo, chart_note: ChartNote | None = None,
                 section_notes: dict[str, str] | None = None):
        self.old, self.new = old, new
        self.tally = Tally()
        self.chart_note = chart_note or (lambda a, b: "")
        self.section_notes = section_notes or {}     # section id -> "Moved: …"
        self._section: str | None = ""

    def run(self) -> Tally:
        olds = {_ident(el): el for el in self.old.body}
        news = {_ident(el): el for el in self.new.body}
        for ident, b in list(news.items()):
            self._section = _title(b)
            a = olds.get(ident)
            if a is None:
                self._section = None if b.tag == "section" else ""   # the Sections summary says it
                self._inserted(b)
                if b.tag == "section":
                    _note(b, "New section")
            else:
                self._element(a, b)
                if ident in self.section_notes:
                    _note(b, self.section_notes[ident])
        self._removed_sections(olds, news)
        _bars_on_figures(self.new.body)
        return self.tally

    def _removed_sections(self, olds: dict, news: dict) -> None:
        order = list(olds)
        for i, ident in enumerate(order):
            if ident in news:
                continue
            self._section = None
            gone = self._deleted(olds[ident])
            _note(gone, "Section removed")
            before = next((news[k] for k in reversed(order[:i]) if k in news), None)
            if before is not None:
                before.addnext(gone)
            else:
                first = next((el for el in self.new.body if el.tag == "section"), None)
                (first.addprevious(gone) if first is not None else self.new.body.append(gone))
            gone.tail = "\n"

    # --- blocks ----------------------------------------------------------------

    def _element(self, a, b) -> None:
        if b.tag in CONTAINERS:
            self._container(a, b)
        else:
            self._leaf(a, b)

    def _container(self, a, b) -> None:
        olds, news = list(a), list(b)
        if b.tag == "tr" and len(olds) == len(news):
            for old, new in zip(olds, news):    # a table's cells are places, not passages
                self._element(old, new)
            return
        matcher = difflib.SequenceMatcher(None, [_key(x) for x in olds], [_key(x) for x in news],
                                          autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                after = news[j2] if j2 < len(news) else None
                self._chunk(olds[i1:i2], news[j1:j2], b, after)

    def _chunk(self, olds: list, news: list, parent, after) -> None:
        pairs = _pair(olds, news)
        for n, (a, b) in enumerate(pairs):
            if a is not None and b is not None:
                self._element(a, b)
            elif b is not None:
                self._inserted(b)
            else:
                gone = self._deleted(a)
                following = next((nb for _, nb in pairs[n + 1:] if nb is not None), after)
                if following is not None:
                    following.addprevious(gone)
                else:
                    parent.append(gone)

    def _leaf(self, a, b) -> None:
        if b.tag == "img" or b.get("data-chart") is not None:
            if _key(a) != _key(b):
                _changed(b)
                note = self.chart_note(_figure_id(a), _figure_id(b))
                if note:
                    b.addnext(lhtml.fragment_fromstring(note))
            return
        old, new = tokens(a), tokens(b)
        if [t.key for t in old] == [t.key for t in new]:
            return
        _set_inner(b, merge(old, new))
        _changed(b)
        self._count(b, self.tally.edited)

    def _inserted(self, el) -> None:
        for leaf in _leaves(el):
            if leaf.tag != "img" and leaf.get("data-chart") is None:
                _set_inner(leaf, merge([], tokens(leaf)))
            _changed(leaf)
            self._count(leaf, self.tally.added)

    def _deleted(self, el):
        """A copy of an old block, every word struck; no pictures, no ids, no bookmarks."""
        gone = copy.deepcopy(el)
        gone.tail = None
        for node in list(gone.iter()):
            node.attrib.pop("id", None)
            if node.tag == "img" or node.get("data-chart") is not None:
                node.getparent().remove(node)
        for leaf in _leaves(gone):
            _set_inner(leaf, merge(tokens(leaf), []))
            _changed(leaf)
            self._count(leaf, self.tally.removed)
        gone.set("class", (gone.get("class", "") + " rl-deleted").strip())
        return gone

    def _count(self, leaf, counter: Counter) -> None:
        """Paragraphs and list items of running text (quotes and figures are counted apart)."""
        if self._section is not None and leaf.tag in ("p", "li") and not any(p.tag == "figure" for p in leaf.iterancestors()) \
                and "entry" not in (leaf.get("class") or "") and leaf.getparent().tag != "header":
            counter[self._section] += 1


def _ident(el) -> str:
    return f"section#{el.get('id')}" if el.tag == "section" else f"{el.tag}.{el.get('class', '')}"


def _title(el) -> str:
    heading = el.find("h2") if el.tag == "section" else None
    return " ".join(heading.text_content().split()) if heading is not None else ""


def _key(el) -> tuple:
    kind = f"{el.tag}.{el.get('class', '')}"
    if el.get("data-key") or el.tag == "img":
        return kind, el.get("data-key") or el.get("src")
    # a chart or picture inside a block is part of the block's identity
    drawn = tuple(d.get("data-key") or d.get("src") for d in el.iterdescendants()
                  if isinstance(d.tag, str) and (d.get("data-key") or d.tag == "img"))
    return kind, " ".join(_words(el)), drawn


def _words(el) -> list[str]:
    """A block's words; adjacent cells and items stay apart ("Health 8.5", not "Health8.5")."""
    return " ".join(el.itertext()).split()


def _figure_id(el) -> str | None:
    figure = next((p for p in el.iterancestors() if p.tag == "figure"), None)
    return figure.get("id") if figure is not None else None


def _pair(olds: list, news: list) -> list[tuple]:
    """Old and new blocks of one changed stretch, in reading order: each new block with the
    most similar old block of its kind still ahead (at least half the words alike), the
    old blocks passed over as deleted, new ones without a partner as inserted."""
    out, start = [], 0
    for b in news:
        best, score = None, 0.5
        for k in range(start, len(olds)):
            if olds[k].tag == b.tag and olds[k].get("class") == b.get("class"):
                ratio = _similarity(olds[k], b)
                if ratio >= score:
                    best, score = k, ratio
        if best is None:
            out.append((None, b))
            continue
        out += [(olds[m], None) for m in range(start, best)] + [(olds[best], b)]
        start = best + 1
    return out + [(a, None) for a in olds[start:]]


def _similarity(a, b) -> float:
    if a.get("data-chart") is not None or a.tag == "img":
        return 1.0                  # the one chart or picture of a figure
    words_a, words_b = _words(a), _words(b)
    return difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def _leaves(el):
    if el.tag not in CONTAINERS:
        yield el
        return
    for child in list(el):
        if not isinstance(child.tag, str):
            continue
        yield from _leaves(child)


def _changed(el) -> None:
    classes = (el.get("class") or "").split()
    if "rl-changed" not in classes:
        el.set("class", " ".join(classes + ["rl-changed"]))


def _bars_on_figures(body) -> None:
    """A quote or figure with any change gets one bar beside the whole block (its table
    cells keep their own shading)."""
    for el in list(body.iter()):
        if not isinstance(el.tag, str) or "rl-changed" not in (el.get("class") or "").split():
            continue
        figure = next((p for p in el.iterancestors() if p.tag == "figure"), None)
        if figure is not None:
            if el.tag not in ("td", "th"):
                el.set("class", " ".join(c for c in el.get("class").split() if c != "rl-changed"))
            _changed(figure)


def _note(section, text: str) -> None:
    """A label under a section's heading: New section, Section removed, Moved …"""
    label = lhtml.fragment_fromstring(f'<p class="rl-note">{escape(text)}</p>')
    heading = section.find("h2")
    (heading.addnext(label) if heading is not None else section.insert(0, label))


def _set_inner(el, html: str) -> None:
    holder = lhtml.fragment_fromstring(f"<div>{html}</div>")
    for child in list(el):
        el.remove(child)
    el.text = holder.text
    for child in list(holder):
        el.append(child)
