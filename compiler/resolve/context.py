"""What every part of resolving shares: where things were written, the catalog and its
texts, the footnote numbering, the figure numbers, and the problems found so far."""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

from compiler.diagnostics import Problems
from compiler.folder import Folder
from compiler.load.sources import Catalog
from compiler.load.yamlfile import Positions
from compiler.model import Provenance, Theme
from compiler.resolve.citations.notes import Notes
from compiler.verify.corpus import Corpus


@dataclass
class Context:
    """What every part of resolving needs: where things were written, the
    sources, the footnote numbering and the problems found so far."""

    positions: Positions
    catalog: Catalog
    corpus: Corpus
    folder: Folder
    notes: Notes
    problems: Problems
    as_of: dt.date
    theme: Theme | None = None
    figure_numbers: dict[str, tuple[str, int]] = field(default_factory=dict)   # id -> (fig|tbl, N)
    provenance: list[Provenance] = field(default_factory=list)

    def suggest(self, source_id: str) -> str:
        """What to say after "unknown source `x`": the id it was likely meant to be, or
        the catalog it is not in."""
        close = difflib.get_close_matches(source_id, list(self.catalog.sources), n=1, cutoff=0.75)
        if close:
            return f" (did you mean `{close[0]}`?)"
        return f" (not in `{self.catalog.file}`)"
