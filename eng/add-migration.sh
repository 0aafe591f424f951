#!/usr/bin/env bash
# Adds a migration of the same name to both providers: every model change ships for SQLite and PostgreSQL.
# Usage: eng/add-migration.sh AddIncidents
set -euo pipefail
name="${1:?usage: eng/add-migration.sh MigrationName}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project="src/Custos.Migrations.$provider"
  echo "Adding migration '$name' for $provider..."
  dotnet build "$project" -v quiet -nologo >/dev/null
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
echo "Done. Review both migrations, then run the tests: each provider has a test that fails on pending model changes."
