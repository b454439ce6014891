"""Citations: footnotes and bibliography through citeproc-py and a CSL style."""
