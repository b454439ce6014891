"""`brief diff`: the memo at two git revisions -> a redline PDF and a summary of the change.

    command.py    the command line (kept light: imported whenever `brief` starts)
    compare.py    compare(): both revisions through the pipeline, summarised, diffed, typeset
    revisions.py  a briefing at a revision: read from git into a temp folder, checked there
    summary.py    what changed, in words, from the two resolved briefings
    textdiff.py   the memo HTML compared block by block and word by word: <ins>, <del>, bars
    page.py       the first page, the marks' CSS, the terminal summary
"""
