"""Shared themes (outline `theme: NAME`), found before anything is parsed: one theme folder (theme.yaml, a deck template, a
logo) for all of an office's briefings. NAME is looked up, in order, in the briefing's own
`themes/NAME/`, the nearest `themes/NAME/` in the folders above it up to the root of the
git repository holding it, and the per-user folder `brief themes install` copies themes
into. These are the only places outside the briefing folder ever read; they are only
read, and a file in a theme (a symlink too) must lie inside the theme's folder."""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from compiler.diagnostics import BriefError, Problem
from compiler.model import Location
from compiler.folder import Folder

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
THEME_FILE = "theme.yaml"


def user_themes() -> Path:
    """The per-user folder: $XDG_DATA_HOME/brief/themes (default ~/.local/share/brief/themes)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "brief" / "themes"


def places(root: Path) -> list[Path]:
    """The `themes/` folders searched for a briefing in `root`, in order."""
    found = [root / "themes"]
    top = _repository_root(root)
    if top is not None:
        folder = root
        while folder != top:
            folder = folder.parent
            found.append(folder / "themes")
    return found + [user_themes()]


def _repository_root(root: Path) -> Path | None:
    """The nearest folder at or above `root` holding a `.git` (None outside git)."""
    for folder in (root, *root.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


@dataclass(frozen=True)
class SharedTheme:
    folder: Folder              # the theme's folder: its fence
    shown: str                  # as messages name it


def find(name: str, briefing: Folder, at: Location) -> SharedTheme:
    """The theme folder NAME names, first in `places`; else an error at `at` naming each."""
    if not NAME.match(name) or name in (".", ".."):
        raise BriefError([Problem(at, "error", f"theme `{name}` must be a folder name (letters, digits, "
                                                "`.`, `_`, `-`), not a path")])
    looked = []
    for place in places(briefing.root):
        candidate = place / name
        shown = _shown(candidate, briefing)
        looked.append(shown + "/")
        if os.path.isdir(candidate):
            real = Path(os.path.realpath(candidate))
            if not os.path.isfile(real / THEME_FILE):
                raise BriefError([Problem(at, "error", f"theme folder `{shown}/` has no {THEME_FILE}")])
            return SharedTheme(Folder(real, shown, what=f"theme folder `{shown}/`"), shown)
    raise BriefError([Problem(at, "error", f"no theme `{name}`: looked in " + ", ".join(looked)
                              + f" (`brief themes install DIR` adds one to {_home(user_themes())}/)")])


def _shown(path: Path, briefing: Folder) -> str:
    """A theme folder as the user would type it: from the outline's folder, or ~/…"""
    if Path(path).is_relative_to(user_themes()):
        return _home(Path(path))
    rel = os.path.relpath(path, briefing.root)
    return Path(os.path.normpath(os.path.join(briefing.written, rel))).as_posix()


def _home(path: Path) -> str:
    home = os.path.expanduser("~")
    text = str(path)
    return "~" + text[len(home):] if home and text.startswith(home + os.sep) else text


# --- `brief themes` -----------------------------------------------------------------


def run(args, say) -> int:
    """`brief themes` lists; `brief themes install DIR [--replace]` installs."""
    if args.action == "install":
        if not args.dir:
            say("brief: error: `brief themes install` needs the theme folder: brief themes install DIR")
            return 2
        return install(args.dir, say, args.replace)
    return list_themes(say)


def list_themes(say) -> int:
    """Every theme in the per-user folder, one a line."""
    folder = user_themes()
    names = sorted(p.name for p in folder.iterdir() if (p / THEME_FILE).is_file()) if folder.is_dir() else []
    for name in names:
        say(f"{name}  {_home(folder / name)}/")
    if not names:
        say(f"no themes in {_home(folder)}/ (add one with `brief themes install DIR`)")
    return 0


def install(directory: str, say, replace: bool = False) -> int:
    """Copy a theme folder (it must hold theme.yaml) into the per-user folder under its
    own name; an existing theme of that name is kept unless `replace`."""
    source = Path(directory)
    name = source.resolve().name
    if not (source / THEME_FILE).is_file():
        say(f"brief: error: {directory} is not a theme folder: it has no {THEME_FILE}")
        return 1
    target = user_themes() / name
    if target.exists() and not replace:
        say(f"brief: error: theme `{name}` is already installed in {_home(target)}/ (--replace to replace it)")
        return 1
    temp = target.with_name(f".{name}.installing")
    shutil.rmtree(temp, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, temp, symlinks=False)
    if target.exists():
        shutil.rmtree(target)
    os.replace(temp, target)
    say(f"installed theme `{name}` in {_home(target)}/; use it with `theme: {name}` in an outline")
    return 0
