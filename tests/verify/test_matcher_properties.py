"""Property tests: under every forgiveness (typesetters' typography, line-end hyphens,
page breaks with furniture or a page's footnotes, inserted web lines, footnote calls glued to
words) a genuine
quote verifies, and an altered one (a changed number, a changed, dropped or added word, a
dropped "not") is refused."""
from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from compiler.verify.corpus import Corpus, Match, Miss
from compiler.verify.document import is_interleaved as _is_interleaved

LETTERS = r"[a-m]{3,9}"
NUMBERS = ["49", "2019", "10,000", "3.5", "$412", "14%", "737-8", "101"]
FEATURES = ["typography", "hyphens", "pages", "notes", "web", "markers"]


def letters(first: str, last: str, low: int, high: int) -> st.SearchStrategy[str]:
    """Words of `low`..`high` letters from first..last: the regex [first-last]{low,high},
    drawn as text (st.from_regex costs several times as much per example)."""
    alphabet = "".join(chr(c) for c in range(ord(first), ord(last) + 1))
    return st.text(alphabet=alphabet, min_size=low, max_size=high)


# abbreviations the matcher knows whose letters are in a-m: "fig.4" or "ibid.4" is a locator,
# not a footnote call glued after a full stop (the "markers" case would misread them)
LOCATOR_WORDS = {"fig", "ibid"}
NOTE_WORD = st.builds(lambda a, b: f"{a}X{b}", letters("n", "z", 2, 4), letters("n", "z", 1, 4))


@st.composite
def words(draw) -> list[str]:
    """Distinct words (so an altered quote cannot occur elsewhere by chance), a few
    numbers and a "not" among them."""
    plain = draw(st.lists(letters("a", "m", 3, 9).filter(lambda w: w not in LOCATOR_WORDS), min_size=10, max_size=40, unique=True))
    numbers = draw(st.lists(st.sampled_from(NUMBERS), max_size=3, unique=True))
    out = [*plain, *numbers, "not"]
    return draw(st.permutations(out))


def _spaces(draw, n: int, choices: list[str]) -> list[str]:
    return draw(st.lists(st.sampled_from(choices), min_size=n, max_size=n))


@st.composite
def case(draw, feature: str):
    """(source text, the quote's words as a reader sees them, i, j): the quote is
    words[i:j], at least 4 words."""
    ws = draw(words())
    i = draw(st.integers(0, len(ws) - 4))
    j = draw(st.integers(i + 4, min(len(ws), i + 25)))
    if feature == "typography":
        typeset = []
        for w in ws:
            w = w.replace("fi", "ﬁ").replace("fl", "ﬂ").replace("ffi", "ﬃ").replace("ff", "ﬀ")
            if len(w) >= 6 and draw(st.booleans()):
                w = w[:3] + "\u00ad" + w[3:]                        # a soft hyphen
            wrap = draw(st.sampled_from(["", "gpo", "tex", "curly"]))
            w = {"": w, "gpo": f"‘‘{w}’’", "tex": f"``{w}''", "curly": f"“{w}”"}[wrap]
            typeset.append((w, wrap))
        gaps = _spaces(draw, len(ws), [" ", " ", "\u00a0", "\u2009", "\u202f", " ", " ", "\n", " \n"])
        source = "".join(w + g for (w, _), g in zip(typeset, gaps))
        assume(not _is_interleaved(source))       # where whole lines may be skipped, by design
        quoted = [w if not wrap else draw(st.sampled_from([f'"{w}"', f"“{w}”", f"‘‘{w}’’"]))
                  for w, (_, wrap) in zip(ws, typeset)]
        return source, quoted, i, j
    if feature == "hyphens":
        typeset = list(ws)
        for k in draw(st.lists(st.integers(0, len(ws) - 1), max_size=4, unique=True)):
            if re.fullmatch(LETTERS, ws[k]) and len(ws[k]) >= 4:
                cut = draw(st.integers(2, len(ws[k]) - 2))
                typeset[k] = ws[k][:cut] + "-\n" + ws[k][cut:]
        gaps = _spaces(draw, len(ws), [" ", " ", " ", " ", "\n"])
        source = "".join(w + g for w, g in zip(typeset, gaps))
        assume(not _is_interleaved(source))
        # either reading of a line-end hyphen between lowercase letters
        quoted = [t.replace("-\n", "-" if draw(st.booleans()) else "") for t in typeset]
        return source, quoted, i, j
    if feature == "pages":
        breaks = sorted(draw(st.lists(st.integers(1, len(ws) - 1), min_size=1, max_size=3, unique=True)))
        pages, at = [], 0
        for b in [*breaks, len(ws)]:
            pages.append(ws[at:b])
            at = b
        texts = []                     # one style of furniture through the document, as in print
        head = draw(st.sampled_from(["", "{n}", "Peru: Political Crisis", "Page {n} of {pages}"]))
        foot = draw(st.sampled_from(["", "Congressional Research Service {n}\nhttps://crsreports.congress.gov\nIN12078",
                                     "CRS-{n}"]))
        for n, page in enumerate(pages, 1):
            top = head if n > 1 or head == "Peru: Political Crisis" else ""     # the title on page 1
            lines = [top.format(n=n, pages=len(pages)), " ".join(page), foot.format(n=n)]
            texts.append("\n".join(line for line in lines if line) + "\n")
        return "\f".join(texts), list(ws), i, j
    if feature == "notes":
        return notes_case(draw, ws, i, j)
    if feature == "web":
        ends, at = set(), 5            # paragraphs of >= 6 words, as a link title sits between two
        while (at := at + draw(st.integers(0, 8))) < len(ws) - 6:
            ends.add(at)
            at += 6
        sentence = [w + "." if k in ends or k == len(ws) - 1 else w for k, w in enumerate(ws)]
        inserted = ["READ MORE: Peru declares state of emergency in Lima", "Advertisement",
                    "MIRA | Boluarte: cronología de una presidencia", "Related:\nWho is José Jerí, Peru's new president",
                    "Lee también:\n¿Quién es José Jerí?\nPublicidad", "Inside Peru’s Booming Extortion Economy"]
        lines, line = [], []
        for k, w in enumerate(sentence):
            line.append(w)
            if k in ends:
                lines.append(" ".join(line))
                line = []
                if draw(st.booleans()):
                    lines.append(draw(st.sampled_from(inserted)))
        lines.append(" ".join(line))
        return "\n".join(lines) + "\n", sentence, i, j
    assert feature == "markers"
    typeset, quoted = [], []
    for k, w in enumerate(ws):
        kind = draw(st.sampled_from(["", "", "word", "glued", "stop"]))
        nxt = k + 1 < len(ws) and re.fullmatch(LETTERS, ws[k + 1])
        if kind == "word" and re.fullmatch(LETTERS, w) and len(w) >= 4:
            typeset.append(w + draw(st.sampled_from(["1", "12", "3"])) + " ")
        elif kind == "glued" and re.fullmatch(LETTERS, w) and len(w) >= 4 and nxt:
            typeset.append(w + draw(st.sampled_from(["1", "7", "23"])))       # Reports1from
        elif kind == "stop" and re.fullmatch(LETTERS, w) and nxt:
            ws[k + 1] = ws[k + 1].capitalize()
            w += "."
            typeset.append(w + draw(st.sampled_from(["4", "4 ", "15", "15 "])))  # officials.4An
        else:
            typeset.append(w + " ")
        quoted.append(w)
    return "".join(typeset), quoted, i, j


def notes_case(draw, ws: list[str], i: int, j: int, crossing: bool = False):
    """Pages whose body is cut inside a sentence, some with a footnote block at their end
    (as pdftext places them), numbered on through the document; a footer line after it."""
    if crossing:                # a break inside the quote, at a page with notes
        breaks = [draw(st.integers(i + 1, j - 1))]
    else:
        breaks = sorted(draw(st.lists(st.integers(1, len(ws) - 1), min_size=1, max_size=3, unique=True)))
    style = draw(st.sampled_from(["{n}. ", "{n} ", "{n}\u2002"]))
    foot = draw(st.sampled_from(["", "\nCRS-{p}"]))
    texts, at, number = [], 0, draw(st.integers(1, 40))
    for p, b in enumerate([*breaks, len(ws)], 1):
        body, lines = ws[at:b], []
        while body:
            size = draw(st.integers(3, 8))
            lines.append(" ".join(body[:size]))
            body = body[size:]
        page = "\n".join(lines)
        if (crossing and p == 1) or draw(st.booleans()):
            notes = []
            for _ in range(draw(st.integers(1, 3))):
                # words no altered quote can bring in (a capital inside): notes may recur
                # like furniture, and furniture is skipped too
                text = draw(st.lists(NOTE_WORD,
                                     min_size=2, max_size=12))
                text[0] = text[0].capitalize()
                cut = draw(st.integers(1, len(text)))               # a note of one line or two
                note = style.format(n=number) + " ".join(text[:cut])
                notes.append(note + ("\n" + " ".join(text[cut:]) if text[cut:] else "") + ".")
                number += 1
            page += "\n\n" + draw(st.sampled_from(["\n\n", "\n"])).join(notes)
        texts.append(page + foot.format(p=p) + "\n")
        at = b
    return "\f".join(texts), list(ws), i, j


def feature_case():
    return st.sampled_from(FEATURES).flatmap(lambda f: st.tuples(st.just(f), case(f)))


def _verify(source: str, quote: str):
    return Corpus({"s": source}).verify(quote, "s")


@settings(max_examples=150, deadline=None)
@given(feature_case())
def test_a_genuine_quote_verifies_under_every_forgiveness(fc):
    feature, (source, quoted, i, j) = fc
    m = _verify(source, " ".join(quoted[i:j]))
    assert isinstance(m, Match), (feature, m)
    if feature in ("pages", "notes"):
        first, last = (source.count("\f", 0, at) + 1 for at in (m.start, m.end - 1))
        assert m.locator == (f"p. {first}" if first == last else f"pp. {first}–{last}")


def _alterations(data, quoted: list[str], i: int, j: int) -> list[tuple[str, list[str]]]:
    """The quote altered each way that applies: (what, altered words)."""
    q = quoted[i:j]
    stranger = data.draw(letters("n", "z", 3, 8))
    k = data.draw(st.integers(0, len(q) - 1))
    inner = data.draw(st.integers(1, len(q) - 2))
    out = [("changed word", [*q[:k], stranger, *q[k + 1:]]),
           ("dropped word", [*q[:inner], *q[inner + 1:]]),
           ("added word", [*q[:inner], stranger, *q[inner:]])]
    numbers = [n for n, w in enumerate(q) if re.search(r"\d", w)]
    if numbers:
        n = data.draw(st.sampled_from(numbers))
        changed = re.sub(r"\d(?=\D*$)", lambda d: str((int(d.group()) + 1) % 10), q[n])
        out.append(("changed number", [*q[:n], changed, *q[n + 1:]]))
    nots = [n for n, w in enumerate(q) if w.strip(".") == "not" and 0 < n < len(q) - 1]
    if nots:
        n = nots[0]
        out.append(("dropped not", [*q[:n], *q[n + 1:]]))
    return out


@settings(max_examples=150, deadline=None)
@given(feature_case(), st.data())
def test_an_altered_quote_is_refused_under_every_forgiveness(fc, data):
    feature, (source, quoted, i, j) = fc
    for what, altered in _alterations(data, quoted, i, j):
        miss = _verify(source, " ".join(altered))
        assert isinstance(miss, Miss), (feature, what, " ".join(altered), miss)
        assert "\n" not in miss.message


@st.composite
def crossing_notes(draw):
    ws = draw(words())
    i = draw(st.integers(0, len(ws) - 6))
    j = draw(st.integers(i + 6, min(len(ws), i + 25)))
    return notes_case(draw, ws, i, j, crossing=True)


@settings(max_examples=100, deadline=None)
@given(crossing_notes(), st.data())
def test_a_quote_crossing_a_page_with_footnotes_verifies_and_only_whole(case, data):
    source, quoted, i, j = case
    quote = " ".join(quoted[i:j])
    m = _verify(source, quote)
    assert isinstance(m, Match) and m.locator == "pp. 1–2", m
    assert m.passage(source).split() == quote.split()          # the notes are left out
    assert not m.warnings
    page1 = source.split("\f")[0]
    body, notes = page1.split("\n\n", 1)
    last = body.split("\n")[-1].split()
    # the words of the note block, or one of them, in place of the skip; the body's last
    # line dropped; its last word dropped: all refused
    before = [w for w in quoted[i:j] if w in body.split()]
    after = quoted[i + len(before):j]
    note_words = re.sub(r"^\S+\s", "", notes).split()[:3]
    for altered in ([*before, *note_words, *after], [*before, note_words[0], *after],
                    [*before[:-len(last)], *after] if len(before) > len(last) else None,
                    [*before[:-1], *after] if len(before) > 1 else None):
        if altered:
            assert isinstance(_verify(source, " ".join(altered)), Miss), altered


def test_a_numbered_list_after_a_full_sentence_is_not_a_footnote_block():
    source = ("the options before the committee were clear.\n\n1. Raising the quota.\n\n"
              "2. Repealing the duty.\fthe committee chose neither of them in the end\n")
    assert isinstance(_verify(source, "were clear. The committee chose neither"), Miss)


def test_notes_inside_a_page_are_not_skipped():
    source = ("the committee found that\n\n1. See the record.\n\nthe hearing went on for a week\n\n"
              "2. Hearing records.\fthe duties were not repealed\n")
    assert isinstance(_verify(source, "the hearing went on for a week the duties were not"), Match)
    assert isinstance(_verify(source, "the committee found that the hearing went on"), Miss)
    assert isinstance(_verify(source, "the committee found that the duties were not"), Miss)
    two = "the committee found that\n\n1. See the record.\n\n2. Hearing records.\fthe duties were not repealed\n"
    assert isinstance(_verify(two, "the committee found that the duties were not"), Match)
    for spliced in ("the committee found that 2. Hearing records", "See the record. the duties were not"):
        assert isinstance(_verify(two, spliced), Miss), spliced      # notes skipped only whole
