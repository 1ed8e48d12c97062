"""Warm the gunicorn workers before the load test: every page type a few times, GET only (the
first request of a worker imports, compiles templates and parses the questionnaire; the rush
does not start right after a deploy)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import requests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args(argv)
    person = json.loads((Path(args.out) / "users.json").read_text())["users"][-1]
    pk = person["participation"]
    session = requests.Session()
    session.cookies.set("sessionid", person["session"], domain="127.0.0.1")
    urls = ["/dashboard/", f"/scan/{pk}/", f"/scan/{pk}/controle/"]
    urls += [f"/scan/{pk}/onderdeel/{step['section']}/" for step in person["plan"]]
    for _ in range(args.rounds):
        for url in urls:
            response = session.get(args.host + url, allow_redirects=False, timeout=60)
            if response.status_code != 200:
                print(f"warm-up: {response.status_code} on {url}")
                return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
