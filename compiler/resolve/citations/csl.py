"""Our catalog in citeproc-py's terms: a `Source` as a CSL-JSON item (names split into
family and given, dates into date-parts, text escaped) and a written locator (`p. 4`,
`para. 6`) as a CSL locator."""
from __future__ import annotations

import html
import re
from typing import Any

from citeproc.source import Locator

from compiler.model import Source


# Pandoc's locator labels -> CSL's.
_LABELS = {"p": "page", "pp": "page", "page": "page", "pages": "page", "para": "paragraph",
           "paras": "paragraph", "¶": "paragraph", "sec": "section", "secs": "section",
           "section": "section", "n": "note", "nn": "note", "ch": "chapter", "chap": "chapter",
           "fig": "figure", "l": "line", "ll": "line", "line": "line", "lines": "line",
           "vol": "volume", "col": "column", "art": "article", "no": "issue"}


def csl_locator(text: str) -> Locator:
    """`p. 4`, `pp. 4-6`, `para. 6`, `sec. 2` -> CSL locators; a bare number is a page."""
    m = re.fullmatch(r"\s*([^\W\d]+|¶)\.?\s*(.+?)\s*", text)
    if m and m.group(1).lower() in _LABELS:
        return Locator(_LABELS[m.group(1).lower()], m.group(2))
    return Locator("page", text.strip())


def csl_item(source: Source) -> dict[str, Any]:
    """A catalog entry as CSL-JSON. Its text is escaped: citeproc-py passes values into
    its HTML output as they are, and catalog text is text (`<b>` prints as written)."""
    item: dict[str, Any] = {"id": source.id, "type": source.type or _type_of(source), "title": _text(source.title)}
    if source.authors:
        item["author"] = [{part: _text(v) for part, v in _name(a).items()} for a in source.authors]
    for key, value in (("publisher", source.publisher), ("number", source.number), ("URL", source.url),
                       ("container-title", source.container)):
        if value:
            item[key] = _text(value)
    for key, value in (("issued", source.date), ("accessed", source.accessed)):
        if value:
            item[key] = {"date-parts": [[int(p) for p in value.split("-")]]}
    return item


def _text(value: str) -> str:
    return html.escape(value, quote=False)


def _type_of(source: Source) -> str:
    """Without a `type` in the catalog: a numbered or published work is a report,
    anything else a web page."""
    return "report" if (source.number or source.publisher) else "webpage"


def _name(name: str) -> dict[str, str]:
    """ "June S. Beittel", or "van Gogh, Vincent" when the parts must be kept (as
    BibTeX and CSL-JSON catalogs give them)."""
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return {"family": family, "given": given} if given else {"literal": family}
    words = name.split()
    suffix: list[str] = []
    while len(words) > 2 and words[-1].rstrip(".") in ("Jr", "Sr", "II", "III", "IV"):
        suffix.insert(0, words.pop())
    if len(words) == 1:
        return {"literal": name}
    out = {"family": words[-1], "given": " ".join(words[:-1])}
    if suffix:
        out["suffix"] = " ".join(suffix)
    return out
