"""A briefing at a git revision, resolved: the redline's two inputs.

    version(outline, rev, out_dir) -> Version   (a context manager: the files of a past
                                                 revision live in a temp folder meanwhile)

The working tree is read where it is; a past revision is written out of git into a temp
folder (gitrev.Snapshot) and checked there by the ordinary pipeline. Problems found at a
past revision name it the way git does, `HEAD~1:outline.yaml:12:5: error: …`.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from compiler import pipeline
from compiler.diagnostics import BriefError, Problem
from compiler.cache import Cache
from compiler.model import Briefing, Location, Source
from compiler.folder import Folder
from compiler.validate.check import validate
from compiler.validate.outline import OutlineSpec
from compiler.load.sources import load_catalog
from compiler.load.yamlfile import load_yaml
from compiler.gitrev import WORKING_TREE, Described, GitError, Repository, Snapshot, describe


@dataclass(frozen=True)
class Version:
    described: Described
    briefing: Briefing
    catalog: dict[str, Source]      # every catalog entry, cited or not


class RevisionError(Exception):
    """The briefing cannot be read or built at a revision: the lines to print."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


@contextmanager
def version(outline: str, repo: Repository, rev: str, out_dir: Path) -> Iterator[Version]:
    folder = Folder.of_outline(outline)
    try:
        described = describe(folder.root, rev)
    except GitError as e:
        raise RevisionError([f"brief: error: {e}"]) from None
    if rev == WORKING_TREE:
        yield _resolved(outline, outline, described, out_dir, lambda text: text)
        return
    try:
        with Snapshot(repo, folder.root, rev) as snapshot:
            inside = snapshot.path(Path(outline).name)
            if not inside.is_file():
                raise RevisionError([f"brief: error: `{outline}` does not exist at {rev}"])
            shown = f"{rev}:{folder.written + '/' if folder.written else ''}"

            def relabel(text: str) -> str:
                return text.replace(f"{snapshot.root}{os.sep}", shown)
            yield _resolved(str(inside), outline, described, out_dir, relabel)
    except GitError as e:
        raise RevisionError([f"brief: error: cannot read {rev}: {e}"]) from None


def _resolved(path: str, outline: str, described: Described, out_dir: Path, relabel) -> Version:
    try:
        briefing = pipeline.check(path, out_dir=out_dir).briefing
        catalog = _catalog(path, out_dir)
    except BriefError as e:
        lines = [str(_relabelled(p, relabel)) for p in e.problems]
        errors = sum(p.severity == "error" for p in e.problems)
        raise RevisionError([f"brief: error: the briefing does not build at {described.label}:",
                             *lines, f"{errors} error{'s' * (errors != 1)} at {described.name}; nothing written"]
                            ) from None
    return Version(described, briefing, catalog)


def _relabelled(problem: Problem, relabel) -> Problem:
    where = problem.location
    if where is not None:
        where = Location(relabel(where.file), where.line, where.col)
    return Problem(where, problem.severity, relabel(problem.message))


def _catalog(path: str, out_dir: Path) -> dict[str, Source]:
    """The catalog's entries (the briefing holds only the works it lists under Sources).
    Source texts come from the extraction cache the check just filled."""
    loaded = load_yaml(Path(path), path)
    written = validate(OutlineSpec, loaded).sources
    cache = Cache(out_dir / ".cache" / "sources", writable=False)
    return load_catalog(written, Folder.of_outline(path), Location(path, 1, 1), cache).sources
