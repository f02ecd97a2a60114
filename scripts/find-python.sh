#!/usr/bin/env bash
# Print the path of a working Python 3.10, or explain what to install and fail.
# Rasa 3.6 does not install on 3.11+: pip would silently fall back to an ancient Rasa.
set -u
candidates=("${PYTHON:-}" python3.10)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root 2>/dev/null)
  for dir in "$root"/versions/3.10*/bin/python3.10; do candidates+=("$dir"); done
fi
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10 python3)
for candidate in "${candidates[@]}"; do
  [ -n "$candidate" ] || continue
  if version=$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) && [ "$version" = "3.10" ]; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
cat >&2 <<'MSG'
Python 3.10 is needed (Rasa 3.6 does not run on 3.11 or newer) and was not found.
Install it, for example with pyenv:  pyenv install 3.10
or with your package manager (Debian/Ubuntu: apt-get install python3.10 python3.10-venv),
or point PYTHON at it:               make run PYTHON=/path/to/python3.10
MSG
exit 1
