"""`validate(SpecModel, loaded)`: loaded YAML -> a spec, or every problem at once.

Pydantic reports every problem; each becomes a `Problem` at the FILE:LINE:COL where the
user wrote it (compiler/validate/messages.py). Text no PDF or deck can hold (control
characters) is refused first, located inside the value.
"""
from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from compiler.diagnostics import BriefError, Problem
from compiler.load.yamlfile import Loaded
from compiler.validate.messages import dotted, problems_of

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], loaded: Loaded) -> M:
    """Build `model` from loaded YAML or raise every problem at its location."""
    refuse_control_characters(loaded)
    try:
        return model.model_validate(loaded.value)
    except ValidationError as e:
        raise BriefError(problems_of(e.errors(), model, loaded)) from None


def control_character(text: str) -> int | None:
    """The offset of the first character no PDF or deck can hold (ESC, backspace, NUL:
    XML refuses them), or None. Tab and line breaks are text."""
    m = _CONTROL.search(text)
    return m.start() if m else None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def refuse_control_characters(loaded: Loaded) -> None:
    """Every text value (and key) is checked before validation: located, all at once."""
    problems = []
    stack: list[tuple[tuple, Any]] = [((), loaded.value)]
    while stack:                      # no recursion: a deep document is refused elsewhere
        path, value = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value) \
            if isinstance(value, list) else ()
        for key, item in items:
            if isinstance(key, str) and control_character(key) is not None:
                problems.append(Problem(loaded.positions.of_key(path + (key,)), "error",
                                        f"a key holds the control character {_code(key)}"))
            stack.append((path + (key,), item))
        if isinstance(value, str) and (offset := control_character(value)) is not None:
            where = f"`{dotted(path)}` " if path else ""
            problems.append(Problem(loaded.positions.inside(path, offset), "error",
                                    f"{where}holds the control character {_code(value[offset:])}, "
                                    "which no PDF or deck can show; remove it"))
    if problems:
        raise BriefError(sorted(problems, key=_place))


def _place(problem: Problem) -> tuple[int, int]:
    where = problem.location
    return (where.line, where.col) if where is not None else (0, 0)


def _code(text: str) -> str:
    names = {0: " (NUL)", 8: " (backspace)", 0x1B: " (ESC)", 0x7F: " (DEL)"}
    char = ord(text[control_character(text) or 0])
    return f"U+{char:04X}{names.get(char, '')}"
