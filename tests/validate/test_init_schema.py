"""`brief init` makes a folder that builds; `brief schema` describes what the validator accepts."""
from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from pptx import Presentation
from pypdf import PdfReader

from compiler.cli import _parser, main
from compiler.validate.jsonschema import catalog_schema, outline_schema
from conftest import REPO

ROOT = REPO


def _plain(path: Path):
    """The YAML as an editor's YAML 1.2 language server sees it: dates are text."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def _errors(schema: dict, path: Path) -> list:
    return sorted(jsonschema.Draft202012Validator(schema).iter_errors(_plain(path)), key=str)


@pytest.fixture
def started(tmp_path, capsys) -> Path:
    folder = tmp_path / "hearing"
    assert main(["init", str(folder)]) == 0
    assert "brief watch" in capsys.readouterr().err
    return folder


def test_init_folder_builds_at_once(started, capsys, monkeypatch):
    monkeypatch.chdir(started)
    assert main(["build"]) == 0
    assert capsys.readouterr().err.count("wrote ") == 4
    text = "".join(page.extract_text() for page in PdfReader(started / "out/briefing.pdf").pages)
    assert "Harbor Dredging" in text and "loses about a foot of depth" in text and "Figure 1" in text
    slides = Presentation(started / "out/briefing.pptx").slides
    assert len(slides) >= 4
    assert (started / "assets").is_dir()
    assert "out/" in (started / ".gitignore").read_text().splitlines()


def test_init_outline_has_every_key_commented_and_points_at_its_schema(started):
    outline = (started / "outline.yaml").read_text()
    assert outline.splitlines()[0] == "# yaml-language-server: $schema=.brief/outline.schema.json"
    assert json.loads((started / ".brief/outline.schema.json").read_text()) == outline_schema()
    catalog = (started / "sources/sources.yaml").read_text()
    assert catalog.splitlines()[0] == "# yaml-language-server: $schema=../.brief/catalog.schema.json"
    assert json.loads((started / ".brief/catalog.schema.json").read_text()) == catalog_schema()
    schema = outline_schema()
    keys = [*schema["properties"], *(k for d in schema["$defs"].values() for k in d["properties"])]
    lines = outline.splitlines()
    for key in keys:     # each key written (or commented out) once with a comment saying what it does
        assert any(line.lstrip("# -").startswith(f"{key}:") and (" # " in line or lines[i - 1].lstrip().startswith("#"))
                   for i, line in enumerate(lines)), key


def test_init_refuses_to_overwrite_an_outline(tmp_path, capsys):
    (tmp_path / "outline.yaml").write_text("title: mine\n")
    assert main(["init", str(tmp_path)]) == 1
    assert "outline.yaml already exists; not overwriting it" in capsys.readouterr().err
    assert (tmp_path / "outline.yaml").read_text() == "title: mine\n"
    assert not (tmp_path / "sources").exists()


def test_init_keeps_an_existing_gitignore_and_adds_out(tmp_path):
    (tmp_path / ".gitignore").write_text("*.log")
    assert main(["init", str(tmp_path)]) == 0
    assert (tmp_path / ".gitignore").read_text() == "*.log\nout/\n"


def _brief_command(command: str) -> argparse.Namespace:
    """A command line the hooks run, parsed by brief's own parser (exits 2 if not real)."""
    words = shlex.split(command)
    assert words[0] == "brief"
    return _parser().parse_args(words[1:])


def test_pre_commit_hook_runs_a_real_brief_check(started):
    config = yaml.safe_load((started / ".pre-commit-config.yaml").read_text())
    (hook,) = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local" and hook["language"] == "system"
    assert _brief_command(hook["entry"]).command == "check"
    run = subprocess.run([sys.executable, "-m", "compiler", *shlex.split(hook["entry"])[1:]],
                         cwd=started, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "1 quote and 1 figure evidence passage verified" in run.stderr


def test_workflow_builds_and_uploads_the_memo_and_deck(started, monkeypatch):
    workflow = yaml.safe_load((started / ".github/workflows/brief.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert any("pip install" in r for r in runs)
    (build,) = [r for r in runs if r.startswith("brief ")]
    assert _brief_command(build).command == "build"
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    monkeypatch.chdir(started)
    assert main(shlex.split(build)[1:]) == 0
    for pattern in upload["with"]["path"].split():
        assert list(started.glob(pattern)), f"{pattern} matches nothing the build wrote"


def test_sample_and_init_outlines_validate_against_the_schema(started):
    assert _errors(outline_schema(), ROOT / "outline.yaml") == []
    assert _errors(catalog_schema(), ROOT / "sources/sources.yaml") == []
    assert _errors(outline_schema(), started / "outline.yaml") == []
    assert _errors(catalog_schema(), started / "sources/sources.yaml") == []


def test_every_key_has_a_description_and_an_example_that_fits(capsys):
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == outline_schema()
    assert main(["schema", "--catalog"]) == 0
    assert json.loads(capsys.readouterr().out) == catalog_schema()
    for schema in (outline_schema(), catalog_schema()):
        jsonschema.Draft202012Validator.check_schema(schema)
        for name, definition in [("", schema), *schema["$defs"].items()]:
            for key, prop in definition.get("properties", {}).items():
                assert prop["description"], f"{name}.{key}"
                for example in prop["examples"]:
                    sub = {"$defs": schema["$defs"], **prop}
                    assert list(jsonschema.Draft202012Validator(sub).iter_errors(example)) == [], \
                        f"{name}.{key}: {example!r}"


def _schema_line(path: Path) -> int:
    """The line the schema's error names, found with plain PyYAML (not the compiler)."""
    (error,) = _errors(outline_schema(), path)
    assert error.validator == "additionalProperties"
    node = yaml.compose(path.read_text())
    for part in error.absolute_path:
        node = node.value[part] if isinstance(part, int) else \
            next(v for k, v in node.value if k.value == part)
    key = next(k for k, _ in node.value if k.value not in error.schema["properties"])
    return key.start_mark.line + 1


def test_a_typo_is_flagged_at_the_same_line_by_the_schema_and_by_check(started, capsys, monkeypatch):
    outline = started / "outline.yaml"
    outline.write_text(outline.read_text().replace("        speaker:", "        speakr:"))
    monkeypatch.chdir(started)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    line = next(int(l.split(":")[1]) for l in err.splitlines() if "unknown key `speakr`" in l)
    assert outline.read_text().splitlines()[line - 1].lstrip().startswith("speakr:")
    assert _schema_line(outline) == line
