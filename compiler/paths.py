"""The briefing folder is a fence: nothing outside it is read."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Folder:
    """The briefing folder, and how the user wrote it (for messages)."""

    root: Path                  # absolute, symlinks resolved
    written: str                # the outline's folder as typed: "" for the current one

    @classmethod
    def of_outline(cls, outline: str) -> "Folder":
        return cls(Path(os.path.realpath(os.path.dirname(os.path.abspath(outline)))),
                   os.path.dirname(outline))

    def inside(self, path: Path) -> bool:
        """True when `path` (symlinks followed) lies within the folder."""
        try:
            return Path(os.path.realpath(path)).is_relative_to(self.root)
        except (OSError, ValueError):
            return False

    def shown(self, path: Path) -> str:
        """`path` as the user would type it, next to the outline as they typed it."""
        rel = os.path.relpath(os.path.abspath(path), self.root)
        if rel.startswith(".."):
            return Path(path).as_posix()
        return Path(os.path.normpath(os.path.join(self.written, rel))).as_posix()
