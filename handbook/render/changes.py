"""修订说明 (changes.html): for each edition, what changed from the one before (handbook/changes.py).

The page is split like other long pages (handbook/paging.py): one unit per edition heading,
per kind heading and per changed item; a kind that runs onto the next page repeats its
heading as “（续）”. The same data goes to api/changes.json (changes_json)."""

from __future__ import annotations

from .. import changes as history
from ..text import display, escape_html
from . import pager, site_map
from .html import Linker
from .pages import heading

PAGE = site_map.CHANGES


def _edition_title(diff) -> str:
    state = "" if diff.released else "，尚未发布"
    return f"{diff.version} 版（数据日期 {diff.date}{state}）"


def _summary(diff) -> str:
    if not diff.previous:
        return f"首个记录的版本，共 {diff.count} 条要求。"
    if diff.empty:
        return f"与 {diff.previous} 版相比没有变化。"
    parts = [f"{label} {len(diff.of(kind))} 条" for kind, label in history.KINDS if diff.of(kind)]
    extra = []
    if diff.terms_added or diff.terms_removed or diff.terms_modified:
        extra.append("提法词典有改动")
    if diff.lists_added or diff.lists_removed:
        extra.append("清单有增减")
    return f"相对 {diff.previous} 版：" + "、".join(parts + extra) + f"；本版共 {diff.count} 条要求。"


def changes_page(catalogue, page: str | None = None, number: int = 1) -> str:
    paged = pager.paged_set(catalogue, PAGE)
    page = page or paged.page_name(number)
    link = Linker(catalogue, page)
    out = [f"# 修订说明{pager.title_suffix(paged, number)}", ""]
    if number == 1:
        out += [f'<p class="hb-lead">手册每一版相对上一版的变化：新增、撤销（理由与去向）、修改（原表述 → 新表述）和调整清单。'
                f"当前为 {escape_html(catalogue.edition.version)} 版。点击编号查看条目；各清单页的“本版修订”列出该清单的变化。"
                "同样的数据见 <code>api/changes.json</code>。</p>", ""]
    nav = pager.nav(paged, number, link)
    out += [nav, ""] if nav else []
    for index, unit in enumerate(paged.units(number)):
        if unit.kind == "none":
            out += ['<p class="hb-muted">尚未记录任何版本（发布时运行 <code>make release</code>）。</p>', ""]
            continue
        if index == 0 and unit.group is not None:   # continued from the page before
            diff = unit.group[0] if isinstance(unit.group, tuple) else unit.group
            out += [heading(2, _edition_title(diff) + "（续）", f"{diff.anchor}-p{number}"), ""]
            if isinstance(unit.group, tuple) and unit.kind == "change":
                out += [heading(3, dict(history.KINDS)[unit.group[1]] + "（续）",
                                f"{diff.anchor}-{unit.group[1]}-p{number}"), ""]
        if unit.kind == "edition":
            diff = unit.obj
            out += [heading(2, _edition_title(diff), diff.anchor), "",
                    f'<p class="hb-chg-summary">{escape_html(_summary(diff))}</p>', ""]
        elif unit.kind == "kind":
            diff, kind = unit.obj
            out += [heading(3, f"{dict(history.KINDS)[kind]}（{len(diff.of(kind))} 条）", f"{diff.anchor}-{kind}"), ""]
        elif unit.kind == "change":
            out += [_change(catalogue, *unit.obj, link), ""]
        elif unit.kind == "other":
            out += [_other(catalogue, unit.obj, link), ""]
    nav = pager.nav(paged, number, link, top=False)
    out += [nav, ""] if nav else []
    return "\n".join(out)


def _id_link(catalogue, item_id: str, link: Linker) -> str:
    item = catalogue.items.get(item_id)
    if item is None:
        return f'<span class="hb-chg-id">{escape_html(item_id)}</span>'
    return f'<a class="hb-chg-id" href="{link.item_href(item)}">{escape_html(item_id)}</a>'


def _list_link(catalogue, list_id: str, link: Linker) -> str:
    found = [c for c in catalogue.checklists if c.id == list_id]
    if not found:
        return escape_html(list_id)
    return f'<a href="{link.href(site_map.checklist_page(found[0]))}">{escape_html(found[0].title)}</a>'


def _value(name: str, value) -> str:
    return escape_html(display(history.show(name, value)))


def _change(catalogue, diff, change, link: Linker) -> str:
    head = f'{_id_link(catalogue, change.id, link)} <span class="hb-chg-title">{escape_html(display(change.title))}</span>'
    rows = []
    if change.kind == "modified":
        for name, (old, new) in change.fields.items():
            rows.append(f'<li><span class="hb-chg-field">{history.field_label(name)}</span>：'
                        f'<del>{_value(name, old)}</del> → <ins>{_value(name, new)}</ins></li>')
    elif change.kind == "withdrawn":
        rows.append(f'<li><span class="hb-chg-field">理由</span>：{escape_html(display(change.reason))}</li>')
        if change.to:
            rows.append('<li><span class="hb-chg-field">去向</span>：'
                        + "、".join(_id_link(catalogue, i, link) for i in change.to) + "</li>")
    elif change.kind == "moved":
        if change.left:
            rows.append('<li><span class="hb-chg-field">移出</span>：'
                        + "、".join(_list_link(catalogue, c, link) for c in change.left) + "</li>")
        if change.joined:
            rows.append('<li><span class="hb-chg-field">移入</span>：'
                        + "、".join(_list_link(catalogue, c, link) for c in change.joined) + "</li>")
    details = f'<ul class="hb-chg-details">{"".join(rows)}</ul>' if rows else ""
    return (f'<div class="hb-chg hb-chg-{change.kind}" id="{diff.anchor}-{escape_html(change.id)}" '
            f'data-change="{change.kind}" data-item="{escape_html(change.id)}"><p>{head}</p>{details}</div>')


def _other(catalogue, diff, link: Linker) -> str:
    rows = []
    for term_id, term in diff.terms_added:
        rows.append(f'<li>新增提法：<a href="{link.href(site_map.GLOSSARY, term_id)}">{escape_html(term)}</a></li>'
                    if term_id in {t.id for t in catalogue.terms.values()} else f"<li>新增提法：{escape_html(term)}</li>")
    rows += [f"<li>删除提法：{escape_html(term)}</li>" for _term_id, term in diff.terms_removed]
    for _term_id, term, old, new in diff.terms_modified:
        rows.append(f"<li>修改提法 {escape_html(term)}：<del>{escape_html('、'.join(display(e) for e in old) or '（未展开）')}</del>"
                    f" → <ins>{escape_html('、'.join(display(e) for e in new) or '（未展开）')}</ins></li>")
    rows += [f"<li>新增清单：{_list_link(catalogue, list_id, link)}</li>" for list_id, _title in diff.lists_added]
    rows += [f"<li>删除清单：{escape_html(title)}</li>" for _list_id, title in diff.lists_removed]
    return (f'{heading(3, "提法词典与清单", diff.anchor + "-other")}\n\n'
            f'<ul class="hb-chg-other">{"".join(rows)}</ul>')


def changes_json(catalogue) -> dict:
    """api/changes.json: every edition, newest first, with its changes against the one before."""
    def url(item_id):
        item = catalogue.items.get(item_id)
        return site_map.item_url(item) if item is not None else None

    def value(name, v):
        if name in ("title", "text"):
            return display(v)
        return v

    editions = []
    for diff in history.history(catalogue):
        entry = {"version": diff.version, "date": diff.date, "released": diff.released,
                 "previous": diff.previous or None, "count": diff.count,
                 "url": site_map.site_url(PAGE, diff.anchor)}
        for kind, _label in history.KINDS:
            entry[kind] = []
            for c in diff.of(kind):
                row = {"id": c.id, "title": display(c.title), "url": url(c.id)}
                if kind == "withdrawn":
                    row.update(reason=display(c.reason), to=c.to)
                elif kind == "modified":
                    row["fields"] = {name: {"old": value(name, old), "new": value(name, new)}
                                     for name, (old, new) in c.fields.items()}
                elif kind == "moved":
                    row.update(left=c.left, joined=c.joined)
                entry[kind].append(row)
        entry["terms"] = {"added": [t for t, _ in diff.terms_added], "removed": [t for t, _ in diff.terms_removed],
                          "modified": [t for t, *_ in diff.terms_modified]}
        entry["checklists"] = {"added": [c for c, _ in diff.lists_added], "removed": [c for c, _ in diff.lists_removed]}
        editions.append(entry)
    return {"current": catalogue.edition.version, "editions": editions}
