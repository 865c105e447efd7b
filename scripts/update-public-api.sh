#!/usr/bin/env bash
# Records an intended change of the public API: builds each package, adds the symbols the analyzer reports as new
# (RS0016) to its PublicAPI.Unshipped.txt and removes those it reports as gone (RS0017). Review the diff, then commit.
set -euo pipefail
cd "$(dirname "$0")/.."
for shipped in src/*/PublicAPI.Shipped.txt; do
  p=$(basename "$(dirname "$shipped")")   # every package that records a public API
  file="src/$p/PublicAPI.Unshipped.txt"
  # only this project's diagnostics (a dependency's are recorded in its own file, in its own turn)
  out=$(dotnet build "src/$p" --nologo -v q 2>&1 | grep -F "/src/$p/$p.csproj]" || true)
  added=$(grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API)" <<< "$out" | sort -u || true)
  removed=$(grep -oP "RS0017: Symbol '\K.*(?=' is part of the declared API)" <<< "$out" | sort -u || true)
  body=$(grep -v '^#nullable enable$' "$file" | grep -v '^$' || true)
  if [ -n "$removed" ]; then body=$(grep -vxF -f <(printf '%s\n' "$removed") <<< "$body" || true); fi
  { echo '#nullable enable'; printf '%s\n%s\n' "$body" "$added" | grep -v '^$' | LC_ALL=C sort -u; } > "$file"
  echo "$p: $(grep -c . <<< "$added" || true) added, $(grep -c . <<< "$removed" || true) removed"
done
