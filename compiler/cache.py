"""One content-hash cache for what a build can make again but would rather not: the text
extracted from PDF and HTML sources (load/texts.py), the memo's chart SVGs
(render/memo/chartcache.py), the incremental build's record. Entries live under the output
folder's `.cache/` and are read and written only as plain files: a symlink on the way is an
error, never followed, since a cache is read as our own output."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from compiler.diagnostics import BriefError, Problem


@dataclass(frozen=True)
class Cache:
    """A folder of entries named by a content hash (`KEY.SUFFIX`)."""

    folder: Path
    writable: bool          # `brief check` reads the cache but writes nothing
    suffix: str = "txt"

    def get(self, key: str) -> str | None:
        return read_cache(self.folder, f"{key}.{self.suffix}")

    def put(self, key: str, text: str) -> None:
        if self.writable:
            write_cache(self.folder, f"{key}.{self.suffix}", text)


def _plain_under(base: Path, name: str) -> Path:
    """`base/name`, refused when reaching it from the output folder follows a symlink
    (the entry, `base` or the `.cache` folder above it): a cache is read as our own
    output, so one replaced by a link would bring another file into the build."""
    path = base / name
    for link in (p for p in (base.parent, base, path) if os.path.islink(p)):
        raise BriefError([Problem(None, "error", f"`{_shown(link)}` in the build cache is a symlink; "
                                  f"refusing to follow it (delete `{_shown(base.parent)}`: "
                                  "the cache is rebuilt)")])
    return path


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def read_cache(base: Path, name: str) -> str | None:
    """A cache entry's text, or None when it is missing, unreadable or not a plain file."""
    path = _plain_under(base, name)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            if not os.path.isfile(path):
                return None
            return f.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_cache(base: Path, name: str, text: str) -> None:
    """Write a cache entry atomically; an error when a symlink is on the way (it would
    write outside), skipped when the folder cannot be written (a cache only saves time)."""
    try:
        _plain_under(base, name)
        base.mkdir(parents=True, exist_ok=True)
        _plain_under(base, name)
        fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=base)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(temp, base / name)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass
