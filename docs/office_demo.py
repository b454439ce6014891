"""The README's before/after picture for office templates: the sample briefing built as it
ships, then again with a committee's shared theme (a PowerPoint template of its own and a
memo letterhead), its first memo page and three slides of each, drawn by pdftoppm and
LibreOffice.

    python docs/office_demo.py [FOLDER]    (default: a temp folder; prints where the builds are)
    python docs/office_demo.py --png       also rewrites docs/office.png
"""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

REPO = Path(__file__).resolve().parent.parent
MAROON, GOLD = RGBColor(0x6E, 0x1A, 0x2A), RGBColor(0xC9, 0xA2, 0x4D)

THEME = """\
logo: seal.png
deck_template: committee.pptx
letterhead:
  name: "Committee on Foreign Affairs"
  address: ["2170 Rayburn House Office Building", "Washington, DC 20515"]
  header: "Majority Staff · For Committee Use"
  footer: "Committee on Foreign Affairs · foreignaffairs.house.gov"
  heading: {color: "#6E1A2A", font: Cambria}
  body: {color: "#202020", font: Cambria}
"""


def committee_template() -> bytes:
    """A committee's 16:9 template: Office layout names, a maroon band and gold rule on the
    master, serif titles, its own accent colours."""
    prs = Presentation()
    scale = 13.333 / 10
    prs.slide_width = Inches(13.333)
    master = prs.slide_masters[0]
    for part in (master, *master.slide_layouts):
        for tag in ("a:off", "a:ext"):
            for el in part._element.iter(qn(tag)):
                key = "x" if tag == "a:off" else "cx"
                el.set(key, str(int(int(el.get(key)) * scale)))
    theme_part = master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    scheme = theme.find(f".//{qn('a:clrScheme')}")
    for slot, value in (("dk2", "6E1A2A"), ("accent1", "6E1A2A"), ("accent2", "C9A24D"),
                        ("accent3", "3E5C76"), ("accent4", "8C8C8C")):
        el = scheme.find(qn(f"a:{slot}"))
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, qn("a:srgbClr")).set("val", value)
    theme.find(f".//{qn('a:majorFont')}").find(qn("a:latin")).set("typeface", "Cambria")
    theme.find(f".//{qn('a:minorFont')}").find(qn("a:latin")).set("typeface", "Calibri")
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
    # shapes are drawn on a scratch slide (python-pptx adds none to a master), then moved
    scratch = prs.slides.add_slide(master.slide_layouts[6])
    band = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, Inches(0.28))
    rule = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Inches(0.28), prs.slide_width, Inches(0.05))
    for shape, colour in ((band, MAROON), (rule, GOLD)):
        shape.fill.solid()
        shape.fill.fore_color.rgb = colour
        shape.line.fill.background()
    tree = master.shapes._spTree          # behind the placeholders
    for shape in (rule, band):
        tree.insert(2, shape._element)
    slides = prs.slides._sldIdLst
    prs.part.drop_rel(slides[0].rId)
    slides.remove(slides[0])
    for ph in master.placeholders:
        if ph.placeholder_format.idx == 0:
            for run_props in ph._element.iter(qn("a:defRPr")):
                run_props.set("sz", str(Pt(36).centipoints))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def seal() -> Image.Image:
    picture = Image.new("RGB", (240, 240), "white")
    draw = ImageDraw.Draw(picture)
    draw.ellipse((8, 8, 232, 232), fill=(0x6E, 0x1A, 0x2A))
    draw.ellipse((34, 34, 206, 206), outline=(0xC9, 0xA2, 0x4D), width=10)
    return picture


def build(folder: Path, themed: bool) -> Path:
    """The sample copied to `folder` (with the committee's theme beside it) and built."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("sources", "assets"):
        shutil.copytree(REPO / name, folder / name)
    outline = (REPO / "outline.yaml").read_text(encoding="utf-8")
    if themed:
        theme = folder / "themes" / "committee"
        theme.mkdir(parents=True)
        (theme / "theme.yaml").write_text(THEME, encoding="utf-8")
        (theme / "committee.pptx").write_bytes(committee_template())
        seal().save(theme / "seal.png")
        outline = "theme: committee\n" + outline
    (folder / "outline.yaml").write_text(outline, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "compiler", "build"], cwd=folder, check=True,
                   env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin:/usr/local/bin"})
    return folder / "out"


def _pages(pdf: Path, pages: list[int], dpi: int, temp: Path, tag: str) -> list[Image.Image]:
    shots = []
    for page in pages:
        stem = temp / f"{tag}-{page}"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png",
                        "-singlefile", str(pdf), str(stem)], check=True)
        shots.append(Image.open(f"{stem}.png").convert("RGB"))
    return shots


def picture(before: Path, after: Path, target: Path) -> None:
    """Two rows, as shipped and with the committee's theme: the memo's first page, then
    the title slide, a bullets slide and a chart slide."""
    with tempfile.TemporaryDirectory() as temp:
        rows = []
        for tag, out in (("before", before), ("after", after)):
            subprocess.run(["soffice", f"-env:UserInstallation=file://{temp}/lo", "--headless",
                            "--convert-to", "pdf", "--outdir", f"{temp}/{tag}",
                            str(out / "peru-hearing.pptx")], check=True, capture_output=True)
            memo = _pages(out / "peru-hearing.pdf", [1], 50, Path(temp), f"{tag}-memo")[0]
            slides = _pages(Path(temp) / tag / "peru-hearing.pdf", [1, 3, 7], 40, Path(temp), f"{tag}-slide")
            height = memo.height
            slides = [s.resize((int(s.width * height / 2 / s.height), height // 2)) for s in slides]
            width = memo.width + 24 + 2 * (slides[0].width + 12)
            row = Image.new("RGB", (width, height), "white")
            row.paste(memo, (0, 0))
            x = memo.width + 24
            for i, slide in enumerate(slides):
                row.paste(slide, (x + (i % 2) * (slide.width + 12), (i // 2) * (height // 2 + 6)))
            rows.append(row)
        sheet = Image.new("RGB", (max(r.width for r in rows), sum(r.height for r in rows) + 30), (235, 235, 235))
        y = 0
        for row in rows:
            sheet.paste(row, (0, y))
            y += row.height + 30
        sheet.save(target, optimize=True)


def main(argv: list[str]) -> int:
    png = "--png" in argv
    args = [a for a in argv if a != "--png"]
    root = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="office-demo-"))
    before, after = build(root / "as-shipped", False), build(root / "committee", True)
    print(f"builds: {before}, {after}")
    if png:
        picture(before, after, REPO / "docs" / "office.png")
        print(f"wrote {REPO / 'docs' / 'office.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
