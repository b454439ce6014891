"""What the output formats allow, and text shortened to fit, so that no library's limit
reaches the user as a crash."""
from __future__ import annotations

# python-pptx refuses a core property (title, subject, author, keywords) over 255
# characters: the limit Office itself keeps to for document properties.
CORE_PROPERTY_CHARS = 255


def shortened(text: str, limit: int) -> str:
    """`text` if it is at most `limit` characters; else cut at the last word boundary
    that leaves room for "…" (mid-word only when one word is longer than the limit)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > 0:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"
