"""`brief diff` and the revision stamp, in a git repository made in the test.

Two commits of a small briefing: a changed number in a figure, an edited sentence, a new
quote, a removed section, a moved section and a source added to the catalog. The redline
is read back with pdfplumber: the struck and inserted words (by their colours) in reading
order, and the first page's summary of each change.
"""
from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pypdf import PdfReader

from compiler.cli import main
from compiler.redline.page import DELETED, INSERTED

from conftest import CATALOG, OTHER, REPORT, Project, build

GIT = ["git", "-c", "user.name=Staff", "-c", "user.email=staff@example.org", "-c", "commit.gpgsign=false"]

OUTLINE_1 = """\
title: "Test Briefing"
date: 2026-11-22
marking: "UNCLASSIFIED"
output: test
sections:
  - title: "Summary"
    body: |
      Peru's congress has removed four of six presidents since 2018 [@report, p. 1].
      Seizures rose [@other].
  - title: "History"
    body: |
      Alberto Fujimori ruled Peru from 1990 to 2000 [@report].
  - title: "Trade"
    body: |
      Trade more than doubled under the agreement [@report].
    figures:
      - id: trade
        title: "U.S.-Peru trade"
        chart: {type: column, unit: "US$ billions", categories: ["2009", "2022"], series: {Trade: [9, 22]}}
        source: report
  - title: "Crime"
    body: |
      Drug seizures strain the police [@other].
"""

OUTLINE_2 = """\
title: "Test Briefing"
date: 2026-11-22
marking: "UNCLASSIFIED"
output: test
sections:
  - title: "Summary"
    body: |
      Peru's congress has removed four of seven presidents since 2018 [@report, p. 1].
      Seizures rose [@other]. A new paper agrees [@third].
    quotes:
      - text: "Drug seizures rose sharply over the past year"
        source: other
  - title: "Crime"
    body: |
      Drug seizures strain the police [@other].
  - title: "Trade"
    body: |
      Trade more than doubled under the agreement [@report].
    figures:
      - id: trade
        title: "U.S.-Peru trade"
        chart: {type: column, unit: "US$ billions", categories: ["2009", "2022"], series: {Trade: [9, 24]}}
        source: report
"""

THIRD = """\
third:
  file: third.txt
  title: "A Third Paper"
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True, text=True).stdout


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


def make_repo(root: Path) -> Path:
    """The briefing at two commits; the working tree clean at the second."""
    write(root, "sources/report.txt", REPORT)
    write(root, "sources/other.txt", OTHER)
    write(root, "sources/sources.yaml", CATALOG)
    write(root, "outline.yaml", OUTLINE_1)
    write(root, ".gitignore", "out/\n")
    git(root, "init", "-q")
    commit(root, "Tuesday's memo")
    write(root, "outline.yaml", OUTLINE_2)
    write(root, "sources/third.txt", "A third paper on Peru.\n")
    write(root, "sources/sources.yaml", CATALOG + THIRD)
    commit(root, "Counsel's edits")
    return root


def brief(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def state(root: Path) -> tuple[str, str, str]:
    """What `brief diff` must leave alone: the status, the index file, HEAD."""
    index = hashlib.sha256((root / ".git" / "index").read_bytes()).hexdigest()
    return git(root, "status", "--porcelain"), index, git(root, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def redline(tmp_path_factory):
    """(repo, redline pages' text, pages' (deleted, inserted) words, the summary page)."""
    root = make_repo(tmp_path_factory.mktemp("redline") / "brief")
    before = state(root)
    code = main(["diff", "HEAD~1", "HEAD", str(root / "outline.yaml")])
    assert code == 0
    pdf = root / "out" / "test.redline.pdf"
    with pdfplumber.open(pdf) as doc:
        pages = [p.extract_text(x_tolerance=1) for p in doc.pages]   # keep narrow spaces
        marked = [(_coloured(p, DELETED), _coloured(p, INSERTED)) for p in doc.pages]
    return root, before, pdf, pages, marked


def _coloured(page, colour: str) -> str:
    """The page's characters printed in `colour`, in reading order."""
    want = tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    chars = [c for c in page.chars if c.get("non_stroking_color") is not None
             and len(c["non_stroking_color"]) == 3
             and all(abs(a - b) < 0.01 for a, b in zip(c["non_stroking_color"], want))]
    return "".join(c["text"] for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])))


def squash(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def test_summary_page_lists_every_change(redline):
    summary = squash(redline[3][0])
    assert "REDLINE" in summary and "BEFORE: HEAD~1" in summary and "“Tuesday's memo”" in summary
    for expected in (
            "removed section “History” (was section 2; 1 paragraph, 1 citation)",
            "moved section “Crime”: section 4 → section 2",
            "“Summary”: 1 paragraph edited",
            "added quote “Drug seizures rose sharply over the past year” (other, in “Summary”)",
            "Figure 1 “U.S.-Peru trade”, Trade, 2022: 22 US$ billions → 24 US$ billions",
            "added citation [@third] in “Summary”",
            "added source third: “A Third Paper”"):
        assert expected.lower() in summary.lower(), expected     # the kind is set in capitals


def test_words_are_struck_and_inserted_in_reading_order(redline):
    root, before, pdf, pages, marked = redline
    body = squash(" ".join(pages[1:]))
    # the struck word, then the inserted one, inside the unchanged sentence
    assert "removed four of six seven presidents since 2018" in body
    deleted = "".join(d for d, _ in marked[1:])
    inserted = "".join(i for _, i in marked[1:])
    assert "six" in deleted and "seven" not in deleted
    assert "seven" in inserted and "six" not in inserted
    assert "Anewpaperagrees" in inserted.replace(" ", "")
    # the removed section is printed struck, where it stood; the moved one is labelled
    assert "AlbertoFujimoriruledPerufrom1990to2000" in deleted.replace(" ", "")
    assert "SECTION REMOVED" in body and "MOVED: WAS SECTION 4, AFTER “TRADE”" in body
    # the chart's changed value, old → new
    assert "Values changed: Trade, 2022: 22 US$ billions → 24 US$ billions" in body


def test_changed_footnotes_are_marked(redline):
    root, before, pdf, pages, marked = redline
    inserted = "".join(i for _, i in marked[1:])
    # the new citation's note is inserted: its text is underlined in the note area
    assert "“AThirdPaper.”" in inserted.replace(" ", "")


def test_working_tree_and_index_are_unchanged(redline):
    root, before, pdf, pages, marked = redline
    assert state(root) == before
    assert not (root / "outline.yaml").read_text(encoding="utf-8").count("six")   # still REV_B's file


def test_redline_is_deterministic(redline, tmp_path):
    root, before, pdf, pages, marked = redline
    again = tmp_path / "again"
    assert main(["diff", "HEAD~1", "HEAD", str(root / "outline.yaml"), "--out", str(again)]) == 0
    assert (again / "test.redline.pdf").read_bytes() == pdf.read_bytes()


def test_stat_exit_codes(tmp_path, capsys, monkeypatch):
    root = make_repo(tmp_path / "brief")
    monkeypatch.chdir(root)
    before = state(root)
    code, out, _ = brief(capsys, "diff", "--stat")           # HEAD against a clean working tree
    assert (code, out.splitlines()[-1]) == (0, "no changes")
    assert state(root) == before                             # `git status` did not rewrite the index
    code, out, _ = brief(capsys, "diff", "HEAD~1", "HEAD", "--stat")
    assert code == 1
    assert "  - removed section “History” (was section 2; 1 paragraph, 1 citation)" in out.splitlines()
    assert out.splitlines()[0] == "HEAD~1 ({}) → HEAD ({})".format(
        git(root, "rev-parse", "--short=7", "HEAD~1").strip(), git(root, "rev-parse", "--short=7", "HEAD").strip())
    assert not (root / "out" / "test.redline.pdf").exists()  # --stat writes nothing
    write(root, "outline.yaml", OUTLINE_2.replace("four of seven", "five of seven"))
    code, out, _ = brief(capsys, "diff", "--stat")
    assert code == 1 and "  ~ changed “Summary”: 1 paragraph edited" in out.splitlines()


def test_a_briefing_in_a_subfolder_of_the_repository(tmp_path, capsys, monkeypatch):
    top = tmp_path / "repo"
    make_repo(top / "hearing")
    subprocess.run(["mv", str(top / "hearing" / ".git"), str(top / ".git")], check=True)
    git(top, "add", "-A")
    git(top, "commit", "-qm", "The briefing moves into hearing/")
    write(top, "hearing/outline.yaml", OUTLINE_2.replace("four of seven", "five of seven"))
    commit(top, "Five")
    monkeypatch.chdir(top)
    code, out, _ = brief(capsys, "diff", "HEAD~1", "HEAD", "hearing/outline.yaml", "--stat")
    assert code == 1 and out.splitlines()[1:] == ["Text", "  ~ changed “Summary”: 1 paragraph edited",
                                                  "1 change"]


def test_a_revision_that_does_not_build_is_reported(tmp_path, capsys, monkeypatch):
    root = make_repo(tmp_path / "brief")
    monkeypatch.chdir(root)
    broken = OUTLINE_2.replace('"Drug seizures rose sharply over the past year"', '"Drug seizures fell"')
    write(root, "outline.yaml", broken)
    commit(root, "A misquote")
    line = broken.splitlines().index('      - text: "Drug seizures fell"') + 1
    code, out, err = brief(capsys, "diff", "HEAD~1", "HEAD")
    short = git(root, "rev-parse", "--short=7", "HEAD").strip()
    assert code == 2 and "Traceback" not in err
    lines = err.splitlines()
    assert lines[0] == f"brief: error: the briefing does not build at HEAD ({short}):"
    assert lines[1].startswith(f"HEAD:outline.yaml:{line}:15: error: quote not found in `other`")
    assert lines[-1] == "1 error at HEAD; nothing written"
    assert not (root / "out" / "test.redline.pdf").exists()


def test_unknown_revision_and_outside_git(tmp_path, capsys, monkeypatch):
    root = make_repo(tmp_path / "brief")
    monkeypatch.chdir(root)
    code, _, err = brief(capsys, "diff", "no-such-tag")
    assert code == 2
    assert err.strip() == ("brief: error: unknown revision `no-such-tag`: not a commit, branch or tag "
                           "in this repository")
    plain = tmp_path / "plain"
    write(plain, "outline.yaml", OUTLINE_1)
    monkeypatch.chdir(plain)
    code, _, err = brief(capsys, "diff")
    assert code == 2 and "Traceback" not in err
    assert err.startswith("brief: error: `brief diff` compares git revisions, and . is not in a git repository")


def test_outline_missing_at_a_revision(tmp_path, capsys, monkeypatch):
    root = make_repo(tmp_path / "brief")
    write(root, "memo2.yaml", OUTLINE_2)
    monkeypatch.chdir(root)
    code, _, err = brief(capsys, "diff", "HEAD", "memo2.yaml")
    assert code == 2 and err.strip() == "brief: error: `memo2.yaml` does not exist at HEAD"


# --- the revision stamp --------------------------------------------------------------


def stamped(capsys, root: Path) -> tuple[str, dict, str, str]:
    """(memo text, PDF metadata, deck title slide text, PPTX version) of a build of `root`."""
    project = Project(root)
    build(project, capsys, str(project.outline))
    pdf, pptx = project.out("pdf", "test"), project.out("pptx", "test")
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(p.extract_text() for p in doc.pages)
    deck = Presentation(str(pptx))
    title = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    return text, dict(PdfReader(pdf).metadata), title, deck.core_properties.version


def test_no_stamp_outside_git(project, capsys):
    project.write("outline.yaml", OUTLINE_1)
    text, meta, title, version = stamped(capsys, project.root)
    assert "/revision" not in meta and "DRAFT" not in text and "DRAFT" not in title and version == ""


def test_stamp_in_a_clean_tree_is_metadata_only(tmp_path, capsys):
    root = make_repo(tmp_path / "brief")
    short = git(root, "rev-parse", "--short=7", "HEAD").strip()
    text, meta, title, version = stamped(capsys, root)
    assert meta["/revision"] == short and version == short
    assert "DRAFT" not in text and "DRAFT" not in title
    assert git(root, "status", "--porcelain") == ""              # out/ is not a change


def test_dirty_tree_prints_draft_in_the_footer_and_on_the_title_slide(tmp_path, capsys):
    root = make_repo(tmp_path / "brief")
    (root / ".gitignore").unlink()                               # out/ itself never counts
    short = git(root, "rev-parse", "--short=7", "HEAD").strip()
    text, meta, title, version = stamped(capsys, root)            # the deleted .gitignore: a change
    assert f"DRAFT — rev {short}+ Page 1 of" in text
    assert f"DRAFT — rev {short}+" in title.splitlines()
    assert meta["/revision"] == f"{short}+ (uncommitted changes)" and version == f"{short}+"
    again = (root / "out" / "test.pdf").read_bytes()
    stamped(capsys, root)                                          # same inputs, same revision
    assert (root / "out" / "test.pdf").read_bytes() == again


def test_draft_key_prints_the_stamp_on_a_clean_tree_and_draft_outside_git(tmp_path, capsys, project):
    root = make_repo(tmp_path / "repo")
    write(root, "outline.yaml", OUTLINE_2.replace('output: test\n', 'output: test\ndraft: true\n'))
    commit(root, "Mark as draft")
    short = git(root, "rev-parse", "--short=7", "HEAD").strip()
    text, meta, title, version = stamped(capsys, root)
    assert f"DRAFT — rev {short} Page 1 of" in text and f"DRAFT — rev {short}" in title.splitlines()
    project.write("outline.yaml", OUTLINE_1.replace('output: test\n', 'output: test\ndraft: true\n'))
    text, meta, title, version = stamped(capsys, project.root)
    assert "DRAFT Page 1 of" in text and "rev" not in text.split("Page 1 of")[0].splitlines()[-1]
    assert "DRAFT" in title.splitlines() and "/revision" not in meta
