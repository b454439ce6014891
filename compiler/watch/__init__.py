"""`brief watch`: rebuild on every save and show the memo and the deck in the browser.

One warm process: it builds once, serves the preview on 127.0.0.1, then waits for
changes anywhere in the briefing folder (outline, catalog, sources, assets/, templates/,
the theme), all but the output folder, and in the shared themes' folders outside it. A burst of saves is one change; a change under
templates/ (the memo's HTML and CSS) rebuilds only the memo. Ctrl-C stops it.
"""
from __future__ import annotations

import os
import threading
import time
import webbrowser
from pathlib import Path

from compiler.folder import Folder
from compiler.load import themes
from compiler.watch.preview import Builder, DeckPictures, Preview, log
from compiler.watch.rasterise import Soffice
from compiler.watch.server import serve

# watchfiles waits until the folder has been quiet this long, so an editor's save
# (write a temp file, rename it over the old one) or a burst of saves is one build.
QUIET_MS = 120
WAKE_MS = 200


def watch(outline: str, port: int | None = None, open_browser: bool = True) -> int:
    import watchfiles
    folder = Folder.of_outline(outline)
    out_dir = Path(outline).resolve().parent / "out"        # where `brief build` writes
    preview = Preview(outline, out_dir)
    try:
        server = serve(preview, port)
    except (OSError, OverflowError) as e:      # busy, or not a port number
        where = f" on port {port}" if port is not None else ""
        log(f"brief: error: cannot serve the preview{where}: {getattr(e, 'strerror', None) or e}")
        return 2
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    log(f"brief watch: preview at {server.url}  (Ctrl-C stops)")
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
    soffice = Soffice(out_dir / ".cache" / "preview" / "libreoffice-profile")
    pictures = DeckPictures(preview, soffice, log)
    pictures.start()
    builder = Builder(preview, pictures, log)
    stop = threading.Event()
    try:
        # The watcher starts before the first build, so a save during that build is seen:
        # its first (empty) answer after WAKE_MS starts the first build.
        built = False
        for changes in watchfiles.watch(*_watched(folder.root), watch_filter=_filter(out_dir), stop_event=stop,
                                        step=QUIET_MS, debounce=2000, rust_timeout=WAKE_MS,
                                        yield_on_timeout=True, raise_interrupt=True):
            if built and not changes:
                continue
            started = time.perf_counter()
            paths = sorted({Path(p) for _, p in changes})
            if paths:
                named = [p for p in paths if p.exists()] or paths      # not an editor's vanished temp file
                log(f"changed: {', '.join(folder.shown(p) for p in named[:3])}{' …' * (len(named) > 3)}")
            memo_only = built and all(_memo_only(p, folder.root) for p in paths)
            builder.build(deck=not memo_only, started=started)
            built = True
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        preview.stop()
        soffice.stop()
        server.shutdown()
        server.server_close()
    log("brief watch: stopped")
    return 0


def _watched(root: Path) -> list[Path]:
    """The briefing folder, and the shared themes' places outside it (the `themes/` folders
    above it up to the git root, the per-user folder) that exist when the watch starts:
    a shared theme's edit rebuilds as the briefing's own files do."""
    outside = [p for p in themes.places(root) if not p.is_relative_to(root) and p.is_dir()]
    return [root, *dict.fromkeys(Path(os.path.realpath(p)) for p in outside)]


def _memo_only(path: Path, root: Path) -> bool:
    """templates/ holds the memo's HTML and CSS: the deck does not read it."""
    return path.is_relative_to(root / "templates")


def _filter(out_dir: Path):
    """watchfiles' defaults (no .git, editor swap files, caches) and not the output folder.
    (Not DefaultFilter's `ignore_paths`: a plain prefix, `out` would hide `outline.yaml`.)"""
    import watchfiles
    out = str(out_dir)

    class Filter(watchfiles.DefaultFilter):
        def __call__(self, change, path: str) -> bool:
            return path != out and not path.startswith(out + os.sep) and super().__call__(change, path)

    return Filter()
