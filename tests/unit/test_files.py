"""Download files made once per content (handbook/export/files.py): cold in worker
processes, warm straight from the cache, stale versions dropped, errors not swallowed."""

from __future__ import annotations

import pytest

from handbook.export.downloads import download_jobs
from handbook.export.files import FileJob, FileMaker
from handbook.export.jobs import case_form_job


def _jobs(catalogue, checklist="dangzhibu"):
    jobs, sheets = download_jobs(catalogue)
    mine = [job for job in jobs if job.group == checklist]
    return [*mine, case_form_job(catalogue)], sheets


def test_cold_then_warm(catalogue, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    jobs, sheets = _jobs(catalogue)
    assert {job.extension for job in jobs} == {"docx", "xlsx", "csv", "pdf"}
    cache = tmp_path / "cache"
    cold = FileMaker(jobs, sheets, root=cache).start()
    # PDFs (and their font) and Word/Excel files in separate worker pools: no worker imports both.
    assert len(cold._pools) == 2
    written = cold.finish(tmp_path / "site1")
    assert sorted(written) == sorted(job.target for job in jobs)
    for job in jobs:
        made = tmp_path / "site1" / job.target
        assert made.read_bytes() == job.cached(cache).read_bytes() and made.stat().st_size > 0
    assert list((cache / "_fonts").glob("*.ttf")), "PDFs use the shared small font"
    stamps = {job.target: job.cached(cache).stat().st_mtime_ns for job in jobs}

    warm = FileMaker(jobs, sheets, root=cache).start()
    assert warm._pools == []                               # nothing missing: no worker started
    warm.finish(tmp_path / "site2")
    assert {job.target: job.cached(cache).stat().st_mtime_ns for job in jobs} == stamps
    for job in jobs:
        assert (tmp_path / "site2" / job.target).read_bytes() == (tmp_path / "site1" / job.target).read_bytes()


def test_new_content_replaces_the_stale_file(catalogue, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    job = next(j for j in _jobs(catalogue)[0] if j.extension == "csv")
    only_csv = FileMaker([job], root=cache).start()
    assert len(only_csv._pools) == 1                       # no PDF missing: no PDF worker
    only_csv.finish(tmp_path / "site")
    first = job.cached(cache)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")   # a different build date is different content
    again = FileJob(job.target, job.group, job.writer, job.args, job.sources)
    assert again.key != job.key
    FileMaker([again], root=cache).start().finish(tmp_path / "site")
    assert again.cached(cache).is_file() and not first.exists()
    assert [p.name for p in (cache / job.group).glob("*.csv")] == [again.cached(cache).name]


def test_a_writer_error_stops_the_build(tmp_path):
    broken = FileJob("downloads/x.csv", "x", "csv_file:write", ("not a sheet",), ("export.csv_file",))
    other = FileJob("downloads/y.csv", "y", "csv_file:write", ("not a sheet either",), ("export.csv_file",))
    maker = FileMaker([broken, other], root=tmp_path / "cache").start()
    with pytest.raises(AttributeError):
        maker.finish(tmp_path / "site")
    assert not (tmp_path / "site" / "downloads" / "x.csv").exists()
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()], "no half-written file is kept"
