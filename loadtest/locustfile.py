"""The deadline rush: penvoerders filling in and submitting their scan (docs/performance.md).

Run through `make loadtest` (which prepares the database and starts gunicorn), or by hand:

    .venv/bin/locust -f loadtest/locustfile.py --headless -H http://127.0.0.1:8765 -u 200 -r 10 -t 3m

Every simulated user takes the next penvoerder from ``users.json`` (written by
``loadtest.prepare``) and does what the browser does: opens the scan, then section after section
opens the page and changes some answers, each an htmx autosave that posts the whole section form
(htmx includes the enclosing form) with the CSRF header and the ``v-<key>`` version the page was
based on, the version taken from the server's answer for the next change; then the review page and
*Scan indienen*. Think time before each answer: THINK_MIN..THINK_MAX seconds (default 5..25:
reading the question and looking up a figure; htmx saves 1.5 s after typing stops). A penvoerder who has submitted is done; the simulated user then
takes the next one, so the number of people busy stays at USERS until the pool runs out.

Every acknowledged save (HTTP 200 with the server's ``cim:saved`` event) is appended to
``acks.jsonl``: participation, question key, the value the server makes of the posted inputs,
and the version it confirmed. ``loadtest.verify`` checks them against the database.

Server time: with CIM_SERVER_TIMING=1 the app adds a ``Server-Timing: app;dur=<ms>`` header; it is
reported as its own request type ``server`` next to the client-side figures.

LOGIN=session (default) uses the session that prepare created on the server (a penvoerder who is
already logged in when the rush starts); LOGIN=password logs in through the allauth form (the
password hash then dominates the first seconds of the run).
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import gevent
from locust import HttpUser, between, events, task
from locust.stats import PERCENTILES_TO_REPORT, StatsCSV

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as `locust -f loadtest/locustfile.py`
from loadtest.forms import form_fields, replace_answer, set_field

OUT = Path(os.environ.get("LOADTEST_OUT", Path(__file__).resolve().parent.parent / "var" / "loadtest"))
THINK_MIN = float(os.environ.get("THINK_MIN", "5"))
THINK_MAX = float(os.environ.get("THINK_MAX", "25"))
LOGIN = os.environ.get("LOGIN", "session")

_pool: list[dict[str, Any]] = []
_acks: Any = None
_environment: Any = None
_META_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
_SERVER_TIMING = re.compile(r"app;dur=([0-9.]+)")


@events.test_start.add_listener
def _start(environment: Any, **kwargs: Any) -> None:
    global _acks, _environment
    _environment = environment
    data = json.loads((OUT / "users.json").read_text())
    _pool[:] = list(reversed(data["users"]))
    _acks = (OUT / "acks.jsonl").open("a", encoding="utf-8")


@events.test_stop.add_listener
def _stop(environment: Any, **kwargs: Any) -> None:
    if _acks is not None:
        _acks.flush()
        _acks.close()


@events.quit.add_listener
def _final_stats(**kwargs: Any) -> None:
    """locust's --csv files are written before the users stopped by --stop-timeout have finished
    their last requests; these are written after everything stopped (read by loadtest.verify)."""
    if _environment is None:
        return
    writer = StatsCSV(_environment, PERCENTILES_TO_REPORT)
    with (OUT / "final_stats.csv").open("w", newline="", encoding="utf-8") as handle:
        writer.requests_csv(csv.writer(handle))
    with (OUT / "final_failures.csv").open("w", newline="", encoding="utf-8") as handle:
        writer.failures_csv(csv.writer(handle))


class Penvoerder(HttpUser):
    wait_time = between(1, 3)  # between journeys; the think time inside one is explicit

    def on_start(self) -> None:
        self.person: dict[str, Any] | None = None

    def _think(self) -> None:
        gevent.sleep(random.uniform(THINK_MIN, THINK_MAX))  # noqa: S311 - think time, not security

    def _server_time(self, name: str, response: Any) -> None:
        match = _SERVER_TIMING.search(response.headers.get("Server-Timing", ""))
        if match:
            events.request.fire(
                request_type="server",
                name=name,
                response_time=float(match.group(1)),
                response_length=0,
                exception=None,
                context={},
            )

    def _get(self, url: str, name: str, expect: int = 200) -> str | None:
        with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code} on {url}")
                return None
            self._server_time(name, response)
            return response.text

    def _login(self, person: dict[str, Any]) -> bool:
        self.client.cookies.clear()
        if LOGIN == "password":
            html = self._get("/account/login/", "page: login")
            if html is None:
                return False
            data = [*form_fields(html, None), ("login", person["email"]), ("password", person["password"])]
            with self.client.post(
                "/account/login/", data=data, name="login", catch_response=True, allow_redirects=False
            ) as response:
                if response.status_code != 302:
                    response.failure(f"login: {response.status_code}")
                    return False
                self._server_time("login", response)
            return True
        self.client.cookies.set("sessionid", person["session"], domain="127.0.0.1")
        return True

    @task
    def journey(self) -> None:
        if not _pool:
            gevent.sleep(30)  # everyone has submitted: idle until the run ends
            return
        person = _pool.pop()
        if not self._login(person):
            return
        pk = person["participation"]
        if self._get("/dashboard/", "page: dashboard") is None or self._get(f"/scan/{pk}/", "page: scan home") is None:
            return
        for step in person["plan"]:
            url = f"/scan/{pk}/onderdeel/{step['section']}/"
            html = self._get(url, "page: section")
            if html is None:
                return
            fields = form_fields(html)
            csrf = _META_CSRF.search(html)
            if csrf is None:
                return
            for change in step["changes"]:
                self._think()
                fields = self._autosave(pk, url, csrf.group(1), fields, change)
                if fields is None:
                    return
        self._think()
        html = self._get(f"/scan/{pk}/controle/", "page: review")
        if html is None:
            return
        token = dict(form_fields(html, None)).get("csrfmiddlewaretoken", "")
        with self.client.post(
            f"/scan/{pk}/indienen/",
            data={"csrfmiddlewaretoken": token},
            name="submit",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302 or not response.headers.get("Location", "").endswith(
                f"/scan/{pk}/ontvangstbewijs/"
            ):
                response.failure(f"submit: {response.status_code} {response.headers.get('Location')}")
                return
            self._server_time("submit", response)
        self._get(f"/scan/{pk}/ontvangstbewijs/", "page: receipt")

    def _autosave(
        self, pk: int, page_url: str, csrf: str, fields: list[tuple[str, str]], change: dict[str, Any]
    ) -> list[tuple[str, str]] | None:
        key = change["key"]
        fields = replace_answer(fields, key, change["fields"])
        headers = {
            "HX-Request": "true",
            "HX-Trigger": f"vraag-{key}",
            "HX-Target": f"vraag-{key}-status",
            "HX-Current-URL": f"{self.host}{page_url}",
            "X-CSRFToken": csrf,
        }
        sent_version = dict(fields).get(f"v-{key}")
        with self.client.post(
            f"/scan/{pk}/vraag/{key}/opslaan/",
            data=fields,
            headers=headers,
            name="autosave",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            try:
                event = json.loads(response.headers.get("HX-Trigger", ""))["cim:saved"]
            except (ValueError, KeyError, TypeError):
                event = None
            if response.status_code != 200 or event is None or event.get("status") not in ("saved", "unchanged"):
                response.failure(f"autosave {key}: {response.status_code} (sent version {sent_version})")
                return None
            self._server_time("autosave", response)
            _acks.write(
                json.dumps(
                    {
                        "participation": pk,
                        "key": key,
                        "value": change["value"],
                        "version": event["version"],
                        "status": event["status"],
                        "at": time.time(),
                    }
                )
                + "\n"
            )
            _acks.flush()
        return set_field(fields, f"v-{key}", str(event["version"]))
