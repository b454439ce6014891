"""Native, editable PowerPoint charts (python-pptx's chart API) from a resolved `Chart`.

Same numbers, series order and colours as the memo's SVG: the theme's palette in order.
"""
from __future__ import annotations

import io
from pathlib import Path

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from compiler.model import Chart, Theme


_TYPES = {
    ("column", False): XL_CHART_TYPE.COLUMN_CLUSTERED, ("column", True): XL_CHART_TYPE.COLUMN_STACKED,
    ("bar", False): XL_CHART_TYPE.BAR_CLUSTERED, ("bar", True): XL_CHART_TYPE.BAR_STACKED,
    ("line", False): XL_CHART_TYPE.LINE_MARKERS, ("line", True): XL_CHART_TYPE.LINE_MARKERS,
    ("pie", False): XL_CHART_TYPE.PIE, ("pie", True): XL_CHART_TYPE.PIE,
}


def add_chart(slide, chart: Chart, area: tuple, theme: Theme):
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = list(chart.categories)
    for name, values in chart.series:
        data.add_series(name, list(values))
    frame = slide.shapes.add_chart(_TYPES[(chart.type, chart.stacked)], *(Emu(int(v)) for v in area), data)
    graphic = frame.chart
    graphic.has_title = False           # the slide's title names the figure
    graphic.font.size = Pt(16)
    graphic.font.name = theme.sans
    _colour(graphic, chart, theme)
    _legend(graphic, chart)
    if chart.type != "pie":
        _axes(graphic, chart, theme)
    if chart.labelled:
        plot = graphic.plots[0]
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.size = Pt(14)
        labels.number_format, labels.number_format_is_linked = "#,##0.##", False
        if chart.type == "pie":
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
            labels.show_category_name = True
            _label_separator(labels, "\n")     # "Mining" over "60": the legend is not needed
        elif not chart.stacked:
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
    return frame


def _label_separator(labels, separator: str) -> None:
    """c:separator sits after c:showBubbleSize (and before c:showLeaderLines) in c:dLbls."""
    dlbls = labels._element
    element = dlbls.find(qn("c:separator"))
    if element is None:
        element = dlbls.makeelement(qn("c:separator"), {})
        anchor = dlbls.find(qn("c:showBubbleSize"))
        anchor.addnext(element)
    element.text = separator




def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


def _colour(graphic, chart: Chart, theme: Theme) -> None:
    plot = graphic.plots[0]
    if chart.type == "pie":
        for i, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(theme.palette[i % len(theme.palette)])
        return
    for i, series in enumerate(plot.series):
        colour = _rgb(theme.palette[i % len(theme.palette)])
        if chart.type == "line":
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(2.5)
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
            series.smooth = False
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    if chart.type in ("column", "bar"):
        plot.gap_width = 60
        if chart.stacked:
            plot.overlap = 100


def _legend(graphic, chart: Chart) -> None:
    # a labelled pie names its slices itself
    graphic.has_legend = len(chart.series) > 1 or (chart.type == "pie" and not chart.labelled)
    if graphic.has_legend:
        graphic.legend.position = XL_LEGEND_POSITION.TOP if chart.type != "pie" else XL_LEGEND_POSITION.RIGHT
        graphic.legend.include_in_layout = False
        graphic.legend.font.size = Pt(14)


def _axes(graphic, chart: Chart, theme: Theme) -> None:
    values = graphic.value_axis
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = _rgb(theme.light)
    values.format.line.fill.background()
    values.tick_labels.font.size = Pt(14)
    values.tick_labels.font.color.rgb = _rgb(theme.muted)
    if chart.y_min is not None:
        values.minimum_scale = chart.y_min
    if chart.y_max is not None:
        values.maximum_scale = chart.y_max
    if chart.unit:
        values.has_title = True
        values.axis_title.text_frame.text = chart.unit
        run = values.axis_title.text_frame.paragraphs[0].runs[0]
        run.font.size, run.font.bold = Pt(14), False
        run.font.color.rgb = _rgb(theme.muted)
    categories = graphic.category_axis
    categories.tick_labels.font.size = Pt(14)
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW   # below negative values too
    categories.format.line.color.rgb = _rgb(theme.rule)
    if chart.type == "bar":
        categories.reverse_order = True     # first category on top, as the memo draws it
        # ... and the value axis stays at the bottom, crossing at the last category (its
        # c:crosses; python-pptx only offers the category axis's)
        values._element.find(qn("c:crosses")).set("val", "max")


def svg_as_png(path: Path, width_px: int = 2400) -> io.BytesIO:
    """An SVG picture drawn to PNG (python-pptx places raster pictures only), sharp at
    projector sizes. Nothing the SVG links to is fetched: the fence holds here too."""
    import cairosvg
    # unsafe=False: cairosvg then loads no external file and expands no XML entity
    png = cairosvg.svg2png(bytestring=path.read_bytes(), output_width=width_px, unsafe=False)
    return io.BytesIO(png)
