"""Benchmark: text of a 100-page two-column PDF source, cold and cached, beside
pdfplumber's plain `extract_text()` and PDFium's plain text on the same file.

    python bench/bench_extract.py [--pages 100] [--runs 3]

The PDF is typeset with WeasyPrint like a CRS report (two justified, hyphenated columns,
running head and foot, superscript footnote calls, a full-width title); the time to
typeset it is not counted. "cold" is `source_text` with an empty extraction cache (what
the first build of a briefing pays), "cached" the same call again (every later build).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compiler.load.texts import Cache, source_text  # noqa: E402

WORDS = ("the committee noted that federal agencies reported substantial progress in "
         "modernizing government systems although several programs remained behind schedule "
         "and over budget according to auditors").split()


def write_pdf(path: Path, pages: int) -> None:
    import weasyprint
    rng = random.Random(1)

    def sentence(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."
    body = "".join(f"<p>{sentence(60)}<sup>{i}</sup> {sentence(30)}</p>" for i in range(int(pages * 5.7)))
    weasyprint.HTML(string=f"""<html lang="en"><head><style>
@page {{ size: letter; margin: 1in 0.8in;
  @top-center {{ content: "CRS INSIGHT"; font-size: 8pt }}
  @bottom-left {{ content: "Congressional Research Service"; font-size: 8pt }}
  @bottom-right {{ content: "IN12678 · " counter(page); font-size: 8pt }} }}
body {{ font: 10pt/1.25 serif; columns: 2; column-gap: 0.3in; hyphens: auto; text-align: justify }}
p {{ margin: 0 0 6pt }} sup {{ font-size: 60% }}
</style></head><body><h1 style="column-span: all">A benchmark report</h1>{body}</body></html>
""").write_pdf(path)


def best(runs: int, work) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        write_pdf(pdf, args.pages)

        import pdfplumber
        import pypdfium2
        with pdfplumber.open(pdf) as doc:
            pages = len(doc.pages)
        chars = 0

        def cold():
            nonlocal chars
            folder = Path(tempfile.mkdtemp(dir=tmp))
            text = source_text(pdf, Cache(folder, writable=True))
            chars = len(text)
            return folder
        cold_s, folder = best(args.runs, cold)
        cached_s, _ = best(args.runs, lambda: source_text(pdf, Cache(folder, writable=False)))

        def plumber():
            with pdfplumber.open(pdf) as doc:
                return "\f".join(p.extract_text() or "" for p in doc.pages)
        plumber_s, _ = best(1, plumber)

        def pdfium_plain():
            doc = pypdfium2.PdfDocument(str(pdf))
            return "\f".join(page.get_textpage().get_text_range() for page in doc)
        pdfium_s, _ = best(args.runs, pdfium_plain)

    print(f"{pages} pages, two columns, {chars:,} characters of text\n")
    print("| extraction | seconds |")
    print("|---|---:|")
    print(f"| ours, cold (empty cache): positions, reading order, furniture | {cold_s:.2f} |")
    print(f"| ours, cached (a rebuild) | {cached_s:.3f} |")
    print(f"| pdfplumber `extract_text()` (interleaves the columns) | {plumber_s:.2f} |")
    print(f"| PDFium plain text, no positions (interleaves the columns) | {pdfium_s:.2f} |")


if __name__ == "__main__":
    main()
