"""Resolve stage, part four: a figure's chart data or image, checked.

Takes the validated `chart:` or `image:` of a figure; gives a `Chart` or `Image`,
or records a problem at the line that wrote it. (CSV data and tables come later.)
"""
from __future__ import annotations

import csv
import io
import math
import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image as PILImage, UnidentifiedImageError

from compiler import limits
from compiler.diagnostics import Problems, not_utf8
from compiler.model import Chart, Image, Location
from compiler.folder import Folder
from compiler.validate.check import control_character
from compiler.validate.outline import ChartSpec
from compiler.load.yamlfile import Positions

IMAGE_FORMATS = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".svg": "svg"}


def resolve_chart(chart: ChartSpec, at: tuple, folder: Folder, positions: Positions,
                  problems: Problems) -> Chart | None:
    if chart.csv is not None:
        data = read_csv_data(chart.csv, positions.of(at + ("csv",)), folder, problems)
        if data is None:
            return None
        categories, series = data
        where = lambda name: positions.of(at + ("csv",))      # noqa: E731 - errors point at the csv key
    else:
        categories, series = list(chart.categories or []), dict(chart.series or {})
        where = lambda name: positions.of(at + ("series", name))  # noqa: E731
    ok = _series_fit(categories, series, where, problems)
    if len(categories) > limits.CHART_CATEGORIES or len(categories) * len(series) > limits.CHART_POINTS:
        problems.error(positions.of(at + ("csv",)) if chart.csv is not None else positions.of(at),
                       f"the chart has {len(categories):,} categories and {len(series):,} series; "
                       f"the limit is {limits.CHART_CATEGORIES:,} categories and "
                       f"{limits.CHART_POINTS:,} numbers in one chart")
        ok = False
    if chart.type == "pie" and len(series) > 1:     # at the second series, the one too many
        second = list(series)[1]
        problems.error(positions.of(at + ("csv",)) if chart.csv is not None else
                       positions.of_key(at + ("series", second)),
                       f"a pie chart takes exactly one series, and `{second}` is a second one")
        ok = False
    elif chart.type == "pie" and ok and any(v < 0 for v in next(iter(series.values()))) or \
            chart.type == "pie" and ok and not any(next(iter(series.values()))):
        problems.error(positions.of(at + ("series",)) if chart.csv is None else positions.of(at + ("csv",)),
                       "a pie chart's slices must be zero or more, and not all zero")
        ok = False
    for bound in ("y_min", "y_max"):
        value = getattr(chart, bound)
        if value is not None and abs(value) > limits.CHART_MAGNITUDE:
            problems.error(positions.of(at + (bound,)), f"`{bound}` is beyond ±{limits.CHART_MAGNITUDE:.0e}, "
                                                        "the largest a chart draws")
            ok = False
    if not ok:
        return None
    return Chart(chart.type, chart.unit, tuple(categories),
                 tuple((name, tuple(values)) for name, values in series.items()),
                 chart.stacked, chart.labels, chart.y_min, chart.y_max)


def _series_fit(categories: list[str], series: dict[str, list[float]], where,
                problems: Problems) -> bool:
    ok = True
    for name, values in series.items():
        if not values:
            problems.error(where(name), f"series `{name}` is empty")
        elif len(values) != len(categories):
            problems.error(where(name), f"series `{name}` has {len(values)} numbers but there are "
                                        f"{len(categories)} categories")
        elif not all(math.isfinite(v) for v in values):
            problems.error(where(name), f"series `{name}` holds a value that is not a finite number")
        elif any(abs(v) > limits.CHART_MAGNITUDE for v in values):
            problems.error(where(name), f"series `{name}` holds a number beyond ±{limits.CHART_MAGNITUDE:.0e}, "
                                        "the largest a chart draws (change the unit)")
        else:
            continue
        ok = False
    return ok


def read_csv_data(path_text: str, where: Location, folder: Folder,
                  problems: Problems) -> tuple[list[str], dict[str, list[float]]] | None:
    """Categories (first column) and series (one per further column, named by the
    header row) from a CSV in the briefing; a bad cell is reported at its own line."""
    rows = read_csv_rows(path_text, where, folder, problems)
    if rows is None:
        return None
    shown = folder.shown(folder.root / path_text)
    (header_line, header), body = rows[0], rows[1:]
    if len(header) < 2 or not body:
        problems.error(Location(shown, header_line, 1), "a chart CSV needs a header row naming the "
                                                        "series and at least one row of data")
        return None
    ok = True
    for col, name in enumerate(header[1:], 2):      # each series named, once
        first = next((k for k, other in enumerate(header[1:col - 1], 2) if other.strip() == name.strip()), None)
        if not name.strip() or first is not None:
            problems.error(Location(shown, header_line, _column_of(header, col)),
                           f"column {col} of the header names no series: every column after the first "
                           "needs a series name" if not name.strip() else
                           f"series `{name.strip()}` is named twice in the header (columns {first} and {col})")
            ok = False
    if not ok:
        return None
    series: dict[str, list[float]] = {name.strip(): [] for name in header[1:]}
    for line, row in body:
        if len(row) != len(header):
            problems.error(Location(shown, line, 1), f"row has {len(row)} cell{'s' * (len(row) != 1)} but the header has {len(header)}")
            ok = False
            continue
        for col, (name, cell) in enumerate(zip(header[1:], row[1:]), 2):
            number = parse_number(cell)
            if number is None:
                problems.error(Location(shown, line, _column_of(row, col)),
                               f"`{cell.strip()}` in column `{name.strip()}` is not a number")
                ok = False
            else:
                series[name.strip()].append(number)
    return ([row[0].strip() for _, row in body], series) if ok else None


def read_csv_rows(path_text: str, where: Location, folder: Folder,
                  problems: Problems) -> list[tuple[int, list[str]]] | None:
    """The non-blank rows of a CSV in the briefing, each with its line number."""
    path, why = folder.check_file(folder.root / path_text, "CSV", path_text)
    if path is None:
        problems.error(where, why or "")
    else:
        reader = None
        if limits.too_big(path):
            problems.error(where, f"CSV `{path_text}` is over {limits.SOURCE_MEGABYTES} MB, the "
                                  "limit for one file")
            return None
        try:
            text = path.read_text(encoding="utf-8-sig")
            reader = csv.reader(io.StringIO(text, newline=""), strict=True)
            rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
        except UnicodeDecodeError as e:      # located in the CSV, at the bad byte
            bad = not_utf8(folder.shown(folder.root / path_text), e)
            problems.error(bad.location, f"CSV `{path_text}` is {bad.message}")
        except csv.Error as e:
            problems.error(Location(folder.shown(folder.root / path_text), reader.line_num if reader else 1, 1),
                           f"malformed CSV: {e}")
        else:
            control = next(((line, row) for line, row in rows
                            if any(control_character(cell) is not None for cell in row)), None)
            if control:
                problems.error(Location(folder.shown(folder.root / path_text), control[0], 1),
                               "a cell holds a control character (such as ESC or NUL), which no "
                               "PDF or deck can show; remove it")
            elif rows:
                return rows
            else:
                problems.error(where, f"CSV `{path_text}` is empty")
    return None


def parse_number(cell: str) -> float | None:
    """`1,234.5`, `$9`, `12%` -> numbers; anything else -> None."""
    text = cell.strip().replace(",", "").lstrip("$").rstrip("%").replace("\u2212", "-")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _column_of(row: list[str], cell: int) -> int:
    """1-based character column where cell number `cell` of a row starts (no quoting)."""
    return sum(len(c) + 1 for c in row[:cell - 1]) + 1


def resolve_image(path_text: str, at: tuple, folder: Folder, positions: Positions,
                  problems: Problems) -> Image | None:
    where = positions.of(at)
    path = folder.root / path_text
    kind = IMAGE_FORMATS.get(path.suffix.lower())
    real, why = folder.check_file(path, "image", path_text) if kind else (None, None)
    if not folder.inside(path):
        problems.error(where, f"image `{path_text}` is outside the briefing folder")
    elif kind is None:
        problems.error(where, f"image `{path_text}` must be a png, jpg or svg file")
    elif real is None:
        problems.error(where, why or "")
    else:
        try:
            size = None if limits.too_big(real) else _svg_size(real) if kind == "svg" else _raster_size(real)
        except _EndlessSVG as e:
            problems.error(where, f"image `{path_text}` cannot be drawn: {e}")
            return None
        if size and _image_fits(size, path_text, where, problems):
            return Image(real, kind, *size)
        if size is None:
            problems.error(where, f"image `{path_text}` cannot be read as {kind.upper()}"
                           + (f" (over {limits.SOURCE_MEGABYTES} MB, the limit for one file)"
                              if limits.too_big(real) else ""))
    return None


def _image_fits(size: tuple[int, int], written: str, where: Location, problems: Problems) -> bool:
    width, height = size
    if max(width, height) <= limits.IMAGE_SIDE and width * height <= limits.IMAGE_PIXELS:
        return True
    problems.error(where, f"image `{written}` is {width:,} x {height:,} pixels; the limit is "
                          f"{limits.IMAGE_SIDE:,} pixels a side and {limits.IMAGE_PIXELS:,} in all")
    return False


def _raster_size(path: Path) -> tuple[int, int] | None:
    """Width and height from the file's header; the pixels are decoded (verified) only
    under our limit, so Pillow's own bomb check (its error, its warning) never fires."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            saved, PILImage.MAX_IMAGE_PIXELS = PILImage.MAX_IMAGE_PIXELS, None
            try:
                with PILImage.open(path) as img:
                    size = img.size
                    if size[0] * size[1] <= limits.IMAGE_PIXELS:
                        img.verify()
                    return size
            finally:
                PILImage.MAX_IMAGE_PIXELS = saved
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None


def _svg_size(path: Path) -> tuple[int, int] | None:
    """Width and height from the SVG's attributes or its viewBox."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError, ValueError):
        return None
    if not root.tag.endswith("svg"):
        return None
    _check_uses(root)
    try:
        box = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v]
    except ValueError:
        box = []
    width, height = _length(root.get("width")), _length(root.get("height"))
    if (not width or not height) and len(box) == 4:
        width, height = box[2], box[3]
    if not (width and height and math.isfinite(width) and math.isfinite(height)):
        return None
    return (max(1, round(width)), max(1, round(height)))


class _EndlessSVG(ValueError):
    """An SVG whose <use> references never end, or multiply past any drawing."""


_XLINK = "{http://www.w3.org/1999/xlink}href"
MAX_SVG_USES = 10_000
MAX_SVG_DEPTH = 100


def _check_uses(root: ET.Element) -> None:
    """How many elements drawing the SVG takes once every <use> is expanded: refused when
    a <use> leads back to itself (a renderer would recurse forever) or the count explodes
    (the SVG cousin of an alias bomb)."""
    stack = [(root, 1)]
    while stack:                    # renderers recurse through nesting: bound it first
        el, depth = stack.pop()
        if depth > MAX_SVG_DEPTH:
            raise _EndlessSVG(f"it nests elements more than {MAX_SVG_DEPTH} deep")
        stack.extend((child, depth + 1) for child in el)
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    uses_in = {ident: [u for u in el.iter() if u.tag.endswith("use")] for ident, el in by_id.items()}
    sizes: dict[str, int] = {}

    def size(ident: str, path: tuple[str, ...]) -> int:
        if ident in path:
            raise _EndlessSVG("a <use> in it refers back to itself")
        if ident not in sizes:
            sizes[ident] = 1 + sum(size(_target(u), path + (ident,)) for u in uses_in.get(ident, ())
                                   if _target(u) in by_id)
            if sizes[ident] > MAX_SVG_USES:
                raise _EndlessSVG(f"its <use> elements expand to more than {MAX_SVG_USES:,} shapes")
        return sizes[ident]

    try:
        total = sum(size(_target(u), ()) for u in root.iter() if u.tag.endswith("use") and _target(u) in by_id)
    except RecursionError:
        raise _EndlessSVG("its <use> elements refer to each other too deep") from None
    if total > MAX_SVG_USES:
        raise _EndlessSVG(f"its <use> elements expand to more than {MAX_SVG_USES:,} shapes")


def _target(use: ET.Element) -> str:
    return (use.get("href") or use.get(_XLINK) or "").removeprefix("#")


def _length(value: str | None) -> float | None:
    m = re.fullmatch(r"\s*([\d.]+)\s*(px|pt|)?\s*", value or "")
    return float(m.group(1)) if m else None
