#!/usr/bin/env bash
# Builds the local PostgreSQL image `poq-postgres:15` for the Testcontainers fixture, once.
# No image can be pulled here (environment.md, "Docker and Testcontainers"), so the root file system
# comes from Debian packages: debootstrap a minimal bookworm with postgresql-15, add an entrypoint
# that behaves like the official image's where Testcontainers.PostgreSql relies on it
# (POSTGRES_USER/POSTGRES_DB, trust auth from any host, `-c` arguments passed through, pg_isready on PATH),
# and `docker import` the tree. Needs a running engine (infra/docker-up.sh) and DOCKER_API_VERSION=1.41.
set -euo pipefail

image="${POQ_POSTGRES_IMAGE:-poq-postgres:15}"
export DOCKER_API_VERSION="${DOCKER_API_VERSION:-1.41}"
say() { echo "postgres-image: $*" >&2; }

if [ -n "$(docker images -q "$image" 2>/dev/null)" ]; then
  say "$image exists; nothing to do"
  exit 0
fi

if ! command -v debootstrap >/dev/null 2>&1; then
  say "installing debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q debootstrap >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q debootstrap >/dev/null
  fi
fi

root="$(mktemp -d /tmp/poq-postgres-rootfs.XXXXXX)"
trap 'rm -rf "$root"' EXIT

say "debootstrap bookworm + postgresql-15 into $root"
# The mirror is the machine's own apt source (deb822 .sources first, then sources.list): the one source of packages
# reachable here, whatever address this machine's image gives it.
mirror="$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)"
if [ -z "$mirror" ]; then
  mirror="$(grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)"
fi
mirror="${POQ_DEBIAN_MIRROR:-${mirror:-http://deb.debian.org/debian}}"
say "Debian mirror: $mirror"
debootstrap --variant=minbase --include=postgresql-15 bookworm "$root" "$mirror" >"$root.log" 2>&1 \
  || { tail -n 30 "$root.log" >&2; exit 1; }
rm -f "$root.log"

# Smaller image: package caches and lists are not needed at run time.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/*

cat >"$root/usr/local/bin/poq-entrypoint.sh" <<'EOF'
#!/bin/sh
# First start: initdb as postgres into PGDATA (trust auth; the container is a throwaway test server),
# create POSTGRES_DB if asked. Then exec postgres as PID 1, listening on every interface, with the
# caller's arguments (Testcontainers appends `-c fsync=off` and friends).
set -eu
PGDATA="${PGDATA:-/var/lib/postgresql/data}"
user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  as_postgres initdb -D "$PGDATA" -A trust -U "$user" --no-sync >/dev/null
  echo "host all all all trust" >>"$PGDATA/pg_hba.conf"
  if [ "$db" != "postgres" ]; then
    echo "CREATE DATABASE \"$db\"" | as_postgres postgres --single -D "$PGDATA" postgres >/dev/null
  fi
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$PGDATA" -c listen_addresses='*' "$@"
EOF
chmod 755 "$root/usr/local/bin/poq-entrypoint.sh"

say "importing as $image"
tar -C "$root" -c . | docker import \
  --change 'ENTRYPOINT ["/usr/local/bin/poq-entrypoint.sh"]' \
  --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'EXPOSE 5432' \
  - "$image" >/dev/null
say "built $image ($(docker images --format '{{.Size}}' "$image"))"
