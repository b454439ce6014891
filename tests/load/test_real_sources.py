"""Real public-domain documents (tests/data/): quotes a reader copied verify on the right
page, and each changed-word twin is refused, through the real extraction and matcher."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from compiler.load.texts import source_text
from compiler.verify.corpus import Corpus, Match
from conftest import TESTS

DATA = TESTS / "data"


def _cases():
    for quotes in sorted(DATA.glob("*.quotes.yaml")):
        document = quotes.name.removesuffix(".quotes.yaml")
        source = next(p for p in DATA.iterdir() if p.stem == document and p.suffix != ".yaml")
        for n, case in enumerate(yaml.safe_load(quotes.read_text(encoding="utf-8")), 1):
            yield pytest.param(source, case, id=f"{document}-{n}")


_corpora: dict[Path, Corpus] = {}


def _corpus(source: Path) -> Corpus:
    if source not in _corpora:
        _corpora[source] = Corpus({"doc": source_text(source, None)}, in_reading_order={"doc"})
    return _corpora[source]


@pytest.mark.parametrize("source, case", list(_cases()))
def test_a_genuine_quote_verifies_on_its_page(source, case):
    match = _corpus(source).verify(case["quote"], "doc")
    assert isinstance(match, Match), match.message
    first = int(re.match(r"pp?\. (\d+)", match.locator).group(1))
    assert first == case["page"], match.locator


@pytest.mark.parametrize("source, case", list(_cases()))
def test_its_changed_word_twin_is_refused(source, case):
    assert case["twin"] != case["quote"]
    assert not isinstance(_corpus(source).verify(case["twin"], "doc"), Match)


def test_the_documents_furniture_is_gone():
    text = source_text(DATA / "federal-register-2020-17221.pdf", None)
    assert len(text.split("\f")) == 15
    assert "VerDate" not in text and "Jkt 250001" not in text
    assert "Federal Register / Vol. 85" not in text
    assert not re.search(r"(?m)^477\d\d$", text)            # the page numbers


def test_side_headings_stand_before_their_text_and_footers_are_gone():
    text = source_text(DATA / "gao-08-587t.pdf", None)
    page = text.split("\f")[2]
    assert page.startswith("different Band levels and positions in the agency")
    assert "March 5, 2008.\n\nOverall Survey\nResponse Rate\n\nThe survey was sent" in page
    assert "GAO-08-587T" not in page and "Page 2" not in page
