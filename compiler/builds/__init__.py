"""Building: one briefing, several at once on every core, and only what changed."""
