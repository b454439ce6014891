"""`brief diff [REV_A] [REV_B] [OUTLINE] [--out DIR] [--stat]` on the command line.

Positional arguments: a word naming an existing file or ending in .yaml/.yml is the
outline (default ./outline.yaml); the others are revisions, REV_A (default HEAD) and
REV_B (default: the working tree).

Exit status, as diff(1): `--stat` 0 no change, 1 changes; without it 0 when the redline is
written; 2 for any trouble (not in a git repository, an unknown revision, an outline
missing at a revision, a briefing that does not build at a revision, a usage error).
"""
from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console

TROUBLE = 2


def add_parser(commands) -> None:
    diff = commands.add_parser("diff", help="a redline memo (PDF) between two git revisions")
    diff.add_argument("words", nargs="*", metavar="[REV_A] [REV_B] [OUTLINE]",
                      help="default: HEAD, the working tree, ./outline.yaml")
    diff.add_argument("--out", metavar="DIR", help="output folder (default: out/ beside the outline)")
    diff.add_argument("--stat", action="store_true",
                      help="print the summary of changes; exit 0 if none, 1 if any; write nothing")


def run(args, err: Console) -> int:
    from compiler.gitrev import WORKING_TREE, repository, why_not_a_repository
    revisions, outlines = _split(args.words)
    if len(outlines) > 1 or len(revisions) > 2:
        return _trouble(err, "usage: brief diff [REV_A] [REV_B] [OUTLINE] [--out DIR] [--stat]")
    outline = outlines[0] if outlines else "outline.yaml"
    if not os.path.isfile(outline):
        return _trouble(err, f"no such outline file: {outline}")
    folder = Path(os.path.realpath(os.path.dirname(os.path.abspath(outline))))
    repo = repository(folder)
    if repo is None:
        reason = why_not_a_repository(folder)
        if "dubious ownership" in reason:
            return _trouble(err, f"git refuses to read the repository {_shown(folder)} is in: it belongs to "
                                 "another user (if you trust it: git config --global --add safe.directory "
                                 f"{folder})")
        return _trouble(err, f"`brief diff` compares git revisions, and {_shown(folder)} is not in a "
                             "git repository")
    old_rev = revisions[0] if revisions else "HEAD"
    new_rev = revisions[1] if len(revisions) > 1 else WORKING_TREE
    out_dir = Path(args.out) if args.out else folder / "out"
    from compiler.redline.compare import compare
    from compiler.diagnostics import BriefError
    from compiler.redline.page import stat_lines
    from compiler.redline.revisions import RevisionError
    try:
        compared = compare(outline, repo, old_rev, new_rev, out_dir, write_pdf=not args.stat)
    except RevisionError as e:
        for line in e.lines:
            err.print(line, markup=False, style="bold red" if ": error:" in line else None)
        return TROUBLE
    except BriefError as e:         # writing the redline failed (an unwritable out/)
        for problem in e.problems:
            err.print(str(problem), markup=False, style="bold red")
        return TROUBLE
    if args.stat:
        out = Console(highlight=False, soft_wrap=True, emoji=False)
        for line in stat_lines(compared.old, compared.new, compared.groups):
            out.print(line, markup=False)
        return 1 if compared.changes else 0
    total = compared.changes
    err.print(f"{compared.old.label} → {compared.new.label}: "
              f"{total} change{'s' * (total != 1)}" if total else "no changes", markup=False)
    if compared.written is not None:
        err.print(f"wrote {_shown(compared.written)}", markup=False)
    return 0


def _split(words: list[str]) -> tuple[list[str], list[str]]:
    outlines = [w for w in words if w.lower().endswith((".yaml", ".yml")) or os.path.isfile(w)]
    return [w for w in words if w not in outlines], outlines


def _trouble(err: Console, message: str) -> int:
    err.print(f"brief: error: {message}", markup=False, style="bold red")
    return TROUBLE


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
