#!/usr/bin/env bash
# Starts the PostgreSQL 15 cluster that ships (stopped) on the machine and creates a throwaway test role that may
# create databases (each test database is created and dropped by the test run). Prints the connection string.
# Test-only credentials on a loopback-only server; never use them anywhere else.
set -euo pipefail
# Only the connection string goes to stdout (callers capture it); everything the tools print goes to stderr.
# fd 3 keeps the caller's stdout for that one line. The server daemon must not inherit it (nor stdin/stdout):
# a daemon holding the caller's pipe open makes `$(...)` wait forever.
exec 3>&1 1>&2
version="${PG_VERSION:-15}"
cluster="${PG_CLUSTER:-main}"
if ! command -v pg_ctlcluster >/dev/null; then
  echo "PostgreSQL server tools are missing: apt-get install postgresql-$version" >&2
  exit 1
fi
if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c' | grep -q .; then
  pg_createcluster "$version" "$cluster" </dev/null >/dev/null 3>&-
fi
if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
  pg_ctlcluster "$version" "$cluster" start </dev/null 3>&-
fi
port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $3}')
for _ in $(seq 1 30); do
  pg_isready -q -h localhost -p "$port" && break
  sleep 1
done
su postgres -c "psql -q -p $port -v ON_ERROR_STOP=1" >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'custos_test') THEN
    CREATE ROLE custos_test LOGIN CREATEDB PASSWORD 'custos_test';
  END IF;
END
\$\$;
SQL
if ! su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'custos_test'\"" | grep -q 1; then
  su postgres -c "createdb -p $port -O custos_test custos_test"
fi
echo "Host=localhost;Port=$port;Database=custos_test;Username=custos_test;Password=custos_test" >&3
