# Shared helpers for scripts/run and scripts/test. Source it; do not execute it.
# Everything a fresh machine (.NET 10 SDK, Node 20) lacks is installed from here.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA_DIR="$REPO_ROOT/.data"
LOG_DIR="$DATA_DIR/logs"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_command() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not on PATH: $2"
}

require_toolchain() {
  require_command dotnet "install the .NET 10 SDK"
  require_command node "install Node.js 20"
  require_command npm "install Node.js 20 (npm comes with it)"
}

# npm ci when node_modules is missing or was installed from another package-lock.json.
# The lock's hash is kept inside node_modules, so a checkout that changes the lock reinstalls.
ensure_node_modules() {
  local stamp="$REPO_ROOT/node_modules/.concertationbot-lock.sha256"
  local want
  want="$(sha256sum "$REPO_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [[ -d "$REPO_ROOT/node_modules" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  log "installing Node tools (npm ci)"
  (cd "$REPO_ROOT" && npm ci --no-audit --no-fund)
  printf '%s\n' "$want" >"$stamp"
}

# Debian's chromium, for the browser tests (playwright-core drives /usr/bin/chromium).
ensure_chromium() {
  [[ -x /usr/bin/chromium ]] && return 0
  if [[ "$(id -u)" -ne 0 ]]; then
    die "/usr/bin/chromium is missing and installing it needs root: run 'apt-get update && apt-get install -y chromium' as root, then retry"
  fi
  log "installing chromium (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y chromium
  [[ -x /usr/bin/chromium ]] || die "apt-get installed chromium but /usr/bin/chromium is still missing"
}

# A base64 32-byte secret for Concertation:HashKey, generated once and kept in .data/hashkey.
ensure_hashkey() {
  local file="$DATA_DIR/hashkey"
  mkdir -p "$DATA_DIR"
  if [[ ! -s "$file" ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 -w0 >"$file")
    log "generated a local hash key in $file"
  fi
  cat "$file"
}

# True when something already listens on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
