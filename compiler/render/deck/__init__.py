"""The deck renderer: a resolved `Briefing` in, a 16:9 .pptx out.

    builder      the slide sequence (title, sections, sources, furniture) and our template's slides
    paginate     what goes on each slide and the "(cont.)" splits: pure functions, no python-pptx
    shapes       placeholders filled, runs, titles sized to fit, labels, pictures
    tables       native tables, their column widths and slide-sized runs of rows
    charts       native charts
    oxml         every raw XML edit
    measure      text measured with real font metrics; whether a placeholder's text overflows
    geometry     where things sit on our 16:9 slide
    package      the deterministic zip and the names of new parts
    credits      attributions and source lines;  access: alternative text, titles, language
    office       an office's template read; office_deck its slides, with office_figures,
                 office_furniture, office_keep (its own slides) and office_theme (its colours)
"""
from compiler.render.deck.builder import apply_theme, render_deck
from compiler.render.deck.measure import overflows, text_height

__all__ = ["apply_theme", "overflows", "render_deck", "text_height"]
