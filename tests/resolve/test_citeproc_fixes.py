"""Our fixes to citeproc-py: what CSL asks for, checked on the entries a reader sees, and a
citeproc-py they were not written for refused in one line."""
from __future__ import annotations

from pathlib import Path

import citeproc.model
import pytest

from compiler import cli
from compiler.model import Location, Source
from compiler.resolve.citations import citeproc_fixes
from compiler.resolve.citations.notes import Notes, Reference, load_style
from conftest import REPO


def _source(id: str, **kw) -> Source:
    base = dict(id=id, title="Peru's Election Calendar", authors=(), publisher=None, number=None,
                date=None, url=None, file=Path("/x"), location=Location("s.yaml", 1, 1))
    return Source(**(base | kw))


def _bibliography(*sources: Source) -> list[str]:
    n = Notes(load_style(None, Path(".")), {s.id: s for s in sources})
    for s in sources:
        n.add([Reference(s)])
    return ["".join(r.text for r in e.text) for e in n.bibliography()]


def test_an_authorless_work_keeps_its_publisher_url_and_number_in_the_sources_list():
    web = _source("web", publisher="Andean Monitor", date="2024-03-01", url="https://example.org/peru")
    report = _source("gao", title="Counternarcotics Aid", publisher="GAO", number="GAO-24-106",
                     date="2024")
    entries = _bibliography(web, report)
    assert "Counternarcotics Aid. GAO-24-106. GAO, 2024." in entries
    (web_entry,) = [e for e in entries if "Election" in e]
    assert "Andean Monitor" in web_entry and "https://example.org/peru" in web_entry
    assert web_entry.count("Peru's Election Calendar") == 1      # the title stood in for the author once


def test_an_authored_work_is_unchanged():
    entries = _bibliography(_source("a", authors=("Jane Doe",), publisher="Pub", date="2024",
                                    url="https://example.org/c"))
    assert entries == ["Doe, Jane. Peru's Election Calendar. Pub, 2024. https://example.org/c."]


def test_another_citeproc_version_is_refused(monkeypatch):
    monkeypatch.setattr(citeproc_fixes.importlib.metadata, "version", lambda name: "0.12.0")
    with pytest.raises(citeproc_fixes.UnexpectedCiteproc, match="citeproc-py 0.12.0 is installed"):
        citeproc_fixes._check()


def test_a_changed_method_is_refused(monkeypatch):
    monkeypatch.setattr(citeproc.model.Text, "_variable", lambda self, item, context, extra: None)
    with pytest.raises(citeproc_fixes.UnexpectedCiteproc, match=r"Text._variable takes \(self, item, context, extra\)"):
        citeproc_fixes._check()


def test_the_refusal_reaches_the_user_as_one_line_not_a_traceback(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(citeproc_fixes, "_applied", False)
    monkeypatch.setattr(citeproc_fixes.importlib.metadata, "version", lambda name: "0.12.0")
    root = REPO
    assert cli.main(["check", str(root / "outline.yaml")]) != 0
    err = capsys.readouterr().err
    assert "citeproc-py 0.12.0 is installed" in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.strip()]) == 1
