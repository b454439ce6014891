"""Stage 5, render: the frozen Briefing becomes a memo (PDF) and a deck (PPTX)."""
