"""The redline's words: a block's text as tokens (words, spaces and whole notes, each in
its inline markup), and two token lists merged into one with <del> and <ins>; a note is
one unit: struck, inserted, or marked changed."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from lxml import html as lhtml
from markupsafe import escape

WORD = re.compile(r"\s+|\w+(?:['’.,\-–]\w+)*|[^\w\s]")
NOTES = ("footnote", "in-text", "call-sep")



@dataclass(frozen=True)
class Token:
    key: tuple
    html: str
    note: lhtml.HtmlElement | None = None   # a footnote or in-text citation element: one unit

    @property
    def space(self) -> bool:
        return self.key == (" ",)


def tokens(el) -> list[Token]:
    """A block's words, spaces and notes, each word in its inline markup."""
    out: list[Token] = []

    def words(text: str, wrap: tuple[tuple[str, str], ...]) -> None:
        for w in WORD.findall(text):
            if w.isspace():
                out.append(Token((" ",), str(escape(w))))
            else:
                opened = "".join(o for o, _ in wrap)
                closed = "".join(c for _, c in reversed(wrap))
                out.append(Token((opened, w), f"{opened}{escape(w)}{closed}"))

    def walk(node, wrap) -> None:
        if node.text:
            words(node.text, wrap)
        for child in node:
            if not isinstance(child.tag, str):
                pass
            elif (child.get("class") or "").split()[:1] and child.get("class").split()[0] in NOTES:
                out.append(Token(("note", child.get("class"), " ".join(child.text_content().split())),
                                 lhtml.tostring(child, encoding="unicode", with_tail=False), child))
            elif child.tag == "br":
                out.append(Token(("br",), "<br>"))
            else:
                walk(child, wrap + ((_open(child), f"</{child.tag}>"),))
            if child.tail:
                words(child.tail, wrap)
    walk(el, ())
    return out


def _open(el) -> str:
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in el.attrib.items())
    return f"<{el.tag}{attrs}>"


def merge(old: list[Token], new: list[Token]) -> str:
    """The new words with the deleted ones struck and the inserted ones marked."""
    out = []
    for op, i1, i2, j1, j2 in _opcodes(old, new):
        if op == "equal":
            out += [t.html for t in new[j1:j2]]
            continue
        gone, came = old[i1:i2], new[j1:j2]
        # a footnote replaced by a footnote is one changed note, compared word by word
        old_notes = [t for t in gone if _is_footnote(t)]
        new_notes = [t for t in came if _is_footnote(t)]
        partner = {id(n): o for o, n in zip(old_notes, new_notes)}
        kept = {id(o) for o in partner.values()}
        deleted = _run([t for t in gone if id(t) not in kept], "del", {})
        inserted = _run(came, "ins", partner)
        if deleted and inserted and not deleted.endswith(" ") and not inserted.startswith(" "):
            deleted += " "          # "of ~~six~~ seven", not "sixseven"
        out += [deleted, inserted]
    return "".join(out)


def _is_footnote(t: Token) -> bool:
    return t.note is not None and "footnote" in t.key[1]


def _opcodes(old: list[Token], new: list[Token]) -> list[tuple]:
    """difflib's opcodes, with a lone space between two changes folded into them:
    "~~six presidents~~ seven leaders", not a change per word."""
    matcher = difflib.SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    ops = matcher.get_opcodes()
    merged: list[list] = []
    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        between = op == "equal" and all(t.space for t in new[j1:j2]) and 0 < n < len(ops) - 1
        if (op != "equal" or between) and merged and merged[-1][0] == "replace":
            merged[-1][2], merged[-1][4] = i2, j2
        else:
            merged.append(["replace" if op != "equal" else "equal", i1, i2, j1, j2])
    return [tuple(m) for m in merged]


def _run(toks: list[Token], tag: str, partner: dict) -> str:
    """Deleted or inserted tokens: words inside <del>/<ins> (spaces at the ends outside),
    notes as struck, inserted or changed notes."""
    out: list[str] = []
    words: list[str] = []

    def flush() -> None:
        text = "".join(words)
        stripped = text.strip(" ")
        if stripped:
            lead, trail = text[:len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")):]
            out.append(f"{lead}<{tag}>{stripped}</{tag}>{trail}")
        else:
            out.append(text)
        words.clear()
    for t in toks:
        if t.note is None:
            words.append(t.html)
            continue
        flush()
        if "call-sep" in t.key[1]:
            out.append(t.html if tag == "ins" else "")
        elif id(t) in partner:
            out.append(_changed_note(partner[id(t)], t))
        else:
            out.append(_whole_note(t, tag))
    flush()
    return "".join(out)


def _whole_note(t: Token, tag: str) -> str:
    assert t.note is not None, "a note token"
    if tag == "ins":
        return f'<span class="{escape(t.note.get("class"))} rl-note-inserted">{merge([], tokens(t.note))}</span>'
    if "footnote" in t.key[1]:
        # struck in the line, not floated: the notes keep the new memo's numbers
        return f' <span class="rl-gone-note"><del>[note:</del> {merge(tokens(t.note), [])}<del>]</del></span>'
    return f'<span class="{escape(t.note.get("class"))}">{merge(tokens(t.note), [])}</span>'


def _changed_note(old: Token, new: Token) -> str:
    assert new.note is not None, "a note token"
    before, after = tokens(old.note), tokens(new.note)
    inner = merge(before, after)
    if [t.key for t in before] == [t.key for t in after]:
        return new.html
    return f'<span class="{escape(new.note.get("class"))} rl-note-changed">{inner}</span>'
