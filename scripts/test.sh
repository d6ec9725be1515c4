#!/usr/bin/env bash
# Set up and run the whole test suite (reads ../shared when it is there).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pytest -n 2 -q "$@"
