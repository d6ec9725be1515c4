#!/usr/bin/env bash
# Set up and run the main job on the bundled demo corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/swapwatch demo "$@"
