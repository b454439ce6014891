"""The provenance report as pages: each quote and evidence passage, linked to the source
text with the passage highlighted.

Reads what the last good build wrote (`<output>.provenance.json`, whose offsets are
character positions in each source's text) and the source texts as the compiler reads
them (the extraction cache: a PDF source's offsets are in its extracted text).
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path
from urllib.parse import quote

from compiler.diagnostics import BriefError
from compiler.cache import Cache
from compiler.folder import Folder
from compiler.load.sources import load_catalog
from compiler.load.yamlfile import load_yaml
from compiler.watch.preview import Preview

DEFAULT_CATALOG = "sources/sources.yaml"

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 2rem; color: #222; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #ddd; }
code { font-size: 13px; color: #555; white-space: nowrap; } .how { color: #666; font-size: 13px; }
pre { white-space: pre-wrap; font: 14px/1.6 ui-monospace, monospace; background: #fafafa; padding: 1rem; border: 1px solid #ddd; }
mark { background: #fff1a8; } mark.current { background: #ffc400; outline: 2px solid #e0a000; }
a { color: #1f4e79; }
"""
JUMP = """<script>
function show() {
  document.querySelectorAll('mark.current').forEach(m => m.classList.remove('current'));
  const id = location.hash.slice(1); if (!id) return;
  const marks = document.querySelectorAll('mark.' + CSS.escape(id));
  marks.forEach(m => m.classList.add('current'));
  if (marks.length) marks[0].scrollIntoView({block: 'center'});
}
addEventListener('hashchange', show); addEventListener('load', show);
</script>"""


def _report(preview: Preview) -> dict | None:
    path = next((p for n, p in preview.outputs.items() if n.endswith(".provenance.json")), None)
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path else None
    except (OSError, ValueError):
        return None


def _texts(preview: Preview) -> dict[str, str]:
    """The source texts the offsets count in, read as the build read them."""
    loaded = load_yaml(Path(preview.outline), preview.outline)
    value = loaded.value if isinstance(loaded.value, dict) else {}
    sources = value.get("sources")
    written = sources if isinstance(sources, str) else DEFAULT_CATALOG
    cache = Cache(preview.out_dir / ".cache" / "sources", writable=False)
    return load_catalog(written, Folder.of_outline(preview.outline), loaded.positions.of(()), cache).texts


def _page(title: str, body: str) -> str:
    return (f"<!doctype html><html lang=en><meta charset=utf-8><title>{escape(title)}</title>"
            f"<style>{STYLE}</style><body>{body}</body></html>")


def provenance_page(preview: Preview) -> str:
    report = _report(preview)
    if report is None:
        return _page("Provenance", "<p>No provenance report yet: the briefing has not built.</p>")
    rows = []
    for n, r in enumerate(report["records"]):
        where = f"{r['outline']['file']}:{r['outline']['line']}:{r['outline']['col']}"
        locator = f", {escape(r['locator'])}" if r["locator"] else ""
        source = f"<a href='/source/{quote(r['source'])}'>{escape(r['source'])}</a>{locator}"
        if r["offsets"]:
            words = f"<a href='/source/{quote(r['source'])}#r{n}'>“{escape(r['text'])}”</a>"
            how = f"chars {r['offsets'][0]}–{r['offsets'][1]}, {escape(r['match'])}"
        else:
            words, how = escape(r["text"]), escape(r["match"])
        rows.append(f"<tr class={r['kind']}><td>{r['kind']}</td><td><code>{escape(where)}</code></td>"
                    f"<td>{words}</td><td>{source}<div class=how>{how}</div></td></tr>")
    counts = ", ".join(f"{v} {k}{'s' * (v != 1)}" for k, v in report["counts"].items())
    return _page(f"Provenance: {report['title']}",
                 f"<p><a href='/'>← preview</a></p><h1>Provenance: {escape(report['title'])}</h1>"
                 f"<p>{escape(counts)}. Each quoted passage links to the place in its source text.</p>"
                 "<table><tr><th>kind</th><th>outline</th><th>words</th><th>source</th></tr>"
                 + "".join(rows) + "</table>")


def source_page(preview: Preview, source_id: str) -> str | None:
    report = _report(preview)
    try:
        texts = _texts(preview)
    except (BriefError, OSError) as e:
        problems = e.problems if isinstance(e, BriefError) else [e]
        return _page("Source", "<p>The sources cannot be read now:</p><pre>"
                     + escape("\n".join(map(str, problems))) + "</pre>")
    if source_id not in texts:
        return None
    text = texts[source_id]
    spans = [(r["offsets"][0], r["offsets"][1], f"r{n}") for n, r in enumerate(report["records"] if report else [])
             if r["source"] == source_id and r["offsets"] and r["offsets"][1] <= len(text)]
    return _page(f"Source: {source_id}",
                 f"<p><a href='/provenance'>← provenance</a></p><h1>{escape(source_id)}</h1>"
                 f"<p>{len(spans)} verified passage{'s' * (len(spans) != 1)} highlighted.</p>"
                 f"<pre>{highlighted(text, spans)}</pre>{JUMP}")


def highlighted(text: str, spans: list[tuple[int, int, str]]) -> str:
    """`text` as HTML with every span marked; a piece inside several spans carries each
    span's name as a class (the page lights up the one in the address)."""
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        names = [name for s, e, name in spans if s <= start and end <= e]
        piece = escape(text[start:end])
        out.append(f"<mark class='{' '.join(names)}'>{piece}</mark>" if names else piece)
    return "".join(out)
