"""Render an exported .docx to PDF with LibreOffice, and the PDF to page images.

Used by ``make render`` (page images for a person to look at) and by the tests that check
the rendered PDF. The licensed 公文 fonts are mapped to Noto CJK through fonts.conf.

    python -m drafting.export.render REPORT.yaml --out build/render [--dpi 80]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .fonts import FONTCONFIG_FILE


class RenderError(RuntimeError):
    pass


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_env() -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    return env


def docx_to_pdf(docx: Path, out_dir: Path, timeout: float = 180) -> Path:
    """Convert with a private LibreOffice profile, so concurrent runs do not share a lock."""
    soffice = soffice_path()
    if soffice is None:
        raise RenderError("找不到 LibreOffice（soffice），无法生成 PDF。请安装 libreoffice-writer-nogui。")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)]
        proc = subprocess.run(cmd, env=render_env(), capture_output=True, text=True, timeout=timeout)
    pdf = out_dir / (docx.stem + ".pdf")
    if proc.returncode != 0 or not pdf.exists():
        raise RenderError(f"LibreOffice 转换失败（退出码 {proc.returncode}）：{proc.stderr.strip()[-500:]}")
    return pdf


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise RenderError("pdfinfo 没有给出页数")


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_to_png(pdf: Path, out_dir: Path, dpi: int = 80) -> list[Path]:
    prefix = out_dir / pdf.stem
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True)
    return sorted(out_dir.glob(pdf.stem + "-*.png"))


def main(argv: list[str] | None = None) -> int:
    from ..io import ReportLoadError, load_report
    from . import export_bytes

    ap = argparse.ArgumentParser(description="把报告导出为 .docx，用 LibreOffice 转为 PDF，并生成页面图片。")
    ap.add_argument("report")
    ap.add_argument("--out", default="build/render")
    ap.add_argument("--dpi", type=int, default=80)
    args = ap.parse_args(argv)
    try:
        report = load_report(args.report)
    except ReportLoadError as e:
        print("无法读取报告文件：" + "；".join(e.errors), file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*"):
        if old.suffix in (".png", ".pdf", ".docx"):
            old.unlink()
    data, filename, _ = export_bytes(report, "docx")
    docx = out / filename
    docx.write_bytes(data)
    t0 = time.monotonic()
    try:
        pdf = docx_to_pdf(docx, out)
    except RenderError as e:
        print(str(e), file=sys.stderr)
        return 2
    took = time.monotonic() - t0
    pngs = pdf_to_png(pdf, out, args.dpi)
    print(f"{docx}（{len(data)} 字节）→ {pdf.name}：{pdf_pages(pdf)} 页，转换用时 {took:.1f} 秒")
    for p in pngs:
        print(f"  {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
