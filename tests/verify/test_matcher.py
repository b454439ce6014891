"""The quote verifier: what it forgives, what it refuses, and what a Miss tells the user."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.verify.corpus import Corpus, Match, Miss
from compiler.verify.normalise import normalise

REPORT = """\
Peru: A Test Report

Peru’s congress has removed or forced out four of six presidents since 2018, a record
that weakens every government’s ability to plan.

Under the 2009 trade agreement, U.S. trade with Peru more than doubled, from $9 billion
in 2009 to over $22 billion in 2022. The United States does not seek to isolate Peru.

The “rule of law” is fragile — observers say the attor-
ney general was suspended by the government.1 Instead, the board acted on narcotics-
related charges. The ﬁrst\u00a0hearing is set.
"""

OTHER = """\
Another paper about the Andean region.

Drug seizures rose sharply over the past year, straining the police.
"""

# Pages: a form feed between pages, and a running head repeated on every page.
PAGED = """\
https://example.org/paged-report
Page one says little.
The board met in the capital and agreed that the
https://example.org/paged-report
\fnew rules would take effect in the spring of next year.
https://example.org/paged-report
A closing line on page two.
"""

# One paragraph per line (no blank lines), as several web sources are.
LINES = """\
The first paragraph is about migration.
The second paragraph says that over 400,000 Peruvians left in 2022.
The third paragraph is about crime.
"""

# Lines 182-192 and 68-80 of the CRS seed: a two-column page extracted line by line,
# so its lines alternate between the two columns.
CRS = """\
commodities exports, and low public debt. Under the 2009 
Some Members of Congress have called on the Biden 
U.S.-Peru Trade Promotion Agreement, U.S. trade with 
Administration to halt all security assistance to Peru until 
Peru more than doubled, from $9 billion in 2009 to over 
the Administration can confirm that Peruvian officials 
$22 billion in 2022. Peru also halved its poverty rate, from 
responsible for human rights abuses are being held 
42% in 2007 to 20% in 2019. Peru was one of the countries 
accountable. In light of these and related allegations of 
charged with violating the constitution and corruption. 
efforts to build governing coalitions. The constitution’s low 
bar to impeachment and removal by congress has further 
Boluarte Administration and the Political Crisis 
weakened the presidency, leading to the impeachment or 
After Castillo’s removal from office, Vice President Dina 
forced resignation of four of six presidents since 2018.  
Boluarte became Peru’s first woman president under the 
constitutional rules of succession. Boluarte, a Lima-based 
Castillo Administration and Impeachment 
lawyer and civil servant, had been elected on the Perú Libre 
"""


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus({"report": REPORT, "other": OTHER, "paged": PAGED, "lines": LINES, "crs": CRS})


def verify(corpus: Corpus, quote: str, source: str = "report") -> Match:
    result = corpus.verify(quote, source)
    assert isinstance(result, Match), result
    return result


def refuse(corpus: Corpus, quote: str, source: str = "report") -> Miss:
    result = corpus.verify(quote, source)
    assert isinstance(result, Miss), result
    assert "\n" not in result.message
    return result


# --- Forgiven ----------------------------------------------------------------------------

def test_exact_quote_gives_raw_offsets_and_paragraph(corpus):
    m = verify(corpus, "The United States does not seek to isolate Peru.")
    assert REPORT[m.start:m.end] == "The United States does not seek to isolate Peru."
    assert m.how == "exact" and m.locator == "para. 3" and m.pieces == ((m.start, m.end),)
    assert m.warnings == ()


@pytest.mark.parametrize("quote", [
    "Peru's congress has removed or forced out four of six presidents",     # straight apostrophe
    "Peru‘s congress has removed or forced out four of six presidents",     # wrong curly one
    "The \"rule of law\" is fragile",                                        # straight quotes
    "The «rule of law» is fragile",
    "is fragile -- observers say",                                           # dash variants
    "is fragile – observers say",
    "is fragile-observers say",
    "observers say the attorney general was suspended",                     # hyphen at line end
    "acted on narcotics-related charges",                                   # real hyphen at line end
    "peru’s congress has removed",                                          # first letter's case
    "suspended by the government. Instead, the board acted",                # footnote marker
    "The first hearing is set.",                                            # ligature, nbsp
])
def test_typography_is_forgiven(corpus, quote):
    m = verify(corpus, quote)
    assert m.how == "normalised" and m.locator in {"para. 2", "para. 3", "para. 4"}


def test_white_space_alone_still_counts_as_exact(corpus):
    m = verify(corpus, "from $9 billion in 2009\n   to over   $22 billion")
    assert m.how == "exact" and REPORT[m.start:m.end] == "from $9 billion\nin 2009 to over $22 billion"


def test_span_covers_a_hyphenated_word(corpus):
    m = verify(corpus, "the attorney general was suspended")
    assert REPORT[m.start:m.end] == "the attor-\nney general was suspended"


def test_repeated_header_line_inside_a_passage_is_skipped(corpus):
    m = verify(corpus, "agreed that the new rules would take effect", "paged")
    assert m.how == "normalised" and m.warnings == ()
    assert "https://example.org" in PAGED[m.start:m.end]


def test_header_lines_are_not_skipped_at_random(corpus):
    refuse(corpus, "Page one says the board met", "paged")


def test_ellipsis_omits_text_in_order(corpus):
    for quote in ["Peru’s congress has removed ... presidents since 2018",
                  "Peru’s congress has removed…four of six presidents",
                  "The United States . . . not seek to isolate Peru."]:
        m = verify(corpus, quote)
        assert m.how == "omission" and len(m.pieces) == 2
        assert m.start == m.pieces[0][0] and m.end == m.pieces[1][1]


def test_omission_too_long_or_out_of_order_is_refused():
    filler = " ".join(["filler"] * 150)
    c = Corpus({"s": f"The start of it. {filler} The end of it."})
    assert isinstance(c.verify("The start of it. ... The end of it.", "s"), Miss)
    c = Corpus({"s": "Alpha beta gamma. Delta epsilon zeta."})
    miss = c.verify("Delta epsilon ... Alpha beta", "s")
    assert isinstance(miss, Miss) and "not in order within 600 characters" in miss.message


def test_alterations_stand_for_a_few_words(corpus):
    assert verify(corpus, "[The United States] does not seek to isolate Peru.").how == "normalised"
    verify(corpus, "[Washington] does not seek to isolate Peru.")
    verify(corpus, "trade with Peru more than doubled, from $9 billion [in that year] to over $22 billion")
    verify(corpus, "trade with Peru [sharply] more than doubled")                 # an insertion
    verify(corpus, "[t]he United States does not seek to isolate Peru")           # part of a word


def test_alteration_replacing_more_than_six_words_is_refused(corpus):
    refuse(corpus, "Under the 2009 trade agreement, [trade] from $9 billion in 2009")


def test_quote_of_only_brackets_is_an_error(corpus):
    miss = refuse(corpus, "[The United States]")
    assert "nothing of the source to check" in miss.message
    assert refuse(corpus, "   ").message == "quote is empty"


# --- Refused -----------------------------------------------------------------------------

@pytest.mark.parametrize("quote, diff", [
    ("from $9 billion in 2009 to over $23 billion in 2022", '"22" -> "23"'),
    ("The United States does seek to isolate Peru.", 'missing "not"'),
    ("The United States does not really seek to isolate Peru.", 'extra "really"'),
    ("The United states does not seek to isolate Peru.", '"States" -> "states"'),
])
def test_changed_words_are_refused_with_the_closest_passage(corpus, quote, diff):
    miss = refuse(corpus, quote)
    assert miss.message.startswith("quote not found in `report`; closest passage (para. 3): \"")
    assert miss.message.endswith(f"differs: {diff}")
    assert miss.closest and "…" in miss.closest and len(miss.closest) <= 125
    assert miss.found_in is None


def test_miss_message_reads_as_one_line(corpus):
    miss = refuse(corpus, "from $9 billion in 2009 to over $23 billion in 2022")
    assert miss.message == ('quote not found in `report`; closest passage (para. 3): '
                            '"…from $9 billion in 2009 to over $22 billion in 2022…"; differs: "22" -> "23"')


def test_wrong_source_is_named(corpus):
    miss = refuse(corpus, "Drug seizures rose sharply over the past year", "report")
    assert miss.found_in == ("other", "para. 2")
    assert miss.message.endswith("; found in `other`, para. 2: did you cite the wrong source?")


def test_unrelated_quote_has_no_closest_passage(corpus):
    miss = refuse(corpus, "Completely unrelated words about penguins and glaciers")
    assert miss.closest is None and "no passage comes close" in miss.message


def test_only_the_very_first_letter_may_change_case(corpus):
    refuse(corpus, "2009 To over $22 billion")
    verify(corpus, "To over $22 billion")
    verify(corpus, "“Rule of law” is fragile")


def test_partial_words_do_not_match(corpus):
    refuse(corpus, "ngress has removed")
    refuse(corpus, "Peru’s congress has remove")


# --- Column-interleaved text ----------------------------------------------------------------

@pytest.mark.parametrize("quote", [
    "from $9 billion in 2009 to over $22 billion in 2022",
    "leading to the impeachment or forced resignation of four of six presidents since 2018",
    "U.S. trade with Peru more than doubled, from $9 billion in 2009 to over $22 billion in 2022",
])
def test_quote_across_interleaved_columns_matches_with_a_warning(corpus, quote):
    m = verify(corpus, quote, "crs")
    assert m.how == "column-break"
    assert m.warnings == (f"matched across a column break in `crs` ({m.locator}): "
                          "check the passage reads as quoted",)


def test_column_break_skips_only_whole_lines(corpus):
    refuse(corpus, "from $9 billion in 2009 to over Peruvian officials $22 billion", "crs")
    refuse(corpus, "from $9 billion in 2009 to over billion in 2022", "crs")
    refuse(corpus, "from $9 billion in 2009 to over $22 billion in 2019", "crs")


def test_column_breaks_only_in_interleaved_text():
    text = "".join(f"Line number {w} of a short report.\n" for w in "one two three four".split())
    c = Corpus({"s": text})
    assert isinstance(c.verify("Line number one of a short report. Line number three", "s"), Miss)


# --- Locators ---------------------------------------------------------------------------------

def test_locators(corpus):
    assert verify(corpus, "A closing line on page two.", "paged").locator == "p. 2"
    assert verify(corpus, "Page one says little.", "paged").locator == "p. 1"
    assert verify(corpus, "over 400,000 Peruvians left in 2022", "lines").locator == "para. 2"
    assert verify(corpus, "The third paragraph", "lines").locator == "para. 3"
    assert verify(corpus, "Drug seizures rose sharply", "other").locator == "para. 2"
    assert verify(corpus, "Lima-based", "crs").locator == "line 19"


def test_find_reports_every_source(corpus):
    found = corpus.find("Peru")
    assert {m.source_id for m in found} >= {"report", "crs"}
    assert all(REPORT[m.start:m.end] == "Peru" for m in found if m.source_id == "report")
    assert len([m for m in found if m.source_id == "report"]) == 4


def test_normalise_is_what_users_see():
    assert normalise("“Don’t”\u00a0— ﬁne…") == "\"Don't\"-fine..."


# --- Properties -----------------------------------------------------------------------------

# the regex [a-m]{2,8}(m's)?[,.;]?, drawn as text (st.from_regex costs several times as much)
WORD = st.builds(lambda w, s, p: w + s + p, st.text(alphabet="abcdefghijklm", min_size=2, max_size=8),
                 st.sampled_from(["", "m's"]), st.sampled_from(["", ",", ".", ";"]))


@st.composite
def passage(draw):
    """A source text (curly apostrophes, wrapped at random, one quoted word hyphenated at a
    line end) and a plain quote of >= 4 consecutive words of it."""
    words = draw(st.lists(WORD, min_size=6, max_size=40, unique_by=lambda w: re.sub(r"\W", "", w)))
    i = draw(st.integers(0, len(words) - 4))
    j = draw(st.integers(i + 4, len(words)))
    typeset = [w.replace("'", "’") for w in words]
    long_ones = [k for k in range(i, j) if len(re.match(r"[a-m]*", words[k]).group()) >= 4]
    if long_ones:
        k = draw(st.sampled_from(long_ones))
        cut = draw(st.integers(2, len(re.match(r"[a-m]*", words[k]).group()) - 2))
        typeset[k] = typeset[k][:cut] + "-\n" + typeset[k][cut:]
    gaps = draw(st.lists(st.sampled_from([" ", " ", "\n", "  \n"]), min_size=len(words), max_size=len(words)))
    source = "".join(w + g for w, g in zip(typeset, gaps))
    return source, words, i, j


@settings(max_examples=150, deadline=None)
@given(passage())
def test_any_retypeset_passage_still_matches(case):
    source, words, i, j = case
    quote = " ".join(words[i:j])
    m = Corpus({"s": source}).verify(quote, "s")
    assert isinstance(m, Match), m
    assert normalise(source[m.start:m.end].replace("-\n", "")) == quote


@settings(max_examples=150, deadline=None)
@given(passage(), st.data())
def test_any_changed_word_is_refused(case, data):
    source, words, i, j = case
    k = data.draw(st.integers(i, j - 1))
    stranger = data.draw(st.text(alphabet="nopqrstuvwxyz", min_size=2, max_size=8))
    quote = " ".join([*words[i:k], stranger, *words[k + 1:j]])
    miss = Corpus({"s": source}).verify(quote, "s")
    assert isinstance(miss, Miss), miss
    assert "\n" not in miss.message


def test_found_passage_leaves_out_the_other_column(corpus):
    found = [m for m in corpus.find("the impeachment or forced resignation") if m.source_id == "crs"]
    assert [m.how for m in found] == ["column-break"]
    passage = found[0].passage(CRS)
    assert passage == "the impeachment or forced resignation"
    assert "After Castillo" in CRS[found[0].start:found[0].end]
    again = corpus.verify(passage, "crs")
    assert isinstance(again, Match) and (again.start, again.end) == (found[0].start, found[0].end)
