"""The catalog's specs: what `sources.yaml` (or a .bib or CSL-JSON catalog, once read)
holds for each work, and the check that turns the loaded mapping into them."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationError

from compiler.diagnostics import BriefError, Problem
from compiler.load.yamlfile import Loaded
from compiler.validate.base import Names, NonBlank, PartialDate, SpecModel
from compiler.validate.check import refuse_control_characters
from compiler.validate.messages import problems_of


class CatalogEntrySpec(SpecModel):
    file: NonBlank
    """The source text, relative to the catalog (.txt or .md)."""
    title: NonBlank
    author: Names = []
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


class CatalogSpec(SpecModel):
    entries: dict[str, CatalogEntrySpec]


def validate_catalog(loaded: Loaded) -> CatalogSpec:
    """The loaded catalog as specs, or every problem at its place in the catalog file."""
    value = loaded.value
    if not isinstance(value, dict):
        raise BriefError([Problem(loaded.positions.of(()), "error",
                                  "the catalog must map source ids to entries")])
    refuse_control_characters(loaded)
    try:
        return CatalogSpec.model_validate({"entries": value})
    except ValidationError as e:
        # CatalogSpec wraps the mapping in `entries`: drop that step so paths match the file.
        errors = [{**err, "loc": err["loc"][1:]} for err in e.errors()]
        raise BriefError(problems_of(errors, dict[str, CatalogEntrySpec], loaded)) from None
