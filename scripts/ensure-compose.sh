#!/usr/bin/env bash
# Make sure a Compose client is available and print the command that runs it
# ("docker compose" or "docker-compose") on stdout; everything else goes to stderr.
# Idempotent: installs nothing when a client is already there.
#
#   scripts/ensure-compose.sh           find a client, install one if missing
#   scripts/ensure-compose.sh --check   find a client only; exit 1 if there is none
#
# Used by tests/test_docker_compose.py (`config` needs no Docker engine). Preference:
# the Compose v2 plugin (`docker compose`, what production runs), then a
# `docker-compose` on PATH. When neither exists it installs Debian's docker-compose
# package (Compose 1.29.2, from the signed Debian archive, no Docker engine pulled in).
set -euo pipefail

find_client() {
    if docker compose version >/dev/null 2>&1; then
        echo "docker compose"
    elif command -v docker-compose >/dev/null 2>&1 && docker-compose version >/dev/null 2>&1; then
        echo "docker-compose"
    else
        return 1
    fi
}

if client=$(find_client); then
    echo "$client"
    exit 0
fi

if [[ "${1:-}" == "--check" ]]; then
    echo "no Compose client found (docker compose / docker-compose): run scripts/ensure-compose.sh" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "no Compose client found and no apt-get to install one:" \
        "install the Docker Compose v2 plugin (https://docs.docker.com/compose/install/)" >&2
    exit 1
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
    sudo=(sudo)
fi

echo "installing docker-compose from Debian (apt-get install --no-install-recommends docker-compose)" >&2
"${sudo[@]}" apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends docker-compose >&2

if ! client=$(find_client); then
    echo "docker-compose was installed but does not run: see the output above" >&2
    exit 1
fi
echo "$client"
