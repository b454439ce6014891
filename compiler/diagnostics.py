"""User errors: the one exception type for anything a user can get wrong.

Each problem carries the FILE:LINE:COL where it was written. Stages collect every
problem they find into `Problems` and raise once, so a run reports them all.
Anything that is not a `BriefError` is a bug in the compiler.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from compiler.model import Location


@dataclass(frozen=True)
class Problem:
    location: Location | None
    severity: str               # "error" | "warning"
    message: str

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity}: {self.message}"


class BriefError(Exception):
    """The outline, catalog or sources have errors (exit status 1)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Problems:
    """Collects errors and warnings across a stage."""

    items: list[Problem] = field(default_factory=list)

    def error(self, location: Location | None, message: str) -> None:
        self.items.append(Problem(location, "error", message))

    def warning(self, location: Location | None, message: str) -> None:
        self.items.append(Problem(location, "warning", message))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        """Stop the build if anything so far is an error (warnings travel on)."""
        if self.errors:
            raise BriefError(sorted(self.items, key=_order))


def not_utf8(file: str, e: UnicodeDecodeError) -> Problem:
    """A text file that is not UTF-8, located at its first bad byte (line, and column in
    characters, as an editor counts them)."""
    data, start = bytes(e.object), e.start
    line_start = data.rfind(b"\n", 0, start) + 1
    col = len(data[line_start:start].decode("utf-8", "replace")) + 1
    return Problem(Location(file, data.count(b"\n", 0, start) + 1, col), "error",
                   f"not UTF-8 text: byte 0x{data[start]:02X} cannot be read ({e.reason}); "
                   "save the file as UTF-8")


def _order(p: Problem) -> tuple:
    loc = p.location
    return (loc.file, loc.line, loc.col) if loc else ("", 0, 0)


def internal_error(console, error: BaseException, debug: bool) -> int:
    """What the command line says when the compiler itself fails: one line asking for a
    bug report, the traceback only under `--debug`. Exit status 1."""
    if debug:
        import traceback
        console.print("".join(traceback.format_exception(error)), markup=False, end="")
    summary = " ".join(f"{type(error).__name__}: {error}".split())
    summary = summary if len(summary) <= 200 else summary[:197] + "..."
    console.print(f"brief: internal error ({summary}); this is a bug in the compiler, not in "
                  "your briefing: please report it with the output of `brief --debug ...`; "
                  "nothing written", markup=False)
    return 1
