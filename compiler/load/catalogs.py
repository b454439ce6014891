"""Load stage for catalogs kept elsewhere: BibTeX (.bib) and CSL-JSON (.json), as
Zotero and Better BibTeX export them -> the same values a sources.yaml holds.

Each reader gives `Loaded(value, positions)`: value is `{id: {file, title, author,
publisher, number, date, url}}`, positions point at the .bib or .json's own lines, so
the schema check and every later error name the line in the file the user keeps.

Which field names the source text:
- BibTeX: `file`, either a plain path or Zotero's `Description:path:mime` list (`;`
  between attachments); the first attachment we can read is taken.
- CSL-JSON: `custom.file`, or a line `file: NAME` in `note`.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from compiler.diagnostics import BriefError, Problem, not_utf8
from compiler.load.texts import READABLE
from compiler.model import Location
from compiler.load.yamlfile import Loaded, Positions, load_yaml_text


def load_bibtex(path: Path, shown_as: str) -> Loaded:
    import bibtexparser
    from bibtexparser import middlewares

    text = _read(path, shown_as)
    library = bibtexparser.parse_string(text, append_middleware=[
        middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors(),
        middlewares.SplitNameParts()])
    positions = Positions(shown_as)
    problems = [Problem(Location(shown_as, (block.start_line or 0) + 1, 1), "error",
                        f"malformed BibTeX entry: {_first_line(getattr(block, 'error', ''))}")
                for block in library.failed_blocks]
    value: dict[str, Any] = {}
    for entry in library.entries:
        if entry.key in value:
            problems.append(Problem(Location(shown_as, (entry.start_line or 0) + 1, 1), "error",
                                    f"duplicate source id `{entry.key}`"))
            continue
        fields = {name.lower(): f for name, f in entry.fields_dict.items()}
        value[entry.key] = _from_bibtex(fields) | _bibtex_type(entry.entry_type)
        _place(positions, (entry.key,), entry.start_line or 0, key=True)
        for name, target in _BIBTEX_FIELDS.items():
            if name in fields and target in value[entry.key]:
                _place(positions, (entry.key, target), fields[name].start_line)
    if problems:
        raise BriefError(problems)
    return Loaded(value, positions)


_BIBTEX_FIELDS = {"file": "file", "title": "title", "author": "author", "publisher": "publisher",
                  "institution": "publisher", "organization": "publisher", "number": "number",
                  "date": "date", "year": "date", "url": "url", "journal": "container",
                  "journaltitle": "container", "booktitle": "container", "urldate": "accessed"}
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def _from_bibtex(fields: dict) -> dict:
    get = lambda name: fields[name].value if name in fields else None       # noqa: E731
    entry = {
        "file": _attachment(get("file")),
        "title": get("title"),
        "author": [_bibtex_name(n) for n in get("author") or []] or None,
        "publisher": get("publisher") or get("institution") or get("organization"),
        "number": get("number"),
        "date": get("date") or _bibtex_date(get("year"), get("month"), get("day")),
        "url": get("url"),
        "container": get("journaltitle") or get("journal") or get("booktitle"),
        "accessed": get("urldate"),
    }
    return {k: v for k, v in entry.items() if v is not None}


# BibTeX entry types -> CSL types; others (misc, online) are left to the default.
_BIBTEX_TYPES = {"article": "article-journal", "book": "book", "report": "report",
                 "techreport": "report", "incollection": "chapter", "inbook": "chapter",
                 "inproceedings": "paper-conference", "thesis": "thesis", "phdthesis": "thesis",
                 "mastersthesis": "thesis", "manual": "report"}


def _bibtex_type(entry_type: str) -> dict:
    csl = _BIBTEX_TYPES.get(entry_type.lower())
    return {"type": csl} if csl else {}


def _bibtex_name(name: Any) -> str:
    """Name parts kept as "von Last, First" (the catalog's "Family, Given" form)."""
    if isinstance(name, str):
        return name
    family = " ".join(name.von + name.last + (name.jr and [","] + name.jr or []))
    return f"{family}, {' '.join(name.first)}" if name.first else family


def _bibtex_date(year: str | None, month: str | None, day: str | None) -> str | None:
    if not year:
        return None
    if not month:
        return year
    m = _MONTHS.get(month.strip().lower()[:3]) or (int(month) if month.strip().isdigit() else None)
    if m is None:
        return year
    return f"{year}-{m:02d}" + (f"-{int(day):02d}" if day and day.strip().isdigit() else "")


def _attachment(value: str | None) -> str | None:
    """`Full Text:files/crs.pdf:application/pdf;Snapshot:x.html:text/html` -> the first
    readable path; a plain path stays as it is."""
    if not value:
        return None
    for attachment in value.split(";"):
        parts = attachment.split(":")
        candidate = parts[1] if len(parts) == 3 else attachment
        if Path(candidate.strip()).suffix.lower() in READABLE:
            return candidate.strip()
    return value.strip()


def load_csl_json(path: Path, shown_as: str) -> Loaded:
    """CSL-JSON is read as YAML (JSON is YAML's flow style), which keeps positions."""
    text = _read(path, shown_as)
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        raise BriefError([Problem(Location(shown_as, e.lineno, e.colno), "error",
                                  f"invalid JSON: {e.msg}")]) from None
    loaded = load_yaml_text(text.replace("\t", "    "), shown_as, top_keys="source id")
    items = loaded.value
    if not isinstance(items, list):
        raise BriefError([Problem(Location(shown_as, 1, 1), "error",
                                  "a CSL-JSON catalog is a list of items")])
    value: dict[str, Any] = {}
    positions = Positions(shown_as)
    problems = []
    for i, item in enumerate(items):
        where = loaded.positions.of((i,))
        if not isinstance(item, dict) or not isinstance(item.get("id"), (str, int)):
            problems.append(Problem(where, "error", "each CSL-JSON item needs an `id`"))
            continue
        key = str(item["id"])
        if key in value:
            problems.append(Problem(where, "error", f"duplicate source id `{key}`"))
            continue
        malformed = _malformed_csl(item, i, loaded.positions)
        if malformed:
            problems.extend(malformed)
            continue
        value[key] = _from_csl(item)
        positions.keys[(key,)] = loaded.positions.keys.get((i, "id"), loaded.positions.values[(i,)])
        positions.values[(key,)] = loaded.positions.values[(i,)]
        for csl_name, ours in _CSL_FIELDS.items():
            node = loaded.positions.values.get((i,) + csl_name)
            if node is not None and ours in value[key]:
                positions.values[(key, ours)] = node
    if problems:
        raise BriefError(problems)
    return Loaded(value, positions)


_CSL_FIELDS = {("custom", "file"): "file", ("note",): "file", ("title",): "title", ("author",): "author",
               ("publisher",): "publisher", ("number",): "number", ("issued",): "date", ("URL",): "url",
               ("container-title",): "container", ("accessed",): "accessed"}


_NAME_PARTS = ("family", "given", "literal", "non-dropping-particle", "dropping-particle", "suffix")


def _malformed_csl(item: dict, i: int, positions: Positions) -> list[Problem]:
    """Names and dates CSL-JSON spells in a shape of its own, checked before they are read."""
    out = []
    names = item.get("author", [])
    if not isinstance(names, (list, str)):
        out.append(Problem(positions.of((i, "author")), "error",
                           "malformed CSL-JSON `author`: a list of names"))
    for k, name in enumerate(names if isinstance(names, list) else ()):
        if isinstance(name, dict) and all(isinstance(name.get(part, ""), (str, int, float))
                                          for part in _NAME_PARTS):
            continue
        if not isinstance(name, (dict, list)):
            continue                      # text or nothing: the schema says what is wrong
        out.append(Problem(positions.of((i, "author", k)), "error",
                           "malformed CSL-JSON name: a mapping of text parts (family, given, "
                           "literal, ...)"))
    for field in ("issued", "accessed"):
        if field in item and _csl_date(item[field]) is _MALFORMED:
            out.append(Problem(positions.of((i, field)), "error",
                               f"malformed CSL-JSON date in `{field}`: write "
                               '{"date-parts": [[YYYY, M, D]]}'))
    return out


def _from_csl(item: dict) -> dict:
    custom = item.get("custom")
    custom = custom if isinstance(custom, dict) else {}
    note_file = re.search(r"^\s*file:\s*(\S.*?)\s*$", str(item.get("note", "")), re.M)
    entry = {
        "type": item.get("type"),
        "file": custom.get("file") or (note_file.group(1) if note_file else None),
        "title": item.get("title"),
        "author": [_csl_name(n) for n in _listed(item.get("author", []))] or None,
        "publisher": item.get("publisher"),
        "number": item.get("number"),
        "date": _csl_date(item.get("issued")),
        "url": item.get("URL"),
        "container": item.get("container-title"),
        "accessed": _csl_date(item.get("accessed")),
    }
    return {k: v for k, v in entry.items() if v is not None}


def _csl_name(name: Any) -> Any:
    """CSL name parts kept as "particle Family, Given" (the catalog's form for parts)."""
    if isinstance(name, dict):
        if "literal" in name:
            return name["literal"]
        family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
        given = " ".join(str(name[k]) for k in ("given", "dropping-particle") if name.get(k))
        return f"{family}, {given}" if given else family
    return name


def _listed(names: Any) -> list:
    return [names] if isinstance(names, str) else names


_MALFORMED = object()


def _csl_date(issued: Any) -> Any:
    if isinstance(issued, dict) and issued.get("date-parts"):
        try:
            parts = issued["date-parts"][0]
            return "-".join(f"{int(p):02d}" if i else f"{int(p):04d}" for i, p in enumerate(parts))
        except (TypeError, ValueError, KeyError, IndexError, OverflowError):
            return _MALFORMED
    if isinstance(issued, dict) and "raw" in issued:
        return issued["raw"]
    return issued


def _read(path: Path, shown_as: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise BriefError([not_utf8(shown_as, e)]) from None


def _place(positions: Positions, path: tuple, line: int, key: bool = False) -> None:
    """Record a 0-based line from bibtexparser as a position."""
    mark = yaml.Mark(positions.file, 0, line, 0, None, None)
    node = yaml.ScalarNode("tag:yaml.org,2002:str", "", mark, mark)
    positions.values[path] = node
    if key:
        positions.keys[path] = node


def _first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return " ".join(lines[1:2] or lines[:1]) or "syntax error"
