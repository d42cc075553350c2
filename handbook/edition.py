"""The handbook's edition: name, version and data date, from data/edition.yaml.

Every page footer, printout, download and saved fill-in names it. The build date
comes from SOURCE_DATE_EPOCH when set, else the data date: never the wall clock,
so two builds of one commit are identical.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    name: str          # 五型模范机关建设手册
    version: str       # e.g. 2026.1
    date: str          # data date, YYYY-MM-DD

    @property
    def build_date(self) -> str:
        """SOURCE_DATE_EPOCH as a UTC date when set, else the data date."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch:
            return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
        return self.date

    @property
    def label(self) -> str:
        """Short form for footers and file contents: 2026.1 版（数据日期 2026-12-01）."""
        return f"{self.version} 版（数据日期 {self.date}）"

    @property
    def line(self) -> str:
        """One line naming handbook, edition and build date, for footers of files and printouts."""
        return f"{self.name} · {self.version} 版 · 数据日期 {self.date} · 生成于 {self.build_date}"
