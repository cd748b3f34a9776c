#!/usr/bin/env bash
# The README's test command: sets up what the integration tests need on a bare machine of this kind
# (environment.md) — PostgreSQL binaries for the LocalPostgres tests and the fault suite, a Docker engine, docker-compose and the
# locally built poq-postgres:15 image for Testcontainers, Debian's chromium for the auditor page tests — then runs
# every test. Extra arguments go to `dotnet test` (e.g. --filter). .ci/run calls exactly this.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DEBIAN_FRONTEND=noninteractive

setup_failed=0
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# step NAME COMMAND...: runs one setup step, prints its duration, remembers a failure (tests still run and say more).
step() {
  local name="$1"; shift
  local start; start=$(now)
  if "$@" </dev/null; then
    printf 'setup: %-22s %6s s\n' "$name" "$(elapsed "$start")"
  else
    printf 'setup: %-22s FAILED after %s s\n' "$name" "$(elapsed "$start")"
    setup_failed=1
  fi
}

postgres_binaries() {
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then return 0; fi
  if compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; then return 0; fi
  apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
}

# Debian's chromium for the auditor page tests (Playwright drives it by path; its own browser download is never run).
chromium_browser() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
}

# docker-compose (Debian's) for the test that checks docker-compose.yml and runs the locally built PoQ image.
docker_compose() {
  if command -v docker-compose >/dev/null; then return 0; fi
  apt-get install -y -q docker-compose >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q docker-compose >/dev/null; }
}

docker_up() {
  local exports
  exports="$(infra/docker-up.sh)" || return 1
  eval "$exports"   # DOCKER_API_VERSION, TESTCONTAINERS_RYUK_DISABLED, TESTCONTAINERS_HOST_OVERRIDE
}

setup_start=$(now)
step "postgresql binaries" postgres_binaries
step "chromium" chromium_browser
step "docker engine" docker_up
step "docker-compose" docker_compose
step "poq-postgres:15 image" infra/postgres-image.sh
printf 'setup: %-22s %6s s\n' "total" "$(elapsed "$setup_start")"


dotnet test PoQ.sln -c Release "$@"
status=$?
if [ "$setup_failed" -ne 0 ] && [ "$status" -eq 0 ]; then
  echo "a setup step failed (see 'setup:' lines above)"
  status=1
fi
exit "$status"
