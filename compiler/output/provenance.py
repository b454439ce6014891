"""The provenance report: for every quote, evidence passage and citation, where it was
written and where in which source it comes from.

Takes the resolved `Briefing`; gives `<output>.provenance.json` (for tools) and
`<output>.provenance.md` (for a reviewer), written beside the memo and the deck.
"""
from __future__ import annotations

import json
from pathlib import PurePath

from compiler.model import Briefing, Provenance

HOW = {
    "exact": "exact",
    "normalised": "normalised (typography forgiven)",
    "omission": "with omissions",
    "column-break": "across a column break (check it)",
    "inserted-line": "across an inserted line of the page (check it)",
    "cited": "cited",
}


def provenance_files(briefing: Briefing) -> dict[str, bytes]:
    return {f"{briefing.output}.provenance.json": _json(briefing),
            f"{briefing.output}.provenance.md": _markdown(briefing)}


def _record(p: Provenance) -> dict:
    return {
        "kind": p.kind,
        "outline": {"file": PurePath(p.location.file).name, "line": p.location.line, "col": p.location.col},
        "source": p.source_id,
        "locator": p.locator,
        "offsets": [p.start, p.end] if p.start is not None else None,
        "match": p.how,
        "text": p.text,
    }


def _json(briefing: Briefing) -> bytes:
    counts: dict[str, int] = {}
    for p in briefing.provenance:
        counts[p.kind] = counts.get(p.kind, 0) + 1
    doc = {"title": briefing.title, "date": briefing.date.isoformat(), "counts": counts,
           "records": [_record(p) for p in briefing.provenance]}
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode()


def _markdown(briefing: Briefing) -> bytes:
    lines = [f"# Provenance: {briefing.title}", "",
             "Every quote and evidence passage below was found in its source by the compiler;",
             "offsets are character positions in the source text.", ""]
    for kind, heading in (("quote", "Quotes"), ("evidence", "Figure evidence"), ("citation", "Citations")):
        records = [p for p in briefing.provenance if p.kind == kind]
        if not records:
            continue
        lines += [f"## {heading} ({len(records)})", ""]
        lines += [_line(p) for p in records]
        lines.append("")
    return "\n".join(lines).encode()


def _line(p: Provenance) -> str:
    where = f"{PurePath(p.location.file).name}:{p.location.line}:{p.location.col}"
    locator = f", {p.locator}" if p.locator else ""
    if p.kind == "citation":
        return f"- `{where}` `{p.source_id}`{locator}"
    span = f", chars {p.start}–{p.end}" if p.start is not None else ""
    words = p.text if len(p.text) <= 90 else p.text[:87] + "…"
    return f"- `{where}` “{words}” — `{p.source_id}`{locator}{span}; {HOW.get(p.how, p.how)}"
