"""A small, realistic resolved `Briefing` built by hand, for rendering the deck without
the rest of the pipeline: cited points, a short and a very long quote, a column and a
pie chart, a bibliography."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Inches

from compiler.model import (BibliographyEntry, Briefing, Chart, Cite, Figure, Footnote, Location,
                            MemoHeader, NoteRef, Quote, Section, Source, Text)
from compiler.theme import built_in_theme

DATE = dt.date(2026, 11, 22)
TIMESTAMP = int(dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc).timestamp())

LONG_QUOTE = (
    "Under the 2009 trade agreement, U.S. trade with Peru more than doubled, from $9 billion in 2009 "
    "to over $22 billion in 2022. The United States does not seek to isolate Peru. Congress has "
    "removed or forced out four of six presidents since 2018, a record that weakens every "
    "government's ability to plan beyond the next vote of no confidence. Outmigration reached a "
    "thirty-year high in 2022, when more than 400,000 Peruvians left without returning. Security "
    "forces allegedly killed dozens of protesters during the unrest that followed the arrest of the "
    "former president, and no senior officer has yet been tried. Prosecutors, judges and the "
    "electoral authorities report pressure from a cross-party pact in Congress. Several observers "
    "warn that the 2026 elections could be run by officials loyal to that pact. Members may wish to "
    "ask how U.S. assistance is vetted, and whether it still reaches the institutions it was meant "
    "to strengthen. The same questions apply to counter-narcotics aid, which has risen every year "
    "since 2019 while coca cultivation has also risen. Witnesses from the Department of State and "
    "from USAID can speak to both programmes. Peru remains a close partner, and its trade, its "
    "minerals and its ports matter to the United States and to the region as a whole.")


def _source(root: Path, id_: str, title: str, authors: tuple[str, ...], line: int) -> Source:
    return Source(id=id_, title=title, authors=authors, publisher="Congressional Research Service",
                  number=None, date="2024-01-10", url=None, file=root / "sources" / f"{id_}.txt",
                  location=Location("sources/sources.yaml", line, 1))


def _cite(source_id: str, locator: str | None, full: str, title: str, short: str) -> Cite:
    """A cite whose full note keeps the title in italics, as the resolve stage gives it."""
    head, _, tail = full.partition(title)
    return Cite(source_id, locator, (Text(head), Text(title, italic=True), Text(tail)), short)


CRS_FULL = ("June S. Beittel and Ramon Miro, Peru: Country Overview and U.S. Relations, IF12372 "
            "(Congressional Research Service, 2024)")
CRS_TITLE = "Peru: Country Overview and U.S. Relations"
CRS = _cite("crs-2024", "1", CRS_FULL + ", 1.", CRS_TITLE, "Beittel and Miro, Peru: Country Overview, 1")
CRS_P2 = _cite("crs-2024", "2", CRS_FULL + ", 2.", CRS_TITLE, "Beittel and Miro, Peru: Country Overview, 2")
OUT = _cite("outmigration", "para. 2",
            "Lucia Ramos, Outmigration and the Andean Economy (Lima Policy Institute, 2023), para. 2.",
            "Outmigration and the Andean Economy", "Ramos, Outmigration, para. 2")


def _point(text: str, *cites_and_notes: tuple[Cite, int | None]) -> tuple:
    runs: list = [Text(text)]
    for cite, note in cites_and_notes:
        runs.append(NoteRef((cite,), note))
    return tuple(runs)


def _sections(root: Path, crs: Source, out: Source) -> tuple[Section, ...]:
    here = Location("outline.yaml", 10, 5)
    summary = Section(
        id="summary", title="Summary", body=(), points_derived=False,
        points=(
            (Text("Four of six presidents "), Text("removed", bold=True), Text(" since 2018"), NoteRef((CRS,), 1)),
            (Text("Outmigration at a "), Text("thirty-year high", italic=True), NoteRef((OUT,), 2)),
            _point("Trade more than doubled under the 2009 agreement", (CRS_P2, 3)),
        ),
        quotes=(Quote(text="The United States does not seek to isolate Peru.", source=crs,
                      speaker="Ambassador Jane Doe", cite=CRS_P2, footnote=4, match="exact",
                      location=here),),
        figures=())
    long_points = tuple(
        _point(f"Point {n}: a bullet long enough to wrap onto a second line of the slide when "
               f"it is set at a readable size on a projector", (CRS, None)) for n in range(1, 10))
    migration = Section(
        id="migration", title="Migration", body=(), points=long_points, points_derived=False,
        quotes=(Quote(text=LONG_QUOTE, source=out, speaker=None, cite=OUT, footnote=5,
                      match="exact", location=here),),
        figures=())
    trade = Section(id="trade", title="Trade and the Economy", body=(), points=(),
                    points_derived=False, quotes=(), figures=_figures(here))
    return summary, migration, trade


def _figures(here: Location) -> tuple[Figure, ...]:
    column = Chart(type="column", unit="US$ billions", categories=("2009", "2022"),
                   series=(("Exports", (4.0, 10.0)), ("Imports", (5.0, 12.0))))
    pie = Chart(type="pie", unit="percent", categories=("Mining", "Agriculture", "Other"),
                series=(("Share", (60.0, 25.0, 15.0)),))
    return (
        Figure(id="trade", number=1, title="U.S.-Peru trade, 2009 and 2022", content=column,
               caption=(Text("Trade more than doubled under the 2009 agreement."),), cite=CRS_P2,
               footnote=6, location=here),
        Figure(id="exports", number=2, title="Peru's exports by sector", content=pie,
               caption=(Text("Mining dominates."),), cite=CRS, footnote=None, location=here),
    )


def sample_briefing(root: Path) -> Briefing:
    crs = _source(root, "crs-2024", CRS_TITLE, ("June S. Beittel", "Ramon Miro"), 1)
    out = _source(root, "outmigration", "Outmigration and the Andean Economy", ("Lucia Ramos",), 9)
    bibliography = (
        BibliographyEntry("crs-2024", (Text("Beittel, June S., and Ramon Miro. "), Text(CRS_TITLE, italic=True),
                                       Text(". IF12372. Congressional Research Service, 2024."))),
        BibliographyEntry("outmigration", (Text("Ramos, Lucia. "), Text("Outmigration and the Andean Economy",
                                           italic=True), Text(". Lima Policy Institute, 2023."))),
    )
    return Briefing(
        title="Peru at a Crossroads", subtitle="Migration, Crime and Democratic Erosion", date=DATE,
        author="Subcommittee Staff", marking="UNCLASSIFIED", output="test-deck",
        memo=MemoHeader(to=None, from_=None, re="Peru at a Crossroads"),
        sections=_sections(root, crs, out),
        footnotes=tuple(Footnote(n, (Text(f"Note {n}."),)) for n in range(1, 7)),
        bibliography=bibliography, theme=built_in_theme(), root=root, timestamp=TIMESTAMP)


def office_template(wide: bool = False, dark: bool = False, body_font: str | None = None,
                    renames: dict[str, str] | None = None, slides: int = 0, deep: bool = False,
                    footers: bool = True) -> bytes:
    """python-pptx's default template (4:3, Office layout names), perhaps widened to 16:9
    (every master and layout shape moved and stretched with it), dark, with another body
    font, layouts renamed, sample slides left in, or without date, footer and slide-number
    placeholders."""
    prs = Presentation()
    if not footers:
        from pptx.enum.shapes import PP_PLACEHOLDER as P
        for master in prs.slide_masters:
            for part in (master, *master.slide_layouts):
                for ph in list(part.placeholders):
                    if ph.placeholder_format.type in (P.DATE, P.FOOTER, P.SLIDE_NUMBER):
                        ph._element.getparent().remove(ph._element)
    if wide:
        scale = 13.333 / 10
        prs.slide_width = Inches(13.333)
        for master in prs.slide_masters:
            for part in (master, *master.slide_layouts):
                for tag in ("a:off", "a:ext"):
                    for el in part._element.iter(qn(tag)):
                        key = "x" if tag == "a:off" else "cx"
                        el.set(key, str(int(int(el.get(key)) * scale)))
    master = prs.slide_masters[0]
    theme_part = master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    if dark:            # text dark-on-light swapped: background navy, text white
        scheme = theme.find(f".//{qn('a:clrScheme')}")
        for slot, value in (("dk1", "FFFFFF"), ("lt1", "14213D")):
            el = scheme.find(qn(f"a:{slot}"))
            for child in list(el):
                el.remove(child)
            etree.SubElement(el, qn("a:srgbClr")).set("val", value)
        master.background.fill.solid()
        master.background.fill.fore_color.rgb = __import__("pptx").dml.color.RGBColor(0x14, 0x21, 0x3D)
    if body_font:
        theme.find(f".//{qn('a:minorFont')}").find(qn("a:latin")).set("typeface", body_font)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
    for layout in master.slide_layouts:
        if renames and layout.name in renames:
            layout._element.cSld.set("name", renames[layout.name])
    if deep:            # the master's body runs down to the slide's foot
        body = [ph for ph in master.placeholders if ph.placeholder_format.idx == 1][0]
        body.height = prs.slide_height - body.top
    for _ in range(slides):
        prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Template cover"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
