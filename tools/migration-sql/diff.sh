#!/usr/bin/env bash
# Prints the SQL that turns one schema into another, offline.
#   tools/migration-sql/diff.sh OLD.prisma|--empty NEW.prisma > prisma/migrations/<ts>_<name>/migration.sql
# Review the output, then append any integrity rules Prisma cannot express by hand.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ -d "$here/node_modules/prisma" ] || (cd "$here" && npm install --no-audit --no-fund --ignore-scripts >/dev/null)
to_v6() { sed -e 's#provider = "postgresql"#provider = "postgresql"\n  url = env("DATABASE_URL")#' -e 's#"prisma-client"#"prisma-client-js"#' -e '/moduleFormat/d' -e '/^  output /d' "$1"; }
tmp="$(mktemp -d)"
if [ "$1" = "--empty" ]; then from=(--from-empty); else to_v6 "$1" > "$tmp/old.prisma"; from=(--from-schema-datamodel "$tmp/old.prisma"); fi
to_v6 "$2" > "$tmp/new.prisma"
cd "$here"
DATABASE_URL=postgresql://offline@localhost/offline PRISMA_QUERY_ENGINE_LIBRARY=/bin/true \
  npx prisma migrate diff "${from[@]}" --to-schema-datamodel "$tmp/new.prisma" --script
