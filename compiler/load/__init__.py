"""Stage 1, load: YAML with positions, catalogs, and the text of every source file."""
