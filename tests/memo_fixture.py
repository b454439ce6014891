"""A realistic resolved `Briefing`, built by hand: the memo renderer's input without the
rest of the pipeline. Footnotes are numbered as the resolve stage numbers them, in memo
reading order (a section's body citations, then its quotes, then its figures), with a
full note on a work's first citation and a short one after.

    python tests/memo_fixture.py ROOT    writes ROOT/memo.pdf (used by the determinism test)
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

from compiler.model import (BibliographyEntry, Briefing, BulletList, Chart, Cite, Figure,
                            Footnote, Inlines, Location, MemoHeader, NoteRef, Paragraph, Quote,
                            Section, Source, Text, Theme)

THEME_YAML = Path(__file__).resolve().parent.parent / "compiler" / "theme" / "theme.yaml"
RAW = "Raw markup stays text: <b>x</b> and {{ x }} and {% if %}."
SLIDE_ONLY = "This point is only for the slide"


def theme_from_yaml(path: Path = THEME_YAML) -> Theme:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    colors, fonts = data["colors"], data["fonts"]
    return Theme(primary=colors["primary"], accent=colors["accent"], text=colors["text"],
                 muted=colors["muted"], rule=colors["rule"], light=colors["light"],
                 palette=tuple(data["palette"]), serif=fonts["serif"],
                 serif_metric=fonts["serif_metric"], sans=fonts["sans"],
                 sans_metric=fonts["sans_metric"], logo=None)


class Notes:
    """Hands out footnote numbers in reading order: full note first, short ones after."""

    def __init__(self, sources: dict[str, Source]):
        self.sources = sources
        self.footnotes: list[Footnote] = []
        self.seen: set[str] = set()

    def cite(self, source_id: str, locator: str | None = None) -> tuple[Cite, int]:
        source = self.sources[source_id]
        first = source_id not in self.seen
        self.seen.add(source_id)
        text = _full(source, locator) if first else _short(source, locator)
        number = len(self.footnotes) + 1
        self.footnotes.append(Footnote(number, text))
        short = f"{_surname(source)}, {source.title}" + (f", {locator}" if locator else "")
        return Cite(source_id, locator, text, short), number

    def ref(self, source_id: str, locator: str | None = None) -> NoteRef:
        cite, number = self.cite(source_id, locator)
        return NoteRef((cite,), number)


def _surname(source: Source) -> str:
    names = [a.split()[-1] for a in source.authors]
    return " and ".join(names) if names else source.publisher or ""


def _full(source: Source, locator: str | None) -> Inlines:
    authors = " and ".join(source.authors)
    where = f" ({source.publisher}, {source.date[:4]})" if source.publisher else ""
    loc = f", {locator}" if locator else ""
    return (Text(f"{authors}, "), Text(source.title, italic=True),
            Text(f"{where}{loc}, "), Text(source.url or "", href=source.url), Text("."))


def _short(source: Source, locator: str | None) -> Inlines:
    loc = f", {locator}" if locator else ""
    return (Text(f"{_surname(source)}, "), Text(source.title, italic=True), Text(f"{loc}."))


def _source(root: Path, id: str, title: str, authors: tuple[str, ...], publisher: str,
            date: str, url: str) -> Source:
    return Source(id=id, title=title, authors=authors, publisher=publisher, number=None,
                  date=date, url=url, file=root / "sources" / f"{id}.txt",
                  location=Location("sources/sources.yaml", 1, 1))


def sources(root: Path) -> dict[str, Source]:
    return {s.id: s for s in (
        _source(root, "crs", "Peru: Country Overview and U.S. Relations",
                ("June S. Beittel", "Ramon Miro"), "Congressional Research Service",
                "2024-01-10", "https://crsreports.congress.gov"),
        _source(root, "migration", "Outmigration from Peru, 2010-2023",
                ("Elena Quispe",), "Andean Policy Institute", "2023-09-01",
                "https://example.org/outmigration"),
        _source(root, "trade", "The U.S.-Peru Trade Promotion Agreement at Fifteen",
                ("Marcus Hale",), "Hemisphere Trade Council", "2024-03-15",
                "https://example.org/tpa"),
    )}


def p(*runs) -> Paragraph:
    return Paragraph(tuple(runs))


T = Text
LOC = Location("outline.yaml", 1, 1)


def summary(notes: Notes, src: dict[str, Source]) -> Section:
    body = (
        p(T("Bottom line.", bold=True),
          T(" Peru remains a close U.S. partner, but its institutions are under strain. "
            "Congress has removed or forced out four of six presidents since 2018,"),
          notes.ref("crs", "1"),
          T(" and the country's political parties have fragmented into more than a dozen "
            "blocs, none able to hold a majority for long. Public trust in congress stands "
            "below ten percent, the lowest in the region, and the general elections of 2026 "
            "will be the first under a restored two-chamber legislature.")),
        p(T("The consequences reach the United States. More Peruvians left their country in "
            "2022 than in any year since 1990, and a growing number head for the U.S. "
            "southern border."), notes.ref("migration", "para. 2"),
          T(" Transnational criminal groups have gained a foothold in Lima and in the "
            "mining corridors of the south, where illegal gold now rivals cocaine as a source "
            "of criminal revenue. At the same time, trade under the 2009 agreement has more "
            "than doubled."), notes.ref("trade", "4")),
        p(T(RAW)),
        p(T("For the hearing,", bold=True), T(" staff suggest three lines of questioning:")),
        BulletList((
            (T("what U.S. diplomacy did, and should do, to protect the independence of "
               "electoral bodies and courts;"),),
            (T("whether security assistance is conditioned on accountability for the "
               "protesters killed in 2022 and 2023;"), notes.ref("crs", "2")),
            (T("how the United States answers China's growing investment footprint, "
               "including the new deep-water port at "), T("Chancay", italic=True), T("."),
             notes.ref("trade", "11")),
        )),
    )
    quote_cite, quote_note = notes.cite("crs", "2")
    quote = Quote(text="Peru's congress has removed or forced out four of six presidents "
                       "since 2018.", source=src["crs"], speaker=None, cite=quote_cite,
                  footnote=quote_note, match="exact", location=LOC)
    return Section("summary", "Summary", body, points=((T(SLIDE_ONLY),),),
                   points_derived=False, quotes=(quote,), figures=())


def migration(notes: Notes, src: dict[str, Source]) -> Section:
    filler = (" Most leave through Lima's airport on tourist visas and continue overland; "
              "a smaller number cross into Chile and Bolivia. Remittances, which reached "
              "record levels in 2023, now support one household in twelve, and local "
              "officials in the highlands report schools closing for want of pupils.")
    body = (
        p(T("Peru is both a source and a host of migrants."),
          notes.ref("migration", "para. 4"),
          T(" It hosts about 1.5 million Venezuelans, the second-largest such population in "
            "the world, while its own citizens leave in rising numbers." + filler)),
        p(T("Migration and crime are linked in the public debate, though the evidence is "
            "thin. Kidnapping and extortion rose sharply in Lima after 2021;"),
          notes.ref("crs", "3"),
          T(" officials attribute part of the increase to foreign gangs, but prosecutions "
            "remain rare and data on offenders' nationality are incomplete." + filler)),
        BulletList((
            (T("Emigration: about 400,000 Peruvians left without returning in 2022."),
             notes.ref("migration", "para. 2")),
            (T("Asylum: Peru received more asylum claims than any country but the United "
               "States in 2019."),),
            (T("Enforcement: a 2023 state of emergency put the army on the streets of "
               "several Lima districts."), notes.ref("crs", "3")),
        ), ordered=True),
    )
    quote_cite, quote_note = notes.cite("migration", "para. 7")
    quote = Quote(text="In 2022, over 400,000 Peruvians left the country without returning.",
                  source=src["migration"], speaker="Dr. Eleanor Vance", cite=quote_cite,
                  footnote=quote_note, match="exact", location=LOC)
    fig_cite, fig_note = notes.cite("migration", "table 1")
    figure = Figure(
        id="emigration", number=1, title="Peruvians leaving without returning, 2016-2022",
        content=Chart("line", "Thousands of people",
                    ("2016", "2017", "2018", "2019", "2020", "2021", "2022"),
                    (("Emigrants", (210.0, 250.0, 310.0, 330.0, 120.0, 290.0, 402.0)),)),
        caption=(T("Departures fell during the pandemic, then hit a "
                                "30-year high."),),
        cite=fig_cite, footnote=fig_note, location=LOC)
    return Section("migration", "Migration and Crime", body, points=(), points_derived=True,
                   quotes=(quote,), figures=(figure,))


def trade(notes: Notes, src: dict[str, Source]) -> Section:
    body = (
        p(T("Under the 2009 Trade Promotion Agreement, two-way trade grew from $9 billion to "
            "over $22 billion in 2022."), notes.ref("trade", "4"),
          T(" Peru's economy grew faster than most in Latin America for two decades, on "
            "copper, gold and agricultural exports, and poverty fell by half between 2007 "
            "and 2019."), notes.ref("crs", "2")),
        p(T("China is now Peru's largest trading partner. Chinese state-owned firms control "
            "much of Lima's electricity distribution and a new port at Chancay, which opened "
            "in 2024 and could reroute Pacific shipping."), notes.ref("trade", "11"),
          T(" The hearing may ask how U.S. agencies weigh these holdings, and what the "
            "Development Finance Corporation offers in response.")),
    )
    fig_cite, fig_note = notes.cite("trade", "4")
    figure = Figure(
        id="trade-chart", number=2, title="U.S.-Peru two-way trade, 2009 and 2022",
        content=Chart("column", "US$ billions", ("2009", "2022"), (("Trade", (9.0, 22.0)),)),
        caption=(T("Trade more than doubled under the agreement."),),
        cite=fig_cite, footnote=fig_note, location=LOC)
    return Section("trade", "Trade and the Economy", body, points=(), points_derived=True,
                   quotes=(), figures=(figure,))


def bibliography(src: dict[str, Source]) -> tuple[BibliographyEntry, ...]:
    def entry(s: Source) -> BibliographyEntry:
        first, *rest = s.authors
        given, family = first.rsplit(" ", 1)
        names = f"{family}, {given}" + "".join(f", and {r}" for r in rest)
        return BibliographyEntry(s.id, (T(f"{names}. "), T(s.title, italic=True),
                                        T(f". {s.publisher}, {s.date[:4]}. {s.url}.")))
    return tuple(entry(s) for s in sorted(src.values(), key=lambda s: s.authors[0].split()[-1]))


def briefing(root: Path) -> Briefing:
    src = sources(root)
    notes = Notes(src)
    sections = (summary(notes, src), migration(notes, src), trade(notes, src))
    date = dt.date(2026, 11, 22)
    return Briefing(
        title="Peru at a Crossroads", subtitle="Migration, Crime and Democratic Erosion",
        date=date, author="Subcommittee Staff", marking="UNCLASSIFIED", output="memo",
        memo=MemoHeader(to="Members, Subcommittee on the Western Hemisphere",
                        from_="Subcommittee Staff", re="Hearing on U.S.-Peru Relations"),
        sections=sections, footnotes=tuple(notes.footnotes), bibliography=bibliography(src),
        theme=theme_from_yaml(), root=root,
        timestamp=int(dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc).timestamp()))


if __name__ == "__main__":   # one render, for the test that compares two processes
    from compiler.render.memo import render_memo_html, render_memo_pdf
    out = Path(sys.argv[1])
    b = briefing(out)
    (out / "memo.pdf").write_bytes(render_memo_pdf(b, render_memo_html(b)))
