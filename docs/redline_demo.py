"""The README's redline picture: the sample briefing in a throwaway git repository, a
second commit with a round of edits, then `brief diff HEAD~1` and pdftoppm.

    python docs/redline_demo.py [FOLDER]    (default: a temp folder; prints the PDF's path)
    python docs/redline_demo.py --png       also rewrites docs/redline.png (pages 1 and 4)
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GIT = ["git", "-c", "user.name=Staff", "-c", "user.email=staff@example.org", "-c", "commit.gpgsign=false"]

NEW_SOURCE = """\
Peru: Recent Developments

Congress removed President Dina Boluarte in October 2025, the fifth president in
seven years to leave office early.
"""


def edit(root: Path) -> None:
    """Counsel's round of edits: a word, a figure, a quote, a section cut, one moved,
    a source added to the catalog."""
    outline = (root / "outline.yaml").read_text(encoding="utf-8")
    outline = outline.replace("four of the six presidents since 2018 were impeached",
                              "four of the seven presidents since 2018 were impeached")
    outline = outline.replace('"Real GDP growth": [-11, 13.3, 2.7, 1.1]', '"Real GDP growth": [-11, 13.3, 2.7, 0.8]')
    outline = outline.replace("        evidence: \"an 11% contraction", "        # evidence: \"an 11% contraction")
    start = outline.index("  # ------------------------------------------------------------------ history")
    end = outline.index("  # ------------------------------------------------------------------ migration")
    outline = outline[:start] + outline[end:]
    quote = ('      - text: "Members of Congress may consider U.S. options to further strengthen bilateral ties"\n'
             "        source: crs-2024\n")
    anchor = "    quotes:\n      - text: \"Lawmakers created"
    outline = outline.replace(anchor, "    quotes:\n" + quote + anchor[len("    quotes:\n"):])
    outline = outline.replace("rewrite a third of the constitution\n      [@outmigration, para. 5].",
                              "rewrite a third of the constitution\n      [@outmigration, para. 5]. Congress removed"
                              " a fifth president in October 2025 [@update-2025].")
    migration = outline.index("  # ------------------------------------------------------------------ migration")
    crime = outline.index("  # ------------------------------------------------------------------ crime")
    trade = outline.index("  # ------------------------------------------------------------------ trade")
    outline = outline[:migration] + outline[crime:trade] + outline[migration:crime] + outline[trade:]
    (root / "outline.yaml").write_text(outline, encoding="utf-8")
    (root / "sources" / "update-2025.txt").write_text(NEW_SOURCE, encoding="utf-8")
    with open(root / "sources" / "sources.yaml", "a", encoding="utf-8") as catalog:
        catalog.write('\nupdate-2025:\n  file: update-2025.txt\n  title: "Peru: Recent Developments"\n'
                      '  publisher: "Subcommittee Staff"\n  date: 2025-11\n')


def _picture(pdf: Path, pages: list[int], target: Path) -> None:
    """Pages of the redline side by side, as the README shows them."""
    from PIL import Image
    with tempfile.TemporaryDirectory() as temp:
        shots = []
        for page in pages:
            stem = Path(temp) / f"page-{page}"
            subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", str(page), "-l", str(page), "-singlefile",
                            str(pdf), str(stem)], check=True)
            shots.append(Image.open(f"{stem}.png").convert("RGB"))
        gap = 24
        sheet = Image.new("RGB", (sum(s.width for s in shots) + gap * (len(shots) + 1),
                                  max(s.height for s in shots) + 2 * gap), "#D9DCE1")
        x = gap
        for shot in shots:
            sheet.paste(shot, (x, gap))
            x += shot.width + gap
        sheet.quantize(colors=96, dither=Image.Dither.NONE).save(target, optimize=True)


def main(argv: list[str]) -> int:
    png = "--png" in argv
    folders = [a for a in argv if not a.startswith("--")]
    root = Path(folders[0]) if folders else Path(tempfile.mkdtemp(prefix="redline-demo-")) / "peru"
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "outline.yaml", root / "outline.yaml")
    for folder in ("sources", "assets"):
        shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    (root / ".gitignore").write_text("out/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "Memo as circulated on Tuesday"], cwd=root, check=True)
    edit(root)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "Counsel's edits"], cwd=root, check=True)
    subprocess.run([sys.executable, "-m", "compiler", "diff", "HEAD~1"], cwd=root, check=True)
    pdf = root / "out" / "peru-hearing.redline.pdf"
    print(pdf)
    if png:
        _picture(pdf, [1, 4], REPO / "docs" / "redline.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
