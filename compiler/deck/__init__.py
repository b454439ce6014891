"""The deck renderer: a resolved `Briefing` in, a 16:9 .pptx out (see render.py)."""
from .measure import fits, overflows, text_height
from .render import apply_theme, render_deck

__all__ = ["apply_theme", "fits", "overflows", "render_deck", "text_height"]
