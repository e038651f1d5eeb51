#!/usr/bin/env bash
# A private redis-server for the cluster tests: a Unix socket in a temp dir, no persistence, nothing on TCP.
#   start [DIR]  starts one (in DIR, or a new temp dir), waits for PING (at most 10 s), prints its URL
#                (redis+unix://…/redis.sock); DIR/redis.pid holds its pid.
#   stop DIR     stops the one in DIR (SIGTERM, SIGKILL 2 s later) and removes DIR.
# Export the URL as MULTIPROC_REDIS_URL for the tests: `export MULTIPROC_REDIS_URL=$(scripts/redis/private-redis.sh start)`.
# Needs Debian's redis-server (`apt-get install -y redis-server`).
set -euo pipefail

start() {
  local dir=${1:-}
  if ! command -v redis-server >/dev/null; then
    echo "private-redis: redis-server is not installed; install it with: apt-get install -y redis-server" >&2
    exit 2
  fi
  # Short: a Unix socket path is limited to 107 bytes.
  if [ -z "$dir" ]; then dir=$(mktemp -d /tmp/mpredis.XXXXXX); else mkdir -p "$dir"; fi
  local sock="$dir/redis.sock"
  redis-server --port 0 --unixsocket "$sock" --unixsocketperm 700 --save '' --appendonly no \
    --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
  local i
  for i in $(seq 1 200); do
    if [ -S "$sock" ] && [ "$(redis-cli -s "$sock" ping 2>/dev/null)" = PONG ]; then
      echo "redis+unix://$sock"
      return 0
    fi
    sleep 0.05
  done
  echo "private-redis: redis-server in $dir did not answer PING within 10 s; its log:" >&2
  cat "$dir/redis.log" >&2 || true
  stop "$dir"
  exit 1
}

# Running, and not a zombie: a daemonized server's parent is whatever reaps orphans here, which may be slow to.
alive() {
  local state
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

stop() {
  local dir=${1:?usage: private-redis.sh stop DIR}
  local pid
  pid=$(cat "$dir/redis.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && alive "$pid"; then
    kill "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 100); do alive "$pid" || break; sleep 0.02; done
    if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  # Only a directory that is ours: it holds the pid file or socket we made.
  if [ -e "$dir/redis.pid" ] || [ -e "$dir/redis.sock" ] || [ -e "$dir/redis.log" ]; then rm -rf "$dir"; fi
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start [DIR] | stop DIR" >&2; exit 2 ;;
esac
