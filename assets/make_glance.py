"""Draws assets/peru-at-a-glance.png, the sample briefing's picture figure.

Every number on it is from the CRS In Focus (sources/crs-if12372-peru-overview.txt); the
outline's figure cites it. Run `python assets/make_glance.py` after changing a number.
"""
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402

NAVY, GREY, PALE = "#1F3A5F", "#5F6368", "#EEF1F5"
TILES = [
    ("34 million", "inhabitants"),
    ("130", "members of a single-chamber\ncongress"),
    ("4 of 6", "presidents impeached or\nforced out since 2018"),
    ("42% → 20%", "poverty rate,\n2007 to 2019"),
    ("1.5 million", "Venezuelan refugees\nand migrants in Peru"),
    ("$22 billion+", "U.S.-Peru trade in 2022,\nup from $9 billion in 2009"),
]


def draw(path: Path) -> None:
    fig = Figure(figsize=(6.5, 2.6), dpi=200)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 2)
    ax.axis("off")
    for i, (number, label) in enumerate(TILES):
        x, y = i % 3, 1 - i // 3
        ax.add_patch(FancyBboxPatch((x + 0.04, y + 0.06), 0.92, 0.88, boxstyle="round,pad=0,rounding_size=0.04",
                                    facecolor=PALE, edgecolor="none"))
        ax.text(x + 0.5, y + 0.64, number, ha="center", va="center", fontsize=17, fontweight="bold",
                color=NAVY, family="Carlito")
        ax.text(x + 0.5, y + 0.28, label, ha="center", va="center", fontsize=8.5, color=GREY,
                family="Carlito", linespacing=1.25)
    fig.savefig(path, metadata={"Software": None})


if __name__ == "__main__":
    draw(Path(__file__).with_name("peru-at-a-glance.png"))
