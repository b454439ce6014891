"""Outline Markdown: data, never markup that runs; Pandoc citations with their positions."""
from __future__ import annotations

from compiler.resolve.markdown import blocks, find_citations, inline, sentences
from compiler.model import BulletList, NoteRef, Paragraph, Text
from compiler.load.yamlfile import load_yaml_text


def _ref(specs):
    return NoteRef((), len(specs))


def test_raw_html_and_template_syntax_stay_text():
    [para] = blocks("Hello <script>alert(1)</script> {{ x }} {% if %}", _ref)
    assert para == Paragraph((Text("Hello <script>alert(1)</script> {{ x }} {% if %}"),))


def test_emphasis_links_and_lists():
    out = blocks("*a* **b** [c](https://x.org)\n\n- one\n- two [@s]\n", _ref)
    assert out[0].inlines == (Text("a", italic=True), Text(" "), Text("b", bold=True), Text(" "),
                              Text("c", href="https://x.org"))
    assert isinstance(out[1], BulletList) and len(out[1].items) == 2
    assert out[1].items[1][-1] == NoteRef((), 1)


def test_citation_forms():
    found = find_citations("a [@crs-2024] b [@crs-2024, p. 4] c [see @a, para. 2; @b] [link](u) [@bad id]")
    assert [[(s.source_id, s.locator, s.prefix) for s in specs] for specs in found] == [
        [("crs-2024", None, "")], [("crs-2024", "p. 4", "")], [("a", "para. 2", "see"), ("b", None, "")]]


def test_citation_offsets_map_into_a_literal_block():
    loaded = load_yaml_text("body: |\n  First line.\n  Second [@x] here.\n", "o.yaml")
    [[spec]] = find_citations(loaded.value["body"])
    loc = loaded.positions.inside(("body",), spec.offset)
    assert (loc.line, loc.col) == (3, 11)


def test_bullets_derived_from_sentences_keep_their_citations():
    para = inline("The U.S. Customs made 75,000 encounters [@a]. Dr. Vance disagrees. Trade doubled.", _ref)
    parts = sentences(para)
    assert ["".join(getattr(r, "text", "") for r in p) for p in parts] == [
        "The U.S. Customs made 75,000 encounters.", "Dr. Vance disagrees.", "Trade doubled."]
    assert any(isinstance(r, NoteRef) for r in parts[0])
