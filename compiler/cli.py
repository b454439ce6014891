"""The command line: `brief build`, `check`, `find`, `watch`, `init` and `schema`.

Exit status: 0 built or checked (warnings allowed); 1 the outline or its sources
have errors; 2 a usage error. Every problem is printed as one line
`FILE:LINE:COL: error: MESSAGE`; a user never sees a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console

from .errors import BriefError, Problem

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:     # argparse's own exit(2), with our wording
        self.print_usage(sys.stderr)
        print(f"brief: error: {message}", file=sys.stderr)
        raise SystemExit(USAGE_ERROR)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="brief", description="Compile a briefing outline into a PDF memo and a deck.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{build,check,find,watch,init,schema}")
    build = commands.add_parser("build", help="build the memo (PDF) and the deck (PPTX)")
    build.add_argument("outline", nargs="?", default="outline.yaml", help="default: ./outline.yaml")
    build.add_argument("--out", metavar="DIR", help="output folder (default: out/ beside the outline)")
    build.add_argument("--only", choices=["pdf", "pptx"], help="build only one of the outputs")
    build.add_argument("--strict", action="store_true", help="treat every warning as an error")
    check = commands.add_parser("check", help="validate the outline and verify every quote; write nothing")
    check.add_argument("outline", nargs="?", default="outline.yaml", help="default: ./outline.yaml")
    check.add_argument("--strict", action="store_true", help="treat every warning as an error")
    find = commands.add_parser("find", help="search every source for a passage, to quote it exactly")
    find.add_argument("words", help="the words to look for (matched as a quote would be)")
    find.add_argument("outline", nargs="?", default="outline.yaml", help="default: ./outline.yaml")
    watch = commands.add_parser("watch", help="rebuild on every save and show the memo and deck in the browser")
    watch.add_argument("outline", nargs="?", default="outline.yaml", help="default: ./outline.yaml")
    watch.add_argument("--port", type=int, metavar="N", help="serve the preview on port N (default: 8765 or the next free one)")
    watch.add_argument("--no-browser", action="store_true", help="do not open a browser")
    init = commands.add_parser("init", help="create a new briefing folder that builds at once")
    init.add_argument("dir", nargs="?", default=".", help="default: the current folder")
    schema = commands.add_parser("schema", help="print the outline's JSON Schema (for editor completion)")
    schema.add_argument("--catalog", action="store_true", help="the sources catalog's schema instead")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    if args.command in ("init", "schema"):     # no outline to read
        from .init import init
        from .jsonschema import print_schema
        return init(args.dir) if args.command == "init" else print_schema(args.catalog)
    if not os.path.isfile(args.outline):
        err.print(f"brief: error: no such outline file: {args.outline}", markup=False)
        return USAGE_ERROR
    from . import pipeline     # after argument checks: a usage error stays instant
    if args.command == "watch":
        from .watch import watch
        return watch(args.outline, args.port, open_browser=not args.no_browser)
    try:
        if args.command == "find":
            return _find(pipeline.find(args.outline, args.words))
        if args.command == "check":
            checked = pipeline.check(args.outline, strict=args.strict)
            _report(err, checked.warnings)
            _summary(err, checked.briefing, checked.warnings)
        else:
            built = pipeline.build(args.outline, Path(args.out) if args.out else None, args.only,
                                   strict=args.strict)
            _report(err, built.warnings)
            for path in built.paths:
                err.print(f"wrote {_shown(path)}", markup=False)
    except BriefError as e:
        _report(err, e.problems)
        errors = sum(p.severity == "error" for p in e.problems)
        done = "nothing written" if args.command == "build" else "checked"
        err.print(f"{_count(errors, 'error')}; {done}", markup=False)
        return 1
    return 0


def _find(found) -> int:
    """Matches on standard output, one per line: id, locator, the passage in [brackets]."""
    out = Console(highlight=False, soft_wrap=True, emoji=False)
    for f in found:
        how = "" if f.how in ("exact", "normalised") else f"  ({f.how})"
        out.print(f"{f.source_id}, {f.locator}: {f.context}{how}", markup=False)
    if not found:
        Console(stderr=True).print("no source contains that passage", markup=False)
    return 0 if found else 1


def _report(console: Console, problems: list[Problem]) -> None:
    for problem in problems:
        style = "bold red" if problem.severity == "error" else "yellow"
        console.print(str(problem), style=style, markup=False)


def _summary(console: Console, briefing, warnings: list[Problem]) -> None:
    quotes = sum(len(s.quotes) for s in briefing.sections)
    figures = sum(len(s.figures) for s in briefing.sections)
    evidence = sum(1 for p in briefing.provenance if p.kind == "evidence")
    console.print(f"ok: {_count(len(briefing.sections), 'section')}, {_count(quotes, 'quote')} and "
                  f"{_count(evidence, 'figure evidence passage')} verified, "
                  f"{_count(figures, 'figure or table', 'figures and tables')}, "
                  f"{_count(len(briefing.footnotes), 'footnote')}; "
                  f"{_count(len(warnings), 'warning')}, 0 errors", markup=False)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _shown(path: Path) -> str:
    """Relative to the current folder when inside it, else as an absolute path."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


if __name__ == "__main__":
    sys.exit(main())
