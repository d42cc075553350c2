"""汇总 page in real Chromium (http and file://): three units' files (2 backup JSON + 1 filled blank .xlsx)."""

from __future__ import annotations

import io
import json

import pytest

from test_checklist_fill import fill_http, fill_site, root_url  # noqa: F401  (shared fixtures; tab is in conftest)

UNITS = {
    "某机关第一党支部": {"ZS0-01": "已完成", "ZS0-02": "未开始", "AA0-01": "已完成"},
    "某机关第二党支部": {"ZS0-01": "已完成", "ZS0-02": "未开始", "AA1-01": "推进中"},
}
XLSX_UNIT = {"ZS0-01": "推进中", "ZS0-02": "未开始", "AA1-02": "已完成"}


def _backup(unit: str, statuses: dict) -> str:
    return json.dumps({"format": "hb-fill", "version": 1, "kind": "checklist", "id": "all", "title": "全部要求对照检查清单",
                       "edition": {"version": "2026.1", "date": "2026-12-01"}, "fields": {"单位": unit},
                       "entries": {i: {"status": s, "note": "", "score": "", "t": "2026-12-01T00:00:00Z"}
                                   for i, s in statuses.items()},
                       "seen": {}, "updated": "", "written": "2026-12-01T00:00:00Z"}, ensure_ascii=False)


def test_summary_of_three_units(tab, root_url, fill_site, tmp_path):  # noqa: F811
    import openpyxl
    files = []
    for n, (unit, statuses) in enumerate(UNITS.items()):
        path = tmp_path / f"unit{n}.json"
        path.write_text(_backup(unit, statuses), encoding="utf-8")
        files.append(str(path))
    wb = openpyxl.load_workbook(fill_site[1] / "downloads" / "all.xlsx")
    ws = wb.worksheets[0]
    header = next(r for r in range(1, 10) if any(c.value == "编号" for c in ws[r]))
    cols = {c.value: c.column for c in ws[header]}
    for r in range(header + 1, ws.max_row + 1):
        item = ws.cell(r, cols["编号"]).value
        if item in XLSX_UNIT:
            ws.cell(r, cols["完成情况"], XLSX_UNIT[item])
    path = tmp_path / "第三党支部.xlsx"
    wb.save(path)
    files.append(str(path))

    tab.goto(f"{root_url}/checklists/summary.html")
    assert "不会上传" in tab.locator(".hb-lead").inner_text()
    tab.locator("[data-hb-summary-field=unit]").fill("某机关机关党委")
    tab.locator("input[type=file][data-hb-import-many]").set_input_files(files)
    tab.wait_for_function("document.documentElement.dataset.hbSummaryReady === '3'")
    assert tab.locator(".hb-sum-load summary").inner_text() == "载入 3 个文件：3 个单位。"
    rows = {r.get_attribute("data-unit"): [c.inner_text() for c in r.locator("td").all()]
            for r in tab.locator(".hb-sum-units tbody tr").all()}
    total = 5
    assert rows["某机关第一党支部"][4:8] == ["2", "0", "1", str(total - 3)]
    assert rows["某机关第二党支部"][4:8] == ["1", "1", "1", str(total - 3)]
    assert rows["第三党支部"][4:8] == ["1", "1", "1", str(total - 3)]
    assert rows["某机关第一党支部"][2] == "2026.1"              # the edition each return was filled against
    # 多数 = more than half, 未填 counted as not started: ZS0-02 3/3 first, then the items 2 of 3 have not touched
    majority = tab.locator("[data-hb-majority] li")
    assert majority.first.get_attribute("data-item") == "ZS0-02" and "3/3 个单位未开始" in majority.first.inner_text()
    assert set(majority.evaluate_all("l => l.map(x => x.dataset.item)")) == {"ZS0-02", "AA0-01", "AA1-01", "AA1-02"}
    tab.locator('[data-hb-sum-view="units"]').select_option("load")     # columns in load order (default: by name)
    grid = {r.get_attribute("data-item"): r.locator("td").evaluate_all("l => l.map(c => [c.dataset.status, c.textContent])")
            for r in tab.locator("table[data-hb-grid] tbody tr").all()}
    assert grid["ZS0-01"] == [["已完成", "已"], ["已完成", "已"], ["推进中", "推"]]
    assert grid["AA1-02"] == [["未填", "空"], ["未填", "空"], ["已完成", "已"]]
    heads = tab.locator("table[data-hb-grid] thead th[data-unit]")
    assert heads.count() == 3 and "某机关第一党支部" in heads.first.get_attribute("aria-label")
    assert tab.locator("svg.hb-sum-chart").count() == 2
    parts = [r.split("\t") for r in tab.locator(".hb-sum-parts tbody tr").all_inner_texts()]
    assert sum(int(r[3]) for r in parts if r[0] == "部分") == 3 * total          # n/N: N = units × items
    assert sum(int(r[2]) for r in parts if r[0] == "部分") == 4                  # 已完成 cells: 2 + 1 + 1
    # sorting and filtering redraw the grid
    tab.locator('[data-hb-sum-view="units"]').select_option("progress")
    assert tab.locator("table[data-hb-grid] thead th[data-unit]").first.get_attribute("data-unit") == "某机关第一党支部"
    tab.locator('[data-hb-sum-view="status"]').select_option("推进中")
    items = tab.locator("table[data-hb-grid] tbody tr").evaluate_all("l => l.map(r => r.dataset.item)")
    assert set(items) == {"ZS0-01", "AA1-01"}
    tab.locator('[data-hb-sum-view="status"]').select_option("")

    with tab.expect_download() as info:
        tab.locator('[data-hb-summary-export="xlsx"]').click()
    assert info.value.suggested_filename.endswith(".xlsx") and "2026.1" in info.value.suggested_filename
    book = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    sheet = book["汇总"]
    assert "全部要求对照检查清单" in sheet["A1"].value and "某机关机关党委" in sheet["A2"].value and "2026.1" in sheet["A2"].value
    head = [c.value for c in sheet[4]]
    assert head[:2] == ["编号", "要求"] and head[-4:] == ["已完成（单位数）", "推进中（单位数）", "未开始（单位数）", "未填（单位数）"]
    assert set(head[2:5]) == {"某机关第一党支部", "某机关第二党支部", "第三党支部"}
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == "9"
    assert sheet.freeze_panes == "C5" and sheet["A5"].font.name == "宋体" and sheet["A5"].border.left.style == "thin"
    assert sheet.column_dimensions["B"].width > 20
    by_id = {sheet.cell(r, 1).value: [c.value for c in sheet[r]] for r in range(5, sheet.max_row + 1)}
    assert by_id["ZS0-02"][-4:] == [0, 0, 3, 0]
    assert book["各单位进度"].max_row == 4 + 3
    for ws in book.worksheets:                              # user text never becomes a formula
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)

    with tab.expect_download() as info:
        tab.locator('[data-hb-summary-export="docx"]').click()
    import docx as python_docx
    report = python_docx.Document(info.value.path())
    text = "\n".join(p.text for p in report.paragraphs)
    assert "汇总报告" in report.paragraphs[0].text
    for needle in ("一、总体情况", "共汇总 3 个单位", "三、多数单位尚未开始的条目", "ZS0-02", "四、进度较慢的单位",
                   "五、存在问题", "六、下一步工作", "某机关机关党委"):
        assert needle in text, needle
    assert len(report.tables) == 1 and report.tables[0].rows[0].cells[2].text == "已完成/应完成"
    assert len(report.inline_shapes) == 2                    # the two charts, rendered to PNG
    section = report.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert tab.console_errors == []


def _write(tmp_path, name, body) -> str:
    path = tmp_path / name
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return str(path)


def test_summary_manages_returns_and_keeps_them(tab, root_url, fill_site, tmp_path):  # noqa: F811
    """Issue 20.2: one row per unit (newer replaces older, exact duplicates ignored), other editions apart,
    returns kept in the browser until 清空, removable one by one."""
    first = _backup("一支部", {"ZS0-01": "未开始"})
    newer = json.loads(_backup("一支部", {"ZS0-01": "已完成"}))
    newer["written"] = "2026-12-05T00:00:00Z"
    old_edition = json.loads(_backup("二支部", {"ZS0-01": "已完成"}))
    old_edition["edition"] = {"version": "2025.9"}
    files = [_write(tmp_path, "a.json", first), _write(tmp_path, "a-copy.json", first),
             _write(tmp_path, "b.json", _backup("二支部", {"ZS0-02": "推进中"})),
             _write(tmp_path, "old.json", json.dumps(old_edition, ensure_ascii=False))]
    tab.goto(f"{root_url}/checklists/summary.html")
    tab.locator("input[type=file][data-hb-import-many]").set_input_files(files)
    tab.wait_for_function("document.documentElement.dataset.hbSummaryReady === '3'")
    assert tab.locator(".hb-sum-load summary").inner_text() == "载入 4 个文件：3 个单位，1 个重复已忽略。"
    assert "不同的清单或版本" in tab.locator(".hb-sum-groups-note").inner_text()
    assert tab.locator(".hb-sum-units tbody tr").count() == 2          # the current edition's group only
    tab.locator('[data-hb-sum-view="group"]').select_option("1")
    assert "2025.9" in tab.locator(".hb-sum-edition").inner_text()
    assert tab.locator(".hb-sum-units tbody tr").count() == 1
    tab.locator('[data-hb-sum-view="group"]').select_option("0")

    tab.locator("input[type=file][data-hb-import-many]").set_input_files([_write(tmp_path, "a-new.json", json.dumps(newer, ensure_ascii=False))])
    tab.wait_for_function("document.querySelector('.hb-sum-load summary').textContent.includes('替换')")
    assert "替换了 一支部 较早的 a.json" in tab.locator(".hb-sum-load").text_content()
    row = tab.locator('.hb-sum-units tr[data-unit="一支部"] td').all_inner_texts()
    assert row[4] == "1" and row[9] == "a-new.json"

    tab.reload()                                                          # kept in the browser
    tab.wait_for_function("document.documentElement.dataset.hbSummaryReady === '3'")
    assert tab.locator('.hb-sum-units tr[data-unit="一支部"] td').all_inner_texts()[9] == "a-new.json"
    tab.locator('.hb-sum-units tr[data-unit="二支部"] [data-action=remove-unit]').click()
    tab.wait_for_function("document.documentElement.dataset.hbSummaryReady === '2'")
    tab.reload()
    tab.wait_for_function("document.documentElement.dataset.hbSummaryReady === '2'")
    tab.once("dialog", lambda d: d.accept())
    tab.locator("[data-action=clear-summary]").click()
    tab.wait_for_function("document.documentElement.dataset.hbSummaryReady === '0'")
    tab.reload()
    assert tab.locator("table[data-hb-grid]").count() == 0
    assert tab.console_errors == []


def test_summary_survives_any_file(tab, root_url, fill_site, tmp_path):  # noqa: F811
    """Issue 18.6: prototype-named ids, entries keyed so, malformed values, random bytes: each bad file is refused
    and listed with the reason; the good ones are summed up and the page keeps working."""
    import random
    bad = {}
    for name in ("constructor", "__proto__", "toString"):
        bad[f"id-{name}.json"] = _backup("坏", {}).replace('"id": "all"', f'"id": "{name}"')
    rng = random.Random(7)
    bad["random.json"] = bytes(rng.randrange(256) for _ in range(2000))
    bad["random.xlsx"] = bytes(rng.randrange(256) for _ in range(2000))
    bad["array.json"] = "[1, 2, 3]"
    bad["null.json"] = "null"
    good = {"proto-entries.json": _backup("__proto__", {}).replace('"entries": {}',
                                                                    '"entries": {"__proto__": {"status": "已完成"}, '
                                                                    '"constructor": null, "ZS0-01": {"status": "xyz"}, '
                                                                    '"ZS0-02": {"status": {"formula": "=1"}}, "AA0-01": {"status": "已完成"}}'),
            "ok.json": _backup("好支部", {"ZS0-01": "已完成"}),
            "formula.json": _backup('=HYPERLINK("file:///c:/calc.exe","点我")', {"ZS0-02": "推进中"}),
            "weird-fields.json": _backup("x", {}).replace('"fields": {"单位": "x"}', '"fields": {"单位": {"toString": 1}}')}
    files = [_write(tmp_path, n, b) for n, b in {**bad, **good}.items()]
    tab.goto(f"{root_url}/checklists/summary.html")
    tab.locator("input[type=file][data-hb-import-many]").set_input_files(files)
    tab.wait_for_function("document.documentElement.dataset.hbSummaryReady === '4'")
    refused = tab.locator(".hb-sum-refused li").evaluate_all("l => l.map(x => x.dataset.refused)")
    assert sorted(refused) == sorted(bad)
    units = tab.locator(".hb-sum-units tbody tr").evaluate_all("l => l.map(r => r.dataset.unit)")
    formula = '=HYPERLINK("file:///c:/calc.exe","点我")'
    assert sorted(units) == sorted(["__proto__", "好支部", "weird-fields", formula])
    assert tab.locator('.hb-sum-units tr[data-unit="__proto__"] td').all_inner_texts()[4] == "1"
    assert "无法识别" in tab.locator(".hb-sum-load").text_content()
    assert tab.locator("table[data-hb-grid] tbody tr").count() == 5
    with tab.expect_download() as info:                  # user text stays text: no formula, no link in any cell
        tab.locator('[data-hb-summary-export="xlsx"]').click()
    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" and c.hyperlink is None for c in cells)
    assert formula in [c.value for c in book["汇总"][4]]
    with tab.expect_download() as info:
        tab.locator('[data-hb-summary-export="docx"]').click()
    import zipfile
    body = zipfile.ZipFile(info.value.path()).read("word/document.xml").decode()
    assert "HYPERLINK" in body and "<w:hyperlink" not in body and "<w:fldSimple" not in body and "<w:instrText" not in body
    tab.reload()
    tab.wait_for_function("document.documentElement.dataset.hbSummaryReady === '4'")
    assert tab.console_errors == []


RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id} (${v.impact}): ` + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "));
}"""


def _many(tmp_path, count) -> list[str]:
    statuses = ("已完成", "推进中", "未开始")
    return [_write(tmp_path, f"u{n:03d}.json", _backup(f"某机关第{n + 1}党支部",
                                                       {i: statuses[(n + k) % 3] for k, i in enumerate(("ZS0-01", "ZS0-02", "AA0-01"))}))
            for n in range(count)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_summary_with_returns_is_axe_clean(browser, fill_http, axe_source, tmp_path, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{fill_http}/checklists/summary.html")
    page.locator("input[type=file][data-hb-import-many]").set_input_files(_many(tmp_path, 30))
    page.wait_for_function("document.documentElement.dataset.hbSummaryReady === '30'")
    page.add_script_tag(content=axe_source)
    assert page.evaluate(RUN_AXE) == []
    context.close()


def test_summary_at_30_units_reads_wide_and_on_a_phone(browser, fill_http, tmp_path):
    """Issue 20.1: full width, the grid in its own scroll box with sticky header and first column, IDs on one line;
    on a 360 px phone the page does not scroll sideways (the grid scrolls in its box)."""
    files = _many(tmp_path, 30)
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    page = context.new_page()
    page.goto(f"{fill_http}/checklists/summary.html")
    page.locator("input[type=file][data-hb-import-many]").set_input_files(files)
    page.wait_for_function("document.documentElement.dataset.hbSummaryReady === '30'")
    assert page.locator(".hb-summary").evaluate("e => e.getBoundingClientRect().width") > 1200   # not the 688 px column
    box = page.locator(".hb-sum-scroll")
    assert box.evaluate("e => getComputedStyle(e).overflow") == "auto"
    head, first = page.locator("table[data-hb-grid] thead th").nth(3), page.locator("table[data-hb-grid] tbody th").first
    assert head.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert first.evaluate("e => getComputedStyle(e).position") == "sticky"
    one_line = "e => e.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(e).lineHeight)"
    assert all(page.locator("table[data-hb-grid] tbody th .hb-nowrap").evaluate_all(f"l => l.map({one_line})"))  # IDs never wrap
    assert all(page.locator("table[data-hb-grid] thead th").evaluate_all(f"l => l.map({one_line})"))
    cell = page.locator("table[data-hb-grid] tbody td").first
    assert len(cell.inner_text()) == 1
    assert "某机关第1党支部" in page.locator(".hb-sum-units").inner_text()            # the legend: label → full name
    head.focus()
    assert head.evaluate("e => getComputedStyle(e, '::after').content").strip('"') == head.get_attribute("data-name")
    context.close()

    phone = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{fill_http}/checklists/summary.html")
    page.locator("input[type=file][data-hb-import-many]").set_input_files(files)
    page.wait_for_function("document.documentElement.dataset.hbSummaryReady === '30'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator(".hb-sum-scroll").evaluate("e => e.scrollWidth > e.clientWidth")
    phone.close()


def test_summary_prints_a4_landscape_split_by_units(tab, fill_http, tmp_path):
    """60 units print as three parts of at most 24 units, each part's header row on its pages."""
    import subprocess
    tab.goto(f"{fill_http}/checklists/summary.html")
    tab.locator("input[type=file][data-hb-import-many]").set_input_files(_many(tmp_path, 60))
    tab.wait_for_function("document.documentElement.dataset.hbSummaryReady === '60'")
    tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    tab.emulate_media(media="print")
    pdf = tmp_path / "summary.pdf"
    tab.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert round(width) == 842 and round(height) == 595                                  # A4 landscape
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "单位代号 01–24" in text and "单位代号 25–48" in text and "单位代号 49–60" in text
    assert tab.locator(".hb-sum-print table").count() == 3


def test_summary_loads_plan_backups_beside_checklists(page, site_url, catalogue, tmp_path):
    """Issue 12: the 汇总 page sums up 工作计划 backups — the hb-fill record plan.html exports now and the
    older {records: […]} file — beside the checklist backups loaded with them."""
    from handbook import plan as plan_model
    level = next(lv for lv in plan_model.levels(catalogue) if lv.id == "dangzhibu")
    first, second = (r.id for r in level.requirements[:2])
    t = "2026-12-01T00:00:00.000Z"

    def new_shape(unit):                      # what plan.html exports: 1 requirement done, 1 late, 1 own task
        return {"format": "hb-fill", "version": 1, "kind": "plan", "id": "dangzhibu", "title": level.title,
                "edition": {"version": catalogue.edition.version}, "fields": {"单位": unit, "年度": "2027"},
                "entries": {first: {"lead": "组织科", "months": [3], "progress": {"3": {"status": "done", "note": ""}}, "t": t},
                            second: {"owner": "张某", "progress": {"4": {"status": "late", "note": "人手不足"}}, "t": t},
                            "task:a1": {"item": first, "title": "自定", "months": [5], "t": t}},
                "seen": {}, "updated": t, "written": t}

    def old_shape(unit):                      # what the earlier plan page exported
        value = {"kind": "plan", "id": "dangzhibu", "unit": unit, "year": "2026",
                 "rows": {first: {"lead": "组织科", "t": 1}},
                 "tasks": {"t1": {"item": first, "title": "自定", "t": 1}, "t2": {"item": first, "deleted": True, "t": 1}},
                 "track": {first: {"3": {"status": "doing", "t": 1}}, "t1": {"4": {"status": "late", "t": 1}}},
                 "updated": 1}
        return {"handbook": catalogue.edition.name, "version": "2026.1", "records": [{"kind": "plan", "id": "dangzhibu", "value": value}]}

    checklist = next(iter(catalogue.checklists))
    item = checklist.items[0].id
    files = []
    for name, body in (("一支部.json", new_shape("某机关第一党支部")), ("二支部-旧.json", old_shape("某机关第二党支部")),
                       ("清单.json", {"format": "hb-fill", "version": 1, "kind": "checklist", "id": checklist.id,
                                      "title": checklist.title, "edition": {}, "fields": {"单位": "某机关第三党支部"},
                                      "entries": {item: {"status": "已完成", "note": "", "score": "", "t": t}},
                                      "seen": {}, "updated": t, "written": t})):
        path = tmp_path / name
        path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    page.goto(f"{site_url}/checklists/summary.html")
    page.locator("input[type=file][data-hb-import-many]").set_input_files(files)
    page.wait_for_function("document.documentElement.dataset.hbSummaryReady === '1'")
    rows = [r.split("\t")[:6] for r in page.locator("table.hb-sum-plans tbody tr").all_inner_texts()]
    assert rows == [["某机关第一党支部", level.title, "2027", "3", "1", "1"],
                    ["某机关第二党支部", level.title, "2026", "2", "0", "1"]]
    units = page.locator(".hb-sum-units tbody tr")
    assert units.count() == 1 and units.first.get_attribute("data-unit") == "某机关第三党支部"
    assert page.console_errors == []


def test_summary_files_open_in_libreoffice_as_a4(tab, fill_http, tmp_path):
    """The 汇总 Excel prints A4 landscape with its title on page 1; the 汇总报告 is A4 portrait (LibreOffice headless)."""
    import office                                   # fails in CI, skips elsewhere, when LibreOffice is missing
    office.soffice()
    tab.goto(f"{fill_http}/checklists/summary.html")
    tab.locator("input[type=file][data-hb-import-many]").set_input_files(_many(tmp_path, 30))
    tab.wait_for_function("document.documentElement.dataset.hbSummaryReady === '30'")
    pdfs = {}
    for kind in ("xlsx", "docx"):
        with tab.expect_download() as info:
            tab.locator(f'[data-hb-summary-export="{kind}"]').click()
        info.value.save_as(tmp_path / f"summary.{kind}")
        pdfs[kind] = office.pdf_of(tmp_path / f"summary.{kind}", tmp_path / "out" / kind)
    sizes = {kind: tuple(round(x) for x in office.pdf_page_size(pdf)) for kind, pdf in pdfs.items()}
    assert sizes == {"xlsx": (842, 595), "docx": (595, 842)}
    first = office.pdf_text(pdfs["xlsx"], first_page_only=True)
    assert "全部要求对照检查清单填写汇总" in first and "手册版本：2026.1" in first


def test_two_summary_tabs_keep_each_others_returns(tab, fill_http, tmp_path):  # noqa: F811
    """The 汇总 page open twice: each tab's loads are kept in the browser, and each tab shows the other's."""
    a, b = tab, tab.context.new_page()
    for page in (a, b):
        page.goto(f"{fill_http}/checklists/summary.html")
    a.locator("input[type=file][data-hb-import-many]").set_input_files(
        [_write(tmp_path, "1.json", _backup("一支部", {"ZS0-01": "已完成"}))])
    a.wait_for_function("document.documentElement.dataset.hbSummaryReady === '1'")
    b.wait_for_function("document.documentElement.dataset.hbSummaryReady === '1'")     # the storage event
    b.locator("input[type=file][data-hb-import-many]").set_input_files(
        [_write(tmp_path, "2.json", _backup("二支部", {"ZS0-02": "推进中"}))])
    b.wait_for_function("document.documentElement.dataset.hbSummaryReady === '2'")
    a.wait_for_function("document.documentElement.dataset.hbSummaryReady === '2'")
    a.locator('.hb-sum-units tr[data-unit="一支部"] [data-action=remove-unit]').click()
    b.wait_for_function("document.documentElement.dataset.hbSummaryReady === '1'")
    for page in (a, b):
        page.reload()
        page.wait_for_selector(".hb-sum-units")
        assert [r.get_attribute("data-unit") for r in page.locator(".hb-sum-units tbody tr[data-unit]").all()] == ["二支部"]
