"""Web pages (.html/.htm) -> their main text, one paragraph a line.

trafilatura finds the main text (navigation, share buttons, footers and ads left out) and
decodes entities. We take its XML rather than its plain text: the plain text keeps the
line breaks of the page's source after an inline element (`the <a>electoral board</a>\\n
would need`), which splits one paragraph over two lines and so shifts every `para. N`
locator after it. From the XML each paragraph, heading, list item, quotation and table
row is one line, its white space runs collapsed; only a `<br>` (trafilatura's `<lb/>`)
breaks a line inside a paragraph. Soft hyphens are dropped.

Lines a site inserts between paragraphs ("READ MORE: ...", "MIRA | ...", "Related: ...")
are kept as lines of their own; the matcher may skip such a line inside a quote, with a
warning.
"""
from __future__ import annotations

import re

# elements whose text is one line of the result; containers are walked into
_LINES = {"p", "head", "item", "quote", "code", "row", "cell", "label"}
_CONTAINERS = {"main", "list", "table", "div", "body", "doc"}
_SPACE = re.compile(r"[ \t\r\n\f\v\xa0\u2000-\u200a\u202f\u205f\u3000]+")


class NoMainText(Exception):
    """trafilatura found no main text in the page."""


_NO_MAIN_TEXT = ("no main text found in the page (only navigation and links, or nothing): "
                 "save the article's text as a .txt source instead")


def html_text(data: bytes) -> str:
    import trafilatura
    from lxml import etree
    xml = trafilatura.extract(data, output_format="xml", include_comments=False,
                              include_tables=True, deduplicate=False, favor_recall=True)
    if not xml:
        raise NoMainText(_NO_MAIN_TEXT)
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    lines = list(_lines(main if main is not None else root))
    text = "\n".join(line for line in lines if line)
    if not text:
        raise NoMainText(_NO_MAIN_TEXT)
    return text


def _lines(element) -> list[str]:
    out: list[str] = []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "row":
            cells = [_inline(cell) for cell in child]
            out.append(" | ".join(c for c in cells if c))
        elif tag in _LINES and not any(isinstance(c.tag, str) and c.tag in _LINES | {"list", "table"}
                                       for c in child):
            out.extend(_inline(child).split("\n"))
        elif tag in _LINES or tag in _CONTAINERS:
            if tag in _LINES and child.text and child.text.strip():
                out.append(_clean(child.text))
            out.extend(_lines(child))
        if tag in _LINES | _CONTAINERS and child.tail and child.tail.strip() and element.tag in _CONTAINERS:
            out.append(_clean(child.tail))
    return out


def _inline(element) -> str:
    """The text of a paragraph-like element: inline markup flattened, `<lb/>` a line break."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "\n".join(_clean(line) for line in "".join(parts).split("\n")).strip("\n")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\xad", "")).strip()
