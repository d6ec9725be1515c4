#!/usr/bin/env bash
# Set up and run the whole test suite (reads ../shared when it is there): first on SQLite,
# then again on a throwaway PostgreSQL server on 127.0.0.1 when its server binaries are
# found (SWAPWATCH_PG_BIN, Debian's /usr/lib/postgresql/*/bin, or PATH) or when
# SWAPWATCH_TEST_PG=1 asks for it (SWAPWATCH_TEST_PG_URL may name a running server instead).
# SWAPWATCH_TEST_PG=0 runs SQLite only. Extra arguments go to pytest on both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

find_pg_bin() {
  if [ -n "${SWAPWATCH_PG_BIN:-}" ] && [ -x "$SWAPWATCH_PG_BIN/initdb" ]; then echo "$SWAPWATCH_PG_BIN"; return; fi
  local debian
  debian="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -n "$debian" ] && [ -x "$debian/initdb" ]; then echo "$debian"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; fi
}

echo "== test suite on SQLite"
SWAPWATCH_TEST_BACKEND=sqlite .venv/bin/python -m pytest -n 2 -q "$@"

pg_bin="$(find_pg_bin)"
want="${SWAPWATCH_TEST_PG:-}"
if [ "$want" = "0" ]; then
  echo "== PostgreSQL run skipped (SWAPWATCH_TEST_PG=0)"
elif [ -n "$pg_bin" ] || [ -n "${SWAPWATCH_TEST_PG_URL:-}" ] || [ "$want" = "1" ]; then
  echo "== test suite on PostgreSQL (${SWAPWATCH_TEST_PG_URL:-server binaries in ${pg_bin:-?}})"
  SWAPWATCH_TEST_PG=1 SWAPWATCH_PG_BIN="$pg_bin" SWAPWATCH_TEST_BACKEND=postgresql \
    .venv/bin/python -m pytest -n 2 -q "$@"
else
  echo "== PostgreSQL run skipped: no server binaries found (install postgresql or set SWAPWATCH_PG_BIN)"
fi
