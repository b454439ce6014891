"""The deck renderer: a resolved `Briefing` in, a 16:9 .pptx out (see render.py)."""
from compiler.render.deck.measure import fits, overflows, text_height
from compiler.render.deck.render import apply_theme, render_deck

__all__ = ["apply_theme", "fits", "overflows", "render_deck", "text_height"]
