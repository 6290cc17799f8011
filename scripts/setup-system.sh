#!/usr/bin/env bash
# Installs what the tests need from Debian's packages (Chromium for the end-to-end tests,
# PostgreSQL for the account service's tests, poppler for PDF checks) and starts PostgreSQL on
# loopback with a test role. Safe to run again: it only installs what is missing.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-system: lancez ce script en root (ou installez sudo)." >&2; exit 1; fi
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-system: installation de ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL: start the default cluster (no systemd in containers) and make the test role.
ver=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! $SUDO pg_ctlcluster "$ver" main status >/dev/null 2>&1; then
  $SUDO pg_ctlcluster "$ver" main start
fi
for _ in $(seq 1 30); do
  $SUDO -u postgres true 2>/dev/null || true
  if su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 || $SUDO -u postgres psql -qtAc 'select 1' >/dev/null 2>&1; then break; fi
  sleep 1
done
as_postgres() { if [ -z "$SUDO" ]; then su postgres -c "$1"; else sudo -u postgres bash -c "$1"; fi; }
as_postgres "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='sesame'\"" | grep -q 1 \
  || as_postgres "psql -qc \"CREATE ROLE sesame LOGIN SUPERUSER PASSWORD 'sesame'\""
as_postgres "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='sesame_test'\"" | grep -q 1 \
  || as_postgres "createdb -O sesame sesame_test"
echo "setup-system: Chromium $(chromium --version 2>/dev/null | awk '{print $2}'), PostgreSQL $ver prêt sur 127.0.0.1:5432"
