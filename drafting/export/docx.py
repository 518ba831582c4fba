"""The report as a .docx laid out per GB/T 9704-2012 《党政机关公文格式》.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 22 lines a page (fixed
line pitch); title 二号 小标宋, body 三号 仿宋, level-1 headings 黑体, level-2 楷体;
page numbers 「— 1 —」 in 四号 宋体 (odd pages right, even pages left, one character in);
落款 at the end. Tables 二、三、四 are real Word tables with the national merged headers.
"""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..model import Report
from .fonts import SIZE_ERHAO, SIZE_SANHAO, SIZE_SIHAO, SIZE_WUHAO, FontSet
from .layout import Grid, outline, table_grid

PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TYPE_AREA_MM = 210 - 28 - 26            # 156 mm
LINES_PER_PAGE = 22
LINE_PITCH = Pt(28.95)   # 225 mm of type area / 22 lines = 28.99 pt; a hair less keeps 22 whole lines
CHAR_SPACING = -5                       # twentieths of a point: −0.25 pt
CHAR_W = SIZE_SANHAO + CHAR_SPACING / 20  # 15.75 pt: one condensed 三号 character
INDENT_2CH = Pt(2 * CHAR_W)

STYLE_TITLE = "Report Title"
STYLE_TABLE = "Table Text"
STYLE_SIGNATURE = "Signature Block"

_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Drop characters XML cannot hold (a pasted control character would break the file)."""
    return _XML_BAD.sub("", text)


def set_fonts(rpr_owner, east_asian: str, latin: str) -> None:
    """Set ascii/hAnsi/cs to ``latin`` and eastAsia to ``east_asian``; theme fonts removed,
    since a theme attribute overrides the explicit name in Word."""
    rfonts = rpr_owner.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)


def add_run(paragraph, text: str, font: str, size: float, fonts: FontSet, bold: bool = False):
    run = paragraph.add_run(clean(text))
    run.font.size = Pt(size)
    run.font.bold = bold
    set_fonts(run._element, font, fonts.latin_for(font))
    return run


def _style_fonts(style, font: str, size: float, fonts: FontSet) -> None:
    style.font.size = Pt(size)
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = None
    set_fonts(style.element, font, fonts.latin_for(font))


def _body_format(pf, indent: bool = True) -> None:
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE_PITCH
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.first_line_indent = INDENT_2CH if indent else Pt(0)


_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                      "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                      "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _char_spacing(style, twentieths: int) -> None:
    rpr = style.element.get_or_add_rPr()
    old = rpr.find(qn("w:spacing"))
    if old is not None:
        rpr.remove(old)
    el = OxmlElement("w:spacing")
    el.set(qn("w:val"), str(twentieths))
    rpr.insert_element_before(el, *_RPR_AFTER_SPACING)


def _setup_styles(doc, fonts: FontSet) -> None:
    styles = doc.styles
    # Document defaults carry theme fonts; replace them so nothing falls back to Calibri.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr_default.find(qn("w:rFonts"))
    if rfonts is not None:
        rpr_default.remove(rfonts)
    rfonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), fonts.latin_for(fonts.body))
    rfonts.set(qn("w:eastAsia"), fonts.body)
    rpr_default.insert(0, rfonts)
    lang = rpr_default.find(qn("w:lang"))
    if lang is not None:          # Chinese line-breaking and punctuation rules for East Asian text
        lang.set(qn("w:eastAsia"), "zh-CN")

    normal = styles["Normal"]
    _style_fonts(normal, fonts.body, SIZE_SANHAO, fonts)
    _body_format(normal.paragraph_format)
    normal.paragraph_format.widow_control = False     # keep the 22-line grid exact
    # 28 characters a line (GB/T 9704): 156 mm = 442.2 pt holds 27 characters of 16 pt;
    # condensing each by 0.25 pt (15.75 × 28 = 441 pt) fits 28.
    _char_spacing(normal, CHAR_SPACING)

    for name, font in (("Heading 1", fonts.heading1), ("Heading 2", fonts.heading2)):
        st = styles[name]
        _style_fonts(st, font, SIZE_SANHAO, fonts)
        _body_format(st.paragraph_format)
        st.paragraph_format.keep_with_next = True
        st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    title = styles.add_style(STYLE_TITLE, WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = normal
    _style_fonts(title, fonts.title, SIZE_ERHAO, fonts)
    _char_spacing(title, 0)
    pf = title.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(36)
    pf.space_after = LINE_PITCH                 # 标题下空一行
    pf.keep_with_next = True

    table = styles.add_style(STYLE_TABLE, WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    _style_fonts(table, fonts.table, SIZE_WUHAO, fonts)
    _char_spacing(table, 0)
    pf = table.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER

    sig = styles.add_style(STYLE_SIGNATURE, WD_STYLE_TYPE.PARAGRAPH)
    sig.base_style = normal
    _style_fonts(sig, fonts.body, SIZE_SANHAO, fonts)
    sig.paragraph_format.first_line_indent = Pt(0)
    sig.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sig.paragraph_format.keep_with_next = True
    # No automatic space between Chinese and digits here: the date is placed by its width.
    ppr = sig.element.get_or_add_pPr()
    later = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
             "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "0")
        ppr.insert_element_before(el, *later)


def _page_number_footer(footer, odd: bool, fonts: FontSet) -> None:
    p = footer.paragraphs[0]
    pf = p.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # 单页码居右空一字，双页码居左空一字 (GB/T 9704-2012 7.5).
    if odd:
        pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pf.right_indent = Pt(SIZE_SIHAO)
    else:
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        pf.left_indent = Pt(SIZE_SIHAO)
    font = fonts.page_number
    add_run(p, "— ", font, SIZE_SIHAO, fonts)
    # A PAGE field: begin, instruction, separate, cached result, end. Each part is a run,
    # and each run carries the fonts like every other run.
    for part in ("begin", "instr", "separate", "result", "end"):
        run = add_run(p, "1" if part == "result" else "", font, SIZE_SIHAO, fonts)
        if part == "instr":
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = " PAGE "
            run._element.append(it)
        elif part != "result":
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), part)
            run._element.append(fld)
    add_run(p, " —", font, SIZE_SIHAO, fonts)


def _setup_page(doc, fonts: FontSet) -> None:
    sec = doc.sections[0]
    sec.start_type = WD_SECTION.NEW_PAGE
    sec.page_width, sec.page_height = PAGE_W, PAGE_H
    sec.top_margin, sec.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    sec.left_margin, sec.right_margin = MARGINS["left"], MARGINS["right"]
    sec.header_distance = Mm(15)
    # The page number's dash sits 7 mm below the type area: 35 − 7 − one 四号 line ≈ 23 mm.
    sec.footer_distance = Mm(23)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(sec.footer, True, fonts)
    _page_number_footer(sec.even_page_footer, False, fonts)


def _column_widths(grid: Grid) -> list[float]:
    """Millimetres per grid column, filling the 156 mm type area."""
    n_data = grid.width - grid.label_cols
    if grid.spec.key == "applications":
        labels = [8.0, 20.0, 58.0][-grid.label_cols:] if grid.label_cols <= 3 else [86.0 / grid.label_cols] * grid.label_cols
    elif grid.spec.key == "active_disclosure":
        labels = [40.0]
    else:
        labels = []
    rest = (TYPE_AREA_MM - sum(labels)) / n_data
    return labels + [rest] * n_data


def _set_cell_width(tc, mm: float) -> None:
    tcpr = tc.get_or_add_tcPr()
    tcw = tcpr.find(qn("w:tcW"))
    if tcw is None:
        tcw = OxmlElement("w:tcW")
        tcpr.insert(0, tcw)
    tcw.set(qn("w:w"), str(int(round(mm / 25.4 * 1440))))
    tcw.set(qn("w:type"), "dxa")


def _row_flags(tr, header: bool) -> None:
    trpr = tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")           # a row never breaks across pages
    trpr.append(cant)
    if header:
        th = OxmlElement("w:tblHeader")        # repeat the header on a continuation page
        trpr.append(th)


def _cell_margins(table, left_right_mm: float) -> None:
    """Narrow cell padding, so that 表四's 10 mm columns hold two characters a line."""
    tblpr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(round(left_right_mm / 25.4 * 1440))))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    look = tblpr.find(qn("w:tblLook"))     # schema order: tblCellMar comes before tblLook
    if look is not None:
        look.addprevious(mar)
    else:
        tblpr.append(mar)


def add_table(doc, grid: Grid, fonts: FontSet):
    positions = grid.positions()
    table = doc.add_table(rows=len(grid.rows), cols=grid.width)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table, left_right_mm=1.0)
    widths = _column_widths(grid)
    for i, col in enumerate(table.columns):
        col.width = Mm(widths[i])
    # Cell objects taken once before merging: Table.cell() rescans the whole table on each
    # call, and the regions are disjoint, so every origin and corner cell stays valid.
    cells = table._cells
    style_id = doc.styles[STYLE_TABLE].style_id
    for r, c, gc in positions:
        cell = cells[r * grid.width + c]
        if gc.rowspan > 1 or gc.colspan > 1:
            cell = cell.merge(cells[(r + gc.rowspan - 1) * grid.width + c + gc.colspan - 1])
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        p._p.style = style_id
        if gc.kind == "label":
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        elif gc.kind == "corner":
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        font = fonts.table_head if gc.kind in ("header", "caption") else fonts.table
        size = SIZE_WUHAO - 1.5 if gc.kind == "corner" else SIZE_WUHAO
        if gc.text:
            add_run(p, gc.text, font, size, fonts)
    # Widths per cell (tcW), from the grid column each cell starts in and its span.
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            _set_cell_width(tc, sum(widths[col:col + span]))
            col += span
    for i, tr in enumerate(table._tbl.tr_lst):
        _row_flags(tr, i < grid.header_rows)
    return table


def _text_width(s: str) -> float:
    """Width in characters of 三号: CJK full width, ASCII half."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in s)


def _signature(doc, agency: str, date: str | None, fonts: FontSet) -> None:
    # GB/T 9704-2012 7.3.5.3 (no seal): 正文下空一行右空二字编排署名，日期在署名下一行、
    # 首字比署名首字右移二字；日期长于署名时，日期右空二字，署名相应右移。
    blank = doc.add_paragraph(style=STYLE_SIGNATURE)
    add_run(blank, "", fonts.body, SIZE_SANHAO, fonts)
    w_a = _text_width(agency)
    w_d = _text_width(date) if date else 0.0
    area = TYPE_AREA_MM / 25.4 * 72
    p_a = doc.add_paragraph(style=STYLE_SIGNATURE)
    p_d = doc.add_paragraph(style=STYLE_SIGNATURE) if date else None
    if p_d is None or w_d <= w_a - 2:
        # Placed from the left, so the date's first character lands two characters right of
        # the agency's whatever the width of the digits in the font that renders it.
        left = area - (2 + w_a) * CHAR_W
        for p, indent in ((p_a, left), (p_d, left + 2 * CHAR_W)):
            if p is not None:
                p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
                p.paragraph_format.left_indent = Pt(max(indent, 0))
    else:
        p_d.paragraph_format.right_indent = Pt(2 * CHAR_W)
        p_a.paragraph_format.right_indent = Pt((w_d + 4 - w_a) * CHAR_W)
    add_run(p_a, agency, fonts.body, SIZE_SANHAO, fonts)
    if p_d is not None:
        add_run(p_d, date, fonts.body, SIZE_SANHAO, fonts)


def build_docx(report: Report, fonts: FontSet | None = None):
    """The python-docx Document for ``report``."""
    fonts = fonts or FontSet()
    doc = Document()
    _setup_styles(doc, fonts)
    _setup_page(doc, fonts)
    out = outline(report)
    # Document properties name the report and its agency, not the library's template.
    cp = doc.core_properties
    cp.title = clean(out.title)
    cp.author = cp.last_modified_by = clean(out.agency)
    cp.comments = ""
    cp.language = "zh-CN"
    cp.created = cp.modified = datetime.now(timezone.utc).replace(microsecond=0)

    # The default template opens with no paragraph; the title is the first.
    title = doc.add_paragraph(style=STYLE_TITLE)
    add_run(title, out.title_lines[0], fonts.title, SIZE_ERHAO, fonts)
    title.runs[0].add_break()
    add_run(title, out.title_lines[1], fonts.title, SIZE_ERHAO, fonts)

    for b in out.blocks:
        if b.kind == "heading1":
            add_run(doc.add_paragraph(style="Heading 1"), b.text, fonts.heading1, SIZE_SANHAO, fonts)
        elif b.kind == "heading2":
            add_run(doc.add_paragraph(style="Heading 2"), b.text, fonts.heading2, SIZE_SANHAO, fonts)
        elif b.kind == "para":
            p = doc.add_paragraph(style="Normal")
            if b.head:
                add_run(p, b.head, fonts.heading2, SIZE_SANHAO, fonts)
            if b.text:
                add_run(p, b.text, fonts.body, SIZE_SANHAO, fonts)
        elif b.kind == "table":
            add_table(doc, table_grid(report, b.table), fonts)
            # Space between a table and what follows, on the line grid.
            add_run(doc.add_paragraph(style="Normal"), "", fonts.body, SIZE_SANHAO, fonts)
    _signature(doc, out.agency, out.date, fonts)
    return doc


def docx_bytes(report: Report, fonts: FontSet | None = None) -> bytes:
    buf = io.BytesIO()
    build_docx(report, fonts).save(buf)
    return buf.getvalue()
