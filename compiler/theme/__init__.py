"""The theme: colours, fonts and logo defined once for the memo and the deck.

Takes the built-in `theme.yaml` and the briefing's optional `assets/theme.yaml`
(any key overrides the built-in one); gives a `Theme`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator

from compiler.theme import contrast
from compiler.diagnostics import Problems
from compiler.model import Location, Theme
from compiler.folder import Folder
from compiler.validate.specs import _Model, validate
from compiler.load.yamlfile import Loaded, load_yaml

BUILT_IN = Path(__file__).with_name("theme.yaml")


def _hex(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError(f"must be a colour written #RRGGBB, not {value!r}")
    return value.upper()


Colour = Annotated[str, AfterValidator(_hex)]


class Colours(_Model):
    primary: Colour
    accent: Colour
    text: Colour
    muted: Colour
    rule: Colour
    light: Colour


class Fonts(_Model):
    serif: str
    """Named in the deck; every office machine has it."""
    serif_metric: str
    """Installed metric-compatible font: text is measured with it and the PDF embeds it."""
    sans: str
    sans_metric: str


class Letterhead(_Model):
    name: str
    """The office's name, at the top of the memo's first page."""
    address: list[str] = []
    """Lines under the name: street, city, telephone, web address."""


class ThemeFile(_Model):
    colors: Colours
    palette: list[Colour]
    fonts: Fonts
    logo: str | None = None
    letterhead: Letterhead | None = None


def load_theme(folder: Folder, problems: Problems | None = None) -> Theme:
    """The built-in theme with the briefing's `assets/theme.yaml` laid over it; a colour
    pair of the override that is too faint to read is a warning in `problems`."""
    merged = load_yaml(BUILT_IN, "theme.yaml")
    # through the fence: `assets/theme.yaml` (or `assets/`) may be a symlink leading out
    override_path = folder.optional_file(folder.root / "assets" / "theme.yaml", "theme override")
    if override_path is not None:
        override = load_yaml(override_path, folder.shown(folder.root / "assets" / "theme.yaml"))
        merged = Loaded(_overlay(merged.value, override.value or {}), override.positions)
    theme = validate(ThemeFile, merged)
    built = Theme(
        **theme.colors.model_dump(), palette=tuple(theme.palette),
        **theme.fonts.model_dump(), logo=_logo(theme.logo, folder, merged),
        letterhead_name=theme.letterhead.name if theme.letterhead else None,
        letterhead_address=tuple(theme.letterhead.address) if theme.letterhead else ())
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


def _logo(path: str | None, folder: Folder, loaded: Loaded) -> Path | None:
    if not path:
        return None
    problems = Problems()
    at: Location = loaded.positions.of(("logo",))
    logo, why = folder.check_file(folder.root / path, "logo", path)
    if logo is None:
        problems.error(at, why)
    problems.raise_if_errors()
    return logo
