"""Shared themes (`theme: NAME`): one theme folder for every briefing of an office, found in
the briefing's themes/, the folders above it up to the git repository's root, or the
per-user folder `brief themes install` fills; read through their own fence."""
from __future__ import annotations

import subprocess

import pdfplumber
import pytest
from PIL import Image
from pptx import Presentation

from compiler.cli import main
from conftest import CATALOG, OTHER, OUTLINE, REPORT
from deck_fixture import office_template

THEME = """\
logo: seal.png
deck_template: office.pptx
letterhead:
  name: "Committee on Foreign Affairs"
  footer: "foreignaffairs.house.gov"
"""


def briefing(folder, extra: str = "theme: committee\n"):
    for name, text in (("sources/report.txt", REPORT), ("sources/other.txt", OTHER),
                       ("sources/sources.yaml", CATALOG), ("outline.yaml", extra + OUTLINE)):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def theme_folder(folder, name: str = "Committee on Foreign Affairs"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.yaml").write_text(THEME.replace("Committee on Foreign Affairs", name), encoding="utf-8")
    (folder / "office.pptx").write_bytes(office_template(wide=True))
    Image.new("RGB", (200, 200), (122, 31, 43)).save(folder / "seal.png")
    return folder


@pytest.fixture
def user_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "brief" / "themes"


def run(capsys, monkeypatch, folder, *args):
    monkeypatch.chdir(folder)
    code = main(list(args))
    return code, capsys.readouterr().err


def first_page(folder, name: str = "outline") -> str:
    with pdfplumber.open(folder / "out" / f"{name}.pdf") as pdf:
        return pdf.pages[0].extract_text() or ""


def test_two_briefings_in_one_repository_share_its_theme_folder(tmp_path, capsys, monkeypatch, user_home):
    repo = tmp_path / "repo"
    theme_folder(repo / "themes" / "committee")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for name in ("hearing", "markup/week2"):
        folder = briefing(repo / name)
        code, err = run(capsys, monkeypatch, folder, "build")
        assert code == 0, err
        assert "Committee on Foreign Affairs" in first_page(folder)      # the theme's letterhead
        deck = Presentation(str(folder / "out" / "outline.pptx"))
        assert deck.slides[0].slide_layout.name == "Title Slide"         # its deck template
        assert deck.slide_width == office_template_width()


def office_template_width():
    import io
    return Presentation(io.BytesIO(office_template(wide=True))).slide_width


def test_the_briefings_own_theme_comes_first_then_the_nearest_above_then_the_users(
        tmp_path, capsys, monkeypatch, user_home):
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    folder = briefing(repo / "a" / "b")
    theme_folder(user_home / "committee", "User Committee")
    places = [(repo / "themes" / "committee", "Repository Committee"),
              (repo / "a" / "themes" / "committee", "Nearer Committee"),
              (folder / "themes" / "committee", "Own Committee")]
    code, err = run(capsys, monkeypatch, folder, "build", "--only", "pdf")
    assert code == 0, err
    assert "User Committee" in first_page(folder)
    for place, name in places:
        theme_folder(place, name)
        code, err = run(capsys, monkeypatch, folder, "build", "--only", "pdf")
        assert code == 0, err
        assert name in first_page(folder), name          # and the shared theme is an input: rebuilt


def test_a_missing_theme_is_an_error_at_its_key_naming_every_place(tmp_path, capsys, monkeypatch, user_home):
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    folder = briefing(repo / "hearing", "title: x\ntheme: comittee\n")
    folder.joinpath("outline.yaml").write_text("theme: comittee\n" + OUTLINE, encoding="utf-8")
    code, err = run(capsys, monkeypatch, folder, "check")
    assert code == 1
    assert "outline.yaml:1:8: error: no theme `comittee`: looked in themes/comittee/, ../themes/comittee/, " in err
    assert "brief/themes/comittee/" in err
    assert "Traceback" not in err


def test_outside_git_the_folders_above_are_not_searched(tmp_path, capsys, monkeypatch, user_home):
    theme_folder(tmp_path / "themes" / "committee")
    folder = briefing(tmp_path / "hearing")
    code, err = run(capsys, monkeypatch, folder, "check")
    assert code == 1 and "looked in themes/committee/, ~" not in err and "../themes" not in err


def test_a_symlink_in_a_theme_is_held_to_the_themes_folder(tmp_path, capsys, monkeypatch, user_home):
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    theme = theme_folder(repo / "themes" / "committee")
    (theme / "seal.png").unlink()
    (tmp_path / "secret.png").write_bytes(b"x")
    (theme / "seal.png").symlink_to(tmp_path / "secret.png")
    folder = briefing(repo / "hearing")
    code, err = run(capsys, monkeypatch, folder, "build")
    assert code == 1
    assert "../themes/committee/theme.yaml:1:7: error: logo `../themes/committee/seal.png` is outside the " \
           "theme folder `../themes/committee/`" in err
    assert not (folder / "out").exists()


def test_themes_install_and_list_then_init_with_the_theme_builds(tmp_path, capsys, monkeypatch, user_home):
    source = theme_folder(tmp_path / "made" / "committee")
    code, err = run(capsys, monkeypatch, tmp_path, "themes", "install", str(source))
    assert code == 0 and "installed theme `committee`" in err
    assert (user_home / "committee" / "theme.yaml").is_file()
    code, err = run(capsys, monkeypatch, tmp_path, "themes", "install", str(source))
    assert code == 1 and "already installed" in err
    code, err = run(capsys, monkeypatch, tmp_path, "themes")
    assert code == 0 and err.startswith("committee  ")
    code, err = run(capsys, monkeypatch, tmp_path, "init", "hearing", "--theme", "committee")
    assert code == 0, err
    assert "\ntheme: committee " in (tmp_path / "hearing" / "outline.yaml").read_text()
    code, err = run(capsys, monkeypatch, tmp_path / "hearing", "build")
    assert code == 0, err
    assert "Committee on Foreign Affairs" in first_page(tmp_path / "hearing", "briefing")


def test_a_themes_memo_templates_run_after_the_briefings_and_their_errors_are_located(
        tmp_path, capsys, monkeypatch, user_home):
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    theme = theme_folder(repo / "themes" / "committee")
    folder = briefing(repo / "hearing")
    from compiler.render.memo.markup import TEMPLATES
    css = (TEMPLATES / "memo.css").read_text(encoding="utf-8")
    (theme / "templates").mkdir()
    (theme / "templates" / "memo.css").write_text(css.replace("Memorandum", "x") + "\n.memorandum::after "
                                                  "{ content: \" — Committee Print\"; }\n", encoding="utf-8")
    code, err = run(capsys, monkeypatch, folder, "build", "--only", "pdf")
    assert code == 0, err
    assert "MEMORANDUM — COMMITTEE PRINT" in first_page(folder).upper()
    (theme / "templates" / "memo.css").write_text("{{ theme.nothing_here.at_all }}", encoding="utf-8")
    code, err = run(capsys, monkeypatch, folder, "build", "--only", "pdf")
    assert code == 1 and "../themes/committee/templates/memo.css:1:" in err and "Traceback" not in err


def test_a_themes_missing_deck_template_is_an_error_at_its_own_line(tmp_path, capsys, monkeypatch, user_home):
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    theme = theme_folder(repo / "themes" / "committee")
    (theme / "office.pptx").unlink()
    folder = briefing(repo / "hearing")
    code, err = run(capsys, monkeypatch, folder, "check")
    assert code == 1
    assert "../themes/committee/theme.yaml:2:16: error: deck template `../themes/committee/office.pptx` " \
           "does not exist" in err


@pytest.mark.slow     # a `brief watch` process followed over HTTP
def test_brief_watch_rebuilds_when_the_shared_theme_above_the_briefing_is_edited(tmp_path, user_home):
    from watch_fixture import Watching, edit, memo_text
    repo = tmp_path / "repo"
    theme = theme_folder(repo / "themes" / "committee")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    folder = briefing(repo / "hearing")
    watch = Watching(folder, without_soffice=True)
    try:
        watch.wait(lambda s: "Committee on Foreign Affairs" in memo_text(s), "the theme's letterhead")
        edit(theme / "theme.yaml", "Committee on Foreign Affairs", "Committee on Armed Services")
        watch.wait(lambda s: "Committee on Armed Services" in memo_text(s), "the edited letterhead")
    finally:
        assert watch.stop() == 0, watch.log
    assert "Traceback" not in watch.log
