#!/usr/bin/env bash
# Builds everything and runs every test: xUnit against a private PostgreSQL server (started by the tests), the fake
# Veo service on 127.0.0.1, headless Chromium (the review page) and the hosted PowerShell engine. Extra arguments go
# to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-packages.sh postgresql pgbouncer chromium
dotnet test ShotVideo.sln --logger "trx" "$@"
