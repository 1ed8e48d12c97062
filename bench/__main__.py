"""`make bench`: run the benchmarks on a fresh database and print one table.

Uses a temporary SQLite database unless DATABASE_URL is set. Writes bench/results.json.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    tmp = tempfile.mkdtemp(prefix="cim-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["CIM_PRIVATE_ROOT"] = f"{tmp}/private"
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    from bench.suites import run_all

    results = run_all()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    floors = {r.name: r.median for r in results if r.name.startswith("floor:")}
    print(f"\nBenchmarks on {engine} ({len(results)} figures)\n")
    print(f"{'benchmark':45} {'median ms':>10} {'p95 ms':>10} {'× floor':>8}  notes")
    for r in results:
        ratio = f"{r.median / floors[r.floor]:.1f}" if floors.get(r.floor) else ""
        print(f"{r.name:45} {r.median:10.2f} {r.p95:10.2f} {ratio:>8}  {r.notes}")
    out = ROOT / "bench" / "results.json"
    out.write_text(
        json.dumps(
            {
                "database": engine,
                "results": [
                    {
                        "name": r.name,
                        "median_ms": round(r.median, 3),
                        "p95_ms": round(r.p95, 3),
                        "floor": r.floor,
                        "notes": r.notes,
                        **r.extra,
                    }
                    for r in results
                ],
            },
            indent=2,
        )
    )
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
