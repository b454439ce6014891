"""Resolve stage, part four: a figure's chart data or image, checked.

Takes the validated `chart:` or `image:` of a figure; gives a `Chart` or `Image`,
or records a problem at the line that wrote it. (CSV data and tables come later.)
"""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image as PILImage, UnidentifiedImageError

from . import schema
from .errors import Problems
from .model import Chart, Image
from .paths import Folder
from .yamlload import Positions

IMAGE_FORMATS = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".svg": "svg"}


def resolve_chart(chart: schema.Chart, at: tuple, positions: Positions, problems: Problems) -> Chart | None:
    ok = True
    for name, values in chart.series.items():
        where = positions.of(at + ("series", name))
        if not values:
            problems.error(where, f"series `{name}` is empty")
            ok = False
        elif len(values) != len(chart.categories):
            problems.error(where, f"series `{name}` has {len(values)} numbers but there are "
                                  f"{len(chart.categories)} categories")
            ok = False
        elif not all(math.isfinite(v) for v in values):
            problems.error(where, f"series `{name}` holds a value that is not a finite number")
            ok = False
    if chart.type == "pie" and len(chart.series) > 1:
        problems.error(positions.of(at + ("series",)), "a pie chart takes exactly one series")
        ok = False
    if not ok:
        return None
    return Chart(chart.type, chart.unit, tuple(chart.categories),
                 tuple((name, tuple(values)) for name, values in chart.series.items()))


def resolve_image(path_text: str, at: tuple, folder: Folder, positions: Positions,
                  problems: Problems) -> Image | None:
    where = positions.of(at)
    path = folder.root / path_text
    kind = IMAGE_FORMATS.get(path.suffix.lower())
    if not folder.inside(path):
        problems.error(where, f"image `{path_text}` is outside the briefing folder")
    elif kind is None:
        problems.error(where, f"image `{path_text}` must be a png, jpg or svg file")
    elif not path.is_file():
        problems.error(where, f"image `{path_text}` does not exist")
    else:
        size = _svg_size(path) if kind == "svg" else _raster_size(path)
        if size:
            return Image(path.resolve(), kind, *size)
        problems.error(where, f"image `{path_text}` cannot be read as {kind.upper()}")
    return None


def _raster_size(path: Path) -> tuple[int, int] | None:
    try:
        with PILImage.open(path) as img:
            img.verify()
            return img.size
    except (UnidentifiedImageError, OSError, SyntaxError):
        return None


def _svg_size(path: Path) -> tuple[int, int] | None:
    """Width and height from the SVG's attributes or its viewBox."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError):
        return None
    if not root.tag.endswith("svg"):
        return None
    box = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v]
    width, height = _length(root.get("width")), _length(root.get("height"))
    if (not width or not height) and len(box) == 4:
        width, height = box[2], box[3]
    return (round(width), round(height)) if width and height else None


def _length(value: str | None) -> float | None:
    m = re.fullmatch(r"\s*([\d.]+)\s*(px|pt|)?\s*", value or "")
    return float(m.group(1)) if m else None
