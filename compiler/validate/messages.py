"""Pydantic's errors as the user's problems: each at the FILE:LINE:COL of the key or value
it is about, in words ("must be a number, not 'ten'"), an unknown key with the key it
was likely meant to be (did you mean) or the keys allowed there."""
from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from compiler.diagnostics import Problem
from compiler.load.yamlfile import Loaded


def problems_of(errors: Sequence[Mapping[str, Any]], model: Any, loaded: Loaded) -> list[Problem]:
    """Each of pydantic's `errors` validating `model` (a spec, or the annotation of the
    value validated, e.g. `dict[str, CatalogEntrySpec]`) at its place in `loaded`; a
    problem said twice is said once."""
    return _unique([_problem(err, model, loaded) for err in errors])


def dotted(loc: tuple) -> str:
    """A path the way the user reads it: `sections[2].quotes[0].text`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem(err: Mapping[str, Any], model: Any, loaded: Loaded) -> Problem:
    loc = tuple(err["loc"])
    pos = loaded.positions
    kind = err["type"]
    key = loc[-1] if loc else None
    if kind == "extra_forbidden":
        return Problem(pos.of_key(loc), "error", f"unknown key `{key}`{_did_you_mean(key, model, loc)}")
    if kind == "missing":
        return Problem(pos.of(loc[:-1]), "error", f"missing required key `{key}`")
    if key == "[key]" and len(loc) > 1 and not str(loc[-2]).strip():    # a blank name (of a series)
        return Problem(pos.of_key(loc[:-1]), "error", f"a key of `{dotted(loc[:-2])}` {_message(err)}")
    if key == "[key]" and len(loc) > 1:         # a mapping's key not among those allowed
        close = difflib.get_close_matches(str(loc[-2]), _literal_keys(model, loc[:-2]), n=1)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        return Problem(pos.of_key(loc[:-1]), "error", f"`{dotted(loc[:-1])}` {_message(err)}{hint}")
    where = f"`{dotted(loc)}` " if loc else ""
    return Problem(pos.of(loc), "error", f"{where}{_message(err)}")


def _message(err: Mapping[str, Any]) -> str:
    kind, given = err["type"], err.get("input")
    simple = {
        "string_type": "must be text",
        "list_type": "must be a list",
        "dict_type": "must be a mapping of keys to values",
        "model_type": "must be a mapping of keys to values",
        "model_attributes_type": "must be a mapping of keys to values",
        "float_parsing": "must be a number",
        "float_type": "must be a number",
    }
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind in simple:
        return f"{simple[kind]}, not {_shown(given)}"
    if kind == "literal_error":
        return f"must be one of {err['ctx']['expected']}, not {_shown(given)}"
    if kind == "finite_number":
        return f"must be a finite number, not {_shown(given)}"
    if kind == "string_pattern_mismatch" and err["ctx"]["pattern"] == r"\S":
        return "must not be blank"
    if kind == "string_pattern_mismatch":
        return f"must be a plain file name (letters, digits, . _ -), not {_shown(given)}"
    return err["msg"].removeprefix("Value error, ")


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _did_you_mean(key: Any, model: Any, loc: tuple) -> str:
    allowed = _allowed_keys(model, loc[:-1])
    close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
    if close:
        return f" (did you mean `{close[0]}`?)"
    return f" (allowed: {', '.join(sorted(allowed))})" if allowed else ""


def _allowed_keys(model: Any, loc: tuple) -> list[str]:
    """Walk the schema along `loc` to the model that owns the unknown key."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _literal_keys(model: Any, loc: tuple) -> tuple[str, ...]:
    """The keys a mapping at `loc` allows, when the schema names them (`layouts`)."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
    args = [a for a in get_args(current) if a is not type(None)]
    if get_origin(current) is not dict and len(args) == 1:         # X | None
        current = args[0]
    if get_origin(current) is dict and get_origin(get_args(current)[0]) is Literal:
        return get_args(get_args(current)[0])
    return ()


def _step(annotation: Any, part: Any) -> Any:
    """One step down the schema: into a model's field, a list's item, a dict's value."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    origin = get_origin(annotation)
    if origin is list:
        return args[0] if isinstance(part, int) else None
    if origin is dict:
        return args[1]
    if origin is not None and len(args) == 1:       # X | None
        return _step(args[0], part)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, f in annotation.model_fields.items():
            if part in (name, f.alias):
                return f.annotation
    return None


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out: list[Problem] = []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out
