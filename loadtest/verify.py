"""After the load test: is every acknowledged answer stored? And the figures.

    .venv/bin/python -m loadtest.verify --out var/loadtest

Reads ``acks.jsonl`` (every save the clients saw acknowledged) and checks against the database
(``users.json`` names it) that, for each acknowledgement (participation, question, value,
version):

- the revision with that version exists and holds that value (the save was committed as
  confirmed);
- the current answer has that version or a later one, and at that same version the same value
  (nothing rolled back or overwritten without a newer save);
- a submitted scan holds the last acknowledged value of every question, or that of a later own
  save (the clients submit after their last change).

Then prints errors and p50/p95/p99 per request type from locust's statistics (``final_stats.csv``,
the same columns as ``stats_stats.csv``) and the
server time of the autosave against the 50 ms target. Exit status 1 when a request failed, an
answer is lost or nothing was acknowledged.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AUTOSAVE_SERVER_P95_TARGET_MS = 50.0

Key = tuple[int, str]


@dataclass(frozen=True)
class Lost:
    participation: int
    key: str
    version: int
    value: Any
    reason: str


def find_lost(
    acks: Iterable[Mapping[str, Any]],
    revisions: Mapping[tuple[int, str, int], Any],
    current: Mapping[Key, tuple[Any, int]],
    submitted: Mapping[int, Mapping[str, Any]] | None = None,
) -> list[Lost]:
    """The acknowledged saves that the database does not hold. `revisions` maps (participation,
    key, version) to the revision's new value, `current` (participation, key) to (value,
    version), `submitted` participation to the answers of its open submission."""
    lost: list[Lost] = []
    last: dict[Key, Mapping[str, Any]] = {}
    for ack in acks:
        p, key, version, value = int(ack["participation"]), str(ack["key"]), int(ack["version"]), ack["value"]
        if p_key_newer(last.get((p, key)), version):
            last[(p, key)] = ack

        def miss(reason: str, p: int = p, key: str = key, version: int = version, value: Any = value) -> None:
            lost.append(Lost(p, key, version, value, reason))

        marker = object()
        stored = revisions.get((p, key, version), marker)
        if stored is marker:
            miss("no revision with the acknowledged version")
            continue
        if stored != value:
            miss(f"revision {version} holds {stored!r}")
            continue
        now = current.get((p, key))
        if now is None:
            miss("no current answer")
        elif now[1] < version:
            miss(f"current answer is at version {now[1]}")
        elif now[1] == version and now[0] != value:
            miss(f"current answer at the same version holds {now[0]!r}")
    for (p, key), ack in last.items():
        answers = (submitted or {}).get(p)
        if answers is None:
            continue
        # The last acknowledged value, or the value of a later own save (one whose answer the
        # client did not see before the run ended).
        allowed = [ack["value"]]
        now = current.get((p, key))
        for later in range(int(ack["version"]) + 1, (now[1] if now else 0) + 1):
            allowed.append(revisions.get((p, key, later)))
        if answers.get(key) not in allowed:
            lost.append(Lost(p, key, int(ack["version"]), ack["value"], f"submission holds {answers.get(key)!r}"))
    return lost


def p_key_newer(previous: Mapping[str, Any] | None, version: int) -> bool:
    return previous is None or int(previous["version"]) <= version


def read_acks(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def stored_state(acks: list[dict[str, Any]]) -> tuple[dict, dict, dict]:
    """(revisions, current, submitted) from the database for the acknowledged questions."""
    from cim.scan.models import Answer, AnswerRevision, Submission

    participations = sorted({int(a["participation"]) for a in acks})
    keys = sorted({str(a["key"]) for a in acks})
    revisions = {
        (p, k, v): value
        for p, k, v, value in AnswerRevision.objects.filter(
            answer__response__participation_id__in=participations, answer__question_key__in=keys
        ).values_list("answer__response__participation_id", "answer__question_key", "version", "new_value")
    }
    current = {
        (p, k): (value, v)
        for p, k, value, v in Answer.objects.filter(
            response__participation_id__in=participations, question_key__in=keys
        ).values_list("response__participation_id", "question_key", "value", "version")
    }
    submitted = dict(
        Submission.objects.filter(response__participation_id__in=participations, reopened_at__isnull=True).values_list(
            "response__participation_id", "answers"
        )
    )
    return revisions, current, submitted


def read_stats(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _ms(row: Mapping[str, str], column: str) -> float | None:
    raw = row.get(column, "")
    try:
        return float(raw)
    except ValueError:
        return None


def summary_table(stats: list[dict[str, str]]) -> tuple[str, dict[str, dict[str, Any]]]:
    lines = [f"{'type':8} {'name':24} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"]
    figures: dict[str, dict[str, Any]] = {}
    for row in stats:
        if not row["Type"]:
            continue  # locust's aggregate mixes the client rows with the server-time rows
        name = row["Name"]
        figure = {
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "p50": _ms(row, "50%"),
            "p95": _ms(row, "95%"),
            "p99": _ms(row, "99%"),
        }
        figures[f"{row['Type']} {name}".strip()] = figure
        lines.append(
            f"{row['Type']:8} {name:24} {figure['requests']:>9} {figure['errors']:>7} "
            f"{figure['p50'] or 0:>8.0f} {figure['p95'] or 0:>8.0f} {figure['p99'] or 0:>8.0f}"
        )
    return "\n".join(lines), figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "var" / "loadtest"))
    parser.add_argument(
        "--restarted",
        action="store_true",
        help="the server was restarted during the run: requests refused meanwhile are reported, not failed",
    )
    args = parser.parse_args(argv)
    out = Path(args.out)
    users = json.loads((out / "users.json").read_text())
    os.environ["DATABASE_URL"] = users["database"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    acks = read_acks(out / "acks.jsonl")
    lost = find_lost(acks, *stored_state(acks)) if acks else []
    final = (out / "final_stats.csv").exists()  # written by the locustfile after every user stopped
    stats = read_stats(out / ("final_stats.csv" if final else "stats_stats.csv"))
    table, figures = summary_table(stats)
    # The "server" rows are the Server-Timing figures, not requests: only client rows count errors.
    errors = sum(f["errors"] for name, f in figures.items() if not name.startswith("server "))
    failures = read_stats(out / ("final_failures.csv" if final else "stats_failures.csv"))
    from cim.scan.models import Submission

    submitted = Submission.objects.filter(response__participation__edition__programme__slug="loadtest").count()
    server_autosave = figures.get("server autosave", {})
    print("\nLoad test:", out)
    print(table)
    print(
        f"\nacknowledged saves: {len(acks)}; lost: {len(lost)}; client errors: {errors}; submitted scans: {submitted}"
    )
    p95 = server_autosave.get("p95")
    if p95 is not None:
        verdict = "met" if p95 <= AUTOSAVE_SERVER_P95_TARGET_MS else "MISSED"
        print(f"autosave server time p95: {p95:.0f} ms (target ≤ {AUTOSAVE_SERVER_P95_TARGET_MS:.0f} ms: {verdict})")
    for failure in failures[:20]:
        print(
            f"  error: {failure.get('Method')} {failure.get('Name')}: {failure.get('Error')} × {failure.get('Occurrences')}"
        )
    for item in lost[:20]:
        print(f"  lost: participation {item.participation} {item.key} v{item.version}: {item.reason}")
    (out / "summary.json").write_text(
        json.dumps(
            {
                "acknowledged": len(acks),
                "lost": len(lost),
                "errors": errors,
                "submitted": submitted,
                "figures": figures,
            },
            indent=2,
        )
    )
    if not acks:
        print("FAILED: no save was acknowledged")
        return 1
    if lost:
        print("FAILED: lost answers")
        return 1
    if errors and args.restarted:
        print(f"OK: zero lost; {errors} requests failed while the server restarted (none acknowledged)")
        return 0
    if errors:
        print("FAILED: errors")
        return 1
    print("OK: zero lost, zero errors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
