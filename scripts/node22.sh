# Sourced by the setup scripts: make sure a Node >= 22.12 is first on PATH. Where the machine's
# Node is older (Debian 12 ships 20), the project's `node@22` devDependency (the npm registry's
# Node 22 binary) is used: npm scripts already prefer node_modules/.bin, this makes the shell agree.
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not installed. Install Node.js and npm first (Debian/Ubuntu: apt-get install -y nodejs npm)." >&2
  exit 1
fi
if [ ! -x node_modules/.bin/node ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund --prefer-offline
fi
export PATH="$PWD/node_modules/.bin:$PATH"
if ! node_ok; then
  echo "Node >= 22.12 is required and node_modules/.bin/node is missing; run 'npm ci' again." >&2
  exit 1
fi
# npm silently skips an optional dependency whose engines do not match the Node running it: under the
# machine's Node 20 that drops @napi-rs/lzma's native binary (it needs Node >= 22.20). With Node 22
# first on PATH, npm itself runs on it, so one more install brings the binary.
if ! node -e "require('@napi-rs/lzma')" >/dev/null 2>&1; then
  echo "Installing dependencies again under Node $(node --version) (native packages npm skipped under the older Node)…"
  npm ci --no-audit --no-fund --prefer-offline
fi
