#!/usr/bin/env bash
# Makes sure this machine has the PostgreSQL server binaries (initdb, pg_ctl) that ShotVideo's local database and the
# tests' private server run on; installs Debian's package when they are missing and we may (root).
set -euo pipefail

if command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "PostgreSQL server binaries are missing: install them (Debian: sudo apt-get install postgresql) or set SHOTVIDEO_DATABASE_URL." >&2
  exit 1
fi

echo "Installing the PostgreSQL server package..."
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql
