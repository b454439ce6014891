"""Stage 4, resolve: the specs and texts become the frozen Briefing (numbers, notes, figures)."""
