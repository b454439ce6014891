"""The base of every spec, and the value types the specs share.

`SpecModel` is a pydantic model that refuses unknown keys, is frozen and takes each
field's docstring as its description (the JSON Schema's). The value types accept what a
user writes in YAML and say so when it is not a value of that kind.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class SpecModel(BaseModel):
    """A spec: what the user wrote, checked, with one attribute per key."""
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True,
                              populate_by_name=True)


# The deck is a zip file, and a zip entry's date cannot be later than this.
LAST_DATE = dt.date(2107, 12, 31)


def _full_date(value: Any) -> Any:
    """YAML turns 2026-11-22 into a date; a quoted one stays text: accept both."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date) and value > LAST_DATE:
        raise ValueError(f"must be no later than {LAST_DATE.isoformat()} (the last date a deck, "
                         f"a zip file, can store), not {value.isoformat()}")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return _full_date(dt.date.fromisoformat(value.strip()))
        except ValueError as e:
            if "no later than" in str(e):
                raise
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        raise ValueError(f"must be a date written YYYY-MM-DD, not {value!r}")
    return value


def _partial_date(value: Any) -> Any:
    """Catalog dates may be YYYY, YYYY-MM or YYYY-MM-DD: only what the source shows."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            dt.date(*parts[:3])             # month 13 or 31 June: no such date
        except ValueError:
            raise ValueError(f"{value!r} is no date: the month must be 01-12 and the day "
                             "within the month") from None
        return value
    raise ValueError(f"must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")


def _label(value: Any) -> Any:
    """Chart categories like 2009 are labels, not numbers."""
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _language(value: Any) -> Any:
    """A BCP 47 tag as the PDF's /Lang and the deck's text need it."""
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        raise ValueError(f"must be a language tag such as en, en-US or es, not {value!r}")
    return value


def _names(value: Any) -> Any:
    """One name may be written without a list."""
    return [value] if isinstance(value, str) else value


FullDate = Annotated[dt.date, BeforeValidator(_full_date)]
PartialDate = Annotated[str, BeforeValidator(_partial_date)]
Label = Annotated[str, BeforeValidator(_label)]
Cell = Annotated[str, BeforeValidator(_label)]
Language = Annotated[str, BeforeValidator(_language)]
NonBlank = Annotated[str, Field(min_length=1, pattern=r"\S")]     # white space alone is empty
Name = Annotated[str, Field(min_length=1, pattern=r"\S")]
Names = Annotated[list[Name], BeforeValidator(_names)]
Bound = Annotated[float, Field(allow_inf_nan=False)]
