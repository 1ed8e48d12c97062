#!/usr/bin/env bash
# `make loadtest`: prepare PostgreSQL, start gunicorn, run locust headless, stop gunicorn, verify.
# Variables (environment or make): USERS (200), SPAWN_RATE (10/s), DURATION (3m), WORKERS (4),
# LT_PORT (8765), PENVOERDERS (3 x USERS: a user who has submitted takes the next penvoerder),
# SECTIONS (3: sections each penvoerder revisits),
# THINK_MIN/THINK_MAX (5/25 s), LOGIN (session|password), DATABASE_CONN_MAX_AGE (60, as production),
# LOADTEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/cim_loadtest). See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PY=$VENV/bin/python
USERS=${USERS:-200}
SPAWN_RATE=${SPAWN_RATE:-10}
DURATION=${DURATION:-3m}
WORKERS=${WORKERS:-4}
LT_PORT=${LT_PORT:-8765}
PENVOERDERS=${PENVOERDERS:-$((USERS * 3))}
OUT=${LOADTEST_OUT:-var/loadtest}
export LOADTEST_OUT=$OUT THINK_MIN=${THINK_MIN:-5} THINK_MAX=${THINK_MAX:-25} LOGIN=${LOGIN:-session}

# PostgreSQL: start the local cluster when it is not running (development machine).
if ! "$PY" -c "import psycopg; psycopg.connect('postgres://postgres@127.0.0.1:5432/postgres').close()" 2>/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
fi

rm -rf "$OUT"
mkdir -p "$OUT"
"$PY" -m loadtest.prepare --users "$PENVOERDERS" --sections "${SECTIONS:-3}" --out "$OUT"
DB_URL=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['database'])" "$OUT/users.json")

# gunicorn as in production (docs/operations.md) but on the load-test database, DEBUG off, static
# files through whitenoise, mail queued in the database (as production), server timing on.
export DATABASE_URL=$DB_URL DEBUG=0 CIM_SERVER_TIMING=1 LOG_LEVEL=WARNING \
  DATABASE_CONN_MAX_AGE=${DATABASE_CONN_MAX_AGE:-60} \
  CIM_TASK_BACKEND=django_tasks_db.DatabaseBackend CIM_PRIVATE_ROOT=$PWD/$OUT/private
start_gunicorn() {
  "$VENV/bin/gunicorn" config.wsgi:application --bind "127.0.0.1:$LT_PORT" --workers "$WORKERS" \
    --timeout 60 --access-logfile "$OUT/access.log" --error-logfile "$OUT/gunicorn.log" \
    --pid "$OUT/gunicorn.pid" --daemon
}
start_gunicorn
# RESTART_AFTER=<seconds>: restart the server in the middle of the rush (issue 10). RESTART_SIGNAL
# TERM (default) is a deploy: workers finish their requests; KILL is a crash: the master and every
# worker die at once, mid-request. Either way no acknowledged answer may be lost.
restart_later() {
  sleep "$RESTART_AFTER"
  local master
  master=$(cat "$OUT/gunicorn.pid")
  echo "restart: ${RESTART_SIGNAL:-TERM} to gunicorn at $(date +%T)" | tee "$OUT/restart.txt"
  if [[ ${RESTART_SIGNAL:-TERM} == KILL ]]; then
    pkill -KILL -P "$master" || true
  fi
  kill "-${RESTART_SIGNAL:-TERM}" "$master" 2>/dev/null || true
  while kill -0 "$master" 2>/dev/null; do sleep 0.1; done
  rm -f "$OUT/gunicorn.pid"
  start_gunicorn
  echo "restart: serving again at $(date +%T)" | tee -a "$OUT/restart.txt"
}
stop_gunicorn() {
  if [[ -f $OUT/gunicorn.pid ]]; then
    kill "$(cat "$OUT/gunicorn.pid")" 2>/dev/null || true
    rm -f "$OUT/gunicorn.pid"
  fi
}
trap stop_gunicorn EXIT
for _ in $(seq 1 50); do
  "$PY" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
    "http://127.0.0.1:$LT_PORT/" 2>/dev/null && break
  sleep 0.2
done

"$PY" -m loadtest.warmup --out "$OUT" --host "http://127.0.0.1:$LT_PORT"

cpu_seconds() { ps -o times= "$@" 2>/dev/null | awk '{s += $1} END {print s + 0}'; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) before the run ($(nproc) cores)"
if [[ -n ${RESTART_AFTER:-} ]]; then restart_later & fi
set +e
"$VENV/bin/locust" -f loadtest/locustfile.py --headless --host "http://127.0.0.1:$LT_PORT" \
  --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$DURATION" --stop-timeout 20 \
  --csv "$OUT/stats" --only-summary --loglevel WARNING > "$OUT/locust.log" 2>&1
locust_rc=$?
set -e
wait  # the restart, if any (RESTART_AFTER must be shorter than DURATION)
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) at the end of the run"
echo "CPU seconds of the gunicorn workers (warm-up and run): $(cpu_seconds --ppid "$(cat "$OUT/gunicorn.pid")")" \
  | tee "$OUT/cpu.txt"
stop_gunicorn
[[ $locust_rc -le 1 ]] || { tail -30 "$OUT/locust.log"; exit "$locust_rc"; }  # 1: some requests failed (reported below)
"$PY" -m loadtest.verify --out "$OUT" ${RESTART_AFTER:+--restarted}
