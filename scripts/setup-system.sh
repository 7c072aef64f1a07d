#!/usr/bin/env bash
# Debian packages the tests and the web page need: chromium (browser test, driven by Playwright) and
# postgresql (the store's second backend). Idempotent: installs only what is missing; uses sudo only
# when not running as root. Set LAGEBILD_SKIP_SYSTEM=1 to skip (e.g. where packages are managed elsewhere).
set -euo pipefail

if [[ "${LAGEBILD_SKIP_SYSTEM:-0}" == "1" ]]; then
    exit 0
fi

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-system: apt-get not found; install ${missing[*]} with your package manager" >&2
    exit 1
fi

if [[ "$(id -u)" -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "setup-system: need root or sudo to install ${missing[*]}" >&2
    exit 1
fi

echo "setup-system: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
