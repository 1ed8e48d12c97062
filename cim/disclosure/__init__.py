"""Disclosure control: the one module that aggregates confidential values across organisations.

Entry points (see docs/disclosure.md): `release.protect_release` (tables + audit against the
ledger), `benchmark.benchmark` (an organisation's own position), `services.release_publish`
(the ledger), `selectors.published_table` (what every audience may see).
"""
