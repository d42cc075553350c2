"""The list of generated download files of a catalogue, as FileJobs (files.py)."""

from __future__ import annotations

from .. import plan
from .case_form import BLANK_FORM
from .downloads import download_jobs
from .files import FileJob, FileMaker

PLAN_SOURCES = ("export.plan_files", "export.docx_file", "export.xlsx_file", "export.reproducible", "plan", "sheet")


def plan_jobs(catalogue) -> list[FileJob]:
    """Blank 任务书 / 施工图 of every level, Word and Excel."""
    edition = catalogue.edition
    return [FileJob(plan.blank_path(level.id, kind, extension), f"plan-{level.id}-{kind}",
                    f"plan_files:write_{extension}", (level, kind, kind_title, edition), PLAN_SOURCES)
            for level in plan.levels(catalogue)
            for kind, kind_title in plan.BLANK_KINDS
            for extension in ("docx", "xlsx")]


def case_form_job(catalogue) -> FileJob:
    """The blank 案例报送表."""
    return FileJob(BLANK_FORM, "case-form", "case_form:write_blank_form", (catalogue.edition,),
                   ("export.case_form", "export.docx_file", "export.reproducible", "cases", "sheet"))


def booklet_job(catalogue) -> FileJob:
    """The whole handbook as one A4 PDF (booklet.py), keyed by its content."""
    import hashlib
    import json
    from .booklet import TARGET, booklet_content
    content = booklet_content(catalogue)
    digest = hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()
    return FileJob(TARGET, "booklet", "booklet:write", (content,),
                   ("export.booklet", "export.pdf_font", "export.pdf_file", "export.reproducible"), content=digest)


def file_maker(catalogue) -> FileMaker:
    checklist_jobs, sheets = download_jobs(catalogue)
    return FileMaker([*checklist_jobs, *plan_jobs(catalogue), case_form_job(catalogue), booklet_job(catalogue)],
                     font_sheets=sheets)
