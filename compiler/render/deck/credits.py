"""Who said it and where it is from, as a slide shows it: a quote's attribution and the
source line, both short (the full notes are in the speaker notes).

    attribution(quote)   "— June S. Beittel and Ramon Miro, CRS"; "— Javier Morales, [Analysis …]"
    source_line(cites)   "Sources: Beittel and Miro, *Peru*, 1–2, 4; Johnson, *Getting …*, 3"
                         as (text, italic) pieces: each work once, its places after it
"""
from __future__ import annotations

import re

from compiler.model import Cite, Quote, Source

# Words that open a new phrase: a long title is cut before the first of them that comes
# after two words ("Getting U.S.-Peru Relations Back | on the Right Track").
_BREAKS = {"and", "or", "but", "nor", "on", "in", "at", "to", "for", "with", "by", "from", "as", "into",
           "over", "under", "after", "before", "since", "between", "about", "against", "versus", "vs.",
           "—", "–"}
_ARTICLES = ("a", "an", "the")
_PLURAL = {"p.": "pp.", "para.": "paras.", "n.": "nn.", "sec.": "secs.", "ch.": "chs.", "fig.": "figs.",
           "l.": "ll.", "vol.": "vols."}
_MINOR = {"of", "for", "and", "the", "on", "in", "at", "to", "a", "an", "&"}


def short_title(title: str) -> str:
    """Chicago's short title: the main title (before a colon); past four words, cut where
    a new phrase begins (or to five words); a [descriptive title] keeps its brackets."""
    bracketed = title.startswith("[") and title.endswith("]")
    core = title[1:-1] if bracketed else title
    main = re.split(r":\s", core, maxsplit=1)[0].strip()
    words = main.split()
    first = 1 if words and words[0].lower() in _ARTICLES else 0
    if len(words) - first > 4:
        cut = next((i for i in range(first + 2, min(len(words), 8)) if words[i].lower() in _BREAKS), None)
        main = " ".join(words[:cut] if cut else words if len(words) <= 7 else words[:5]).rstrip(",;")
    return f"[{main}]" if bracketed else main


def attribution(quote: Quote) -> str:
    """The speaker, or the author (else the publishing body) with the work: readers want
    a person or a body, not a document's full title alone."""
    source = quote.source
    origin = _origin(source)
    if quote.speaker:
        return f"— {quote.speaker}, {origin}"
    return f"— {origin}"


def _origin(source: Source) -> str:
    """ "June S. Beittel and Ramon Miro, CRS"; "The Heritage Foundation, Getting …";
    the short title alone when the work names nobody."""
    names = _names(source.authors)
    body = _body(source.publisher) if source.publisher else None
    title = short_title(source.title)
    if names:
        return f"{names}, {body or title}"
    if source.publisher:
        return f"{source.publisher}, {title}"
    return title


def _names(authors: tuple[str, ...]) -> str:
    """ "Given Family" for each ("Family, Given" as written is turned round), joined as
    a reader says them; four or more: the first "et al."."""
    shown = [" ".join(reversed([p.strip() for p in a.split(",", 1)])) if "," in a else a for a in authors]
    if len(shown) > 3:
        return f"{shown[0]} et al."
    return " and ".join(shown) if len(shown) < 3 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _body(publisher: str) -> str:
    """A body of three or more main words by its initials, as it is known ("Congressional
    Research Service": CRS; "Government Accountability Office": GAO); shorter names as written."""
    words = [w for w in re.split(r"[\s-]+", publisher) if w]
    main = [w for w in words if w.lower() not in _MINOR]
    if len(main) >= 3 and all(w[0].isupper() for w in main):
        return "".join(w[0] for w in main)
    return publisher


def source_line(cites: list[Cite]) -> list[tuple[str, bool]]:
    """The slide's source line as (text, italic) pieces, each work once with every place
    cited after it, in the order the slide cites them."""
    works: dict[str, list] = {}       # key -> [lead, title, italic, closing, places]
    for cite in cites:
        split = _split(cite)
        key = cite.source_id if split else cite.short
        lead, title, italic, closing, place = split or (cite.short, "", False, "", "")
        work = works.setdefault(key, [lead, title, italic, closing, []])
        if place and place not in work[4]:
            work[4].append(place)
    pieces: list[tuple[str, bool]] = [("Sources: " if len(works) > 1 else "Source: ", False)]
    for i, (lead, title, italic, closing, places) in enumerate(works.values()):
        if i:
            pieces.append(("; ", False))
        pieces.append((lead, False))
        if title:
            pieces.append((title, italic))
        where = _places(places)
        if closing:                   # a “quoted title,” with the comma inside the quote mark
            pieces.append(("," + closing + " " + where if where else closing, False))
        elif where:
            pieces.append((", " + where, False))
    return [(text, italic) for text, italic in pieces if text]


def _split(cite: Cite) -> tuple[str, str, bool, str, str] | None:
    """The style's short form cut into (author part, short title, italic?, closing quote
    mark, place): "Beittel and Miro, " "Peru" True "" "2"; None when the title is not in it."""
    if not cite.title:
        return None
    at = cite.short.find(cite.title)
    if at < 0:
        return None
    after = cite.short[at + len(cite.title):]
    m = re.match(r"([,.]?)([”’\"]?)(?:,?\s+(.*))?$", after)
    if m is None:
        return None
    italic = any(run.italic and cite.title in run.text for run in cite.full)
    return cite.short[:at], short_title(cite.title), italic, m.group(2), (m.group(3) or "").strip()


def _places(places: list[str]) -> str:
    """ "4", "1–2" -> "1–2, 4"; "para. 8", "para. 3" -> "paras. 3, 8": in the work's order."""
    places = sorted(places, key=_first_number)
    labelled = [re.fullmatch(r"([^\W\d]+\.)\s*(.+)", p) for p in places]
    if len(places) > 1 and all(labelled) and len({m.group(1) for m in labelled}) == 1:
        label = labelled[0].group(1)
        return f"{_PLURAL.get(label, label)} " + ", ".join(m.group(2) for m in labelled)
    return ", ".join(places)


def _first_number(place: str) -> tuple[int, str]:
    m = re.search(r"\d+", place)
    return (int(m.group()) if m else 0, place)
