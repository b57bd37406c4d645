#!/usr/bin/env bash
# Set up rung in a local virtualenv and start it (the web app on 127.0.0.1, SQLite progress).
#   bash scripts/start.sh              # extra arguments go to `rung`, e.g. `serve --port 9000`
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[labs]"
exec .venv/bin/rung "$@"
