"""OCR of scanned reports: image-only PDF pages and image files (.png, .jpg).

Engine: Tesseract 5 (LSTM) through tesserocr, with the language data of Debian's packages
tesseract-ocr-chi-sim and tesseract-ocr-eng (installed by the system setup, never downloaded
at run time). Why Tesseract rather than RapidOCR: it gives a confidence and the alternative
readings for every single character, which is what a cell that cannot be read with certainty
must be reported with; RapidOCR gives one score per text line. Both were measured on this
project's own scans (README, 读取已发布的报告).

How a page is read:

1. The page is binarised and deskewed; the ruling lines of its tables are found as long
   straight runs of dark pixels, and cut into cells by layout.find_tables, as for the PDF
   text layer. A cell is read alone, so blank cells stay blank and figures never run together.
2. Every cell with ink is read twice: once as digits only (eng, digits whitelisted) and once
   as Chinese text (chi_sim). A figure is taken only when every digit is read with confidence
   CONFIDENCE or more and the Chinese reading does not read other figures there; otherwise the
   cell gets the marker of tables.unsure_cell with the candidate readings, so it is reported
   (P001) and left blank, never guessed.
3. Text outside the tables is read as a block (chi_sim); a number in it with a digit read
   below CONFIDENCE is reported (P001, with its line and the alternative readings).

Everything is handed to layout.assemble like the text layer, in points (1/72 inch).
"""
from __future__ import annotations

import io
import itertools
import os
import re
import threading
from pathlib import Path

from .. import limits
from ..io import ReportLoadError
from .layout import Glyph, Page, Seg, Table, find_tables
from ..model import ReadProblem
from .tables import Problem, unsure_cell

IMAGE_EXTS = {".png", ".jpg", ".jpeg"}
MAX_IMAGE_BYTES = limits.limit("image_bytes")
MAX_IMAGE_PIXELS = 80_000_000          # decoded; an A4 page at 600 dpi is 35 Mpx
OCR_DPI = 200                           # PDF pages are rendered at this resolution
MIN_DPI = 200                           # coarser scans are enlarged to it first
MAX_OCR_SIDE = 4200                     # pixels; larger scans are scaled down (A4 at 360 dpi)
CONFIDENCE = 90                         # per character, 0–100 (Tesseract's scale)
UNSURE_LINE_CHARS = 40                  # lines this short are titles and 落款, checked for the agency
MAX_CANDIDATES = 6

_TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                  "/usr/share/tessdata", "/usr/local/share/tessdata")


def image_kind(raw: bytes) -> str | None:
    if raw[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if raw[:3] == b"\xff\xd8\xff":
        return "jpeg"
    return None


def tessdata_dir() -> str | None:
    """Where Tesseract's language data is: TESSDATA_PREFIX, or the Debian package paths."""
    cands = [os.environ.get("TESSDATA_PREFIX", "")] + list(_TESSDATA_DIRS)
    for d in cands:
        if d and (Path(d) / "chi_sim.traineddata").is_file() and (Path(d) / "eng.traineddata").is_file():
            return d.rstrip("/") + "/"
    return None


# -- the engine -------------------------------------------------------------------------------
class _Engine:
    """Two Tesseract instances, created once: Chinese text, and digits only (English model). Tesseract instances are not thread-safe: one lock guards them."""

    def __init__(self) -> None:
        try:
            import tesserocr
        except ImportError:
            raise ReportLoadError(["识别扫描件需要 tesserocr 程序包，当前环境中没有安装；请运行 make install"]) from None
        path = tessdata_dir()
        if path is None:
            raise ReportLoadError(["识别扫描件需要 Tesseract 的中文和英文识别数据（Debian 软件包 tesseract-ocr-chi-sim、"
                                   "tesseract-ocr-eng），本机没有安装；请安装后再读取扫描件"])
        self.t = tesserocr
        self.text = tesserocr.PyTessBaseAPI(path=path, lang="chi_sim", psm=tesserocr.PSM.SINGLE_BLOCK)
        self.text.SetVariable("lstm_choice_mode", "2")
        self.digits = tesserocr.PyTessBaseAPI(path=path, lang="eng", psm=tesserocr.PSM.SINGLE_LINE)
        self.digits.SetVariable("tessedit_char_whitelist", "0123456789.")
        self.digits.SetVariable("lstm_choice_mode", "2")     # alternatives for every character
        self.lock = threading.Lock()


_engine: _Engine | None = None
_engine_lock = threading.Lock()


def engine() -> _Engine:
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = _Engine()
        return _engine


def _symbols(api, t) -> list[tuple[str, float, list[tuple[str, float]]]]:
    """(character, confidence, alternatives) of the last recognition, in reading order."""
    out = []
    ri = api.GetIterator()
    if ri is None:
        return out
    level = t.RIL.SYMBOL
    for s in t.iterate_level(ri, level):
        try:
            ch = s.GetUTF8Text(level)
        except RuntimeError:     # an empty result has no text at this level
            continue
        conf = s.Confidence(level)
        alts: list[tuple[str, float]] = []
        try:
            for c in s.GetChoiceIterator():
                alts.append((c.GetUTF8Text(), c.Confidence()))
        except RuntimeError:
            pass
        out.append((ch, conf, alts))
    return out


def read_digits(eng: _Engine, img) -> tuple[str, float, list[str]]:
    """A crop read as digits: (text, lowest character confidence, candidate readings)."""
    eng.digits.SetImage(img)
    eng.digits.Recognize()
    syms = [s for s in _symbols(eng.digits, eng.t) if s[0].strip()]
    if not syms:
        return "", 0.0, []
    text = "".join(ch for ch, _, _ in syms)
    low = min(conf for _, conf, _ in syms)
    options = []
    for ch, conf, alts in syms:
        opts = [ch]
        if conf < CONFIDENCE:
            for a, c in sorted(alts, key=lambda x: -x[1]):
                if a and a not in opts and re.fullmatch(r"[0-9.]", a) and len(opts) < 3:
                    opts.append(a)
        options.append(opts)
    cands: list[str] = []
    for combo in itertools.islice(itertools.product(*options), 64):
        c = "".join(combo)
        if _number(c) and c not in cands:
            cands.append(c)
        if len(cands) >= MAX_CANDIDATES:
            break
    return text, low, cands


def read_text(eng: _Engine, img) -> str:
    eng.text.SetImage(img)
    return re.sub(r"\s+", "", eng.text.GetUTF8Text() or "")


def _number(s: str) -> bool:
    return bool(re.fullmatch(r"(?:0|[1-9]\d{0,8})(?:\.\d+)?", s))


_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGITISH = re.compile(r"^[0-9０-９.．,，oOlI|Ss一\-]*$")


# -- image geometry ---------------------------------------------------------------------------
def _np():
    import numpy as np
    return np


def otsu(gray) -> int:
    np = _np()
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256, dtype=np.float64)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    mt = m0[-1]
    w1 = total - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mt * w0 - m0 * total) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


def _long_runs(dark, k: int):
    """Pixels that belong to a horizontal run of at least k dark pixels."""
    np = _np()
    h, w = dark.shape
    if w < k:
        return np.zeros_like(dark)
    cs = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(dark, axis=1, out=cs[:, 1:])
    full = (cs[:, k:] - cs[:, :-k]) == k
    fc = np.zeros((h, full.shape[1] + 1), dtype=np.int32)
    np.cumsum(full, axis=1, out=fc[:, 1:])
    idx = np.arange(w)
    lo = np.clip(idx - k + 1, 0, full.shape[1])
    hi = np.clip(idx + 1, 0, full.shape[1])
    return (fc[:, hi] - fc[:, lo]) > 0


def _runs_to_segments(mask, horizontal: bool) -> list[Seg]:
    np = _np()
    m = mask if horizontal else mask.T
    out: list[Seg] = []
    rows = np.nonzero(m.any(axis=1))[0]
    for y in rows:
        d = np.diff(np.concatenate(([0], m[y].astype(np.int8), [0])))
        for s, e in zip(np.nonzero(d == 1)[0], np.nonzero(d == -1)[0]):
            out.append(Seg(horizontal, float(y), float(s), float(e)))
    return out


def ruling_lines(dark, dpi: float):
    """Horizontal and vertical ruling segments (pixels) and the mask of their pixels."""
    kh = max(20, int(dpi * 0.3))       # 7.6 mm: longer than any stroke of table text
    kv = max(12, int(dpi * 0.12))      # 3 mm: a row of a table is taller
    hm = _long_runs(dark, kh)
    vm = _long_runs(dark.T, kv).T
    return _runs_to_segments(hm, True) + _runs_to_segments(vm, False), hm | vm


def deskew(gray):
    """Straighten a scan tilted by up to 2°: the angle whose rows of ink are sharpest."""
    from PIL import Image
    np = _np()
    small = Image.fromarray(gray).reduce(4) if min(gray.shape) > 800 else Image.fromarray(gray)
    thr = otsu(np.asarray(small))
    best, best_score = 0.0, -1.0
    for tenth in range(-20, 21, 2):
        angle = tenth / 10
        rot = np.asarray(small.rotate(angle, fillcolor=255, resample=Image.NEAREST))
        score = float(np.var((rot < thr).sum(axis=1)))
        if score > best_score:
            best, best_score = angle, score
    if abs(best) < 0.15:
        return gray
    return np.asarray(Image.fromarray(gray).rotate(best, fillcolor=255, resample=Image.BILINEAR))


# -- one page ---------------------------------------------------------------------------------
def _ink(dark, x0: int, y0: int, x1: int, y1: int) -> int:
    if x1 <= x0 or y1 <= y0:
        return 0
    return int(dark[y0:y1, x0:x1].sum())


def _read_cell(eng: _Engine, gray, dark, box, dpi: float) -> tuple[str, bool]:
    """Text of one cell, and whether it is a figure read without certainty (marker text)."""
    from PIL import Image
    x0, y0, x1, y1 = box
    inset = max(3, int(dpi / 60))
    x0, y0, x1, y1 = int(x0) + inset, int(y0) + inset, int(x1) - inset, int(y1) - inset
    min_ink = max(6, int((dpi / 100) ** 2 * 4))
    if _ink(dark, x0, y0, x1, y1) < min_ink:
        return "", False
    crop = _without_borders(gray[y0:y1, x0:x1].copy(), dark[y0:y1, x0:x1])
    if (crop < 128).sum() < min_ink:
        return "", False
    # Tesseract finds no text in a wide, short crop with little margin: the Chinese reading
    # gets a wider margin than the digits.
    digits, low, cands = read_digits(eng, Image.fromarray(_pad(crop, max(8, round(dpi / 20)))))
    text = read_text(eng, Image.fromarray(_pad(crop, max(24, round(dpi * 0.15)))))
    if len(_CJK.findall(text)) >= 2 or re.search(r"[A-Za-z]{2,}", text):
        return text, False              # a label or a header
    plain = re.sub(r"[^0-9.]", "", text.translate(_FULLWIDTH))
    sure = bool(digits) and _number(digits) and low >= CONFIDENCE
    # The Chinese reading is the second opinion: figures it reads otherwise make the cell
    # unsure; a lone digit it takes for a character (色 for 2) is no figure, not a contradiction.
    if sure and plain in ("", digits):
        return digits, False
    if _CJK.search(text) and not digits:
        return text, False              # one character of text, no figure in sight
    # Ink that reads as neither a sure figure nor text: report the candidates, never guess.
    options = [c for c in [digits if _number(digits) else "", plain if _number(plain) else "", *cands] if c]
    seen: list[str] = []
    for c in options:
        if c not in seen:
            seen.append(c)
    return unsure_cell(seen[:MAX_CANDIDATES]), True


def _pad(crop, n: int):
    """White margin around a crop: Tesseract reads a lone figure better with room around it."""
    np = _np()
    return np.pad(crop, n, mode="constant", constant_values=255)


def _without_borders(crop, dark):
    """Whiten what is left of a cell's borders along the edges of its crop (thick frames)."""
    h, w = crop.shape
    edge = max(2, min(h, w) // 6)
    for i in list(range(min(edge, h))) + list(range(max(0, h - edge), h)):
        if dark[i].mean() > 0.6:
            crop[i, :] = 255
    for j in list(range(min(edge, w))) + list(range(max(0, w - edge), w)):
        if dark[:, j].mean() > 0.6:
            crop[:, j] = 255
    return crop


_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": "."})


def _recognize_words(eng: _Engine, gray) -> list[dict]:
    """Words of a page (Chinese model): text, box in pixels, line number, and for each
    character its confidence and alternatives."""
    from PIL import Image
    t = eng.t
    api = eng.text
    api.SetImage(Image.fromarray(gray))
    api.Recognize()
    ri = api.GetIterator()
    words: list[dict] = []
    if ri is None:
        return words
    line = -1
    level = t.RIL.SYMBOL
    for s in t.iterate_level(ri, level):
        try:
            ch = s.GetUTF8Text(level)
        except RuntimeError:     # an empty page or block has no text at this level
            continue
        if s.IsAtBeginningOf(t.RIL.TEXTLINE):
            line += 1
        if s.IsAtBeginningOf(t.RIL.WORD) or not words:
            box = s.BoundingBox(t.RIL.WORD)
            if box is None:
                continue
            words.append({"text": "", "box": box, "line": max(line, 0), "syms": []})
        alts: list[tuple[str, float]] = []
        try:
            for c in s.GetChoiceIterator():
                alts.append((c.GetUTF8Text(), c.Confidence()))
        except RuntimeError:
            pass
        words[-1]["text"] += ch
        words[-1]["syms"].append((ch, s.Confidence(level), alts))
    return [w for w in words if w["text"].strip()]


def _unsure_number(word: dict) -> tuple[str, list[str]] | None:
    """A number in the word with a digit read below CONFIDENCE: (as read, candidate readings)."""
    syms = word["syms"]
    runs: list[list[int]] = []
    for i, (ch, _, _) in enumerate(syms):
        if re.fullmatch(r"[0-9０-９]", ch):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    for run in runs:
        if all(syms[i][1] >= CONFIDENCE for i in run):
            continue
        options = []
        for i in run:
            ch, conf, alts = syms[i]
            opts = [ch.translate(_FULLWIDTH)]
            if conf < CONFIDENCE:
                for a, _ in sorted(alts, key=lambda x: -x[1]):
                    a = a.translate(_FULLWIDTH)
                    if re.fullmatch(r"[0-9]", a) and a not in opts and len(opts) < 3:
                        opts.append(a)
            options.append(opts)
        cands = []
        for combo in itertools.islice(itertools.product(*options), 64):
            c = "".join(combo)
            if c not in cands:
                cands.append(c)
        return "".join(syms[i][0] for i in run), cands[:MAX_CANDIDATES]
    return None


def _read_prose(eng: _Engine, gray, dpi: float, pageno: int
                ) -> tuple[list[Glyph], list[ReadProblem], set[str]]:
    """Words outside the tables, with their boxes in points; unsure numbers are reported."""
    scale = 72.0 / dpi
    words = _recognize_words(eng, gray)
    by_line: dict[int, list[int]] = {}
    for i, w in enumerate(words):
        by_line.setdefault(w["line"], []).append(i)
    fixed = _page_numbers(eng, gray, words, by_line, dpi)
    problems: list[ReadProblem] = []
    for i, w in enumerate(words):
        if i in fixed:
            continue
        unsure = _unsure_number(w)
        if unsure is None:
            continue
        read, cands = unsure
        context = "".join(words[j]["text"] for j in by_line.get(w["line"], []))
        problems.append(Problem("P001", f"扫描件第{pageno}页正文「{context[:60]}」中的数字「{read}」识别不确定"
                                f"（可能为 {'、'.join(cands) or '无法判断'}），请对照原件核实。", candidates=cands))
    glyphs: list[Glyph] = []
    for i, w in enumerate(words):
        text = fixed.get(i, w["text"])
        if text:
            x0, y0, x1, y1 = w["box"]
            glyphs.append(Glyph(text, x0 * scale, y0 * scale, x1 * scale, y1 * scale))
    # Short lines (a title, a 落款) with any character read below CONFIDENCE: the agency name
    # taken from such a line may be misread (document.parse says so).
    unsure: set[str] = set()
    for idxs in by_line.values():
        text = "".join(fixed.get(i, words[i]["text"]) for i in idxs)
        if 0 < len(text) <= UNSURE_LINE_CHARS and any(
                conf < CONFIDENCE for i in idxs if i not in fixed for ch, conf, _ in words[i]["syms"]
                if _CJK.match(ch)):
            unsure.add(text)
    return glyphs, problems, unsure


def _page_numbers(eng: _Engine, gray, words: list[dict], by_line: dict[int, list[int]], dpi: float
                  ) -> dict[int, str]:
    """Short lines in the top or bottom margin read again as a page number (「— 5 —」 is
    often read as Chinese characters): where the digit reading is a page number, the line's
    words are replaced by it, so page furniture is dropped as in the text layer."""
    from PIL import Image

    from .layout import MARGIN_BAND, is_page_number
    h = gray.shape[0]
    out: dict[int, str] = {}
    for idxs in by_line.values():
        boxes = [words[i]["box"] for i in idxs]
        x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
        text = "".join(words[i]["text"] for i in idxs)
        if len(text) > 8 or not (y1 <= h * MARGIN_BAND or y0 >= h * (1 - MARGIN_BAND)):
            continue
        if is_page_number(text):
            continue
        # The dashes of 「— 1 —」 confuse the reading: whiten long horizontal strokes first
        # (a digit has none as long as a dash).
        m = max(2, round(dpi / 50))
        region = gray[max(0, y0 - m):y1 + m, max(0, x0 - m):x1 + m].copy()
        dash = _long_runs(region < 200, max(8, round(dpi * 0.09)))
        dash[1:] |= dash[:-1].copy()
        dash[:-1] |= dash[1:].copy()
        region[dash] = 255
        crop = Image.fromarray(_pad(region, max(8, round(dpi / 20))))
        digits, low, _ = read_digits(eng, crop)
        if digits and re.fullmatch(r"\d{1,3}", digits) and low >= CONFIDENCE:
            out[idxs[0]] = f"- {digits} -"
            for i in idxs[1:]:
                out[i] = ""
    return out


def ocr_image(gray, dpi: float, pageno: int = 1) -> tuple[Page, list[ReadProblem]]:
    """One page image (grayscale numpy array) to a Page in points, and its reading problems."""
    from PIL import Image
    np = _np()
    eng = engine()
    if dpi < MIN_DPI:
        # Coarse scans: lines of one pixel break up and small type is unreadable; enlarge first.
        f = MIN_DPI / dpi
        img = Image.fromarray(gray)
        gray = np.asarray(img.resize((round(img.width * f), round(img.height * f)), Image.BICUBIC))
        dpi = MIN_DPI
    gray = deskew(gray)
    dark = gray < min(otsu(gray), 200)
    segs, _ = ruling_lines(dark, dpi)
    px = dpi / 72.0
    tables = find_tables(segs, tol=2 * px, min_cell=4 * px)
    with eng.lock:
        for t in tables:
            for c in t.cells:
                c.text, _ = _read_cell(eng, gray, dark, (c.x0, c.top, c.x1, c.bottom), dpi)
        # The text outside the tables is read with the tables blanked out.
        prose = gray.copy()
        pad = int(2 * px)
        for t in tables:
            prose[max(0, int(t.top) - pad):int(t.bottom) + pad + 1, max(0, int(t.x0) - pad):int(t.x1) + pad + 1] = 255
        if (prose < 128).any():
            glyphs, problems, unsure = _read_prose(eng, prose, dpi, pageno)
        else:
            glyphs, problems, unsure = [], [], set()
    from .layout import glyph_lines
    h, w = gray.shape
    s = 1 / px
    for t in tables:
        _scale_table(t, s)
    return Page(w * s, h * s, glyph_lines(glyphs), tables, unsure), problems


def _scale_table(t: Table, s: float) -> None:
    t.x0, t.top, t.x1, t.bottom = t.x0 * s, t.top * s, t.x1 * s, t.bottom * s
    t.xs = [x * s for x in t.xs]
    t.ys = [y * s for y in t.ys]
    for c in t.cells:
        c.x0, c.top, c.x1, c.bottom = c.x0 * s, c.top * s, c.x1 * s, c.bottom * s


def _to_gray(img):
    """A PIL image to a grayscale numpy array no larger than MAX_OCR_SIDE, and the factor."""
    from PIL import Image
    np = _np()
    img = img.convert("L")
    factor = 1.0
    if max(img.size) > MAX_OCR_SIDE:
        factor = MAX_OCR_SIDE / max(img.size)
        img = img.resize((max(1, int(img.width * factor)), max(1, int(img.height * factor))), Image.BILINEAR)
    return np.asarray(img), factor


def ocr_pdf_page(page, width: float, height: float, pageno: int, dpi: float | None = None
                 ) -> tuple[Page, list[ReadProblem]]:
    """Read a scanned PDF page: its scan image as stored, when the page is one upright image,
    so no resampling blurs it; otherwise a rendering at the scan's resolution (``dpi``, kept
    between 150 and 300) or OCR_DPI."""
    img = _page_scan(page, width, height)
    if img is not None:
        pil, scan_dpi = img
        gray, factor = _to_gray(pil)
        return ocr_image(gray.copy(), scan_dpi * factor, pageno)
    scale = (min(300.0, max(150.0, dpi)) if dpi else OCR_DPI) / 72.0
    if max(width, height) * scale > MAX_OCR_SIDE:
        scale = MAX_OCR_SIDE / max(width, height)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        gray, _ = _to_gray(bitmap.to_pil())
    finally:
        bitmap.close()
    return ocr_image(gray.copy(), scale * 72.0, pageno)


def _page_scan(page, width: float, height: float):
    """(image, dpi) of the one upright image that fills an unrotated page, or None."""
    import pypdfium2.raw as R
    if page.get_rotation() % 360:
        return None
    best = None
    for obj in page.get_objects(filter=(R.FPDF_PAGEOBJ_IMAGE,), max_depth=1):
        try:
            a, b, c, d, _, _ = obj.get_matrix().get()
            left, bottom, right, top = obj.get_bounds()
            w_px, h_px = obj.get_px_size()
        except Exception:   # an image PDFium cannot describe is not a usable scan
            continue
        if abs(b) > 1e-3 or abs(c) > 1e-3 or a <= 0 or d <= 0:
            continue
        cover = (min(right, width) - max(left, 0)) * (min(top, height) - max(bottom, 0)) / max(width * height, 1)
        if cover >= 0.85 and w_px * h_px <= MAX_IMAGE_PIXELS and (best is None or cover > best[0]):
            best = (cover, obj, w_px / a * 72.0)
    if best is None:
        return None
    try:
        # The bitmap is PDFium's own memory while the page is open: copy it out, do not free it.
        pil = best[1].get_bitmap(render=False).to_pil().copy()
    except Exception:   # a filter PDFium cannot decode raw: render the page instead
        return None
    return pil, best[2]


def read_image(raw: bytes, source: str = ""):
    """An image file (one page of a report: a scan or a photograph of it) to readers.Doc."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    from .pdf import known_labels
    from .readers import Doc
    from .layout import assemble
    if len(raw) > MAX_IMAGE_BYTES:
        raise ReportLoadError([f"图像文件过大（{len(raw) / (1024 * 1024):.1f} MB），可读取的图像应小于 "
                               f"{MAX_IMAGE_BYTES // (1024 * 1024)} MB"], source)
    try:
        img = Image.open(io.BytesIO(raw))
        w, h = img.size
        if w * h > MAX_IMAGE_PIXELS:
            raise ReportLoadError([f"图像过大（{w}×{h} 像素），超过可识别的 {MAX_IMAGE_PIXELS // 1_000_000} 百万像素"], source)
        img.load()
        img = ImageOps.exif_transpose(img)
    except ReportLoadError:
        raise
    except Image.DecompressionBombError:
        raise ReportLoadError([f"图像过大（声明的像素数超过 {MAX_IMAGE_PIXELS // 1_000_000} 百万），疑为异常文件，拒绝读取"],
                              source) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ReportLoadError(["图像文件已损坏或格式不受支持，无法读取（支持 PNG、JPEG）"], source) from None
    gray, factor = _to_gray(img)
    stated = _stated_dpi(img)
    dpi = stated * factor if stated else max(72.0, gray.shape[1] / (210 / 25.4))   # as if A4 wide
    page, problems = ocr_image(gray.copy(), dpi, 1)
    if not (page.lines or page.tables):
        raise ReportLoadError(["图像中没有识别出文字"], source)
    lines, grid = assemble([page], set(known_labels()))
    return Doc(lines=lines, kind="image", grid=grid, problems=problems, unsure_lines=page.unsure_lines)


def _stated_dpi(img) -> float | None:
    """The resolution the image file states, if it is plausible for a scan."""
    dpi = img.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        return None
    return value if 50 <= value <= 1200 else None
