#!/usr/bin/env bash
# Builds the PoQ image `poq:local` from this machine's own build output, pulling nothing (these machines cannot pull
# base images; environment.md): the base is the locally built `poq-postgres:15` (a Debian bookworm root from
# infra/postgres-image.sh, which already holds the libraries PoQ needs: libssl3, libsasl2), plus the .NET runtime of
# this machine and `dotnet publish` of src/Cli. docker-compose.yml with infra/docker-compose.local.yml runs it.
# Users with internet build infra/poq.Dockerfile instead (the official .NET images). Needs a running engine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
image="${POQ_IMAGE:-poq:local}"
export DOCKER_API_VERSION="${DOCKER_API_VERSION:-1.41}"
say() { echo "poq-image: $*" >&2; }

infra/postgres-image.sh
context="$(mktemp -d /tmp/poq-image.XXXXXX)"
trap 'rm -rf "$context"' EXIT

say "dotnet publish src/Cli → $context/app"
dotnet publish src/Cli/PoQ.Cli.csproj -c Release -o "$context/app" -nologo >"$context/publish.log" 2>&1 \
  || { tail -n 30 "$context/publish.log" >&2; exit 1; }

# The runtime the app was built for: the host muxer, hostfxr and the two shared frameworks it references.
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
runtime="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
aspnet="$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')"
mkdir -p "$context/dotnet/shared/Microsoft.NETCore.App" "$context/dotnet/shared/Microsoft.AspNetCore.App"
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$context/dotnet/"
cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$runtime" "$context/dotnet/shared/Microsoft.NETCore.App/"
cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet" "$context/dotnet/shared/Microsoft.AspNetCore.App/"
cp infra/poq-local.Dockerfile "$context/Dockerfile"

say "docker build $image (runtime $runtime, base poq-postgres:15, nothing pulled)"
docker build --pull=false -q -t "$image" "$context" >/dev/null
say "$image built"
