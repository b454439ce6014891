"""Stage 3, verify: every quote found in its source's text, or a diagnosis of how it differs.

The public entry is `compiler.verify.corpus.Corpus` (with its results `Match` and `Miss`).
The modules, each using only those listed before it:

    forgiven    what the verifier forgives and how far: limits, and the flags a match keeps
    normalise   the normal form quotes and sources are compared in, mapped back to raw offsets
    furniture   which lines of extracted text are not the document's (running heads, page
                numbers, footnote blocks, a web page's inserted lines), and footnote calls
    document    one source's text: its lines, what may be skipped, columns, locators
    pieces      a quote parsed into pieces between omissions, with its [alterations]
    search      placing the pieces in a document, exactly or across what is forgiven
    diagnose    for a quote not found, the closest passage and how it differs
    corpus      every source of a briefing, read once: verify a quote, find a phrase
    written     the quotes of an outline that does not validate, verified as written, so that
                misquotes are reported with the schema errors
"""
