"""Checklist pages in Chromium: printed A4 PDF holds every item and no site chrome; ticks survive a reload."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ARTIFACTS, require_tool

NAV_TEXT = ["首页", "提法词典", "分类浏览", "讲话原文", "搜索", "下载", "清空"]


def _print(page, site_url, checklist_id, tmp_path):
    page.goto(f"{site_url}/checklists/{checklist_id}.html")
    page.wait_for_selector(".hb-progress:not(:empty)")
    pdf = tmp_path / f"{checklist_id}.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
    return pdf


def _text(pdf) -> str:
    return subprocess.run([require_tool("pdftotext"), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("checklist_id", ["quanbu", "dangzu", "jiguan-dangwei", "dangzhibu", "dangyuan", "zx", "gc",
                                          "fw", "wx", "ll", "zhengzhixing", "fuwuxing", "shiganxing", "wenmingxing",
                                          "lianjiexing", "kaohe-pingfen"])
def test_printed_checklist_has_every_item_and_no_chrome(page, site_url, catalogue, checklist_id, tmp_path):
    checklist = next(c for c in catalogue.checklists if c.id == checklist_id)
    text = _text(_print(page, site_url, checklist_id, tmp_path))
    assert checklist.title in text                      # Chinese survives (a CJK font is installed)
    assert "完成情况" in text and "填表人" in text and "佐证材料" in text
    for item in checklist.items:
        assert text.count(item.id) == 1, f"{item.id} printed {text.count(item.id)} times"
    for chrome in NAV_TEXT:
        assert chrome not in text, f"{chrome!r} printed"
    pages = re.findall(r"第\s*(\d+)\s*页\s*/\s*共\s*(\d+)\s*页", text)      # page numbers on every page
    assert pages and [int(p) for p, _ in pages] == list(range(1, int(pages[0][1]) + 1))
    assert page.console_errors == [] and page.outside_requests == []


def test_first_printed_page_is_kept_as_png(page, site_url, tmp_path):
    pdf = _print(page, site_url, "dangzhibu", tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "dangzhibu-print-page1"
    subprocess.run([require_tool("pdftoppm"), "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(target)], check=True)
    assert target.with_suffix(".png").stat().st_size > 10_000


def test_ticks_notes_and_blanks_survive_reload_and_print(page, site_url, catalogue, tmp_path):
    checklist = next(c for c in catalogue.checklists if c.id == "dangzhibu")
    first, second = checklist.items[0].id, checklist.items[1].id
    page.goto(f"{site_url}/checklists/dangzhibu.html")
    page.locator(f'tr[data-item="{first}"] input[value="已完成"]').check()
    page.locator(f'tr[data-item="{second}"] input[value="推进中"]').check()
    page.locator(f'tr[data-item="{first}"] .hb-note').fill("支委会会议记录")
    page.locator('.hb-fill[data-field="单位"]').fill("某机关第一党支部")
    page.reload()
    assert page.locator(f'tr[data-item="{first}"] input[value="已完成"]').is_checked()
    assert page.locator(f'tr[data-item="{second}"] input[value="推进中"]').is_checked()
    assert page.locator(f'tr[data-item="{first}"] .hb-note').inner_text() == "支委会会议记录"
    assert page.locator(".hb-progress").inner_text().startswith(f"已完成 1 · 推进中 1 · 未开始 0 · 未填 {len(checklist.items) - 2}")
    page.emulate_media(media="print")
    pdf = tmp_path / "filled.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    text = _text(pdf)
    assert "支委会会议记录" in text and "某机关第一党支部" in text
    page.emulate_media(media="screen")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-action=clear]").click()
    page.reload()
    assert not page.locator(f'tr[data-item="{first}"] input[value="已完成"]').is_checked()
    assert page.locator(f'tr[data-item="{first}"] .hb-note').inner_text() == ""


def test_checklist_page_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/checklists/dangyuan.html")
    radio = page.locator("tbody tr input[value=已完成]").first
    radio.check()
    assert radio.is_checked()
    assert not page.locator("[data-action=print]").is_visible()     # JS-only buttons stay hidden
    context.close()
