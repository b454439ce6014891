"""The preview's web server: loopback only, standard library only.

    /                 the preview page (page.html: it draws itself from /state.json)
    /state.json       what the preview shows now
    /events           server-sent events: one message per change
    /memo/V/N.png     memo page N (from 0), drawn from the PDF
    /slides/V/N.png   slide N, drawn from the PPTX by LibreOffice
    /download/NAME    the PDF, the PPTX or the provenance report as built
    /provenance       every quote and evidence passage, each linked to ...
    /source/ID        ... the source text with the passages highlighted
"""
from __future__ import annotations

import errno
import json
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import unquote, urlsplit

from compiler.watch.preview import Preview
from compiler.watch.provenance_page import provenance_page, source_page

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
PORTS_TRIED = 50
KEEPALIVE_SECONDS = 15

TYPES = {".pdf": "application/pdf", ".json": "application/json",
         ".md": "text/markdown; charset=utf-8",
         ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True           # an open event stream never holds up Ctrl-C

    def __init__(self, port: int, preview: Preview):
        self.preview = preview
        super().__init__((HOST, port), Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


def serve(preview: Preview, port: int | None) -> PreviewServer:
    """Bind `port`, or the default port or the next free one after it."""
    if port is not None:
        return PreviewServer(port, preview)
    for candidate in range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TRIED):
        try:
            return PreviewServer(candidate, preview)
        except OSError as e:
            if e.errno != errno.EADDRINUSE:
                raise
    raise OSError(errno.EADDRINUSE, f"ports {DEFAULT_PORT}-{DEFAULT_PORT + PORTS_TRIED - 1} are all in use")


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:     # quiet: the terminal is for builds
        pass

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        preview = self.server.preview
        port = self.server.server_address[1]
        if self.headers.get("Host") not in (f"{HOST}:{port}", f"localhost:{port}"):
            # Only pages served from here may read the briefing (no DNS rebinding).
            return self.send_error(HTTPStatus.FORBIDDEN, "the preview answers on 127.0.0.1 only")
        try:
            if path == "/":
                self._send(_page(), "text/html; charset=utf-8")
            elif path == "/state.json":
                self._send(json.dumps(preview.snapshot()).encode(), "application/json")
            elif path == "/events":
                self._events(preview)
            elif m := re.fullmatch(r"/(memo|slides)/\d+/(\d+)\.png", path):
                self._picture(preview, m.group(1), int(m.group(2)))
            elif m := re.fullmatch(r"/download/([^/]+)", path):
                self._download(preview, m.group(1))
            elif path == "/provenance":
                self._send(provenance_page(preview).encode(), "text/html; charset=utf-8")
            elif m := re.fullmatch(r"/source/([^/]+)", path):
                page = source_page(preview, m.group(1))
                self._send(page.encode(), "text/html; charset=utf-8") if page else self._missing()
            else:
                self._missing()
        except (BrokenPipeError, ConnectionResetError):
            pass                    # the browser went away mid-answer

    def _send(self, body: bytes, kind: str, cache: str = "no-store", name: str | None = None) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        if name:
            self.send_header("Content-Disposition", f'attachment; filename="{name}"')
        self.end_headers()
        self.wfile.write(body)

    def _missing(self) -> None:
        self.send_error(HTTPStatus.NOT_FOUND)

    def _picture(self, preview: Preview, kind: str, index: int) -> None:
        pages = preview.memo if kind == "memo" else preview.deck_pictures
        if pages is None or not 0 <= index < len(pages.pages):
            return self._missing()
        # The URL names the build (V) only to refresh the browser's copy: a later build's
        # picture under an older URL is never asked for again.
        self._send(pages.png(index), "image/png", cache="max-age=3600")

    def _download(self, preview: Preview, name: str) -> None:
        path = preview.outputs.get(name)      # only what the build wrote: no path from the URL
        if path is None or not path.is_file():
            return self._missing()
        kind = next((t for suffix, t in TYPES.items() if name.endswith(suffix)), "application/octet-stream")
        self._send(path.read_bytes(), kind, name=name if not name.endswith(".md") else None)

    def _events(self, preview: Preview) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        seen = -1
        while not preview.stopping:
            version = preview.wait_for_change(seen, KEEPALIVE_SECONDS)
            message = f"data: {version}\n\n" if version != seen else ": still here\n\n"
            seen = version
            self.wfile.write(message.encode())
            self.wfile.flush()


def _page() -> bytes:
    return (resources.files("compiler.watch") / "page.html").read_bytes()
