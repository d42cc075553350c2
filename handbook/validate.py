"""Cross-file checks and linking: turns schema-checked raw data into a Catalogue.

Each kind of record has its own validator in handbook/validations/; this module only wires
their results, in the order they depend on each other. Each check is a dictionary lookup or a
single scan; nothing compares every item with every other item, so the cost grows linearly
with the catalogue.
"""

from __future__ import annotations

from . import levels as level_rules
from .errors import ErrorReport
from .everyday import load_everyday
from .load import RawData
from .model import Catalogue
from .validations.cases import link_cases
from .validations.checklists import check_checklists
from .validations.editions import check_edition, check_published, check_registered
from .validations.framework import check_framework
from .validations.glossary import check_glossary, declared_terms, link_term_occurrences
from .validations.items import check_items
from .validations.source import Paragraphs
from .validations.vocabulary import check_vocabulary


def validate_and_link(raw: RawData, report: ErrorReport) -> Catalogue | None:
    paragraphs = Paragraphs(raw.source_lines, report)
    framework = check_framework(raw.framework, paragraphs, report)
    vocab = check_vocabulary(raw.vocabulary, report)
    groups, terms = check_glossary(raw.glossary, paragraphs, report)
    edition = check_edition(raw.edition)
    if framework is None or vocab is None or edition is None:
        return None
    spellings = declared_terms(raw.glossary)
    found = check_items(raw.requirements, framework.parts, vocab, terms, spellings, paragraphs, report)
    items = found.items
    link_term_occurrences(terms, items, paragraphs)
    if not report:   # coverage is only meaningful once every item loaded
        paragraphs.check_coverage()
        paragraphs.check_placed()
    check_published(raw.published_ids, found.declared, report)
    check_registered(raw.published_ids if raw.published_list else None, items, report)
    checklists = check_checklists(raw.checklists, raw.checklist_pages, framework.parts, vocab, terms, items,
                                  found.declared, spellings, report)
    level_rules.check(items, checklists, report, [s.name for s in vocab["subjects"]])   # who does what on each list
    cases = link_cases(raw.cases, items, found.declared, report)
    everyday = load_everyday(raw.root, items, "\n".join(raw.source_lines), report)   # data/everyday.yaml
    if report:
        return None
    named = framework.named
    return Catalogue(
        title=framework.title, salutation=framework.salutation,
        goal=named["goal"][0], goal_paragraph=named["goal"][1],
        requirement=named["requirement"][0], requirement_paragraph=named["requirement"][1],
        parts=framework.parts, paragraphs=paragraphs.by_id, items=items, terms=terms, groups=groups,
        subjects=vocab["subjects"], kinds=vocab["kinds"], types=vocab["types"], edition=edition,
        checklists=checklists, cases=cases, everyday=everyday,
        editions=raw.editions,   # data/editions/*.json: what changed between editions
    )
