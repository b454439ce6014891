"""The deck's bytes, the same on every run: fixed zip times and entry order, dated core
properties, and the embedded chart workbooks (which XlsxWriter stamps with the current
time) rewritten the same way."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from compiler.limits import CORE_PROPERTY_CHARS, shortened
from compiler.model import Briefing


def deterministic_bytes(prs, briefing: Briefing) -> bytes:
    when = dt.datetime.fromtimestamp(briefing.timestamp, dt.timezone.utc).replace(tzinfo=None)
    props = prs.core_properties
    props.title, props.subject = _fitted(briefing.title), _fitted(briefing.subtitle or "")
    props.author = props.last_modified_by = _fitted(briefing.author or "")
    props.keywords = _fitted(", ".join(briefing.keywords))
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    if briefing.revision:           # the git commit built from; "+": uncommitted changes
        props.version = str(briefing.revision)
    buffer = io.BytesIO()
    prs.save(buffer)
    return rezip(buffer.getvalue(), when)


def _fitted(text: str) -> str:
    """A core property as long as the format allows (the whole text is on the slides)."""
    return shortened(text, CORE_PROPERTY_CHARS)


def rezip(data: bytes, when: dt.datetime) -> bytes:
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():            # python-pptx writes in a stable order
            body = source.read(info.filename)
            if info.filename.endswith(".xlsx"):
                body = rezip(body, when)
            elif info.filename == "docProps/core.xml":
                body = _dated(body, when)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()


def _dated(core: bytes, when: dt.datetime) -> bytes:
    """Every W3CDTF date in a core-properties part set to the build time."""
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + iso + rb"\g<2>", core)
