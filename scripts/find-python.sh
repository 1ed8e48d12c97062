#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 on this machine, or fails with a clear message.
# pyenv shims exist for versions that are not activated, so each candidate is run, not just found.
set -u
candidates=(python3.14 python3.13 python3.12 python3)
if command -v pyenv >/dev/null 2>&1; then
  root="$(pyenv root)"
  while read -r v; do candidates+=("$v"); done < <(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV)
fi
for c in "${candidates[@]}"; do
  if "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
    command -v "$c" 2>/dev/null || echo "$c"
    exit 0
  fi
done
echo "No Python 3.12 or newer found (tried: ${candidates[*]})." >&2
exit 1
