"""A number as a reader sees it, in the memo, the deck's alternative text, the redline
and our messages: no trailing zeros, never an exponent."""
from __future__ import annotations


def shown(value: float, places: int = 2, spoken: bool = False) -> str:
    """1234 -> '1,234'; 2.5 -> '2.5'; -1 -> '−1' (a true minus), to `places` decimals.
    `spoken`: for alternative text and messages, no grouping commas (a screen reader takes
    them for a list separator) and a plain minus (read aloud as "minus")."""
    text = f"{value:{'' if spoken else ','}.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "0"):
        return "0"
    return text if spoken else text.replace("-", "\u2212")
