"""The verifier on text as extracted from the documents staff really use: CRS and GAO
PDFs and a Federal Register notice (pages joined by form feeds, with furniture the
extractor missed), and news pages in English and Spanish (one paragraph a line, with the
site's inserted lines). Texts are written by hand after real documents of each kind; every
genuine quote has a changed twin that must be refused."""
from __future__ import annotations

import pytest

from compiler.verify.corpus import Corpus, Match, Miss

# A CRS Insight, one column, three pages. The extractor missed the foot of each page
# (name and page number, URL, product number) and the running head of pages 2 and 3.
CRS = """\
Peru’s Political Crisis and U.S. Policy
Updated January 10, 2024
On December 7, 2022, Peru’s congress voted 101 to 6 to remove President Pedro
Castillo from office, hours after he announced he would dissolve the legislature
and rule by decree. Vice President Dina Boluarte was sworn in the same day, be-
coming Peru’s ﬁrst woman president.

Protests spread across the southern highlands, where support for Castillo was
strongest. At least 49 civilians died in clashes with security forces between
December 2022 and March 2023. Human rights groups have called for a well-
known independent inquiry, and some Members of Congress have proposed limits on
security assistance to the Peruvian national police and armed forces until
Congressional Research Service 1
https://crsreports.congress.gov
IN12078
\fPeru’s Political Crisis and U.S. Policy
those responsible for abuses have been held to account.

The Boluarte government has relied on the support of a fragmented congress, whose
approval rating stood at 6% in late 2023. The administration announced a 10-
point plan to restore security in Lima and the northern regions. Exports to non-
FTA partners, mainly China, rose faster than exports to the United States. The
plan’s critics argue that the gov-
ernment has not explained how it will pay for the new police units, and that
Congressional Research Service 2
https://crsreports.congress.gov
IN12078
\f3
Peru’s Political Crisis and U.S. Policy
emergency decrees have not reduced extortion in the capital.

Issues for Congress
Congress may consider whether to condition assistance on progress in the investigations.
Congressional Research Service 3
https://crsreports.congress.gov
IN12078
"""

# A Federal Register final rule, three columns read one after another, pages 49214-49216.
# GPO sets double quotes as two single ones and uses ligatures; the running head carries
# the page number, first on even pages and last on odd ones.
FR = """\
49214 Federal Register / Vol. 89, No. 112 / Monday, June 10, 2024 / Rules and Regulations
DEPARTMENT OF TRANSPORTATION
Federal Aviation Administration
14 CFR Part 39
[Docket No. FAA–2024–1234; Project Identiﬁer AD–2023–00987–T]
SUMMARY: The FAA is adopting a new airworthiness directive (AD) for certain
The Boeing Company Model 737–8 and 737–9 airplanes. This AD was prompted by
reports of erroneous activation of the maneuvering characteristics augmentation
system (MCAS), which can command nose-down stabilizer trim in response to a
high angle of attack. This AD requires revising the existing airplane ﬂight
manual to incorporate procedures for responding to ‘‘uncommanded nose-down
stabilizer trim’’ and to an unexpected ‘‘pitch attitude.’’ The FAA is issuing
this AD to address the unsafe condition on these products.
DATES: This AD is effective June 25, 2024.
\fFederal Register / Vol. 89, No. 112 / Monday, June 10, 2024 / Rules and Regulations 49215
The FAA received comments from 14 commenters. The Air Line Pilots Association,
International (ALPA) supported the AD. Two commenters asked the FAA to extend the
compliance time from 30 days to 90 days. The FAA does not agree, because the unsafe
condition could result in loss of control of the airplane, and has not changed
this AD regarding this issue. The FAA estimates that this AD affects 1,124
\f49216 Federal Register / Vol. 89, No. 112 / Monday, June 10, 2024 / Rules and Regulations
airplanes of U.S. registry, at a cost of $85 per work-hour.
"""

# A GAO report, extracted in reading order but with its footnote calls glued to the words.
GAO = """\
Letter
In fiscal years 2019 through 2023, the Department of State and the U.S. Agency for
International Development (USAID) allocated about $412 million in security and
development assistance to Peru.1 State officials told us that counternarcotics
programs accounted for the largest share of that funding.2 Reports3from the
embassy describe coca cultivation rising for the third year in a row, according to
agency officials.4An interagency review found that the Narcotics Affairs Section
(NAS)5can track outputs, such as hectares eradicated, but not outcomes.
Page 1 GAO-24-106123 Peru Security Assistance
\fThe review recommended that State set performance targets for FY2024 and for the
10,000 hectares it plans to eradicate by 2025, as required by H.R. 3 of the 118th
Congress.
Page 2 GAO-24-106123 Peru Security Assistance
"""

# A saved news page (trafilatura: one paragraph a line), with the site's inserted lines.
NEWS = """\
Peru's Congress ousts another president as crime soars
By Maria Lopez
LIMA, Peru (AP) — Peru's Congress voted late Thursday to remove President Dina Boluarte, the sixth leader to leave office since 2016, after a wave of killings blamed on extortion gangs.
Lawmakers approved the motion with 122 votes, well above the 87 needed, in a session that lasted less than two hours.
READ MORE: Peru declares state of emergency in Lima as extortion crimes soar
Advertisement
The head of Congress, José Jerí, was sworn in as interim president early Friday and promised to “declare war on crime.”
Related:
Who is José Jerí, Peru's new president
Peru's presidents: a timeline
Boluarte had approval ratings in the single digits for most of her term.
Inside Peru’s Booming Extortion Economy
Critics say the removal does little to address the crisis. “Nothing changes,” said one protester.
What happens next
Congress must now organise elections for April 2026, when voters will choose a new president and a new senate.
"""

NOTICIA = """\
El Congreso de Perú destituye a Dina Boluarte
La presidenta fue vacada por “permanente incapacidad moral” con 122 votos a favor.
El Congreso de Perú aprobó en la madrugada del viernes la vacancia de la presidenta Dina Boluarte, tras una ola de crímenes atribuidos a bandas de extorsión.
MIRA | Boluarte: cronología de una presidencia marcada por las protestas
El presidente del Congreso, José Jerí, asumió la jefatura del Estado y prometió “declarar la guerra a la delincuencia”.
Lee también:
¿Quién es José Jerí, el nuevo presidente del Perú?
Publicidad
La economía peruana creció un 3,1 % en el segundo trimestre, según el Instituto Nacional de Estadística e Informática.
"""


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus({"crs": CRS, "fr": FR, "gao": GAO, "news": NEWS, "noticia": NOTICIA})


def verify(corpus: Corpus, quote: str, source: str) -> Match:
    result = corpus.verify(quote, source)
    assert isinstance(result, Match), result
    return result


def refuse(corpus: Corpus, quote: str, source: str) -> Miss:
    result = corpus.verify(quote, source)
    assert isinstance(result, Miss), result
    return result


# Genuine quotes (as a reader copies them from the page) with their locator, each with a
# changed twin (a number, a word, a dropped "not", a dropped word or line).
CASES = [
    ("crs", "Vice President Dina Boluarte was sworn in the same day, becoming Peru’s first woman president.",
     "p. 1", "Vice President Dina Boluarte was sworn in the next day, becoming Peru’s first woman president."),
    ("crs", "Peru’s congress voted 101 to 6 to remove President Pedro Castillo from office",
     "p. 1", "Peru’s congress voted 101 to 7 to remove President Pedro Castillo from office"),
    ("crs", "some Members of Congress have proposed limits on security assistance to the Peruvian "
            "national police and armed forces until those responsible for abuses have been held to account.",
     "pp. 1–2", "some Members of Congress have proposed limits on security assistance to the Peruvian "
                "national police until those responsible for abuses have been held to account."),
    ("crs", "the government has not explained how it will pay for the new police units, and that "
            "emergency decrees have not reduced extortion in the capital.",
     "pp. 2–3", "the government has not explained how it will pay for the new police units, and that "
                "emergency decrees have reduced extortion in the capital."),
    ("crs", "The administration announced a 10-point plan to restore security", "p. 2",
     "The administration announced a 12-point plan to restore security"),
    ("crs", "Exports to non-FTA partners, mainly China, rose faster", "p. 2",
     "Exports to non-FTA partners, mainly Chile, rose faster"),
    ("crs", "Human rights groups have called for a well-known independent inquiry", "p. 1",
     "Human rights groups have called for a known independent inquiry"),
    ("fr", "procedures for responding to “uncommanded nose-down stabilizer trim” and to an unexpected "
           "“pitch attitude.”", "p. 1",
     "procedures for responding to “uncommanded nose-up stabilizer trim” and to an unexpected “pitch attitude.”"),
    ("fr", "revising the existing airplane flight manual", "p. 1", "revising the existing airplane flight plan"),
    ("fr", "Docket No. FAA-2024-1234; Project Identifier AD-2023-00987-T", "p. 1",
     "Docket No. FAA-2024-1235; Project Identifier AD-2023-00987-T"),
    ("fr", "The FAA does not agree, because the unsafe condition could result in loss of control", "p. 2",
     "The FAA does agree, because the unsafe condition could result in loss of control"),
    ("fr", "The FAA estimates that this AD affects 1,124 airplanes of U.S. registry, at a cost of $85 per "
           "work-hour.", "pp. 2–3",
     "The FAA estimates that this AD affects 1,124 airplanes of U.S. registry, at a cost of $95 per work-hour."),
    ("gao", "allocated about $412 million in security and development assistance to Peru. State officials "
            "told us", "p. 1",
     "allocated about $412 million in security assistance to Peru. State officials told us"),
    ("gao", "Reports from the embassy describe coca cultivation rising", "p. 1",
     "Reports from the embassy describe coca cultivation falling"),
    ("gao", "according to agency officials. An interagency review found that the Narcotics Affairs Section "
            "(NAS) can track outputs", "p. 1",
     "according to agency officials. An interagency review found that the Narcotics Affairs Section can "
     "track outputs"),
    ("gao", "track outputs, such as hectares eradicated, but not outcomes. The review recommended", "pp. 1–2",
     "track outputs, such as hectares eradicated, and outcomes. The review recommended"),
    ("gao", "set performance targets for FY2024 and for the 10,000 hectares", "p. 2",
     "set performance targets for FY and for the hectares"),
    ("gao", "as required by H.R. 3 of the 118th Congress.", "p. 2",
     "as required by H.R. of the 118th Congress."),
    ("news", "Lawmakers approved the motion with 122 votes, well above the 87 needed", "para. 4",
     "Lawmakers approved the motion with 112 votes, well above the 87 needed"),
    ("noticia", "La economía peruana creció un 3,1 % en el segundo trimestre", "para. 9",
     "La economía peruana creció un 3,2 % en el segundo trimestre"),
]


@pytest.mark.parametrize("source, quote, locator, twin", CASES)
def test_genuine_quote_verifies_with_its_page_and_its_twin_is_refused(corpus, source, quote, locator, twin):
    assert verify(corpus, quote, source).locator == locator
    refuse(corpus, twin, source)


def test_page_crossing_quote_skips_the_furniture_between_its_halves(corpus):
    m = verify(corpus, "have been held to account. The Boluarte government", "crs")
    assert m.locator == "p. 2" and m.warnings == ()
    m = verify(corpus, "armed forces until those responsible", "crs")
    assert m.locator == "pp. 1–2" and m.warnings == () and m.how == "normalised"
    assert "IN12078" in CRS[m.start:m.end] and "IN12078" not in m.passage(CRS)
    assert m.passage(CRS) == "armed forces until those responsible"


def test_furniture_is_skipped_only_between_pages_and_only_whole(corpus):
    # the last line of page 1's body is no furniture: dropping it is refused
    refuse(corpus, "have proposed limits on those responsible for abuses", "crs")
    # furniture words are not skipped inside a line
    refuse(corpus, "Congressional Research Service https://crsreports.congress.gov emergency", "crs")
    # a heading in the body is not furniture
    refuse(corpus, "reduced extortion in the capital. Congress may consider", "crs")
    verify(corpus, "reduced extortion in the capital. Issues for Congress Congress may consider", "crs")


def test_page_numbers_count_as_furniture_only_at_a_page_edge():
    pages = ["The survey covered\n", "3\nvillages in the north and\n", "4\nthe south of the country.\n"]
    c = Corpus({"s": "\f".join(pages)})
    assert c.verify("The survey covered villages", "s").locator == "pp. 1–2"   # "3" on p. 2: no page number
    assert isinstance(c.verify("north and the south", "s"), Match)            # "4" on p. 3 is one
    c = Corpus({"s": "The survey covered\f7\nvillages in the north.\n"})
    assert isinstance(c.verify("The survey covered villages", "s"), Miss)     # "7" on p. 2 is content


@pytest.mark.parametrize("quote", ["the government has not", "the gov-ernment has not",
                                   "a wellknown independent inquiry", "a well-known independent inquiry"])
def test_an_ambiguous_line_end_hyphen_reads_either_way(corpus, quote):
    verify(corpus, quote, "crs")


@pytest.mark.parametrize("quote", ["a 10point plan", "Exports to nonFTA partners", "the gov ernment has",
                                   "gov-ernment has-not explained", "the govern-ment has",
                                   "Peru’s congress voted 101 to 6 to re-move"])
def test_a_hyphen_is_dropped_only_between_lowercase_letters_and_added_nowhere(corpus, quote):
    refuse(corpus, quote, "crs")


def test_gpo_and_tex_quotes_in_source_and_quote(corpus):
    assert verify(corpus, "to an unexpected ‘‘pitch attitude.’’", "fr").how == "exact"
    assert verify(corpus, "to an unexpected “pitch attitude.”", "fr").how == "normalised"
    verify(corpus, "to an unexpected ``pitch attitude.''", "fr")
    verify(corpus, 'to an unexpected "pitch attitude."', "fr")
    refuse(corpus, "to an unexpected ‘pitch attitude.’", "fr")      # single quotes are not double
    c = Corpus({"tex": "He called it ``a \ufb01rst\u00a0step'' and left.\n"})
    assert isinstance(c.verify("He called it “a first step” and left.", "tex"), Match)


@pytest.mark.parametrize("quote", ["Reports 3 from the embassy", "Reportsfrom the embassy",
                                   "agency officials.An interagency", "agency officials. 4 An interagency",
                                   "the Narcotics Affairs Section can track", "performance targets for FY 2024",
                                   "hectares it plans to eradicate by 2025, as required by H.R. of"])
def test_digits_are_forgiven_only_where_they_are_a_footnote_call(corpus, quote):
    refuse(corpus, quote, "gao")


def test_glued_markers_leave_numbers_alone():
    c = Corpus({"s": "The rate fell to 3.5 percent in 2019 and covered 10,000 homes.\n"
                     "Under art.3 of the law, and H.R.3 as passed, p.7 applies.\n"})
    for quote in ["The rate fell to percent", "covered homes", "Under art. of the law",
                  "and H.R. as passed", "the law, and H.R. as passed", "p. applies"]:
        assert isinstance(c.verify(quote, "s"), Miss), quote
    c = Corpus({"s": "Sales of mp3 players fell before the g7 summit, as the law3 says.\n"})
    assert isinstance(c.verify("Sales of mp players fell", "s"), Miss)
    assert isinstance(c.verify("fell before the g summit", "s"), Miss)
    assert isinstance(c.verify("summit, as the law says.", "s"), Match)


# --- Web pages ---------------------------------------------------------------------------------

def test_quote_across_inserted_lines_matches_with_a_warning_naming_them(corpus):
    m = verify(corpus, "in a session that lasted less than two hours. The head of Congress, José Jerí, "
                       "was sworn in as interim president", "news")
    assert m.how == "inserted-line" and m.locator == "para. 4"
    assert m.warnings == (
        'matched across an inserted line "READ MORE: Peru declares state of emergency in Lima as exto…" in `news` (para. 4): '
        "check the passage reads as quoted",
        'matched across an inserted line "Advertisement" in `news` (para. 4): check the passage reads as quoted')
    m = verify(corpus, "promised to “declare war on crime.” Boluarte had approval ratings", "news")
    assert [w.split('"')[1] for w in m.warnings] == ["Related:", "Who is José Jerí, Peru's new president",
                                                     "Peru's presidents: a timeline"]
    # a Title Case link title standing alone between two paragraphs
    m = verify(corpus, "for most of her term. Critics say the removal", "news")
    assert m.warnings[0].startswith('matched across an inserted line "Inside Peru\'s Booming Extortion Economy"')


def test_spanish_page_inserted_lines(corpus):
    m = verify(corpus, "atribuidos a bandas de extorsión. El presidente del Congreso, José Jerí, asumió", "noticia")
    assert m.locator == "para. 3" and len(m.warnings) == 1
    assert '"MIRA | Boluarte: cronología de una presidencia marcada por …"' in m.warnings[0]
    m = verify(corpus, "prometió “declarar la guerra a la delincuencia”. La economía peruana creció", "noticia")
    assert [w.split('"')[1] for w in m.warnings] == ["Lee también:", "¿Quién es José Jerí, el nuevo presidente "
                                                     "del Perú?", "Publicidad"]


@pytest.mark.parametrize("source, quote", [
    # a dropped paragraph (a real sentence) is never an inserted line
    ("news", "in a session that lasted less than two hours. Boluarte had approval ratings"),
    ("news", "since 2016, after a wave of killings blamed on extortion gangs. Peru declares state of emergency"),
    ("noticia", "atribuidos a bandas de extorsión. La economía peruana creció"),
    ("noticia", "con 122 votos a favor. MIRA | Boluarte"),
    # a heading in sentence case is not a link title
    ("news", "said one protester. Congress must now organise elections"),
    # words are never skipped inside a line
    ("news", "Critics say the removal does little. “Nothing changes,” said one protester."),
    ("news", "Lawmakers approved the motion with 122 votes, in a session"),
])
def test_real_text_is_never_skipped_as_an_inserted_line(corpus, source, quote):
    refuse(corpus, quote, source)


def test_inserted_lines_only_in_web_text():
    pdf = "The board met on Monday.\nREAD MORE: Something else entirely here\nIt adjourned on Tuesday.\n"
    assert isinstance(Corpus({"s": pdf + "\f"}).verify("met on Monday. It adjourned", "s"), Miss)
    assert isinstance(Corpus({"s": pdf}).verify("met on Monday. It adjourned", "s"), Match)


# --- brief find ---------------------------------------------------------------------------------

@pytest.mark.parametrize("words", ["until those responsible", "becoming Peru", "gov-ernment has not",
                                   "pitch attitude", "Reports from the embassy", "officials. An interagency",
                                   "two hours. The head", "crime.” Boluarte", "extorsión. El presidente",
                                   "per work-hour"])
def test_what_find_shows_verifies_when_pasted_as_a_quote(corpus, words):
    texts = {"crs": CRS, "fr": FR, "gao": GAO, "news": NEWS, "noticia": NOTICIA}
    found = corpus.find(words)
    assert found
    for m in found:
        passage = m.passage(texts[m.source_id])
        again = corpus.verify(passage, m.source_id)
        assert isinstance(again, Match), (passage, again)
        assert (again.start, again.end, again.locator) == (m.start, m.end, m.locator)


@pytest.mark.parametrize("paragraph", [
    "Watch-dog groups said the vote was rushed and that the rules were not followed.",
    "Listen: we are not going to accept a government that was not elected by anyone.",
    "Mira: el Congreso no tiene la legitimidad para elegir a un nuevo presidente.",
    "READ MORE: The vote was rushed. Critics said the rules were not followed at all.",
    "Related: the vote came a day after the attack on a concert in Lima.",
])
def test_a_paragraph_that_opens_like_a_label_is_not_an_inserted_line(paragraph):
    text = ("The vote took place late on Thursday night in the capital.\n" + paragraph +
            "\nThe new president was sworn in early on Friday morning.\n")
    assert isinstance(Corpus({"s": text}).verify("in the capital. The new president", "s"), Miss)


def test_typography_in_the_quote_is_forgiven_too(corpus):
    verify(corpus, "becoming Peru’s ﬁrst\u00a0wo\u00adman\u2009president", "crs")
    verify(corpus, "revising the existing airplane ﬂight\u202fmanual", "fr")
    verify(corpus, "Vice President Dina Boluarte was sworn in the same day, be-\ncoming Peru’s", "crs")
    refuse(corpus, "becoming Peru’s ﬁrst\u00a0wo\u00admen president", "crs")


@pytest.mark.parametrize("number", ["2", "Page 2", "CRS-2", "- 2 -", "Page 2 of 2"])
def test_a_page_number_alone_on_its_page_edge_is_furniture(number):
    for text in [f"The survey covered\n{number.replace('2', '1', 1)}\n\fvillages in the north.\n",
                 f"The survey covered\n\f{number}\nvillages in the north.\n"]:
        m = Corpus({"s": text}).verify("The survey covered villages in the north.", "s")
        assert isinstance(m, Match) and m.locator == "pp. 1–2", (text, m)
    assert isinstance(Corpus({"s": f"The survey covered\n\f{number.replace('2', '5')}\nvillages.\n"}).verify(
        "The survey covered villages.", "s"), Miss)


def test_a_word_hyphenated_across_a_page_break_reads_either_way(corpus):
    text = ("the board said that the gov-\nCongressional Research Service 1\n\f"
            "Congressional Research Service 2\nernment would act.\n")
    c = Corpus({"s": text})
    for quote in ["said that the government would act.", "said that the gov-ernment would act."]:
        m = c.verify(quote, "s")
        assert isinstance(m, Match) and m.locator == "pp. 1–2", m
    assert isinstance(c.verify("said that the government will act.", "s"), Miss)


def test_web_text_split_at_an_inline_link():
    text = ("The head of Congress,\nJosé Jerí\n, was sworn in as interim president (\nsee\nprofile\n).\n"
            "Analysts at\nthe Andean Institute\nsaid the move was legal.\n")
    c = Corpus({"s": text})
    for quote in ["The head of Congress, José Jerí, was sworn in", "interim president ( see profile).",
                  "Analysts at the Andean Institute said the move was legal."]:
        assert isinstance(c.verify(quote, "s"), Match), quote
    for quote in ["The head of Congress, José Jerí was sworn in", "Analysts at the Andean Institute said the move "
                  "was illegal."]:
        assert isinstance(c.verify(quote, "s"), Miss), quote
