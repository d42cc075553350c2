"""汇总 page in real Chromium (http and file://): three units' files (2 backup JSON + 1 filled blank .xlsx)."""

from __future__ import annotations

import io
import json

import pytest

from test_checklist_fill import fill_http, fill_site, root_url, tab  # noqa: F401  (shared fixtures)

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


def test_summary_loads_plan_backups_beside_checklists(page, site_url, tmp_path):
    """Issue 12: the 汇总 page also sums up 工作计划 backups (the shape plan.html exports)."""
    def plan(unit, done_months, late):
        track = {"GC2-03": {"3": {"status": "done" if done_months else "doing"}},
                 "task-1": {"4": {"status": "late" if late else "doing"}}}
        value = {"kind": "plan", "id": "dangzhibu", "unit": unit, "year": "2027",
                 "rows": {"GC2-03": {"lead": "组织科"}}, "tasks": {"task-1": {"under": "GC2-03", "text": "自定"}},
                 "track": track, "updated": 1}
        return {"handbook": "五型模范机关建设手册", "version": "2026.1", "records": [{"kind": "plan", "id": "dangzhibu", "value": value}]}
    files = []
    for name, args in (("一支部.json", ("某机关第一党支部", True, False)), ("二支部.json", ("某机关第二党支部", False, True))):
        path = tmp_path / name
        path.write_text(json.dumps(plan(*args), ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    page.goto(f"{site_url}/checklists/summary.html")
    page.locator("input[type=file][data-hb-import-many]").set_input_files(files)
    page.wait_for_selector("table.hb-sum-plans tbody tr")
    rows = page.locator("table.hb-sum-plans tbody tr").all_inner_texts()
    assert len(rows) == 2
    first, second = (r.split("\t") for r in rows)
    assert first[:3] == ["某机关第一党支部", "党支部", "2027"] and first[3:] == ["2", "1", "0"]
    assert second[0] == "某机关第二党支部" and second[3:] == ["2", "0", "1"]
    assert page.console_errors == []
