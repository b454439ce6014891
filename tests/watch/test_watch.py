"""`brief watch`: the preview follows the writer's edits, shows errors where they are
written, survives a vanished source and stops cleanly on Ctrl-C. (The same page in a
real browser, with LibreOffice's slide pictures: test_watch_browser.py.)"""
from __future__ import annotations

import io
import re
import socket
from pathlib import Path

import pytest
from PIL import Image

from compiler.cli import main
from compiler.watch.preview import Preview
from compiler.watch.server import serve
from watch_fixture import Watching, edit, errors, line_of, memo_text
from conftest import REPO


# One watch for the module, as a writer keeps one open: each test leaves the briefing
# building again.
@pytest.fixture(scope="module")
def briefing(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("watch") / "hearing"
    assert main(["init", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def watching(briefing):
    watch = Watching(briefing, without_soffice=True)
    yield watch
    code = watch.stop()
    assert code == 0, watch.log
    assert "brief watch: stopped" in watch.log and "Traceback" not in watch.log


@pytest.mark.slow     # a `brief watch` process followed over HTTP
def test_preview_shows_the_memo_and_follows_edits(watching, briefing):
    state = watching.wait(lambda s: s["memo"], "the memo")
    assert "Harbor Dredging: What the Budget Buys" in memo_text(state)
    assert len(state["memo"]["pages"]) == 2 and state["memo"]["seconds"] > 0
    picture = Image.open(io.BytesIO(watching.get(f"/memo/{state['memo']['version']}/0.png")))
    assert picture.size == (1224, 1584)        # US Letter at 2x: sharp when zoomed
    assert watching.get(state["pdf"]) == (briefing / "out/briefing.pdf").read_bytes()
    assert watching.get(state["pptx"]) == (briefing / "out/briefing.pptx").read_bytes()
    page = watching.get("/").decode()
    assert "EventSource(\"/events\")" in page

    edit(briefing / "outline.yaml", "Without it, the largest ships", "Without the money, the largest ships")
    state = watching.wait(lambda s: "Without the money" in memo_text(s), "the edited sentence")
    assert not state["failed"] and state["problems"] == []


@pytest.mark.slow     # a `brief watch` process followed over HTTP
def test_an_error_shows_at_its_line_and_the_last_good_pages_stay(watching, briefing):
    good = watching.wait(lambda s: s["memo"] and not s["failed"], "the memo")
    outline = briefing / "outline.yaml"
    edit(outline, "    body: |", "    bdy: |")
    state = watching.wait(lambda s: s["failed"], "the error")
    (problem,) = errors(state)
    line = line_of(outline, "bdy: |")
    assert problem["where"] == f"outline.yaml:{line}:5"
    assert problem["message"] == "unknown key `bdy` (did you mean `body`?)"
    assert problem["line"].strip().startswith("bdy: |")
    assert state["memo"] == good["memo"]            # the last good pages, shown dimmed
    edit(outline, "    bdy: |", "    body: |")
    state = watching.wait(lambda s: not s["failed"], "the fix")
    assert errors(state) == []


@pytest.mark.slow     # a `brief watch` process followed over HTTP
def test_a_vanished_source_is_an_error_on_the_page_not_a_crash(watching, briefing):
    watching.wait(lambda s: s["memo"] and not s["failed"], "the memo")
    source = briefing / "sources/harbor-report.txt"
    kept = source.read_bytes()
    source.unlink()
    state = watching.wait(lambda s: s["failed"], "the missing source")
    (problem,) = errors(state)
    assert problem["where"] == f"sources/sources.yaml:{line_of(briefing / 'sources/sources.yaml', 'file:')}:9"
    assert problem["message"] == "source file `sources/harbor-report.txt` does not exist"
    (briefing / "outline.yaml").unlink()
    state = watching.wait(lambda s: "outline.yaml" in " ".join(p["message"] for p in errors(s)), "the missing outline")
    source.write_bytes(kept)
    (briefing / "outline.yaml").write_text((REPO / "compiler/starter/outline.yaml").read_text())
    watching.wait(lambda s: not s["failed"], "the build after both came back")


@pytest.mark.slow     # a `brief watch` process followed over HTTP
def test_a_burst_of_saves_is_one_build(watching, briefing):
    watching.wait(lambda s: s["memo"] and not s["failed"], "the memo")
    before = len(watching.lines)
    outline = briefing / "outline.yaml"
    text = outline.read_text()
    for n in range(5):           # as fast as an editor's save-all
        outline.write_text(text.replace("Summary", f"Summary {n}", 1))
    watching.wait(lambda s: "Summary 4" in memo_text(s), "the last save")
    watching.wait_for_log(r"^memo: ", after=before)
    assert sum(line.startswith("memo: ") for line in watching.lines[before:]) == 1, watching.log


@pytest.mark.slow     # a `brief watch` process followed over HTTP
def test_a_change_to_the_memo_templates_rebuilds_only_the_memo(watching, briefing):
    watching.wait(lambda s: s["memo"] and not s["failed"], "the memo")
    before = len(watching.lines)
    css = (REPO / "compiler/render/memo/templates/memo.css").read_text()
    (briefing / "templates").mkdir(exist_ok=True)
    (briefing / "templates/memo.css").write_text(css + "\n/* the writer's own */\n")
    watching.wait_for_log(r"^deck: not rebuilt \(templates/", after=before)
    assert watching.wait_for_log(r"^memo: ", after=before)
    watching.wait(lambda s: not s["building"], "the end of the build")
    middle = len(watching.lines)
    (briefing / "templates/memo.css").unlink()
    watching.wait_for_log(r"^deck: not rebuilt", after=middle)


@pytest.mark.slow     # a `brief watch` process followed over HTTP
def test_deck_slides_list_their_source_lines_and_notes_even_without_libreoffice(watching):
    state = watching.wait(lambda s: s["deck"]["slides"] and s["deck"]["status"].startswith("LibreOffice"),
                          "the slides")
    slides = state["deck"]["slides"]
    assert slides[0]["title"] == "Harbor Dredging: What the Budget Buys"
    assert slides[1]["title"].startswith("Summary")
    figure = next(s for s in slides if s["title"].startswith("Figure 1."))
    assert figure["source"] == "Source: Reyes, Main Channel Dredging, 1"
    assert "Dredging: FY2025: 29, FY2026: 31, FY2027: 48" in figure["notes"]
    assert "is not installed" in state["deck"]["status"]


@pytest.mark.slow     # a `brief watch` process followed over HTTP
def test_provenance_page_links_each_quote_to_its_highlighted_passage(watching):
    state = watching.wait(lambda s: s["provenance"], "the provenance report")
    report = watching.get(state["provenance"]).decode()
    link = re.search(r"href='(/source/harbor-report#(r\d+))'>“Every year we postpone dredging", report)
    assert link, report
    source = watching.get(link.group(1).split("#")[0]).decode()
    assert (f"<mark class='{link.group(2)}'>Every year we postpone dredging, the channel loses about a foot "
            f"of depth</mark>") in source


@pytest.mark.slow     # a `brief watch` process followed over HTTP
def test_a_page_from_another_site_cannot_read_the_preview(watching):
    import http.client
    port = int(watching.url.rstrip("/").rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/state.json", headers={"Host": f"attacker.example:{port}"})
    assert connection.getresponse().status == 403
    connection.close()


def test_the_port_is_the_default_or_the_next_free_one(tmp_path):
    preview = Preview(str(tmp_path / "outline.yaml"), tmp_path / "out")
    first = serve(preview, None)
    try:
        second = serve(preview, None)
        assert second.server_address[1] != first.server_address[1]
        assert second.server_address[0] == "127.0.0.1"
        second.server_close()
    finally:
        first.server_close()


def test_a_busy_port_asked_for_is_a_clear_error(tmp_path, capsys, monkeypatch):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        (tmp_path / "outline.yaml").write_text("title: x\n")
        monkeypatch.chdir(tmp_path)
        assert main(["watch", "--no-browser", "--port", str(busy.getsockname()[1])]) == 2
    assert "cannot serve the preview on port" in capsys.readouterr().err
