"""The booklet: the whole handbook as one A4 PDF to print and hand out (印发).

Cover (name, edition, date), 目录 with page numbers, then 框架, the parts with every item,
提法词典, the checklists' rows, the cases and the speech. Every page after the cover has a
running header (name and edition) and its number as “— 1 —”, as Chinese official documents do.
Typography after GB/T 9704: serif body (Noto Serif CJK, the 宋/仿宋 family available
everywhere offline), 黑体 headings (Noto Sans CJK Bold), margins of the standard's type area
(天头 37 mm, 订口 28 mm). Both fonts are subset to the booklet's characters (pdf_font.py) and
embedded. Item IDs are bookmarks (PDF outline, under their part and section) and the IDs in
the checklists' rows link to their items.

`booklet_content` (main process) turns the catalogue into plain picklable blocks; `write`
(a worker, FileJob "booklet:write") draws them with fpdf2. Engine choice and measurements:
docs-dev/editions.md.
"""

from __future__ import annotations

from pathlib import Path

from ..render import site_map
from ..text import GAP, display

TARGET = site_map.BOOKLET
TOP, BOTTOM, LEFT, RIGHT = 37.0, 35.0, 28.0, 26.0    # GB/T 9704 type area 156 × 225 mm on A4
BODY, SMALL = 12.0, 9.5                             # pt
LINE = 7.2                                          # mm per body line (1.7 × 12 pt)
TOC_LINE = 8.0
HEADING_SIZES = {"chapter": 18.0, "part": 15.0, "section": 13.0, "sub": 12.0}


download_name = site_map.booklet_name


def _item_text(raw: str) -> str:
    return display(raw).replace(GAP, "……")


def booklet_content(catalogue) -> dict:
    """The booklet as blocks (tuples of strings), in print order."""
    from ..changes import latest
    edition = catalogue.edition
    blocks: list[tuple] = []
    add = blocks.append
    add(("chapter", "框架"))
    add(("p", f"总目标：{display(catalogue.goal)}"))
    add(("p", f"总要求：{display(catalogue.requirement)}"))
    for part in catalogue.parts:
        add(("sub", part.numbered_title if part.number else "总体要求"))
        for section in part.sections:
            add(("li", section.label))
    add(("p", f"共 {len(catalogue.parts) - 1} 个部分、{sum(len(p.sections) for p in catalogue.parts)} 个方面、"
              f"{len(catalogue.active_items)} 条要求、{len(catalogue.terms)} 个提法。"))
    for part in catalogue.parts:
        add(("chapter", part.numbered_title if part.number else "总体要求"))
        for section in part.all_sections:
            add(("section", section.label if section.number else "开篇"))
            for item in section.items:
                meta = f"责任主体：{'、'.join(item.subjects)}　类别：{item.kind}"
                if item.types:
                    meta += f"　五型：{'、'.join(item.types)}"
                if item.levels:
                    meta += "　层级：" + "；".join(f"{k}{v}" for k, v in item.levels.items())
                if item.role == "context":
                    meta += "　（原则、目标或方法，不逐条打勾）"
                add(("item", item.id, display(item.title), _item_text(item.text), meta,
                     display(item.withdrawn) if item.withdrawn else ""))
    add(("chapter", "提法词典"))
    by_group = {g.id: [] for g in catalogue.groups}
    for term in catalogue.terms.values():
        by_group[term.group].append(term)
    for group in catalogue.groups:
        add(("part", group.name))
        for term in by_group[group.id]:
            add(("sub", term.term))
            if term.expansion:
                add(("p", "展开：" + "；".join(display(e) for e in term.expansion)))
            if term.note:
                add(("p", "说明：" + display(term.note)))
            if term.items:
                add(("small", "相关条目：" + "、".join(i.id for i in term.items)))
    add(("chapter", "对照检查清单"))
    for checklist in catalogue.checklists:
        add(("part", checklist.title))
        add(("small", display(checklist.description) + f"（共 {len(checklist.items)} 条）"))
        for number, item in enumerate(checklist.items, start=1):
            points = f"　{checklist.points[item.id]} 分" if checklist.points is not None else ""
            add(("row", str(number), item.id, display(item.title), "、".join(item.subjects) + points))
    if catalogue.cases:
        add(("chapter", "案例"))
        for case in catalogue.cases:
            add(("part", f"【{case.label}】{display(case.title)}"))
            add(("small", f"{display(case.unit)}　对应条目：{'、'.join(i.id for i in case.items)}"))
            for label, text in (("情况", case.situation), ("问题", case.problem)):
                if text:
                    add(("p", f"{label}：{display(text)}"))
            for label, steps in (("做法", case.steps), ("整改", case.correction)):
                for n, step in enumerate(steps, start=1):
                    add(("p", f"{label}{n}：{display(step)}"))
            for label, text in (("成效", case.outcome), ("启示", case.lessons)):
                if text:
                    add(("p", f"{label}：{display(text)}"))
    add(("chapter", "讲话原文"))
    for paragraph in catalogue.paragraphs.values():
        add(("source", paragraph.id, display(paragraph.text)))
    diff = latest(catalogue)
    revision = f"本版相对 {diff.previous} 版的修订见网站“修订说明”页。" if diff is not None else ""
    return {"name": edition.name, "version": edition.version, "date": edition.date,
            "build_date": edition.build_date, "title": display(catalogue.title.text), "revision": revision,
            "blocks": tuple(blocks)}


FIXED = "…〔〕目录第页—　·版数据日期生成于印发本手册条共分（）：、；。责任主体类别五型层级已撤销0123456789 -"


def _characters(content: dict) -> tuple[str, str]:
    """(body characters, heading characters): each font holds only what it draws."""
    body, head = set(FIXED), set(FIXED)
    for key in ("name", "version", "date", "build_date", "title", "revision"):
        body.update(content[key])
        head.update(content[key])
    for block in content["blocks"]:
        if block[0] in ("chapter", "part", "section", "sub"):
            head.update(block[1])
            body.update(block[1])          # the 目录 lists them in the body face
        elif block[0] in ("item", "row"):
            head.update(block[1])
            head.update(block[2] if block[0] == "item" else "")
            body.update("".join(block[1:]))
        else:
            body.update("".join(block[1:]))
    ascii_ = {chr(c) for c in range(0x20, 0x7F)}
    body |= ascii_
    head |= ascii_
    for chars in (body, head):
        chars.discard("\n")
    return "".join(sorted(body)), "".join(sorted(head))


def _fonts(content: dict, cache: Path) -> tuple[Path, Path]:
    from .pdf_file import _sc_face, find_cjk_font
    from .pdf_font import small_font
    body_chars, head_chars = _characters(content)
    serif = find_cjk_font()                      # Noto Serif CJK first (pdf_file.FAMILIES)
    bold = Path(str(serif).replace("Serif", "Sans").replace("Regular", "Bold"))
    if not bold.is_file():
        bold = serif
    return (small_font(serif, _sc_face(serif), body_chars, cache),
            small_font(bold, _sc_face(bold), head_chars, cache))


def write(content: dict, path: Path, font: Path | None = None) -> None:
    from fpdf import FPDF

    from .files import cache_dir
    from .pdf_file import _Measure, _wrap
    from .reproducible import build_datetime

    body_font, head_font = _fonts(content, cache_dir() / "_fonts")
    header_text = f"{content['name']} · {content['version']} 版"

    class Booklet(FPDF):
        def header(self):
            if self.page_no() == 1:
                return
            self.set_font("body", size=SMALL)
            self.set_text_color(80)
            self.set_y(TOP - 14)
            self.cell(0, 6, header_text, align="C")
            self.set_draw_color(160)
            self.line(LEFT, TOP - 7, self.w - RIGHT, TOP - 7)
            self.set_text_color(0)
            self.set_y(TOP)

        def footer(self):
            if self.page_no() == 1:
                return
            self.set_y(-BOTTOM + 12)
            self.set_font("body", size=14)
            self.set_text_color(0)
            self.cell(0, 7, f"— {self.page_no() - 1} —", align="C")

    pdf = Booklet(orientation="portrait", unit="mm", format="A4")
    pdf.add_font("body", "", str(body_font))
    pdf.add_font("head", "", str(head_font))
    for name in ("body", "head"):
        pdf.fonts[name].ttfont.recalcBBoxes = False      # as pdf_file: the source's boxes enclose the subset's
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.set_title(f"{content['name']}（{content['version']} 版）")
    pdf.set_subject(content["title"])
    pdf.set_author(content["name"])
    pdf.set_creator(content["name"])
    pdf.set_keywords(f"{content['name']} {content['version']}")
    pdf.set_creation_date(build_datetime(content["build_date"]))
    pdf.set_lang("zh-CN")
    pdf.set_draw_color(0)
    width = pdf.w - LEFT - RIGHT

    # ---- cover ----
    pdf.add_page()
    pdf.set_y(80)
    pdf.set_font("head", size=26)
    for line in _wrap(content["name"], width, _Measure(pdf)).split("\n"):
        pdf.cell(0, 14, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("body", size=14)
    for line in _wrap(content["title"], width, _Measure(pdf)).split("\n"):
        pdf.cell(0, 9, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(200)
    pdf.set_font("head", size=16)
    pdf.cell(0, 10, f"{content['version']} 版", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("body", size=12)
    pdf.cell(0, 8, f"数据日期 {content['date']} · 生成于 {content['build_date']}", align="C", new_x="LMARGIN", new_y="NEXT")
    if content["revision"]:
        pdf.cell(0, 8, content["revision"], align="C", new_x="LMARGIN", new_y="NEXT")

    # ---- 目录: chapters and their parts (levels 0–1); sections and items are bookmarks only ----
    pdf.add_page()
    pdf.insert_toc_placeholder(_render_toc, pages=_toc_pages(content["blocks"], pdf.h - BOTTOM))

    links: dict[str, int] = {}
    measure = {}

    def font(face: str, size: float):
        pdf.set_font(face, size=size)
        key = (face, size)
        if key not in measure:
            measure[key] = _Measure(pdf)
        return measure[key]

    def lines(text: str, face: str, size: float, indent: float = 0.0, first: str = "") -> list[str]:
        m = font(face, size)
        return _wrap(first + text, width - indent, m).split("\n")

    def para(text: str, face="body", size=BODY, height=LINE, indent=0.0, first="　　"):
        for line in lines(text, face, size, indent, first):
            pdf.set_x(LEFT + indent)
            pdf.cell(width - indent, height, line, new_x="LMARGIN", new_y="NEXT")

    def heading(text: str, kind: str, level: int | None):
        size = HEADING_SIZES[kind]
        if kind == "chapter":
            pdf.add_page()
        elif pdf.will_page_break(size * 0.6 + 3 * LINE):   # never a heading alone at the foot of a page
            pdf.add_page()
        else:
            pdf.ln(3 if kind == "sub" else 5)
        if level is not None:
            pdf.start_section(text, level=level)
        for line in lines(text, "head", size, 0, ""):
            pdf.cell(0, size * 0.6, line, align="C" if kind == "chapter" else "L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4 if kind == "chapter" else 1.5)

    level = {"chapter": 0, "part": 1}
    in_part = False
    for block in content["blocks"]:
        kind = block[0]
        if kind == "chapter":
            heading(block[1], "chapter", 0)
            in_part = False
        elif kind == "part":
            heading(block[1], "part", level["part"])
            in_part = True
        elif kind == "section":
            heading(block[1], "section", 1)
            in_part = True
        elif kind == "sub":
            heading(block[1], "sub", None)
        elif kind == "p":
            para(block[1])
        elif kind == "li":
            para("· " + block[1], first="", indent=8)
        elif kind == "small":
            para(block[1], size=SMALL + 0.5, height=5.6, first="")
        elif kind == "item":
            _id, title, text, meta, withdrawn = block[1:]
            if pdf.will_page_break(3 * LINE):
                pdf.add_page()
            else:
                pdf.ln(2)
            pdf.start_section(_id, level=2 if in_part else 1)
            links[_id] = link = pdf.add_link()
            pdf.set_link(link, page=pdf.page_no(), y=pdf.get_y())
            head = lines(f"{_id}　{title}", "head", BODY, 0, "")
            for line in head:
                pdf.cell(0, LINE, line, new_x="LMARGIN", new_y="NEXT")
            para(text + (f"（已撤销：{withdrawn}）" if withdrawn else ""), indent=0)
            para(meta, size=SMALL, height=5.2, first="")
        elif kind == "row":
            number, _id, title, subjects = block[1:]
            m = font("body", BODY)
            first = f"{number}. "
            text_lines = _wrap(f"{title}（{subjects}）", width - 38, m).split("\n")
            if pdf.will_page_break(LINE * min(len(text_lines), 3)):
                pdf.add_page()
            pdf.set_x(LEFT)
            pdf.cell(12, LINE, first, align="R")
            pdf.cell(26, LINE, _id, link=links.get(_id, ""))
            for n, line in enumerate(text_lines):
                if n:
                    pdf.set_x(LEFT + 38)
                pdf.cell(width - 38, LINE, line, new_x="LMARGIN", new_y="NEXT")
        elif kind == "source":
            pid, text = block[1:]
            para(f"〔{pid}〕{text}", first="　　")
    pdf.output(str(path))


def _toc_pages(blocks, trigger: float) -> int:
    """Pages the 目录 takes (fpdf2 needs the exact number up front): one line per outline entry of
    level 0–1, laid out as _render_toc does, breaking where fpdf2's auto page break would."""
    entries, in_part = 0, False
    for block in blocks:
        if block[0] == "chapter":
            entries, in_part = entries + 1, False
        elif block[0] in ("part", "section"):
            entries, in_part = entries + 1, True
        elif block[0] == "item" and not in_part:
            entries += 1
    pages, y = 1, TOP + TOC_HEAD
    for _ in range(entries):
        if y + TOC_LINE > trigger:
            pages, y = pages + 1, TOP
        y += TOC_LINE
    return pages


TOC_HEAD = 16.0   # mm: the 目　录 heading and the space under it


def _render_toc(pdf, outline) -> None:
    pdf.set_font("head", size=HEADING_SIZES["chapter"])
    pdf.set_x(LEFT)
    pdf.cell(0, TOC_HEAD - 4, "目　录", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    width = pdf.w - LEFT - RIGHT
    for section in outline:
        if section.level > 1:
            continue
        indent = 0 if section.level == 0 else 8
        pdf.set_font("head" if section.level == 0 else "body", size=BODY if section.level == 0 else BODY - 1)
        number = str(section.page_number - 1)       # pages are numbered from the one after the cover
        name = section.name
        while pdf.get_string_width(name) > width - indent - 30 and len(name) > 2:
            name = name[:-2] + "…"
        dots_w = width - indent - pdf.get_string_width(name) - pdf.get_string_width(number) - 4
        dots = "·" * max(2, int(dots_w / max(pdf.get_string_width("·"), 0.1)))
        pdf.set_x(LEFT + indent)
        pdf.cell(width - indent - pdf.get_string_width(number) - 2, TOC_LINE, f"{name} {dots}",
                 link=pdf.add_link(page=section.page_number))
        pdf.cell(0, TOC_LINE, number, align="R", new_x="LMARGIN", new_y="NEXT")
