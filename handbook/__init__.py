"""Core of the 五型模范机关建设手册: load → validate → model → render → export.

Nothing here imports MkDocs: the same code serves mkdocs-macros today and
Zensical (or any other Jinja-capable generator) tomorrow.
"""

__version__ = "0.1.0"
