"""The deck renderer: a resolved `Briefing` in, a 16:9 .pptx out (see render.py)."""
from .render import apply_theme, render_deck

__all__ = ["apply_theme", "render_deck"]
