#!/usr/bin/env bash
# Makes sure this machine has the programs ShotVideo needs, installing Debian's packages for those missing when we
# may (root). Arguments: postgresql (initdb and pg_ctl, for the local database and the tests' private server) and/or
# pgbouncer (the transaction pooler the tests put in front of that server), chromium (the headless browser the review
# page tests drive), pngquant (shrinks the README's screenshot).
set -euo pipefail

has() {
  case "$1" in
    postgresql) command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null ;;
    pgbouncer) command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] ;;
    chromium) command -v chromium >/dev/null 2>&1 ;;
    pngquant) command -v pngquant >/dev/null 2>&1 ;;
    *) echo "unknown package $1" >&2; return 2 ;;
  esac
}

missing=()
for package in "$@"; do
  has "$package" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing: ${missing[*]}. Install them (Debian: sudo apt-get install ${missing[*]}), or for the database set SHOTVIDEO_DATABASE_URL." >&2
  exit 1
fi

echo "Installing ${missing[*]}..."
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
