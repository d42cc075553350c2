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
    tab.locator("input[type=file][data-hb-import-many]").set_input_files(files)
    tab.wait_for_function("document.documentElement.dataset.hbSummaryReady === '3'")
    rows = {r.get_attribute("data-unit"): [c.inner_text() for c in r.locator("td").all()]
            for r in tab.locator(".hb-sum-units tbody tr").all()}
    total = 5
    assert rows["某机关第一党支部"][2:] == ["2", "0", "1", str(total - 3)]
    assert rows["某机关第二党支部"][2:] == ["1", "1", "1", str(total - 3)]
    assert rows["第三党支部"][2:] == ["1", "1", "1", str(total - 3)]
    first_todo = tab.locator(".hb-sum-todo li").first
    assert first_todo.get_attribute("data-item") == "ZS0-02" and "3 个单位未开始" in first_todo.inner_text()
    grid = {r.get_attribute("data-item"): [c.inner_text() for c in r.locator("td").all()[2:]]
            for r in tab.locator(".hb-sum-grid tbody tr").all()}
    assert grid["ZS0-01"] == ["已完成", "已完成", "推进中"] and grid["AA1-02"] == ["未填", "未填", "已完成"]
    assert tab.locator("svg.hb-sum-chart").count() == 2

    with tab.expect_download() as info:
        tab.locator("[data-hb-summary-export]").click()
    book = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    sheet = book["汇总"]
    assert [c.value for c in sheet[2]] == ["编号", "要求", "某机关第一党支部", "某机关第二党支部", "第三党支部"]
    assert book["各单位进度"].max_row == 4


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
    rows = [r.split("\t") for r in page.locator("table.hb-sum-plans tbody tr").all_inner_texts()]
    assert rows == [["某机关第一党支部", level.title, "2027", "3", "1", "1"],
                    ["某机关第二党支部", level.title, "2026", "2", "0", "1"]]
    units = page.locator(".hb-sum-units tbody tr")
    assert units.count() == 1 and units.first.get_attribute("data-unit") == "某机关第三党支部"
    assert page.console_errors == []
