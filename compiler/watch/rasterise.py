"""Pictures for the preview: PDF pages as PNG (pypdfium2), the deck as a PDF drawn by
LibreOffice from the PPTX itself, and each slide's source line and notes (python-pptx).

Pages are drawn when the browser asks for them (it asks only for the ones in view) and
kept; their text is read at once, for the page's alt text and the search index.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

_PDFIUM = threading.Lock()          # pdfium is not thread-safe: one call at a time

SOFFICE_SECONDS = 240


@dataclass(frozen=True)
class PageInfo:
    width: int                      # picture size in pixels
    height: int
    text: str


class Pages:
    """The pages of one PDF, drawn at `scale` (2: sharp on a zoomed or high-dpi screen).

    pdfium is not thread-safe, and pypdfium2 closes what it opened in finalizers that run
    in whichever thread drops the last reference: so every document, page and bitmap is
    opened and closed explicitly under one lock, and nothing of pdfium's outlives a call.
    """

    def __init__(self, pdf: bytes, scale: float):
        self.pdf = pdf
        self.scale = scale
        self._pngs: dict[int, bytes] = {}
        with _PDFIUM:
            doc = pdfium.PdfDocument(pdf)
            try:
                self.pages = [self._info(doc, i) for i in range(len(doc))]
            finally:
                doc.close()

    def _info(self, doc, index: int) -> PageInfo:
        page = doc[index]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            text = textpage.get_text_bounded()
            textpage.close()
        finally:
            page.close()
        return PageInfo(round(width * self.scale), round(height * self.scale), " ".join(text.split()))

    def png(self, index: int) -> bytes:
        if index not in self._pngs:
            with _PDFIUM:
                doc = pdfium.PdfDocument(self.pdf)
                page = doc[index]
                bitmap = page.render(scale=self.scale)
                picture = bitmap.to_pil().copy()       # the copy owns its pixels
                bitmap.close()
                page.close()
                doc.close()
            out = io.BytesIO()
            picture.save(out, "PNG", compress_level=1)      # fast; text stays crisp (lossless)
            self._pngs[index] = out.getvalue()
        return self._pngs[index]


@dataclass(frozen=True)
class SlideInfo:
    title: str
    source_line: str
    notes: str


def slide_texts(pptx: bytes) -> list[SlideInfo]:
    """What each slide says under its picture: title, source line, speaker notes."""
    from pptx import Presentation
    slides = []
    for slide in Presentation(io.BytesIO(pptx)).slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        source = next((t for t in texts if t.startswith(("Source: ", "Sources: "))), "")
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(SlideInfo(" ".join(title.split()), source, notes.strip()))
    return slides


class SofficeMissing(Exception):
    pass


class Soffice:
    """LibreOffice headless with a profile of its own (never the user's), one run at a time."""

    def __init__(self, profile: Path):
        self.profile = profile
        self._running: subprocess.Popen | None = None
        self._stopped = False

    def to_pdf(self, pptx: bytes) -> bytes:
        program = shutil.which("soffice") or shutil.which("libreoffice")
        if program is None:
            raise SofficeMissing("LibreOffice (soffice) is not installed: install libreoffice-impress "
                                 "to see the slides as pictures")
        with tempfile.TemporaryDirectory(prefix="brief-deck-") as tmp:
            deck = Path(tmp) / "deck.pptx"
            deck.write_bytes(pptx)
            command = [program, f"-env:UserInstallation={self.profile.resolve().as_uri()}", "--headless",
                       "--norestore", "--convert-to", "pdf", "--outdir", tmp, str(deck)]
            if self._stopped:
                raise SofficeMissing("stopped")
            self._running = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            try:
                _, err = self._running.communicate(timeout=SOFFICE_SECONDS)
            except subprocess.TimeoutExpired:
                self._running.kill()
                raise SofficeMissing(f"LibreOffice took more than {SOFFICE_SECONDS} s to draw the slides")
            finally:
                self._running = None
            pdf = Path(tmp) / "deck.pdf"
            if not pdf.is_file():
                raise SofficeMissing(f"LibreOffice could not draw the slides: {err.decode(errors='replace')[-300:]}")
            return pdf.read_bytes()

    def stop(self) -> None:
        self._stopped = True
        running = self._running
        if running is not None and running.poll() is None:
            running.terminate()
            try:
                running.wait(timeout=5)
            except subprocess.TimeoutExpired:
                running.kill()
