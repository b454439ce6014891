"""`brief schema`: JSON Schemas of the outline and the catalog, for editor completion.

Generated from the same pydantic models the validator uses (compiler/validate/outline.py, catalog.py), so a
key the compiler knows is a key the editor completes. The models' docstrings give most
descriptions; the tables below add the missing ones and an example for every key, and
widen the few types the validator converts before checking (a chart category written
2009 is a label; a catalog date may be a bare year; `author` may be one name).
"""
from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from compiler.validate.catalog import CatalogEntrySpec
from compiler.validate.outline import OutlineSpec

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# definition (the spec without "Spec") -> key -> (description or "" to keep the docstring's, example)
KEYS: dict[str, dict[str, tuple[str, Any]]] = {
    "Outline": {
        "title": ("", "Peru at a Crossroads"),
        "subtitle": ("Second line of the title, on the memo and the title slide.",
                     "Democratic Erosion, Migration and the U.S. Partnership"),
        "date": ("", "2026-11-22"),
        "as_of": ("", "2026-11-01"),
        "lang": ("The language of the memo and the deck (BCP 47 tag): the PDF's /Lang, the slides' "
                 "text language. Default: en.", "en"),
        "draft": ("Print \"DRAFT — rev …\" on the memo's footer and the title slide even when the "
                  "git tree is clean.", True),
        "author": ("Who wrote the briefing: printed under the title.", "Subcommittee Staff"),
        "marking": ("", "UNCLASSIFIED"),
        "output": ("", "peru-hearing"),
        "sources": ("", "sources/sources.yaml"),
        "memo": ("The MEMORANDUM block at the top of the memo.",
                 {"to": "Members, Subcommittee on the Western Hemisphere", "from": "Subcommittee Staff"}),
        "style": ("", "apa"),
        "nocite": ("", ["heritage-2001"]),
        "theme": ("", "committee"),
        "deck_template": ("", "assets/office.pptx"),
        "layouts": ("Our slide layouts (Title, Section, Bullets, Quote, Figure, Sources) mapped onto "
                    "the deck template's layouts by name; default: the usual Office names.",
                    {"Bullets": "Title and Content", "Quote": "Quote"}),
        "keep_template_slides": ("", True),
        "sections": ("The memo's sections in order; each gives one or more slides.",
                     [{"title": "Summary", "body": "Peru remains a close partner [@crs-2024, p. 2]."}]),
    },
    "MemoHeader": {
        "to": ("TO line of the memo header.", "Members, Subcommittee on the Western Hemisphere"),
        "from": ("FROM line of the memo header.", "Subcommittee Staff"),
        "re": ("RE line of the memo header. Default: the outline's title.",
               "Hearing on U.S.-Peru Relations"),
    },
    "Section": {
        "title": ("", "Summary and Bottom Line"),
        "id": ("", "summary"),
        "body": ("", "Peru remains a close U.S. partner [@crs-2024, p. 2].\n"),
        "points": ("", ["Trade more than doubled under the 2009 agreement [@crs-2024, p. 2]"]),
        "quotes": ("Block quotes, each verified word for word against its source; each also "
                   "gets a slide.", [{"text": "The United States does not seek to isolate Peru.",
                                      "source": "crs-2024"}]),
        "figures": ("Charts, images and tables, numbered once for the memo and the deck.",
                    [{"title": "U.S.-Peru trade", "image": "assets/trade.png"}]),
    },
    "Quote": {
        "text": ("", "The United States does not seek to isolate Peru."),
        "source": ("", "crs-2024"),
        "speaker": ("", "Ambassador Stephanie Syptak-Ramnath"),
    },
    "Figure": {
        "id": ("", "trade"),
        "title": ("", "U.S.-Peru trade, 2009 and 2022"),
        "chart": ("", {"type": "column", "unit": "US$ billions", "categories": [2009, 2022],
                       "series": {"Trade": [9, 22]}}),
        "image": ("", "assets/peru-at-a-glance.png"),
        "alt": ("Alternative text of a picture, for screen readers (required for image:; \"\" marks "
                "a decorative picture).", "Map of Peru with its 25 regions and the capital, Lima."),
        "table": ("", {"columns": ["Account", "US$ millions"], "rows": [["Development assistance", 55]]}),
        "caption": ("", "Trade more than doubled under the 2009 agreement."),
        "source": ("", "crs-2024"),
        "evidence": ("", "from $9 billion in 2009 to over $22 billion in 2022"),
    },
    "Chart": {
        "type": ("", "column"),
        "unit": ("", "US$ billions"),
        "categories": ("", [2009, 2022]),
        "series": ("", {"Trade": [9, 22]}),
        "csv": ("", "assets/trade.csv"),
        "stacked": ("", False),
        "labels": ("", True),
        "y_min": ("Value axis lower bound; default: automatic.", 0),
        "y_max": ("Value axis upper bound; default: automatic.", 30),
    },
    "Table": {
        "columns": ("", ["Account", "US$ millions"]),
        "rows": ("", [["Development assistance [@crs-2024]", 55]]),
        "csv": ("", "assets/budget.csv"),
    },
    "CatalogEntry": {
        "file": ("", "crs-if12372-peru-overview.txt"),
        "title": ("The work's title as the document shows it; a descriptive title in "
                  "[square brackets] when it shows none.", "Peru: Country Overview and U.S. Relations"),
        "author": ("", ["June S. Beittel", "Ramon Miro"]),
        "publisher": ("Who issued the work, as the document shows it.", "Congressional Research Service"),
        "number": ("", "IF12372"),
        "date": ("Publication date, only as precise as the document shows: YYYY, YYYY-MM or "
                 "YYYY-MM-DD.", "2024-01-10"),
        "url": ("Where the work is published online.", "https://crsreports.congress.gov/product/pdf/IF/IF12372"),
        "container": ("", "Americas Quarterly"),
        "accessed": ("", "2026-11-20"),
        "type": ("", "report"),
        "reliability": ("", "unverified"),
    },
}

LABEL = {"type": ["string", "number"]}
PARTIAL_DATE = {"anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                          {"type": "integer", "minimum": 1000, "maximum": 9999}]}

# Types the validator converts before checking: what a user may really write.
WRITTEN_AS: dict[tuple[str, str], dict] = {
    ("Chart", "categories"): {"type": "array", "items": LABEL, "minItems": 1},
    ("Table", "columns"): {"type": "array", "items": LABEL, "minItems": 1},
    ("Table", "rows"): {"type": "array", "items": {"type": "array", "items": LABEL}, "minItems": 1},
    ("CatalogEntry", "date"): PARTIAL_DATE,
    ("CatalogEntry", "accessed"): PARTIAL_DATE,
    ("CatalogEntry", "author"): {"anyOf": [{"type": "string", "minLength": 1},
                                           {"type": "array", "items": {"type": "string", "minLength": 1}}]},
}

# What the models check across keys, as far as JSON Schema can say it.
ACROSS_KEYS: dict[str, dict] = {
    "Figure": {"oneOf": [{"required": ["chart"]}, {"required": ["image"]}, {"required": ["table"]}]},
}


class _Named(GenerateJsonSchema):
    """A definition is named for the concept, not the class: `Figure`, not `FigureSpec`."""

    def normalize_name(self, name: str) -> str:
        return super().normalize_name(name).removesuffix("Spec")


def outline_schema() -> dict:
    schema = OutlineSpec.model_json_schema(by_alias=True, schema_generator=_Named)
    defs = schema.pop("$defs", {})
    _annotate("Outline", schema)
    for name, definition in defs.items():
        _annotate(name, definition)
    return {"$schema": DIALECT, "title": "Briefing outline (brief build)",
            "description": "The outline of a briefing: a YAML file that `brief build` compiles "
                           "into a footnoted PDF memo and a matching deck.",
            **{k: v for k, v in schema.items() if k != "title"}, "$defs": defs}


def catalog_schema() -> dict:
    entry = CatalogEntrySpec.model_json_schema(by_alias=True, schema_generator=_Named)
    _annotate("CatalogEntry", entry)
    return {"$schema": DIALECT, "title": "Briefing sources catalog (sources.yaml)",
            "description": "Source id -> the work's entry: its text file and what the document "
                           "itself shows of title, authors, publisher, number, date and URL.",
            "type": "object", "minProperties": 1,
            "propertyNames": {"pattern": r"^[^\s@;\[\],]+$"},
            "additionalProperties": {"$ref": "#/$defs/CatalogEntry"},
            "$defs": {"CatalogEntry": entry}}


def _annotate(model: str, definition: dict) -> None:
    definition.pop("title", None)
    definition.update(ACROSS_KEYS.get(model, {}))
    table = KEYS.get(model, {})
    for key, prop in definition.get("properties", {}).items():
        # A key without a row here still gets its docstring; the tests ask for the row.
        description, example = table.get(key, ("", None))
        prop.pop("title", None)
        if (model, key) in WRITTEN_AS:
            kept = {k: v for k, v in prop.items() if k in ("description", "default")}
            prop.clear()
            prop.update(WRITTEN_AS[(model, key)], **kept)
        if description:
            prop["description"] = description
        prop["description"] = " ".join(prop.get("description", f"`{key}`").split())
        if example is not None:
            prop["examples"] = [example]


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def print_schema(catalog: bool = False) -> int:
    print(dumps(catalog_schema() if catalog else outline_schema()), end="")
    return 0
