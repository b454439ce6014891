"""One sentence rule for the memo's bullets and the deck's (cont.) chunks."""
import pytest

from compiler.model import NoteRef, Text
from compiler.resolve.markdown import sentences as bullets_of
from compiler.sentences import split


@pytest.mark.parametrize("text, expected", [
    ("Gov. Smith spoke. Then he left.", ["Gov. Smith spoke.", "Then he left."]),
    ("The U.S. Embassy opened. It was 1990.", ["The U.S. Embassy opened.", "It was 1990."]),
    ("Dr. Vance, e.g. the envoy, met J. Doe. “We agree,” she said.",
     ["Dr. Vance, e.g. the envoy, met J. Doe.", "“We agree,” she said."]),
    ("Exports fell (see p. 4). 2023 was worse!", ["Exports fell (see p. 4).", "2023 was worse!"]),
    ("Is it? yes it is.", ["Is it? yes it is."]),          # no capital after: one sentence
    ("One.   Two.", ["One.", "Two."]),
])
def test_split(text, expected):
    assert split(text, tidy=True) == expected


def test_memo_bullets_and_deck_chunks_agree():
    text = "Gov. Smith spoke. Approx. 20 people came. They left."
    bullets = ["".join(r.text for r in b) for b in bullets_of((Text(text),))]
    assert bullets == split(text, tidy=True) == ["Gov. Smith spoke.", "Approx. 20 people came.", "They left."]


def test_a_note_call_after_the_period_closes_the_sentence():
    runs = (Text("Crime rose."), NoteRef((), 1), Text(" Dr. Vance agreed."))
    assert len(bullets_of(runs)) == 2
