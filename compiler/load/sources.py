"""Resolve stage, part one: the sources catalog -> `Source` objects and their texts.

Takes the catalog path (from the outline) and the briefing folder; gives every entry
whose file exists, inside the briefing, in a format we can read, with its text.
Each problem is reported at the catalog line that wrote it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compiler import limits
from compiler.diagnostics import Problems, not_utf8
from compiler.cache import Cache
from compiler.load.texts import EXTRACTED, READABLE, ExtractionError, source_text
from compiler.model import Location, Source
from compiler.folder import Folder
from compiler.validate.catalog import validate_catalog
from compiler.load.catalogs import load_bibtex, load_csl_json
from compiler.load.yamlfile import Loaded, load_yaml

@dataclass(frozen=True)
class Catalog:
    sources: dict[str, Source]
    texts: dict[str, str]           # source id -> full text as read
    file: str                       # the catalog as shown in messages
    in_reading_order: frozenset[str] = frozenset()   # ids of texts we extracted (PDF, HTML)


def load_catalog(written: str, folder: Folder, written_at: Location, cache: Cache | None = None) -> Catalog:
    """Read and check the catalog the outline names as `written` (at `written_at`)."""
    problems = Problems()
    path = folder.root / written
    name = folder.shown(path)
    real, why = folder.check_file(path, "the catalog", written)
    if real is None:
        problems.error(written_at, f"no sources catalog at `{name}`"
                       if why and why.endswith("does not exist") else why or "")
        problems.raise_if_errors()
    assert real is not None
    loaded = _load(real, name)
    catalog = validate_catalog(loaded)
    sources, texts = {}, {}
    for source_id, entry in catalog.entries.items():
        location = loaded.positions.of_key((source_id,))
        file_at = loaded.positions.of((source_id, "file"))
        text_path = (path.parent / entry.file)
        text = _read_text(text_path, entry.file, folder, file_at, problems, cache)
        if text is None:
            continue
        sources[source_id] = Source(
            id=source_id, title=entry.title, authors=tuple(entry.author),
            publisher=entry.publisher, number=entry.number, date=entry.date, url=entry.url,
            file=text_path.resolve(), location=location, reliability=entry.reliability,
            type=entry.type, container=entry.container, accessed=entry.accessed)
        texts[source_id] = text
    problems.raise_if_errors()
    extracted = frozenset(sid for sid, source in sources.items()
                          if source.file.suffix.lower() in EXTRACTED)
    return Catalog(sources, texts, name, extracted)


def _load(path: Path, name: str) -> Loaded:
    """The catalog's entries with positions, whatever format it is kept in."""
    suffix = path.suffix.lower()
    if suffix == ".bib":
        return load_bibtex(path, name)
    if suffix == ".json":
        return load_csl_json(path, name)
    return load_yaml(path, name, top_keys="source id")


def _read_text(path: Path, written: str, folder: Folder, at: Location, problems: Problems,
               cache: Cache | None) -> str | None:
    if not folder.inside(path):
        problems.error(at, f"source file `{written}` is outside the briefing folder")
        return None
    if path.suffix.lower() not in READABLE:
        problems.error(at, f"cannot read `{path.name}`: source files must be "
                           f"{', '.join(READABLE)}")
        return None
    real, why = folder.check_file(path, "source file")
    if real is None:
        problems.error(at, why or "")
        return None
    if limits.too_big(real):
        problems.error(at, f"source file `{folder.shown(path)}` is over {limits.SOURCE_MEGABYTES} MB, "
                           "the limit for one source")
        return None
    try:
        return source_text(path, cache)
    except ExtractionError as e:
        problems.error(at, f"source file `{folder.shown(path)}`: {e}")
    except UnicodeDecodeError as e:      # located in the source itself, at the bad byte
        bad = not_utf8(folder.shown(path), e)
        problems.error(bad.location, f"source file `{folder.shown(path)}` is {bad.message}")
    except OSError as e:
        problems.error(at, f"cannot read source file `{folder.shown(path)}`: {e.strerror}")
    return None
