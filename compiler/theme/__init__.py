"""The theme: colours, fonts and logo defined once for the memo and the deck.

Takes the built-in `theme.yaml` and the briefing's optional `assets/theme.yaml`
(any key overrides the built-in one); gives a `Theme`.
"""
from __future__ import annotations

from pathlib import Path

from compiler.theme import contrast
from compiler.diagnostics import Problems
from compiler.model import Location, Theme
from compiler.folder import Folder
from compiler.validate.base import SpecModel
from compiler.validate.check import validate
from compiler.validate.outline import Layout
from compiler.load.yamlfile import Loaded, load_yaml
from compiler.theme.letterhead import Colour, Letterhead, memo_style
from compiler.load.themes import THEME_FILE, SharedTheme

BUILT_IN = Path(__file__).with_name("theme.yaml")


class Colours(SpecModel):
    primary: Colour
    accent: Colour
    text: Colour
    muted: Colour
    rule: Colour
    light: Colour


class Fonts(SpecModel):
    serif: str
    """Named in the deck; every office machine has it."""
    serif_metric: str
    """Installed metric-compatible font: text is measured with it and the PDF embeds it."""
    sans: str
    sans_metric: str


class ThemeFile(SpecModel):
    colors: Colours
    palette: list[Colour]
    fonts: Fonts
    logo: str | None = None
    letterhead: Letterhead | None = None
    deck_template: str | None = None
    """The office's PowerPoint template (.pptx or .potx), in the theme's folder."""
    layouts: dict[Layout, str] | None = None
    """Our layouts mapped onto the template's by name (the outline's `layouts` win)."""


def load_theme(folder: Folder, problems: Problems | None = None, shared: "SharedTheme | None" = None) -> Theme:
    """The built-in theme with the shared theme's `theme.yaml` (outline `theme`), then the
    briefing's `assets/theme.yaml` laid over it; a colour pair of the override that is too
    faint to read is a warning in `problems`. A path (logo, deck template) is the folder's
    of the file that set it, through that folder's fence."""
    merged = load_yaml(BUILT_IN, "theme.yaml")
    origin: dict[str, tuple[Folder, Loaded]] = {}
    layers = []
    if shared is not None:
        path = shared.folder.require_file(shared.folder.root / THEME_FILE, "theme file",
                                          Location(f"{shared.shown}/{THEME_FILE}", 1, 1))
        layers.append((shared.folder, load_yaml(path, f"{shared.shown}/{THEME_FILE}")))
    # through the fence: `assets/theme.yaml` (or `assets/`) may be a symlink leading out
    override_path = folder.optional_file(folder.root / "assets" / "theme.yaml", "theme override")
    if override_path is not None:
        layers.append((folder, load_yaml(override_path, folder.shown(folder.root / "assets" / "theme.yaml"))))
    for owner, layer in layers:
        merged = Loaded(_overlay(merged.value, layer.value or {}), layer.positions)
        validate(ThemeFile, merged)         # each file's mistakes at its own lines
        for key in ("logo", "deck_template", "layouts"):
            if isinstance(layer.value, dict) and key in layer.value:
                origin[key] = (owner, layer)
    theme = validate(ThemeFile, merged)
    template = _deck_template(theme.deck_template, *origin.get("deck_template", (folder, merged)))
    built = Theme(
        **theme.colors.model_dump(), palette=tuple(theme.palette),
        **theme.fonts.model_dump(), logo=_logo(theme.logo, *origin.get("logo", (folder, merged))),
        deck_template=template, shared=shared.shown if shared else None,
        shared_root=shared.folder.root if shared else None,
        deck_template_at=origin["deck_template"][1].positions.of(("deck_template",))
        if "deck_template" in origin else None,
        deck_template_shown=origin["deck_template"][0].shown(template) if template else None,
        layouts=tuple((theme.layouts or {}).items()),
        letterhead_name=theme.letterhead.name if theme.letterhead else None,
        letterhead_address=tuple(theme.letterhead.address) if theme.letterhead else (),
        letterhead_header=theme.letterhead.header if theme.letterhead else None,
        letterhead_footer=theme.letterhead.footer if theme.letterhead else None,
        memo_style=memo_style(theme.letterhead, merged, problems if override_path is not None else None))
    if problems is not None and override_path is not None:
        _contrast(built, merged, problems)
    return built


def _contrast(theme: Theme, loaded: Loaded, problems: Problems) -> None:
    """Each failing pair is reported at the colour the override set (the text's first)."""
    written = (loaded.value or {}).get("colors") or {}
    for pair, text, background, value in contrast.failing(theme):
        key = next((k for k in (pair.text, pair.background) if k in written), None)
        at = loaded.positions.of(("colors", key)) if key else loaded.positions.of(())
        problems.warning(at, contrast.message(pair, text, background, value))


def built_in_theme() -> Theme:
    """The theme as the compiler ships it (no briefing's overrides)."""
    theme = validate(ThemeFile, load_yaml(BUILT_IN, "theme.yaml"))
    return Theme(**theme.colors.model_dump(), palette=tuple(theme.palette),
                 **theme.fonts.model_dump(), logo=None)


def _overlay(base: dict, top: dict) -> dict:
    out = dict(base)
    for key, value in (top.items() if isinstance(top, dict) else ()):
        out[key] = _overlay(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out


def _deck_template(path: str | None, folder: Folder, loaded: Loaded) -> Path | None:
    if not path:
        return None
    from compiler.render.deck.office import SUFFIXES      # python-pptx: only for a template
    return folder.require_file(folder.root / path, "deck template", loaded.positions.of(("deck_template",)),
                               folder.shown(folder.root / path), SUFFIXES)


def _logo(path: str | None, folder: Folder, loaded: Loaded) -> Path | None:
    if not path:
        return None
    problems = Problems()
    at: Location = loaded.positions.of(("logo",))
    logo, why = folder.check_file(folder.root / path, "logo", path if folder.what == "briefing folder"
                                  else folder.shown(folder.root / path))
    if why is not None:                 # (None, why) when the logo may not be read
        problems.error(at, why)
    problems.raise_if_errors()
    return logo
