#!/usr/bin/env bash
# Validates the add-in manifest offline: XSD validation through ../shared/tools/validate-manifest.sh (when it
# exists), then this project's own rules: every URL is https and the permission is exactly ReadWriteDocument.
# Checks manifest.xml, and dist/manifest.xml too when a build left one (ADDIN_URL-rewritten or not).
#
# Usage: bash scripts/validate-manifest.sh [manifest.xml ...]      (npm run validate)
# Exit: 0 valid, 1 invalid, 2 cannot run.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared_validator="$root/../shared/tools/validate-manifest.sh"

if [ $# -gt 0 ]; then
  files=("$@")
else
  files=("$root/manifest.xml")
  [ -f "$root/dist/manifest.xml" ] && files+=("$root/dist/manifest.xml")
fi

status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "  FAIL: $*" >&2; status=1; }

for file in "${files[@]}"; do
  echo "== ${file#"$root"/}"
  [ -f "$file" ] || { echo "  no such file: $file" >&2; exit 2; }

  # 0. <ExtendedOverrides> (the keyboard shortcuts' JSON, Microsoft's schema since late 2020) is newer than the
  #    offline XSDs: check its place and form here, and validate the rest of the manifest without it.
  schema_file=$file
  extended=$(tr -d '\n' < "$file" | grep -o -E '<ExtendedOverrides[^>]*>' || true)
  if [ -n "$extended" ]; then
    if [ "$(printf '%s\n' "$extended" | grep -c .)" -ne 1 ]; then
      fail "at most one <ExtendedOverrides> element"
    elif ! tr -d '\n' < "$file" | grep -q -E '</VersionOverrides>[[:space:]]*(<!--([^-]|-[^-])*-->[[:space:]]*)*<ExtendedOverrides Url="https://[^"]+"[[:space:]]*/>[[:space:]]*</OfficeApp>'; then
      fail '<ExtendedOverrides Url="https://..."/> must follow </VersionOverrides> as the last element of <OfficeApp>'
    else
      echo "  extended overrides: $(printf '%s' "$extended" | grep -o -E 'https://[^"]+')"
    fi
    schema_file="$tmp/$(basename "$file")"
    sed -E 's#<ExtendedOverrides[^>]*/>##' "$file" > "$schema_file"
  fi

  # 1. Schema validation (OfficeApp 1.1 + VersionOverrides 1.0 XSDs), offline.
  if [ -f "$shared_validator" ]; then
    set +e
    out=$(bash "$shared_validator" "$schema_file" 2>&1)
    rc=$?
    set -e
    case $rc in
      0) echo "  schema: valid" ;;
      2) echo "$out" >&2; echo "  schema: cannot run the validator (is xmllint installed? apt-get install -y libxml2-utils)" >&2; exit 2 ;;
      *) echo "$out" >&2; fail "schema validation failed" ;;
    esac
  else
    echo "  schema: skipped ($shared_validator not found)"
  fi

  # 2. Every URL is https (namespace declarations aside).
  urls=$(grep -v -E '^\s*xmlns(:[A-Za-z]+)?=' "$file" | sed -E 's/xmlns(:[A-Za-z]+)?="[^"]*"//g' | grep -o -E '[A-Za-z][A-Za-z0-9+.-]*://[^"<> ]+' || true)
  count=$(printf '%s\n' "$urls" | grep -c . || true)
  bad=$(printf '%s\n' "$urls" | grep -v -E '^https://' || true)
  if [ -n "$bad" ]; then
    while IFS= read -r url; do fail "not https: $url"; done <<< "$bad"
  elif [ "$count" -eq 0 ]; then
    fail "no URLs found"
  else
    echo "  urls: all $count https"
  fi

  # 3. Exactly one <Permissions>, and it is ReadWriteDocument.
  perms=$(grep -o -E '<Permissions>[^<]*</Permissions>' "$file" || true)
  if [ "$(printf '%s\n' "$perms" | grep -c .)" -ne 1 ] || [ "$perms" != "<Permissions>ReadWriteDocument</Permissions>" ]; then
    fail "permissions must be exactly <Permissions>ReadWriteDocument</Permissions>, found: ${perms:-none}"
  else
    echo "  permissions: ReadWriteDocument"
  fi
done

if [ $status -eq 0 ]; then echo "manifest OK"; else echo "manifest INVALID" >&2; fi
exit $status
