"""Web page sources: the main text, one paragraph a line, whatever the page's markup."""
from __future__ import annotations

from compiler.load.texts import source_text
from compiler.verify.corpus import Corpus, Match

NEWS = """<html lang="es"><head><title>Perú</title></head><body>
<div class="menu"><a href="/">Inicio</a> <a href="/w">Mundo</a> <a href="/s">Suscríbase</a></div>
<article><h1>Peru's congress and the 2026 vote</h1>
<div class="text">Peru's congress has removed or forced out <a href="/a">four of six presidents</a>
since 2018, a record that <a href="/b">weakens</a> every government's ability to plan.</div>
<p>READ MORE: <a href="/x">Peru's congress removes another president</a></p>
<div class="text">Analysts said the <a href="https://example.org/x">electoral&nbsp;board</a>
would need new rules before the <span class="hl">2026</span> vote, according to a
<a href="/r">report by the</a> <a href="/i">institute</a>.</div>
<p>MIRA | Lo que debes saber del nuevo gabinete</p>
<p>The mission&#8217;s statement said the count was &quot;transparent &amp; orderly&quot;
and that observers had full access.</p>
<p>First line of the verse<br>second line of the verse</p>
<p>Related: <a href="/r">Another story about the region</a></p>
<p>Las autoridades electorales ser&aacute;n elegidas por un Congreso que la mayor&iacute;a
de los peruanos desconf&iacute;a, y esa elecci&oacute;n marcar&aacute; la votaci&oacute;n.</p>
</article>
<div class="share">Share on Facebook Share on Twitter</div>
<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""


def _text(tmp_path, html=NEWS):
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    return source_text(page, None)


def test_a_paragraph_cut_by_links_and_source_line_breaks_is_one_line(tmp_path):
    lines = _text(tmp_path).split("\n")
    assert ("Analysts said the electoral board would need new rules before the 2026 vote, "
            "according to a report by the institute.") in lines
    assert ("Peru's congress has removed or forced out four of six presidents since 2018, a "
            "record that weakens every government's ability to plan.") in lines


def test_entities_are_decoded(tmp_path):
    text = _text(tmp_path)
    assert ("The mission’s statement said the count was \"transparent & orderly\" and that "
            "observers had full access.") in text.split("\n")
    assert "elecciones" in text or "elegidas por un Congreso que la mayoría" in text
    assert "&" + "amp;" not in text and "&#" not in text


def test_inserted_lines_stay_lines_of_their_own_and_br_breaks_a_line(tmp_path):
    lines = _text(tmp_path).split("\n")
    assert "READ MORE: Peru's congress removes another president" in lines
    assert "MIRA | Lo que debes saber del nuevo gabinete" in lines
    assert ["First line of the verse", "second line of the verse"] == \
        lines[lines.index("First line of the verse"):][:2]


def test_navigation_and_footer_are_left_out(tmp_path):
    text = _text(tmp_path)
    for boilerplate in ("Suscríbase", "Share on Facebook", "All rights reserved"):
        assert boilerplate not in text


def test_paragraph_locators_count_the_page_paragraphs(tmp_path):
    corpus = Corpus({"page": _text(tmp_path)})
    match = corpus.verify("the electoral board would need new rules before the 2026 vote", "page")
    assert isinstance(match, Match) and match.locator == "para. 4"
    match = corpus.verify("the count was “transparent & orderly”", "page")
    assert isinstance(match, Match) and match.locator == "para. 6"
    assert not isinstance(corpus.verify("the electoral board would need old rules", "page"), Match)
