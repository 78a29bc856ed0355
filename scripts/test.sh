#!/usr/bin/env bash
# The whole test suite on a fresh Debian/Ubuntu machine: dependencies, Node 22, the real peers,
# the renderer build (the end-to-end tests drive it in Chromium), lint + type-check, then Vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node22.sh
bash scripts/setup-peers.sh
echo "Node $(node --version)"
npx vite build --logLevel warn
npx prettier --check . --log-level warn
npx eslint .
npm run typecheck --silent
npx vitest run "$@"
