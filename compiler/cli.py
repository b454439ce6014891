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
from typing import NoReturn

from rich.console import Console

from compiler.diagnostics import BriefError, Problem

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:     # argparse's own exit(2), with our wording
        self.print_usage(sys.stderr)
        print(f"brief: error: {message}", file=sys.stderr)
        raise SystemExit(USAGE_ERROR)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="brief", description="Compile a briefing outline into a PDF memo and a deck.")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{build,check,find,diff,watch,init,themes,schema}")
    build = commands.add_parser("build", help="build the memo (PDF) and the deck (PPTX)")
    build.add_argument("outline", nargs="*", default=["outline.yaml"],
                       help="default: ./outline.yaml; several are built in parallel")
    build.add_argument("--out", metavar="DIR", help="output folder (default: out/ beside the outline)")
    build.add_argument("--only", choices=["pdf", "pptx"], help="build only one of the outputs")
    build.add_argument("--strict", action="store_true", help="treat every warning as an error")
    check = commands.add_parser("check", help="validate the outline and verify every quote; write nothing")
    check.add_argument("outline", nargs="?", default="outline.yaml", help="default: ./outline.yaml")
    check.add_argument("--strict", action="store_true", help="treat every warning as an error")
    find = commands.add_parser("find", help="search every source for a passage, to quote it exactly")
    find.add_argument("words", help="the words to look for (matched as a quote would be)")
    find.add_argument("outline", nargs="?", default="outline.yaml", help="default: ./outline.yaml")
    from compiler.redline.command import add_parser as add_diff
    add_diff(commands)
    watch = commands.add_parser("watch", help="rebuild on every save and show the memo and deck in the browser")
    watch.add_argument("outline", nargs="?", default="outline.yaml", help="default: ./outline.yaml")
    watch.add_argument("--port", type=int, metavar="N", help="serve the preview on port N (default: 8765 or the next free one)")
    watch.add_argument("--no-browser", action="store_true", help="do not open a browser")
    init = commands.add_parser("init", help="create a new briefing folder that builds at once")
    init.add_argument("dir", nargs="?", default=".", help="default: the current folder")
    init.add_argument("--theme", metavar="NAME", help="start the briefing with this shared theme")
    themes = commands.add_parser("themes", help="list the installed shared themes, or install one")
    themes.add_argument("action", nargs="?", choices=["install"], help="install DIR: copy a theme folder in")
    themes.add_argument("dir", nargs="?", help="the theme folder to install (its name is the theme's)")
    themes.add_argument("--replace", action="store_true", help="replace an installed theme of that name")
    schema = commands.add_parser("schema", help="print the outline's JSON Schema (for editor completion)")
    schema.add_argument("--catalog", action="store_true", help="the sources catalog's schema instead")
    return parser


def run() -> None:
    """The `brief` command (and `python -m compiler`): `main`, then out at once. By then
    every output is written and synced and the memo's process has ended; what is left is
    Python's own teardown, freeing the build's objects one by one, a fifth of a second
    of a small build's time. (Tests call `main`, which returns.)"""
    try:
        code = main()
    except SystemExit as e:         # argparse: --help, a usage error
        if not isinstance(e.code, int):
            raise
        code = e.code
    except KeyboardInterrupt:       # Ctrl-C: one line, not a traceback
        print("brief: interrupted", file=sys.stderr)
        code = 130
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:                 # a closed pipe (`brief find ... | head`)
        pass
    # what Python's exit would have done for us: a memo process still alive (an
    # interrupt before the build could close it) is stopped, not left waiting
    processes = sys.modules.get("multiprocessing")
    for child in processes.active_children() if processes else ():
        child.kill()
        child.join()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    if args.command in ("init", "schema"):     # no outline to read
        from compiler.init import init
        from compiler.validate.jsonschema import print_schema
        return init(args.dir, args.theme) if args.command == "init" else print_schema(args.catalog)
    if args.command == "themes":
        from compiler.load.themes import run as themes
        return themes(args, lambda line: err.print(line, markup=False))
    if args.command == "diff":      # a redline between git revisions: compiler/redline/command.py
        from compiler.redline.command import run as diff
        return diff(args, err)
    for outline in args.outline if args.command == "build" else [args.outline]:
        if not os.path.isfile(outline):
            err.print(f"brief: error: no such outline file: {outline}", markup=False)
            return USAGE_ERROR
    from compiler.quiet import quiet_third_parties
    with quiet_third_parties():      # third-party warnings off the terminal (see quiet.py)
        try:
            return _run(err, args)
        except Exception as e:       # a bug of ours: one line, the traceback only when asked for
            from compiler.diagnostics import internal_error
            return internal_error(err, e, args.debug)


def _run(err: Console, args) -> int:
    if args.command == "build":
        return _build(err, args)
    from compiler import pipeline  # after argument checks: a usage error stays instant
    if args.command == "watch":
        from compiler.watch import watch
        return watch(args.outline, args.port, open_browser=not args.no_browser)
    try:
        if args.command == "find":
            return _find(pipeline.find(args.outline, args.words))
        if args.command == "check":
            checked = pipeline.check(args.outline, strict=args.strict)
            _report(err, checked.warnings)
            _summary(err, checked.briefing, checked.warnings)
    except BriefError as e:
        _report(err, e.problems)
        errors = sum(p.severity == "error" for p in e.problems)
        err.print(f"{_count(errors, 'error')}; checked", markup=False)
        return 1
    return 0


def _build(err: Console, args) -> int:
    """One outline: its problems, then a line per output written. Several: built on
    every core, each reported as one block (its problems, then one line) when done;
    exit status 1 when any failed."""
    from compiler.builds.several import build_all
    args.outline = list(dict.fromkeys(args.outline))       # the same outline once
    out = Path(args.out) if args.out else None
    failed = 0
    for outcome in build_all(args.outline, out, args.only, args.strict):
        _report(err, outcome.problems)
        if outcome.crash and args.debug:
            err.print(outcome.crash, markup=False, end="")
        elif outcome.crash:
            last = outcome.crash.strip().splitlines()[-1]
            err.print(f"brief: internal error ({last}); this is a bug in the compiler, not in your "
                      "briefing: please report it with the output of `brief --debug ...`", markup=False)
        several = len(args.outline) > 1
        prefix = f"{outcome.outline}: " if several else ""
        if outcome.ok:
            lines = ([f"up to date: {', '.join(_shown(p) for p in outcome.unchanged)}"]
                     if outcome.unchanged else []) + [f"wrote {_shown(p)}" for p in outcome.written]
            if several:      # one line: the outputs themselves (the provenance report goes along)
                main = [_shown(p) for p in outcome.written if p.suffix in (".pdf", ".pptx")]
                lines = ([f"wrote {', '.join(main)}"] if main else []) + lines[:bool(outcome.unchanged)]
                lines = ["; ".join(lines) + f" ({outcome.seconds:.1f} s)"]
            for line in lines:
                err.print(prefix + line, markup=False)
        else:
            failed += 1
            errors = sum(p.severity == "error" for p in outcome.problems)
            what = _count(errors, "error") if not outcome.crash else "failed (a bug in the compiler)"
            err.print(f"{prefix}{what}; nothing written", markup=False)
    if len(args.outline) > 1 and failed:
        err.print(f"{failed} of {len(args.outline)} briefings failed", markup=False)
    return 1 if failed else 0


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
