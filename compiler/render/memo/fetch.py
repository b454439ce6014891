"""The memo's URL fetcher: WeasyPrint may read local files in allowed folders, nothing else.

Everything the PDF needs is either inline in the HTML (text, charts as <svg>) or a
file inside the briefing folder (images, a logo) or the compiler's own templates and
theme. Any other URL, including http(s), data: and file:// paths that leave those
folders through `..` or a symlink, is refused, and the refusal stops the render.
"""
from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


# The memo's base URL names the briefing folder by this fixed path, not by where the
# folder lies on this machine: WeasyPrint names each image after its URL, so a real
# path would make the PDF's bytes depend on the folder's location.
BRIEFING_URL_PATH = Path("/briefing")
BRIEFING_BASE_URL = "file:///briefing/"


class RefusedURL(ValueError):
    """A URL the memo is not allowed to read."""


class MemoFetcher(URLFetcher):
    """Serves `file:` URLs under the allowed folders; refuses everything else."""

    def __init__(self, allowed: Iterable[Path], briefing_root: Path | None = None):
        # fail_on_errors: a refused or missing resource stops the render instead of
        # WeasyPrint's default of logging a warning and leaving a hole in the page.
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self.allowed = tuple(Path(p).resolve() for p in allowed)
        self.briefing_root = briefing_root.resolve() if briefing_root else None

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        path = self.local_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(),
                                  headers={"Content-Type": content_type})

    def local_path(self, url: str) -> Path:
        """The file `url` names, if it lies inside an allowed folder."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused to fetch {_short(url)}: the memo reads no URLs, "
                             "only files inside the briefing folder")
        path = Path(url2pathname(unquote(parts.path)))
        if self.briefing_root and path.is_relative_to(BRIEFING_URL_PATH):
            path = self.briefing_root / path.relative_to(BRIEFING_URL_PATH)
        # resolve() follows `..` and symlinks, so neither can smuggle a path out.
        path = path.resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            raise RefusedURL(f"refused to read {path}: the memo may only read files "
                             f"inside {self.allowed[0]}")
        if not path.is_file():
            raise RefusedURL(f"cannot read {path}: no such file")
        return path


def _short(url: str, limit: int = 80) -> str:
    """data: URLs can be megabytes long; an error message needs only the start."""
    return url if len(url) <= limit else url[:limit] + "…"
