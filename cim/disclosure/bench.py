"""`make bench`: the time of a full disclosure audit for edition-sized synthetic input.

400 organisations over 12 provinces and 4 size classes, euros in 5 categories (total and
circular), a policy question, tables by province and by size class, and a growth table against
the previous edition. Three editions are released one after another, each protected and audited
against the ledger of the earlier ones; the figure is the third (the largest audit).
"""

from __future__ import annotations

import time

from bench.runner import Result
from cim.disclosure.release import LedgerTable, protect_release
from cim.disclosure.synthetic import edition_specs, synthetic_microdata

ORGANISATIONS = 400
EDITIONS = 3


def full_audit() -> list[Result]:
    data = synthetic_microdata(organisations=ORGANISATIONS, editions=EDITIONS)
    ledger: list[LedgerTable] = []
    samples, notes = [], ""
    for edition in range(1, EDITIONS + 1):
        start = time.perf_counter()
        result = protect_release(
            edition_specs(edition, previous=edition - 1 if edition > 1 else None), data, ledger=ledger
        )
        samples.append((time.perf_counter() - start) * 1000)
        cells = sum(len(t.public.cells) for t in result.tables.values())
        hidden = sum(1 for t in result.tables.values() for c in t.public.cells if c.suppressed)
        notes = f"{cells} cells, {hidden} suppressed, {result.audit.views_checked} views, {result.audit.lp_solved} LPs"
        ledger += [
            LedgerTable(t.spec, frozenset((c.row, c.column) for c in t.public.cells if c.suppressed))
            for t in result.tables.values()
        ]
    return [
        Result(
            f"disclosure: protect + audit, edition {EDITIONS} ({ORGANISATIONS} orgs)",
            samples[-1:],
            notes=notes,
            extra={"first_edition_ms": round(samples[0], 1)},
        )
    ]


SUITES = [full_audit]
