#!/usr/bin/env bash
# Sets up (dependencies, Node 22) and launches SNO Field Kit: the Electron app, or the browser host
# when the Electron binary is not available on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node22.sh
exec node scripts/start.mjs "$@"
