#!/usr/bin/env bash
# Starts a local Docker engine for the integration tests (Testcontainers), idempotently:
# installs docker.io if dockerd is missing, starts dockerd in the background if it is not answering,
# and waits until `docker info` answers. Exports nothing; prints what callers must export.
# Why these settings: environment.md, "Docker and Testcontainers" (Debian's engine speaks API 1.41,
# no image can be pulled here, so Ryuk cannot run, and tests reach containers over loopback).
set -euo pipefail

export DOCKER_API_VERSION=1.41
log_file="${DOCKER_LOG:-/var/log/poq-dockerd.log}"
wait_seconds="${DOCKER_WAIT_SECONDS:-60}"

say() { echo "docker-up: $*" >&2; }

# An engine of this root is already starting when its pid file names a live dockerd. Not `pgrep -x dockerd`: a chroot
# shares the host's process table, so it would see the host's engine, whose socket this root does not have, and wait
# for an engine that never comes; and a pid file left by an engine that died must not count either.
engine_starting() {
  local pid
  pid="$(cat /var/run/docker.pid 2>/dev/null)" || return 1
  [[ -n "$pid" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == dockerd ]]
}

if ! command -v dockerd >/dev/null 2>&1; then
  say "dockerd not found; installing docker.io"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q docker.io >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q docker.io >/dev/null
  fi
fi

if docker info >/dev/null 2>&1; then
  say "engine already running"
else
  if ! engine_starting; then
    say "starting dockerd (log: $log_file)"
    mkdir -p "$(dirname "$log_file")"
    # setsid + nohup: the engine outlives this script and the CI step that called it.
    setsid nohup dockerd >>"$log_file" 2>&1 </dev/null &
  fi
  for ((i = 0; i < wait_seconds * 2; i++)); do
    if docker info >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  if ! docker info >/dev/null 2>&1; then
    say "dockerd did not answer within ${wait_seconds}s; last log lines:"
    tail -n 20 "$log_file" >&2 || true
    exit 1
  fi
  say "engine ready"
fi

# What callers must export (stdout, so `eval "$(infra/docker-up.sh)"` works too).
echo "export DOCKER_API_VERSION=1.41"
echo "export TESTCONTAINERS_RYUK_DISABLED=true"
echo "export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1"
