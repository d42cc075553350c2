"""The user's work survives what real users and attackers do (issue: nothing a user types is ever lost):
two tabs on the same list or plan, a hand-filled Excel, another list's Excel, crafted and oversized backups,
a stored record that no longer fits the schema. Real Chromium; fixture projects tests/fixtures/fill and plan.
The rules themselves are unit-tested under Node (tests/js/hb-record.test.js, hb-sheet.test.js)."""

from __future__ import annotations

import json

import openpyxl

from test_checklist_fill import (CHECKLIST, _download, _fill, _open, _state, fill_http, fill_site,  # noqa: F401
                                 root_url)
from test_plan import LEVEL, _open_plan, _set, _value, plan_site  # noqa: F401 (fixtures)


def _second(tab):
    """Another tab of the same browser profile: same localStorage, storage events between the two."""
    page = tab.context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    return page


def _stored_checklist(tab) -> dict:
    return tab.evaluate(f"JSON.parse(localStorage.getItem(hbStore.key('checklist', '{CHECKLIST}')) || 'null')")


def _import(tab, path):
    notices = tab.locator(".hb-cl-notices .hb-notice").count()
    tab.locator("input[data-hb-import]").set_input_files(str(path))
    tab.wait_for_function(f"document.querySelectorAll('.hb-cl-notices .hb-notice').length > {notices}")
    return tab.locator(".hb-cl-notices").inner_text()


def test_two_tabs_on_one_list_keep_each_others_work(tab, fill_http):
    a, b = tab, _second(tab)
    _open(a, fill_http)
    _open(b, fill_http)
    a.locator('tr[data-item="ZS0-01"] input[value="已完成"]').check()
    b.locator('tr[data-item="ZS0-02"] input[value="推进中"]').check()
    a.locator('tr[data-item="AA0-01"] .hb-note').fill("甲页的备注")
    # the same row, different fields, neither tab having seen the other's change yet
    a.locator('tr[data-item="AA1-01"] input[value="未开始"]').check()
    b.locator('tr[data-item="AA1-01"] .hb-note').fill("乙页的备注")
    # an open tab shows the other tab's changes without a reload
    b.wait_for_function("document.querySelector('tr[data-item=\"AA0-01\"] .hb-note').textContent === '甲页的备注'")
    a.wait_for_function("document.querySelector('tr[data-item=\"ZS0-02\"] input[value=\"推进中\"]').checked")
    for page in (a, b):
        page.reload()
        page.wait_for_selector(".hb-progress:not(:empty)")
        state = _state(page)
        assert state["status"] == {"ZS0-01": "已完成", "ZS0-02": "推进中", "AA1-01": "未开始"}
        assert state["note"] == {"AA0-01": "甲页的备注", "AA1-01": "乙页的备注"}
        assert page.console_errors == []


def test_two_tabs_on_one_plan_keep_each_others_work(tab, plan_site):
    _site, url = plan_site
    a, b = tab, _second(tab)
    _open_plan(a, f"{url}/plan.html")
    _open_plan(b, f"{url}/plan.html")
    _set(a, "AA1-01", "lead", "办公室")
    _set(b, "AA1-02", "owner", "李某")
    _set(a, "AA1-02", "lead", "机关党委")                # same row as b, another field
    b.locator('tr[data-item="AA1-01"] input[data-month="3"]').check()
    b.wait_for_function("document.querySelector('tr[data-item=\"AA1-02\"] input[data-field=\"lead\"]').value === '机关党委'")
    for page in (a, b):
        page.reload()
        page.wait_for_selector(".hb-plan-table tbody tr[data-item]")
        assert _value(page, "AA1-01", "lead") == "办公室"
        assert _value(page, "AA1-02", "owner") == "李某" and _value(page, "AA1-02", "lead") == "机关党委"
        assert page.locator('tr[data-item="AA1-01"] input[data-month="3"]').is_checked()
        stored = page.evaluate(f"JSON.parse(localStorage.getItem(hbStore.key('plan', '{LEVEL}')))")
        assert stored["entries"]["AA1-01"]["months"] == [3]
        assert page.console_errors == []


def _blank(fill_site, checklist=CHECKLIST):
    wb = openpyxl.load_workbook(fill_site[1] / "downloads" / f"{checklist}.xlsx")
    ws = wb.worksheets[0]
    header = next(r for r in range(1, 10) if any(c.value == "编号" for c in ws[r]))
    cols = {c.value: c.column for c in ws[header]}
    rows = {ws.cell(r, cols["编号"]).value: r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, cols["编号"]).value}
    return wb, ws, cols, rows


def test_hand_filled_excel_never_erases_and_accounts_for_every_row(tab, root_url, fill_site, tmp_path):
    _open(tab, root_url)
    tab.locator('tr[data-item="AA1-01"] input[value="推进中"]').check()
    tab.locator('tr[data-item="AA1-01"] .hb-note').fill("本机的佐证材料")
    tab.locator('tr[data-item="AA0-01"] input[value="未开始"]').check()
    tab.locator('tr[data-item="AA0-01"] .hb-note').fill("不要丢")

    wb, ws, cols, rows = _blank(fill_site)
    ws.cell(rows["AA1-01"], cols["完成情况"], "√")              # recognised, note cell left empty
    ws.cell(rows["AA0-01"], cols["完成情况"], "差不多")          # not understood: that row changes nothing
    ws.cell(rows["ZS0-01"], cols["完成情况"], "已 完成")
    blank_row, after = rows["ZS0-02"], "AA1-02"                  # a blank row, then rows after it
    for c in range(1, ws.max_column + 1):
        ws.cell(blank_row, c).value = None
    ws.cell(rows[after], cols["完成情况"], "进行中")
    ws.cell(rows[after], cols["佐证材料/备注"], "第一行\n第二行")
    path = tmp_path / "手填.xlsx"
    wb.save(path)

    asked = []
    tab.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    text = _import(tab, path)
    assert len(asked) == 1 and "改动本机已有的 1 处" in asked[0] and "AA1-01 完成情况：推进中 → 已完成" in asked[0]
    state = _state(tab)
    assert state["status"]["AA1-01"] == "已完成" and state["note"]["AA1-01"] == "本机的佐证材料"
    assert state["status"]["AA0-01"] == "未开始" and state["note"]["AA0-01"] == "不要丢"
    assert state["status"]["ZS0-01"] == "已完成"
    assert state["status"][after] == "推进中"
    assert _stored_checklist(tab)["entries"][after]["note"] == "第一行\n第二行"
    assert "AA0-01" in text and "差不多" in text
    assert "（项）" not in text and "合计" not in text           # the template's own rows are never "unknown IDs"


def test_another_lists_excel_is_refused(tab, fill_http, fill_site, tmp_path):
    _open(tab, fill_http)
    tab.locator('tr[data-item="ZS0-01"] input[value="未开始"]').check()
    before = _stored_checklist(tab)["entries"]
    wb, ws, cols, rows = _blank(fill_site, "branch")
    for r in rows.values():
        ws.cell(r, cols["完成情况"], "已完成")
    path = tmp_path / "branch.xlsx"
    wb.save(path)
    text = _import(tab, path)
    assert "未导入" in text and "branch" in text and "没有任何改动" in text
    assert _stored_checklist(tab)["entries"] == before


def test_crafted_backup_is_checked_before_it_touches_anything(tab, fill_http, tmp_path):
    _open(tab, fill_http)
    tab.locator('tr[data-item="AA1-01"] .hb-note').fill("本机")
    t = "2026-12-01T08:00:00.000Z"
    entries = {f"ZZ{n}-01": {"status": "已完成", "t": t} for n in range(10000)}
    entries.update({
        "ZS0-01": {"status": "已完成", "note": "可以导入", "t": t},
        "ZS0-02": {"note": {"formula": "WEBSERVICE(\"http://x\")"}, "t": t},
        "AA0-01": {"note": {"text": "点我", "hyperlink": "javascript:alert(1)"}, "t": t},
        "AA1-02": {"status": "xyz", "t": t},
        "AA1-01": {"status": "推进中", "t": "昨天"},
        "ZZ8-88": None,
    })
    body = json.dumps({"format": "hb-fill", "version": 1, "kind": "checklist", "id": CHECKLIST, "title": "x",
                       "fields": {"单位": {"formula": "NOW()"}}, "entries": entries, "seen": {}}, ensure_ascii=False)
    body = body.replace('"ZS0-01"', '"constructor": {"status": "已完成"}, "__proto__": {"status": "已完成"}, "ZS0-01"', 1)
    path = tmp_path / "crafted.json"
    path.write_text(body, encoding="utf-8")
    text = _import(tab, path)
    stored = _stored_checklist(tab)
    assert set(stored["entries"]) == {"ZS0-01", "AA1-01"}
    assert stored["entries"]["AA1-01"] == {"note": "本机", "t": stored["entries"]["AA1-01"]["t"]}
    assert "单位" not in stored["fields"]
    for key in ("ZS0-02", "AA0-01", "AA1-02", "AA1-01", "constructor", "__proto__", "单位"):
        assert key in text, key
    assert "没有这个编号：ZZ0-01" in text and "等 10001 处" in text          # 10,000 + ZZ8-88 (null), one line
    tab.reload()
    tab.wait_for_selector(".hb-progress:not(:empty)")
    assert _state(tab)["note"] == {"ZS0-01": "可以导入", "AA1-01": "本机"}
    assert tab.console_errors == []


def test_oversized_backup_is_refused_before_reading(tab, fill_http, tmp_path):
    _open(tab, fill_http)
    tab.locator('tr[data-item="AA1-01"] .hb-note').fill("本机")
    before = _stored_checklist(tab)
    path = tmp_path / "huge.json"
    path.write_text('{"format": "hb-fill", "pad": "' + "x" * (6 * 1024 * 1024) + '"}', encoding="utf-8")
    text = _import(tab, path)
    assert "超过 5 MB" in text and "没有任何改动" in text
    assert _stored_checklist(tab) == before


def test_stored_record_that_does_not_fit_is_kept_aside(tab, fill_http):
    _open(tab, fill_http)
    raw = json.dumps({"format": "hb-fill", "version": 1, "kind": "checklist", "id": CHECKLIST, "title": "x",
                      "fields": {"单位": "某机关"}, "seen": {},
                      "entries": {"ZS0-01": {"status": "已完成", "t": "2026-12-01T08:00:00.000Z"}, "ZZ8-88": None,
                                  "AA0-01": {"status": "done?"}}}, ensure_ascii=False)
    tab.evaluate("raw => localStorage.setItem(hbStore.key('checklist', '%s'), raw)" % CHECKLIST, raw)
    tab.reload()
    tab.wait_for_selector(".hb-progress:not(:empty)")
    assert _state(tab)["status"] == {"ZS0-01": "已完成"}
    aside = tab.locator(".hb-cl-aside")
    assert "ZZ8-88" in aside.inner_text() and "AA0-01" in aside.inner_text()
    with tab.expect_download() as got:
        aside.get_by_role("button", name="下载原记录").click()
    assert got.value.path().read_text(encoding="utf-8") == raw
    # the page still works: a tick is saved, and the aside copy stays until the user deletes it
    tab.locator('tr[data-item="AA1-01"] input[value="已完成"]').check()
    assert _stored_checklist(tab)["entries"]["AA1-01"]["status"] == "已完成"
    assert tab.evaluate("localStorage.getItem('hb:v1:' + hbStore.namespace + ':aside:checklist:%s')" % CHECKLIST) == raw
    assert tab.console_errors == []


def test_filled_excel_round_trip_keeps_every_entry(tab, root_url, tmp_path):
    """Export the filled Excel, 清空, import it back: every status, note (line breaks too) and field returns."""
    _open(tab, root_url)
    _fill(tab)
    tab.locator('tr[data-item="AA1-02"] .hb-note').fill("第一行\n第二行")
    def saved():
        stored = _stored_checklist(tab)
        return stored["fields"], {k: {f: v for f, v in e.items() if f != "t" and v} for k, e in stored["entries"].items()}
    before = saved()
    assert before[1]["AA1-02"]["note"] == "第一行\n第二行"
    data, name = _download(tab, '[data-hb-export="xlsx"]')
    path = tmp_path / name
    path.write_bytes(data)
    tab.once("dialog", lambda d: d.accept())
    tab.locator("[data-action=clear]").click()
    assert _state(tab) == {"status": {}, "note": {}, "fields": {}}
    text = _import(tab, path)
    assert "已从" in text and "未导入" not in text
    assert saved() == before


def test_a_plan_write_stamps_the_level_and_edition(tab, plan_site):
    """A saved plan names its level and the edition it was written in (the backup carries them)."""
    _site, url = plan_site
    _open_plan(tab, f"{url}/plan.html")
    _set(tab, "AA1-01", "lead", "办公室")
    stored = tab.evaluate(f"JSON.parse(localStorage.getItem(hbStore.key('plan', '{LEVEL}')))")
    data = tab.evaluate("window.__hbPlanData")
    level = next(l for l in data["levels"] if l["id"] == LEVEL)
    assert stored["title"] == level["title"]
    assert stored["edition"] == {"version": data["edition"]["version"], "date": data["edition"]["date"]}
