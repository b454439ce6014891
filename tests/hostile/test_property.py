"""Generated outlines, valid and not, with hostile strings: load -> validate -> resolve
(and render, for a few) raises nothing but our user error, `BriefError`.

Examples: the `hostile` profile by default (a few hundred); `HYPOTHESIS_PROFILE=hostile-ci`
(or any `CI` environment variable) runs about 4,000 (two minutes or so of CPU).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from compiler.diagnostics import BriefError, Problems
from compiler.folder import Folder
from compiler.resolve.briefing import resolve
from compiler.validate.check import validate
from compiler.validate.outline import OutlineSpec
from compiler.load.sources import load_catalog
from compiler.theme import load_theme
from compiler.model import Location
from compiler.load.yamlfile import load_yaml_text
from conftest import CATALOG, OTHER, REPORT

settings.register_profile("hostile", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("hostile-ci", settings.get_profile("hostile"), max_examples=1000)
_CHOSEN = os.environ.get("HYPOTHESIS_PROFILE", "hostile-ci" if os.environ.get("CI") else "hostile")
PROFILE = settings.get_profile(_CHOSEN if _CHOSEN.startswith("hostile") else "hostile")

HOSTILE = ["<b>bold</b>", "&lt;x&gt;", "{{ 7*7 }}", "{% if %}", "[@report", "[@report, p. 2]",
           "[@nope]", "[see @report; @other, para. 3]", "@fig:nope", "@tbl:t", "…", "... ...", "\x1b",
           "\x00", "\x08", "\u202e", "\ufeff", "A" * 300, "../../etc/passwd", "/etc/passwd",
           "file:///etc/passwd", "<img src=x>", "*", "**", "`", "[x](javascript:alert(1))",
           "The United States does not seek to isolate Peru.", "Peru's congress", "\\", "\"", "'",
           " ", "", "\t", "\n\n- a\n- b\n", "1. one\n2. two", "# heading", "> quote", "|a|b|\n|-|-|", "$9", "12%"]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40),
                 st.lists(st.sampled_from(HOSTILE), max_size=4).map(" ".join))
scalar = st.one_of(text, st.integers(), st.floats(), st.booleans(), st.none(),
                   st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
anything = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(text, inner, max_size=3)),
                        max_leaves=8)


def maybe(valid) -> st.SearchStrategy:
    """Mostly a value of the right kind, sometimes anything at all."""
    return st.one_of(valid, valid, valid, anything)


numbers = st.lists(st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True)),
                   min_size=0, max_size=4)
chart = st.fixed_dictionaries(
    {"type": maybe(st.sampled_from(["column", "bar", "line", "pie"]))},
    optional={"categories": maybe(st.lists(text, max_size=4)),
              "series": maybe(st.dictionaries(text, numbers, max_size=3)),
              "csv": maybe(st.sampled_from(["data.csv", "../x.csv", "nope.csv", "sources/report.txt"])),
              "unit": maybe(text), "stacked": maybe(st.booleans()), "labels": maybe(st.booleans()),
              "y_min": maybe(st.floats()), "y_max": maybe(st.floats())})
table = st.fixed_dictionaries({}, optional={
    "columns": maybe(st.lists(text, min_size=1, max_size=3)),
    "rows": maybe(st.lists(st.lists(text, min_size=1, max_size=3), max_size=4)),
    "csv": maybe(st.sampled_from(["data.csv", "nope.csv", "../../x.csv"]))})
figure = st.fixed_dictionaries({"title": maybe(text)}, optional={
    "id": maybe(text), "chart": maybe(chart), "table": maybe(table),
    "image": maybe(st.sampled_from(["pic.png", "pic.svg", "../pic.png", "nope.png", "outline.yaml"])),
    "caption": maybe(text), "source": maybe(st.sampled_from(["report", "other", "nope"])),
    "evidence": maybe(text)})
quote = st.fixed_dictionaries({"text": maybe(text), "source": maybe(st.sampled_from(["report", "other", "x"]))},
                              optional={"speaker": maybe(text)})
section = st.fixed_dictionaries({"title": maybe(text)}, optional={
    "id": maybe(text), "body": maybe(text), "points": maybe(st.lists(text, max_size=3)),
    "quotes": maybe(st.lists(quote, max_size=2)), "figures": maybe(st.lists(figure, max_size=2))})
outline = st.fixed_dictionaries(
    {"title": maybe(text), "date": maybe(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1))),
     "sections": maybe(st.lists(section, min_size=1, max_size=2))},
    optional={"subtitle": maybe(text), "as_of": maybe(st.dates()), "author": maybe(text),
              "marking": maybe(text), "output": maybe(text), "nocite": maybe(st.lists(text, max_size=2)),
              "style": maybe(st.sampled_from(["apa", "chicago-author-date", "nope", "../x.csl", "/etc/passwd"])),
              "memo": maybe(st.fixed_dictionaries({}, optional={"to": text, "from": text, "re": text})),
              "unknown_key": anything})


# Outlines meant to pass: right kinds, strings hostile only in ways the outline allows.
SAFE = [h for h in HOSTILE if not any(c in h for c in "\x00\x08\x1b") and "nope" not in h
        and "@tbl" not in h and h not in ("[@report", "…", "... ...", "*", "**", "`")]
prose = st.one_of(st.sampled_from(SAFE), st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]),
                                                 min_size=1, max_size=30).filter(str.strip))
passage = st.sampled_from(["The United States does not seek to isolate Peru.", "Peru's congress has removed",
                           "U.S. trade with Peru more than doubled", "Drug seizures rose sharply"])
valid_figure = st.one_of(
    st.fixed_dictionaries({"title": prose, "source": st.just("report"),
                           "chart": st.fixed_dictionaries({
                               "type": st.sampled_from(["column", "bar", "line"]),
                               "categories": st.just(["2009", "2022"]),
                               "series": st.dictionaries(prose, st.lists(st.integers(-50, 50), min_size=2,
                                                                          max_size=2), min_size=1, max_size=2)})}),
    st.fixed_dictionaries({"title": prose, "table": st.fixed_dictionaries({
        "columns": st.lists(prose, min_size=2, max_size=2),
        "rows": st.lists(st.lists(prose, min_size=2, max_size=2), min_size=1, max_size=3)})}),
    st.fixed_dictionaries({"title": prose, "image": st.sampled_from(["pic.png", "pic.svg"])},
                          optional={"caption": prose}))
valid_section = st.fixed_dictionaries({"title": prose}, optional={
    "body": st.lists(st.one_of(prose, st.just("[@report, p. 1]"), st.just("[see @other]")), min_size=1,
                     max_size=4).map(" ".join),
    "points": st.lists(prose, min_size=1, max_size=3),
    "quotes": st.lists(st.fixed_dictionaries({"text": passage, "source": st.sampled_from(["report", "other"])}),
                       max_size=2),
    "figures": st.lists(valid_figure, max_size=2)})
valid_outline = st.fixed_dictionaries(
    {"title": prose, "date": st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2107, 12, 31)),
     "sections": st.lists(valid_section, min_size=1, max_size=3)},
    optional={"subtitle": prose, "author": prose, "marking": prose,
              "style": st.sampled_from(["apa", "chicago-author-date", "chicago-notes-bibliography"])})


@pytest.fixture(scope="module")
def briefing():
    """One briefing folder for every example: its catalog and theme are read once."""
    root = Path(tempfile.mkdtemp(prefix="hostile-property-")) / "brief"
    (root / "sources").mkdir(parents=True)
    (root / "sources/report.txt").write_text(REPORT)
    (root / "sources/other.txt").write_text(OTHER)
    (root / "sources/sources.yaml").write_text(CATALOG)
    (root / "data.csv").write_text("year,value\n2009,9\n2022,22\n")
    (root / "pic.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/>')
    from PIL import Image
    Image.new("RGB", (8, 8)).save(root / "pic.png")
    (root / "outline.yaml").write_text("")
    folder = Folder.of_outline(str(root / "outline.yaml"))
    catalog = load_catalog("sources/sources.yaml", folder, Location("outline.yaml", 1, 1))
    yield folder, catalog, load_theme(folder)
    shutil.rmtree(root.parent)


def _dumped(value: dict) -> str:
    try:
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, UnicodeEncodeError):
        assume(False)
        raise


def _resolved(text: str, briefing):
    folder, catalog, theme = briefing
    loaded = load_yaml_text(text, "outline.yaml")
    validated = validate(OutlineSpec, loaded)
    return resolve(loaded, validated, "outline", folder, catalog, theme, Problems())


@settings(PROFILE, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                          HealthCheck.data_too_large])
@given(value=st.one_of(outline, valid_outline))
def test_any_outline_resolves_or_is_a_brief_error(briefing, value):
    try:
        _resolved(_dumped(value), briefing)
    except BriefError as e:
        assert e.problems and all(str(p) for p in e.problems)


@settings(PROFILE, max_examples=PROFILE.max_examples * 3,       # cheap: most stop at loading
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=200), st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
                      st.lists(st.sampled_from(["title: x\n", "date: 2026-01-01\n", "sections:\n",
                                                "  - title: s\n", "    body: |\n", "      [@report\n",
                                                "&a [1]\n", "*a\n", "!!python/object:os.system x\n",
                                                "? [a]\n: b\n", "{", "[", "<<: *a\n", "\t\x00\n"]),
                               max_size=8).map("".join)))
def test_any_yaml_text_loads_or_is_a_brief_error(briefing, text):
    try:
        _resolved(text, briefing)
    except BriefError:
        pass


@settings(PROFILE, max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                          HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(value=valid_outline)
def test_some_resolved_outlines_also_render(briefing, value):
    from compiler.pipeline import Stages, render
    try:
        resolved = _resolved(_dumped(value), briefing)
    except BriefError:
        assume(False)
        return
    try:
        files = render(resolved, None, Stages())
    except BriefError:
        return
    assert all(files.values())


def test_the_strategies_reach_valid_outlines(briefing):
    """Guard: not every example may be refused (the render test would test nothing)."""
    valid = {"title": "T", "date": dt.date(2026, 1, 1),
             "sections": [{"title": "S", "body": "Peru's congress [@report]",
                           "figures": [{"title": "F", "source": "report",
                                        "chart": {"type": "line", "csv": "data.csv"}}]}]}
    assert _resolved(_dumped(valid), briefing).sections[0].figures


csl_name = st.one_of(text, st.fixed_dictionaries({}, optional={
    k: maybe(text) for k in ("family", "given", "literal", "non-dropping-particle", "suffix")}), anything)
csl_item = st.fixed_dictionaries({"id": maybe(st.sampled_from(["report", "other", "x"]))}, optional={
    "title": maybe(text), "author": maybe(st.lists(csl_name, max_size=3)), "type": maybe(text),
    "issued": maybe(st.fixed_dictionaries({"date-parts": maybe(st.lists(st.lists(
        st.one_of(st.integers(-5, 3000), text), max_size=3), max_size=2))})),
    "custom": maybe(st.fixed_dictionaries({"file": maybe(st.sampled_from(["report.txt", "../x", "nope.txt"]))})),
    "note": maybe(text), "URL": maybe(text), "container-title": maybe(text)})
bib_field = st.tuples(st.sampled_from(["title", "author", "year", "month", "day", "file", "date", "url",
                                       "journal", "urldate", "publisher", "x"]), text)
bib_entry = st.tuples(st.sampled_from(["report", "misc", "article", "book", "string", "comment", "x"]),
                      st.sampled_from(["report", "other", "k", ""]), st.lists(bib_field, max_size=5))


def _bibtex(entries) -> str:
    return "\n".join(f"@{kind}{{{key},\n" + "".join(f"  {name} = {{{value}}},\n" for name, value in fields) + "}"
                     for kind, key, fields in entries)


@settings(PROFILE, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(catalog=st.one_of(
    st.lists(csl_item, max_size=3).map(lambda items: ("c.json", json.dumps(items, default=str))),
    st.lists(bib_entry, max_size=3).map(lambda entries: ("c.bib", _bibtex(entries))),
    st.dictionaries(st.sampled_from(["report", "other", "x"]), maybe(st.fixed_dictionaries(
        {"file": maybe(st.sampled_from(["report.txt", "../../x", "nope.txt", "sources.yaml"])), "title": maybe(text)},
        optional={"author": maybe(st.lists(text, max_size=2)), "date": maybe(text), "accessed": maybe(st.dates()),
                  "reliability": maybe(text), "type": maybe(text)})), max_size=3).map(
        lambda value: ("c.yaml", _dumped(value)))))
def test_any_catalog_loads_or_is_a_brief_error(briefing, catalog):
    folder = briefing[0]
    name, body = catalog
    path = folder.root / "sources" / name
    try:
        path.write_text(body, encoding="utf-8")
    except UnicodeEncodeError:
        assume(False)
    try:
        load_catalog(f"sources/{name}", folder, Location("outline.yaml", 1, 1))
    except BriefError:
        pass
