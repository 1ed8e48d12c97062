"""`make bench`: run the benchmarks on fresh databases and print one table.

Each database gets its own process: a temporary SQLite file, and a scratch PostgreSQL database
(`cim_bench`, created and dropped here) when the server at 127.0.0.1:5432 answers. The table
shows every figure per database with its ratio to the floor measured in the same run; the
figures go to bench/results.json.

    python -m bench                          # SQLite and, when reachable, PostgreSQL
    python -m bench --databases sqlite       # one of them
    python -m bench --only scan,reports      # suites whose module or name contains a word
    python -m bench --scale 10000            # the growth suite up to 10,000 organisations
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "cim_bench"


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--databases", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--only", default=os.environ.get("BENCH_ONLY", ""), help="comma-separated suite filter")
    parser.add_argument("--scale", type=int, default=int(os.environ.get("BENCH_SCALE", "0") or 0))
    parser.add_argument("--child", help=argparse.SUPPRESS)  # internal: write results of one database here
    return parser.parse_args(argv)


def _postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:  # any failure means: no PostgreSQL for this run
        return False


def _recreate_postgres_database() -> str:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {PG_DATABASE}")
    return f"{PG_SERVER}/{PG_DATABASE}"


def _drop_postgres_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def run_child(output: str, only: str, scale: int) -> None:
    """Migrate the database in DATABASE_URL, load the demo data, run the suites, write JSON."""
    tmp = tempfile.mkdtemp(prefix="cim-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["CIM_PRIVATE_ROOT"] = f"{tmp}/private"
    if scale:
        os.environ["BENCH_SCALE"] = str(scale)
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

    words = [w.strip() for w in only.split(",") if w.strip()]
    results = run_all(words)
    Path(output).write_text(
        json.dumps(
            [
                {
                    "name": r.name,
                    "median_ms": round(r.median, 3),
                    "p95_ms": round(r.p95, 3),
                    "floor": r.floor,
                    "notes": r.notes,
                    **r.extra,
                }
                for r in results
            ]
        )
    )


def _run_database(name: str, arguments: argparse.Namespace) -> list[dict[str, object]]:
    tmp = tempfile.mkdtemp(prefix=f"cim-bench-{name}-")
    url = f"sqlite:///{tmp}/bench.sqlite3" if name == "sqlite" else _recreate_postgres_database()
    output = f"{tmp}/results.json"
    command = [sys.executable, "-m", "bench", "--child", output, "--only", arguments.only]
    if arguments.scale:
        command += ["--scale", str(arguments.scale)]
    print(f"== {name}: running the benchmarks", flush=True)
    try:
        subprocess.run(command, check=True, cwd=ROOT, env={**os.environ, "DATABASE_URL": url})  # noqa: S603
    finally:
        if name == "postgres":
            _drop_postgres_database()
    return json.loads(Path(output).read_text())


def _ratio(row: dict[str, object], rows: list[dict[str, object]]) -> str:
    floors = {r["name"]: r["median_ms"] for r in rows}
    floor = floors.get(row["floor"]) if row["floor"] else None
    return f"{float(row['median_ms']) / float(floor):.1f}" if floor else ""  # type: ignore[arg-type]


def print_table(by_database: dict[str, list[dict[str, object]]]) -> None:
    names: list[str] = []
    for rows in by_database.values():
        names += [str(r["name"]) for r in rows if r["name"] not in names]
    header = f"{'benchmark':52}"
    for database in by_database:
        header += f" {database + ' median':>16} {'p95':>9} {'× floor':>8}"
    print(f"\nBenchmarks ({', '.join(by_database)}; milliseconds)\n\n{header}  notes")
    for name in names:
        line, notes = f"{name:52}", ""
        for rows in by_database.values():
            row = next((r for r in rows if r["name"] == name), None)
            if row is None:
                line += f" {'–':>16} {'':>9} {'':>8}"
                continue
            line += f" {float(row['median_ms']):16.2f} {float(row['p95_ms']):9.2f} {_ratio(row, rows):>8}"  # type: ignore[arg-type]
            notes = notes or str(row["notes"])
        print(f"{line}  {notes}")


def main(argv: list[str]) -> int:
    arguments = _arguments(argv)
    if arguments.child:
        run_child(arguments.child, arguments.only, arguments.scale)
        return 0
    wanted = [d.strip() for d in arguments.databases.split(",") if d.strip()]
    if "postgres" in wanted and not _postgres_reachable():
        print("PostgreSQL at 127.0.0.1:5432 does not answer: benchmarking SQLite only.")
        wanted.remove("postgres")
    by_database = {name: _run_database(name, arguments) for name in wanted}
    print_table(by_database)
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps({"databases": by_database}, indent=2))
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
