"""citeproc-py's HTML as our runs of text: <i> and <b> become italic and bold, entities
characters, a URL a link; neighbouring runs of one style are merged."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from compiler.model import Text, merged

Runs = tuple[Text, ...]       # what a note, an entry or a citation is made of: text, no note calls


class _Runs(HTMLParser):
    """citeproc's HTML (<i>, <b>, small caps, entities) -> Text runs; URLs become links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Text] = []
        self.italic = self.bold = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.italic += tag == "i"
        self.bold += tag == "b"

    def handle_endtag(self, tag: str) -> None:
        self.italic -= tag == "i"
        self.bold -= tag == "b"

    def handle_data(self, data: str) -> None:
        for piece in re.split(r"(https?://[^\s<>]+?)(?=[.,;]?(?:\s|$))", data):
            if piece:
                link = piece if re.match(r"https?://", piece) else None
                self.runs.append(Text(piece, self.bold > 0, self.italic > 0, href=link))


def inlines(html: str) -> Runs:
    parser = _Runs()
    parser.feed(html)
    parser.close()
    return join(parser.runs)


def join(runs: list[Text]) -> Runs:
    """Neighbouring runs of one style merged (model.merged), typed as a note's runs."""
    return tuple(r for r in merged(runs) if isinstance(r, Text))
