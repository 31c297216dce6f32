#!/usr/bin/env bash
# The main job on the local default: the sample story in ShotVideo's own local PostgreSQL database, clips from the stub
# backend (no cloud credentials), written under ./public. Run it twice: the second run has nothing left to generate.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-packages.sh postgresql
dotnet run --project src/ShotVideo.Host -- -File examples/demo.ps1 "$@"
