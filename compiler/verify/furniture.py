"""What in an extracted text is not the document's text, for the quote verifier to pass
over: page furniture left in a PDF's text, the lines a web page's template inserts between
paragraphs, footnote calls glued to words. Works on lines and characters of text already
in the verifier's normal form (one space, "-" for every dash, straight quotes).

Strict on purpose: a line that may be a sentence of the text is never furniture or an
inserted line, and digits that may be part of a number are never a footnote call, since
passing over them could accept a quote that dropped words or changed a number.
"""
from __future__ import annotations

import re

EDGE_LINES = 4           # a page's first and last lines, where furniture sits
MAX_INSERTED_LINES = 4   # inserted web lines (a label and its link titles) skipped at one place

_NUMBER = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"(?i)(?:page |p\. ?|pág\. ?|página |[A-Z]{2,6}-)?-?(\d{1,4})-?"
                          r"(?: (?:of|de) \d{1,4})?")
# Labels web templates put on inserted lines, followed by ":", "|", "»" or "•" (in the
# normal form " - " is "-", as in "Video-game", so a dash does not count). Words that
# also open sentences ("Watch", "Listen", "Mira") count only in capitals.
_LEADS = ("MIRA|MIRA TAMBIÉN|Mira también|LEE TAMBIÉN|Lee también|LEA TAMBIÉN|Lea también|"
          "TE PUEDE INTERESAR|Te puede interesar|LEE MÁS|Lee más|MÁS INFORMACIÓN|Más información|"
          "READ MORE|Read more|Read More|READ ALSO|Read also|ALSO READ|Also read|RELATED|Related|"
          "Related (?:articles|stories|coverage)|Related Articles|SEE ALSO|See also|WATCH|VIDEO|LISTEN|"
          "MORE|RECOMMENDED|Recommended|TE RECOMENDAMOS|Te recomendamos")
_ALONE = {"Advertisement", "ADVERTISEMENT", "Publicidad", "PUBLICIDAD", "Anuncio", "Sponsored", "SPONSORED",
          "Story continues below", "Story continues below advertisement", "Continue reading",
          "Continue reading below", "Scroll to continue with content", "Related", "RELATED", "Related articles",
          "Related Articles", "Related stories", "Read more", "READ MORE", "See also", "Lee también",
          "LEE TAMBIÉN", "Te puede interesar", "TE PUEDE INTERESAR", "Más información", "MÁS INFORMACIÓN"}
_LISTS = {"RELATED", "Related", "Related articles", "Related Articles", "Related stories", "Read more",
          "READ MORE", "See also", "SEE ALSO", "Lee también", "LEE TAMBIÉN", "Te puede interesar",
          "TE PUEDE INTERESAR", "Más información", "MÁS INFORMACIÓN"}     # labels over a list of links
_LEAD = re.compile(rf"(?:{_LEADS}) ?[:|»•] ?")


def page_furniture(lines: list[str], page: list[int]) -> bytearray:
    """Which lines (each with its page, from 0) are page furniture extraction left in:
    short lines among a page's first or last EDGE_LINES lines that recur at another
    page's edge, the same or with a number that keeps step with the page ("Page 3 of 9",
    "CRS-3"), or that are the page's own number ("3", "Page 3", "- 3 -")."""
    edge = [j for j in range(len(lines)) if 0 < len(lines[j]) <= 100 and (
        j < EDGE_LINES or page[j - EDGE_LINES] != page[j]
        or j + EDGE_LINES >= len(lines) or page[j + EDGE_LINES] != page[j])]
    keys: dict[int, list[tuple]] = {}
    pages: dict[tuple, set[int]] = {}
    for j in edge:        # the line itself; the line less a number, with number - page
        line = lines[j]
        keys[j] = [(line, 0)] * any(c.isalpha() for c in line) + [
            (" ".join((line[:m.start()] + line[m.end():]).split()), int(m.group()) - page[j])
            for m in _NUMBER.finditer(line)]
        for key in keys[j]:
            pages.setdefault(key, set()).add(page[j])
    out = bytearray(len(lines))
    for j in edge:
        number = _PAGE_NUMBER.fullmatch(lines[j])
        if (any(len(pages[key]) >= 2 for key in keys[j])
                or (number and int(number.group(number.lastindex or 0)) == page[j] + 1)):
            out[j] = 1
    return out


# A footnote as extracted: its number (`1 See`, `12. Hearing`, WeasyPrint's `1.`) or
# symbol, then what notes open with: a capital, a digit, a bracket or quote, a URL.
_NOTE = re.compile(r"(?:(\d{1,3})\.?|[*†‡§¶]{1,3}) (?=[A-Z0-9(\[\"'§]|https?:|www\.)")
_SENTENCE_END = re.compile(r"[.!?:;][\"')\]]*$")


def trailing_notes(lines: list[str], page: list[int], starts_paragraph: list[bool],
                   furniture: bytearray) -> bytearray:
    """The footnote block closing each page (load/pdf.py puts a page's notes there): 1 on its
    first line, 2 on the others. A run of paragraphs at the page's end (furniture aside),
    each opening with a note number, the numbers consecutive, after a body line that
    stops inside a sentence, so that a quote crossing the page break is cut by the notes;
    a body paragraph never reads so (a numbered list after "as follows:" stays text)."""
    out = bytearray(len(lines))
    j = len(lines) - 1
    while j >= 0:
        p, end = page[j], j
        while end >= 0 and page[end] == p and furniture[end]:
            end -= 1
        numbers: list[str | None] = []       # the notes' numbers, from the end of the page
        first, k = None, end
        while k >= 0 and page[k] == p:          # paragraph by paragraph, from the end
            top = k
            while top > 0 and page[top - 1] == p and not starts_paragraph[top]:
                top -= 1
            note = _NOTE.match(lines[top])
            if not note:                      # (a short note may also read as furniture)
                break
            if numbers and numbers[-1] and note.group(1) and int(note.group(1)) != int(numbers[-1]) - 1:
                break                         # "49 countries ..." above note 1: body text
            numbers.append(note.group(1))
            first, k = top, top - 1
        while j >= 0 and page[j] == p:
            j -= 1
        if first is None or k < 0 or page[k] != p or _SENTENCE_END.search(lines[k]):
            continue
        digits = [int(n) for n in reversed(numbers) if n is not None]
        if len(digits) not in (0, len(numbers)) or any(b != a + 1 for a, b in zip(digits, digits[1:])):
            continue
        out[first] = 1
        for m in range(first + 1, end + 1):
            out[m] = 2
    return out


def inserted_lines(lines: list[str]) -> bytearray:
    """Lines a web page's template put between paragraphs: labelled ones ("READ
    MORE: …", "Advertisement"), link titles under a label, and Title Case link titles
    between two paragraphs."""
    out = bytearray(len(lines))
    after_label = 0
    for j, line in enumerate(lines):
        if _label(line):
            out[j], after_label = 1, MAX_INSERTED_LINES - 1 if line.rstrip(":") in _LISTS else 0
        elif after_label and _link_title(line, listed=True):
            out[j], after_label = 1, after_label - 1
        else:
            after_label = 0
            if (0 < j < len(lines) - 1 and _link_title(line) and _title_case(line)
                    and _paragraph(lines[j - 1]) and _paragraph(lines[j + 1])):
                out[j] = 1
    return out


def _label(line: str) -> bool:
    """A line a site's template inserts: a label alone ("Advertisement", "Related:") or a
    label before a link title ("READ MORE: Peru declares …"; not before a sentence)."""
    if line.removesuffix(":") in _ALONE:
        return True
    lead = _LEAD.match(line)
    title = line[lead.end():] if lead else ""
    return bool(title) and (title[0].isupper() or title[0] in "0123456789\"'¿¡") and _link_title(title, True)


def _link_title(line: str, listed: bool = False) -> bool:
    """A short line that is no sentence: 2-14 words, not ending as a sentence or clause
    does (a question may, in a list of links under a label), not a list item."""
    words = line.split(" ")
    ends = ".,;:…" if listed else ".,;:!?…"
    return (2 <= len(words) <= 14 and len(line) <= 100 and (line[0].isalnum() or listed and line[0] in "¿¡\"'")
            and not line.rstrip("\"')»").endswith(tuple(ends))
            and not re.search(r"[.!?] [A-Z]", line))


def _title_case(line: str) -> bool:
    long = [w for w in line.split(" ") if len(w) >= 4]
    return bool(long) and sum(w[0].isupper() for w in long) * 4 >= len(long) * 3


def _paragraph(line: str) -> bool:
    """A line that is a sentence or more: >= 6 words, ending as a sentence does."""
    return len(line.split(" ")) >= 6 and bool(re.search(r"[.!?…][\"')»]*$", line))


def marker_len(text: str, n: int) -> int:
    """Length of a footnote marker at n followed by a space or punctuation (`said.1 The`,
    `inhabitants2 of`), else 0."""
    end = _digits_end(text, n)
    if not end or (end < len(text) and text[end].isalnum()):
        return 0
    return end - n if _after_word(text, n) or _after_punctuation(text, n, end) else 0


def glued_marker_len(text: str, n: int) -> int:
    """Length of a footnote marker at n that took the place of the space after it
    (`Reports1from`, `attitude.3An`, `(MCAS)8can`), else 0."""
    end = _digits_end(text, n)
    if not end or end >= len(text) or not text[end].isalpha():
        return 0
    return end - n if _after_word(text, n) or _after_punctuation(text, n, end) else 0


def _digits_end(text: str, n: int) -> int:
    """End of the 1-3 digits at n that may be a marker; 0 if none or part of a number."""
    if n == 0 or not text[n].isdigit():
        return 0
    end = n
    while end < len(text) and text[end].isdigit():
        end += 1
    if end - n > 3 or (end + 1 < len(text) and text[end] in ".,:" and text[end + 1].isdigit()):
        return 0                                     # 2024, 3.5, 10,000
    return end


def _after_word(text: str, n: int) -> bool:
    """Digits glued to the end of a lowercase word of three letters or more (not FY2024,
    not mp3 or g7): `inhabitants2`, `law3`."""
    return n >= 3 and text[n - 1].islower() and text[n - 3:n].isalpha()


def _after_punctuation(text: str, n: int, end: int) -> bool:
    """Digits after the punctuation closing a word: `government.1 Instead`, `(MCAS)8`,
    `said,2 and`. After a full stop, a sentence must follow (`art.3 of`, `H.R.3` and
    `p.3` are references, not markers)."""
    if n < 2:
        return False
    mark, before = text[n - 1], text[n - 2]
    if mark in ")\"'":
        return before.isalpha() or before in ".!?,;)\"'"
    if mark in ",;:":
        return before.isalpha() or before in ")\"'"
    if mark not in ".!?":
        return False
    word = re.findall(r"[^\W\d_]*$", text[max(0, n - 12):n - 1])[0]
    if not (before in ")\"'" or (before.islower() and word.lower() not in _ABBREVIATIONS)):
        return False
    rest = text[end:end + 3]
    return rest == "" or rest[0].isupper() or (rest[0] == " " and (rest[1:2] == "" or rest[1].isupper()
                                                                    or rest[1] in "\"'("))


_ABBREVIATIONS = {"p", "pp", "no", "nos", "vol", "art", "arts", "sec", "secs", "ch", "chap", "fig",
                  "figs", "tab", "eq", "ref", "para", "nr", "núm", "cap", "op", "cit", "id", "ibid"}
