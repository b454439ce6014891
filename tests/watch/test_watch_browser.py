"""The preview page in a real browser: Debian's headless Chromium driven by selenium,
against `brief watch` with LibreOffice drawing the slides. The screenshot is kept in the
test's temp folder (and copied to $BRIEF_PREVIEW_SCREENSHOT when set, for the README)."""
from __future__ import annotations

import os
import shutil
import time

import pytest

from compiler.cli import main
from watch_fixture import PATIENCE, Watching, edit, line_of

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (CHROMIUM and DRIVER and shutil.which("soffice")),
                                 reason="needs chromium, chromium-driver and LibreOffice (scripts/setup.sh)")]


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    yield driver
    driver.quit()


def _until(driver, script: str, what: str):
    """Run `script` (JavaScript returning a value) until it gives something truthy."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"the page never showed {what}")


LOADED = "return [...document.querySelectorAll('{0} img')].filter(i => i.complete && i.naturalWidth > 0).length"


def test_preview_in_a_browser_follows_the_outline(tmp_path, browser):
    folder = tmp_path / "hearing"
    assert main(["init", str(folder)]) == 0
    watching = Watching(folder)
    try:
        browser.get(watching.url)
        _until(browser, LOADED.format("#pages") + " === 2", "the two memo pages drawn")
        alts = browser.execute_script("return [...document.querySelectorAll('#pages img')].map(i => i.alt)")
        assert "Harbor Dredging: What the Budget Buys" in alts[0] and "Sources" in alts[1]
        info = browser.find_element("id", "memo-info").text
        assert info.startswith("· 2 pages · ") and info.endswith(" s"), info             # count and build time
        _until(browser, LOADED.format("#slides") + " === 5", "the five slide pictures from LibreOffice")
        captions = [e.text for e in browser.find_elements("css selector", "#slides figcaption")]
        figure = next(c for c in captions if "Figure 1." in c)
        assert "Source: Reyes, Main Channel Dredging, 1" in figure
        assert "Dredging: FY2025: 29, FY2026: 31, FY2027: 48" in figure          # the speaker notes
        assert browser.find_element("id", "pdf").get_attribute("href").endswith("/download/briefing.pdf")
        assert browser.find_element("id", "pptx").get_attribute("href").endswith("/download/briefing.pptx")

        # An edit shows up without a reload, and the page stays where the reader was.
        browser.execute_script("window.scrollTo(0, 400)")
        marker = browser.execute_script("window.previewMarker = 1; return window.scrollY")
        outline = folder / "outline.yaml"
        edit(outline, "Without it, the largest ships", "Unless the channel is dredged, the largest ships")
        _until(browser, "return document.querySelector('#pages img').alt.includes('Unless the channel is dredged')",
               "the edited sentence")
        _until(browser, LOADED.format("#pages") + " === 2", "the redrawn pages")
        assert browser.execute_script("return window.previewMarker") == 1        # no reload
        assert browser.execute_script("return window.scrollY") == marker

        # An error appears at the top, at its line, and the last good pages stay, dimmed.
        edit(outline, "    speaker:", "    speakr:")
        where = _until(browser, "const w = document.querySelector('#problem-list .error .where'); "
                                "return w && w.textContent", "the error")
        assert where == f"outline.yaml:{line_of(outline, 'speakr:')}:9"
        problem = browser.find_element("css selector", "#problem-list .error").text
        assert "unknown key `speakr` (did you mean `speaker`?)" in problem
        assert 'speakr: "the harbor master"' in problem                          # the line quoted
        assert "stale" in browser.find_element("id", "memo").get_attribute("class")
        assert browser.execute_script(LOADED.format("#pages")) == 2
        browser.execute_script("window.scrollTo(0, 0)")
        shot = tmp_path / "preview.png"
        browser.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
        if os.environ.get("BRIEF_PREVIEW_SCREENSHOT"):
            shutil.copyfile(shot, os.environ["BRIEF_PREVIEW_SCREENSHOT"])

        edit(outline, "    speakr:", "    speaker:")
        _until(browser, "return document.querySelector('#problems').hidden", "the problems cleared")
        assert "stale" not in browser.find_element("id", "memo").get_attribute("class")
    finally:
        assert watching.stop() == 0, watching.log
    assert "Traceback" not in watching.log
