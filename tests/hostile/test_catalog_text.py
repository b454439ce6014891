"""Kind 7: catalog text is text: markup in a title or an author prints as written."""
from __future__ import annotations

from conftest import CATALOG
from kit import deck_text, hostile, pdf_text  # noqa: F401 (fixture)

TITLE = "Another <b>Bold</b> &lt;x&gt; Paper"


def test_markup_in_a_catalog_title_prints_literally(hostile, capsys):
    hostile.write("sources/sources.yaml", CATALOG.replace('"Another Paper"', f'"{TITLE}"')
                  .replace('author: ["Ana Diaz", "Ben Roe"]', 'author: ["Ana <i>Diaz</i>", "Ben Roe"]'))
    hostile.builds(capsys)
    memo = pdf_text((hostile.root / "out/outline.pdf").read_bytes())
    assert memo.count(TITLE) >= 2           # its footnote and the sources list
    assert "Ana <i>Diaz</i>" in memo
    deck = deck_text((hostile.root / "out/outline.pptx").read_bytes())
    assert TITLE in deck                    # the speaker notes' source line
