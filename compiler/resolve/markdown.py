"""Resolve stage, part two: outline Markdown -> renderer-neutral blocks and inlines.

Takes a Markdown string and a `cite` callback; gives `Block`s whose inlines are
`Text` runs and `NoteRef`s. markdown-it-py does the parsing with raw HTML off, so
text in the outline is data: `<b>` stays the four characters it is. Pandoc citation
syntax (`[@id]`, `[@id, p. 4]`, `[see @a; @b]`) is an inline rule of our own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from compiler.model import Block, BulletList, Inline, Inlines, NoteRef, Paragraph, Text, merged
from compiler.sentences import ends_sentence
from compiler.sentences import split as sentences_of


@dataclass(frozen=True)
class CiteSpec:
    """One `@id` inside a citation, as written."""

    source_id: str
    locator: str | None
    prefix: str
    offset: int                 # of the "@" in the Markdown string


# Pandoc: a key starts with a letter, digit or _, and may hold internal punctuation.
_KEY = r"[A-Za-z0-9_](?:[\w:.#$%&+?<>~/-]*[\w])?"
_PIECE = re.compile(rf"^(?P<prefix>[^@]*?)\s*-?@(?P<id>{_KEY})\s*(?:,\s*(?P<locator>.*?))?\s*$", re.S)
_BRACKETS = re.compile(r"(?<!\\)\[([^\[\]]*@[^\[\]]*)\](?!\()")

# cite(specs) -> the NoteRef that stands for them in the text
CiteFn = Callable[[tuple[CiteSpec, ...]], NoteRef]
# xref("fig", "trade") -> the text that stands for it ("Figure 2", linked)
XrefFn = Callable[[str, str], Text]

# `@fig:trade` / `@tbl:budget` (pandoc-crossref's syntax) refer to a figure or table.
XREF = re.compile(r"(?<![\w@])@(fig|tbl):([A-Za-z0-9_](?:[\w-]*\w)?)")


def _as_written(kind: str, ident: str) -> Text:
    return Text(f"@{kind}:{ident}")


def find_citations(markdown: str) -> list[tuple[CiteSpec, ...]]:
    """Every bracketed citation in `markdown`, with offsets into the string."""
    found = []
    for m in _BRACKETS.finditer(markdown):
        specs = _parse(m.group(1), m.start(1))
        if specs:
            found.append(specs)
    return found


# `[` then a citation key with no `]` before the next `[` or the end: a citation left open.
_OPENED = re.compile(rf"(?<!\\)\[(?=[^\[\]]*?(?<![^\s;\[(-])@{_KEY})[^\[\]]*(?=\[|$)", re.S)


def unclosed_citations(markdown: str) -> list[int]:
    """Offsets of the `@` of every `[@id...` that is never closed by `]`."""
    return [m.start() + at.start() for m in _OPENED.finditer(markdown or "")
            if (at := re.search(rf"(?<![^\s;\[(-])@{_KEY}", m.group()))]


def shown_from(markdown: str, offset: int, limit: int = 30) -> str:
    """The text from the `[` before `offset` to the end of its line, shortened."""
    start = markdown.rfind("[", 0, offset)
    text = markdown[start:].split("\n", 1)[0].rstrip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _parse(inner: str, offset: int) -> tuple[CiteSpec, ...] | None:
    """`see @a, p. 4; @b` -> specs, or None when it is not a citation."""
    specs, at = [], offset
    for piece in inner.split(";"):
        m = _PIECE.match(piece)
        if not m:
            return None
        specs.append(CiteSpec(m["id"], (m["locator"] or None), m["prefix"].strip(),
                              at + piece.index("@")))
        at += len(piece) + 1
    return tuple(specs)


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    m = _BRACKETS.match(state.src, state.pos)
    specs = _parse(m.group(1), m.start(1)) if m else None
    if not specs:
        return False
    assert m is not None, "specs come from a match"
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"specs": specs}
    state.pos = m.end()
    return True


def _xref_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "@" or (state.pos and (state.src[state.pos - 1].isalnum())):
        return False
    m = XREF.match(state.src, state.pos)
    if not m:
        return False
    if not silent:
        token = state.push("xref", "", 0)
        token.meta = {"kind": m.group(1), "id": m.group(2)}
    state.pos = m.end()
    return True


def _parser() -> MarkdownIt:
    # typographer: "straight" quotes typed in YAML print as “curly” ones, as set type should
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": True})
    md.enable(["paragraph", "list", "emphasis", "link", "backticks", "escape",
               "newline", "entity", "autolink", "smartquotes"])
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.inline.ruler.before("link", "xref", _xref_rule)
    return md


_MD = _parser()


def blocks(markdown: str, cite: CiteFn, xref: XrefFn = _as_written) -> tuple[Block, ...]:
    """Paragraphs and lists of `markdown`; each citation becomes `cite(specs)`."""
    out: list[Block] = []
    items: list[Inlines] = []
    ordered = False
    for token in _MD.parse(markdown or ""):
        if token.type in ("bullet_list_open", "ordered_list_open") and token.level == 0:
            items, ordered = [], token.type == "ordered_list_open"
        elif token.type in ("bullet_list_close", "ordered_list_close") and token.level == 0:
            out.append(BulletList(tuple(items), ordered))
        elif token.type == "inline":
            runs = inlines_of(token.children or [], cite, xref)
            if token.level > 1:         # inside a list item (at any depth)
                items.append(runs)
            else:
                out.append(Paragraph(runs))
    return tuple(out)


def inline(markdown: str, cite: CiteFn, xref: XrefFn = _as_written) -> Inlines:
    """A single line of Markdown (a point, a caption) as inlines."""
    runs: list[Inline] = []
    for block in blocks(markdown, cite, xref):
        parts = block.items if isinstance(block, BulletList) else (block.inlines,)
        for part in parts:
            if runs:
                runs.append(Text(" "))
            runs.extend(part)
    return tuple(runs)


def inlines_of(children: list[Token], cite: CiteFn, xref: XrefFn = _as_written) -> Inlines:
    runs: list[Inline] = []
    bold = italic = 0
    href: str | None = None
    for t in children:
        if t.type == "text":
            runs.append(Text(t.content, bold > 0, italic > 0, href=href))
        elif t.type in ("softbreak", "hardbreak"):
            runs.append(Text(" " if t.type == "softbreak" else "\n", bold > 0, italic > 0, href=href))
        elif t.type == "code_inline":
            runs.append(Text(t.content, bold > 0, italic > 0, code=True, href=href))
        elif t.type in ("strong_open", "strong_close"):
            bold += 1 if t.type.endswith("open") else -1
        elif t.type in ("em_open", "em_close"):
            italic += 1 if t.type.endswith("open") else -1
        elif t.type == "link_open":
            href = str(t.attrs.get("href", "")) or None
        elif t.type == "link_close":
            href = None
        elif t.type == "citation":
            runs.append(cite(t.meta["specs"]))
        elif t.type == "xref":
            ref = xref(t.meta["kind"], t.meta["id"])
            runs.append(Text(ref.text, bold > 0, italic > 0, href=ref.href))
    return merged(_calls_after_punctuation(runs))


def _calls_after_punctuation(runs: list[Inline]) -> list[Inline]:
    """`since 2018 [@crs].` reads "since 2018.¹": as in Pandoc's note styles the call
    moves after the punctuation and the space before it goes."""
    out: list[Inline] = []
    for run in runs:
        if isinstance(run, NoteRef) and run.in_text:
            pass        # an author-date citation stays where it was written: "(Beittel 2024)."
        elif isinstance(run, NoteRef) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text.rstrip(" "), *_style(out[-1]))
            if not out[-1].text:
                out.pop()
        elif isinstance(run, Text) and out and isinstance(out[-1], NoteRef) and not out[-1].in_text \
                and run.text[:1] in _MARKS:
            calls = len(out)
            while calls and isinstance(out[calls - 1], NoteRef):
                calls -= 1
            out.insert(calls, Text(run.text[0], *_style(out[calls - 1] if calls else run)))
            run = Text(run.text[1:], *_style(run))
        out.append(run)
    return out


_MARKS = (".", ",", ";", ":", "!", "?")


def _style(run: Inline) -> tuple:
    return (run.bold, run.italic, run.code, run.href) if isinstance(run, Text) else (False, False, False, None)


def sentences(inlines: Inlines) -> list[Inlines]:
    """Split a paragraph into sentences (for bullets derived from a body);
    a citation stays with the sentence it follows."""
    out: list[list[Inline]] = [[]]
    for run in inlines:
        if not isinstance(run, Text):
            out[-1].append(run)
            continue
        if run.text[:1].isspace() and _ends_sentence(out[-1]):
            out.append([])      # "encounters.¹ Dr. Vance": the call closed the sentence
        for i, piece in enumerate(sentences_of(run.text)):
            if i and out[-1]:
                out.append([])
            if piece.strip():
                out[-1].append(Text(piece.strip() if not out[-1] else piece, run.bold, run.italic,
                                    run.code, run.href))
    return [merged(p) for p in out if p]


def _ends_sentence(sentence: list[Inline]) -> bool:
    texts = [r for r in sentence if isinstance(r, Text)]
    words = texts[-1].text.split() if texts else []
    return bool(words) and isinstance(sentence[-1], NoteRef) and ends_sentence(words[-1])
