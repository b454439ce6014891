"""`brief init [DIR]`: a new briefing folder that builds at once.

Copies the starter files (compiler/starter/, package data) and writes the JSON Schemas
the outline's `# yaml-language-server: $schema=` line points at, so editor completion
works offline. Nothing that exists is overwritten: an existing outline (or any other
starter file) stops it with a clear message; an existing .gitignore gains `out/`.
"""
from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

from compiler.validate.jsonschema import catalog_schema, dumps, outline_schema

# starter file -> where it goes in the new folder (dot files are kept undotted in the package)
STARTER = {
    "outline.yaml": "outline.yaml",
    "sources.yaml": "sources/sources.yaml",
    "harbor-report.txt": "sources/harbor-report.txt",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "workflow.yml": ".github/workflows/brief.yml",
}
SCHEMAS = {".brief/outline.schema.json": outline_schema, ".brief/catalog.schema.json": catalog_schema}
IGNORED = "out/"


def init(directory: str = ".") -> int:
    root = Path(directory)
    shown = lambda name: os.path.normpath(os.path.join(directory, name))  # noqa: E731
    if (root / "outline.yaml").exists():
        _say(f"brief: error: {shown('outline.yaml')} already exists; not overwriting it "
             f"(brief init makes a new briefing folder)")
        return 1
    taken = [name for name in [*STARTER.values(), *SCHEMAS] if (root / name).exists()]
    if taken:
        _say(f"brief: error: {', '.join(shown(n) for n in taken)} already "
             f"{'exists' if len(taken) == 1 else 'exist'}; not overwriting {'it' if len(taken) == 1 else 'them'}")
        return 1
    if root.exists() and not root.is_dir():
        _say(f"brief: error: {directory} is a file, not a folder")
        return 1
    try:
        files = resources.files("compiler") / "starter"
        for starter, name in STARTER.items():
            _write(root / name, (files / starter).read_text(encoding="utf-8"))
        for name, schema in SCHEMAS.items():
            _write(root / name, dumps(schema()))
        (root / "assets").mkdir(exist_ok=True)
        _ignore_out(root / ".gitignore", (files / "gitignore").read_text(encoding="utf-8"))
    except OSError as e:
        _say(f"brief: error: cannot write to {directory}: {e.strerror}")
        return 1
    where = "" if directory in (".", "./") else f"cd {directory} && "
    _say(f"created a briefing in {shown('')}: outline.yaml, sources/, assets/, .gitignore, "
         f".pre-commit-config.yaml, .github/workflows/brief.yml, .brief/ (editor schemas)\n"
         f"next: {where}brief watch")
    return 0


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as f:     # "x": never replace a file
        f.write(text)


def _ignore_out(path: Path, starter: str) -> None:
    """A new .gitignore, or `out/` added to the one the folder has."""
    if not path.exists():
        _write(path, starter)
        return
    lines = path.read_text(encoding="utf-8").splitlines()
    if not any(line.strip() in ("out", "out/", "/out", "/out/") for line in lines):
        with open(path, "a", encoding="utf-8") as f:
            f.write(("" if not lines or path.read_text(encoding="utf-8").endswith("\n") else "\n") + IGNORED + "\n")


def _say(message: str) -> None:
    print(message, file=sys.stderr)
