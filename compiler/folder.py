"""The briefing folder is a fence: nothing outside it is read, nothing read is overwritten.

Every file the compiler reads on a briefing's behalf (outline, catalog, sources, images,
CSVs, theme, templates, styles) is admitted by `Folder.require_file`, which follows
symlinks and `..` and refuses what lands outside the folder. Only the compiler's own
installed files (built-in theme, templates, styles) are read without it. Caches under
the output folder are read and written only as plain files (cache.py): a symlink in the
cache is an error, never followed.

The outline itself may be a symlink if it points inside its own folder; one that
leads out of the folder is refused like any other file.

Each admitted file is remembered (`files_read`), so the write stage can refuse to
replace a file the build has read (`--out sources` with an output named like a source).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from compiler.diagnostics import BriefError, Problem
from compiler.model import Location

# Resolved paths of the files admitted since the last `Folder.of_outline` (one build).
_READ: set[Path] = set()


def files_read() -> frozenset[Path]:
    """Every file the current build has read through the fence (symlinks resolved)."""
    return frozenset(_READ)


@dataclass(frozen=True)
class Folder:
    """The briefing folder, and how the user wrote it (for messages)."""

    root: Path                  # absolute, symlinks resolved
    written: str                # the outline's folder as typed: "" for the current one
    what: str = "briefing folder"   # the fence in messages (a shared theme's: its folder)

    @classmethod
    def of_outline(cls, outline: str) -> "Folder":
        """The outline's folder; the outline itself is admitted (and a new build begins)."""
        folder = cls(Path(os.path.realpath(os.path.dirname(os.path.abspath(outline)))),
                     os.path.dirname(outline))
        _READ.clear()
        folder.require_file(Path(os.path.abspath(outline)), "outline", Location(outline, 1, 1))
        return folder

    def inside(self, path: Path) -> bool:
        """True when `path` (symlinks followed) lies within the folder."""
        try:
            return Path(os.path.realpath(path)).is_relative_to(self.root)
        except (OSError, ValueError):
            return False

    def check_file(self, path: Path, kind: str, written: str | None = None,
                   suffixes: tuple[str, ...] = ()) -> tuple[Path | None, str | None]:
        """(resolved path, None) when `path` may be read, else (None, why not).
        `kind` names the file in the message ("image"), `written` is how the user wrote it."""
        shown = written if written is not None else self.shown(path)
        if not self.inside(path):
            return None, f"{kind} `{shown}` is outside the {self.what}"
        if suffixes and Path(path).suffix.lower() not in suffixes:
            return None, f"{kind} `{shown}` must be a {', '.join(s[1:] for s in suffixes)} file"
        real = Path(os.path.realpath(path))
        if not real.is_file():
            return None, (f"{kind} `{shown}` is a folder, not a file" if real.is_dir()
                          else f"{kind} `{shown}` does not exist")
        _READ.add(real)
        return real, None

    def require_file(self, path: Path, kind: str, at: Location | None, written: str | None = None,
                     suffixes: tuple[str, ...] = ()) -> Path:
        """The resolved `path`, admitted; else a `BriefError` at `at`."""
        real, why = self.check_file(path, kind, written, suffixes)
        if real is None:
            raise BriefError([Problem(at, "error", why or "")])
        return real

    def optional_file(self, path: Path, kind: str, written: str | None = None) -> Path | None:
        """Like `require_file` for a file the briefing may leave out (`assets/theme.yaml`,
        `templates/memo.html.j2`): None when absent, an error when it leads outside."""
        if not os.path.lexists(path):
            return None
        return self.require_file(path, kind, Location(written or self.shown(path), 1, 1), written)

    def shown(self, path: Path) -> str:
        """`path` as the user would type it, next to the outline as they typed it."""
        rel = os.path.relpath(os.path.abspath(path), self.root)
        if rel.startswith(".."):
            return Path(path).as_posix()
        return Path(os.path.normpath(os.path.join(self.written, rel))).as_posix()

    def default_out(self) -> Path:
        """`out/` beside the outline, refused when it is a symlink leading outside the
        folder (a build would write there)."""
        out = self.root / "out"
        if os.path.lexists(out) and not self.inside(out):
            raise BriefError([Problem(None, "error", f"`{self.shown(out)}` is a symlink to a folder "
                                      "outside the briefing folder; refusing to write there "
                                      "(remove it, or name a folder with --out)")])
        return out
