"""Stage 3, verify: every quote found in its source's text, or a diagnosis of how it differs."""
