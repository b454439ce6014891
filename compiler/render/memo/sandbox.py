"""Memo templates are code from the briefing folder: fenced, sandboxed, errors located.

`memo_environment` gives the Jinja2 environment the memo renders with. Templates are
looked up in the briefing's `templates/` first (each through the folder's fence: a
symlinked template or `templates/` leading out of the folder is refused), then in the
compiler's own. Every template runs in Jinja2's `SandboxedEnvironment`, which may call
only what the memo's data offers: text and date methods, macros, the memo's own
filters and globals. No Python internals (`lipsum.__globals__`), no method of a path
or file, so a template can print the memo's data and nothing else.

`template_problem` turns what a template got wrong (syntax, an undefined name, a
refused call, an exception while rendering) into `templates/memo.html.j2:LINE: error: …`.
"""
from __future__ import annotations

import datetime as dt
import os
import traceback
import types
from pathlib import Path, PurePath
from typing import Any

import jinja2
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment

from compiler.diagnostics import Problem
from compiler.model import Location
from compiler.folder import Folder

USER_TEMPLATES = "templates"

# Whose methods a template may call: the memo's values are text, numbers, dates and lists.
_SAFE_OWNERS = (str, int, float, list, tuple, dict, dt.date, LoopContext, BlockReference)


class _FencedLoader(jinja2.BaseLoader):
    """The briefing's `templates/`, then the built-in ones; user files through the fence."""

    def __init__(self, root: Path, built_in: Path):
        self.folder = Folder(root, "")
        self.user = root / USER_TEMPLATES
        self.built_in = jinja2.FileSystemLoader(str(built_in))

    def get_source(self, environment, template):
        pieces = jinja2.loaders.split_template_path(template)     # refuses `..`
        candidate = self.user.joinpath(*pieces)
        if os.path.lexists(candidate):
            shown = Path(os.path.relpath(candidate, self.folder.root)).as_posix()
            real = self.folder.require_file(candidate, "template", Location(shown, 1, 0), shown)
            source = real.read_text(encoding="utf-8")
            mtime = os.path.getmtime(real)
            return source, str(candidate), lambda: os.path.getmtime(real) == mtime
        return self.built_in.get_source(environment, template)


class _MemoSandbox(SandboxedEnvironment):
    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return super().is_safe_attribute(obj, attr, value) and not attr.startswith("_")

    def is_safe_callable(self, obj: Any) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if isinstance(obj, Macro) or any(obj is g for g in self.globals.values()):
            return True
        if isinstance(obj, types.FunctionType) and obj.__module__.startswith("compiler."):
            return True     # the memo's own helpers, handed to the template (written_date)
        owner = getattr(obj, "__self__", None)
        return isinstance(owner, _SAFE_OWNERS) and not isinstance(owner, PurePath)


def memo_environment(root: Path, built_in: Path, **options: Any) -> jinja2.Environment:
    """The sandboxed environment for the memo's templates (options as for Jinja2)."""
    env = _MemoSandbox(loader=_FencedLoader(root, built_in), **options)
    env.globals.pop("lipsum", None)         # the classic way out to Python's globals
    return env


def template_problem(error: BaseException, root: Path) -> Problem | None:
    """The located problem for an error raised by a template in the briefing's
    `templates/`; None when the error did not come from one (a bug of ours)."""
    user = str(root / USER_TEMPLATES) + os.sep
    if isinstance(error, jinja2.TemplateSyntaxError):
        if error.filename is None or not error.filename.startswith(user):
            return None
        return Problem(_at(error.filename, error.lineno or 1, root), "error",
                       f"template syntax: {error.message}")
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith(user)]
    if not frames:
        return None
    last = frames[-1]
    if isinstance(error, jinja2.UndefinedError):
        message = f"{error.message} (a template sees only the memo's data)"
    elif isinstance(error, jinja2.sandbox.SecurityError):
        message = f"refused: {error} (memo templates are sandboxed)"
    else:
        message = f"{type(error).__name__} while rendering: {error}"
    return Problem(_at(last.filename, last.lineno or 1, root), "error", message)


def _at(filename: str, line: int, root: Path) -> Location:
    return Location(Path(os.path.relpath(filename, root)).as_posix(), line, 0)
