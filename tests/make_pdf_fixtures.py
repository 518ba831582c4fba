"""Regenerate fixtures/pdf/: this project's own reports exported to .docx, rendered to PDF by
LibreOffice, and the PDF's pages rasterised (pdftoppm) and stored as an image-only PDF (a scan)
and as page images. Needs LibreOffice and poppler-utils; run by hand, never by the tests:

    .venv/bin/python tests/make_pdf_fixtures.py
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from drafting.export import export_bytes  # noqa: E402
from drafting.export.render import docx_to_pdf  # noqa: E402
from drafting.io import load_report  # noqa: E402

OUT = ROOT / "fixtures" / "pdf"
REPORTS = {"example": ROOT / "drafting" / "data" / "example.yaml",
           "seed": ROOT / "fixtures" / "reports" / "seed_xingqing_kjj_2019.yaml"}


def rasterise(pdf: Path, dpi: int, work: Path) -> list[Image.Image]:
    prefix = work / f"{pdf.stem}-{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True)
    return [Image.open(p).convert("L") for p in sorted(work.glob(f"{prefix.name}-*.png"))]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        for name, path in REPORTS.items():
            data, _, _ = export_bytes(load_report(path), "docx")
            docx = OUT / f"{name}.docx"
            docx.write_bytes(data)
            pdf = docx_to_pdf(docx, work)
            (OUT / f"{name}.pdf").write_bytes(pdf.read_bytes())
            if name == "example":
                # The scan: every page at 200 dpi, stored as JPEG in an image-only PDF, as a
                # scanner's software does.
                pages = rasterise(OUT / f"{name}.pdf", 200, work)
                pages[0].save(OUT / f"{name}_scan.pdf", save_all=True, append_images=pages[1:],
                              resolution=200, quality=80)
                # Page 3 (表二 and most of 表三) as an image file, scanned coarsely (100 dpi,
                # JPEG), where some figures cannot be read with certainty.
                coarse = rasterise(OUT / f"{name}.pdf", 100, work)
                coarse[2].save(OUT / "example_page3_100dpi.jpg", quality=70, dpi=(100, 100))
    for p in sorted(OUT.iterdir()):
        print(f"{p.relative_to(ROOT)}  {p.stat().st_size} 字节")


if __name__ == "__main__":
    main()
