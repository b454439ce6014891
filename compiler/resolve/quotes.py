"""Quotes (and evidence passages) verified word for word in their sources: the reference
with the locator where the words were found, and warnings about the source itself."""
from __future__ import annotations

import datetime as dt
import re

from compiler.model import Provenance, Quote, Source
from compiler.resolve.citations import notes
from compiler.resolve.context import Context
from compiler.verify.corpus import Miss


def verify_passage(text: str, source_id: str, at: tuple, kind: str,
              ctx: Context) -> tuple[notes.Reference, str] | None:
    """The reference (with its locator) for a passage verified in its source, and
    how it matched; None (and an error at `at`) when it is not there."""
    source = ctx.catalog.sources.get(source_id)
    if source is None:
        ctx.problems.error(ctx.positions.of(at[:-1] + ("source",)),
                           f"unknown source `{source_id}`{ctx.suggest(source_id)}")
        return None
    where = ctx.positions.of(at)
    if not re.search(r"[^\W_]", text):
        ctx.problems.error(where, f"{kind} holds no words, only punctuation and omissions: "
                                  "nothing of the source to check")
        return None
    result = ctx.corpus.verify(text, source_id)
    if isinstance(result, Miss):
        ctx.problems.error(where, result.message)
        return None
    for warning in (*result.warnings, *_cautions(source, kind, ctx.as_of)):
        ctx.problems.warning(where, warning)
    ctx.provenance.append(Provenance(kind, where, source_id, result.locator, result.start,
                                     result.end, result.how, text))
    return notes.Reference(source, result.locator), result.how


STALE_YEARS = 10


def _cautions(source: Source, kind: str, as_of: dt.date) -> list[str]:
    """Warnings about the source itself: an unverified one, or (for quotes) an old one."""
    out = []
    if source.reliability == "unverified":
        out.append(f"{kind} from `{source.id}`, which the catalog marks `reliability: unverified`")
    age = _age_in_years(source.date, as_of)
    if kind == "quote" and age is not None and age > STALE_YEARS:
        out.append(f"source `{source.id}` is {age} years old (dated {notes.written_date(source.date)}, "
                   f"as of {notes.written_date(as_of.isoformat())})")
    return out


def _age_in_years(date: str | None, as_of: dt.date) -> int | None:
    """Whole years between a catalog date (YYYY[-MM[-DD]]) and `as_of`."""
    if not date:
        return None
    parts = [int(p) for p in date.split("-")] + [1, 1]
    year, month, day = parts[:3]
    return as_of.year - year - ((as_of.month, as_of.day) < (month, day))


def resolve_quote(quote, at: tuple, ctx: Context) -> Quote | None:
    verified = verify_passage(quote.text, quote.source, at + ("text",), "quote", ctx)
    if verified is None:
        return None
    ref, how = verified
    call = ctx.notes.add([ref])
    return Quote(quote.text, ref.source, quote.speaker, ctx.notes.cite(ref), call.footnote,
                 how, ctx.positions.of(at), call.in_text)
