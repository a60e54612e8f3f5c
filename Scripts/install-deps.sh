#!/usr/bin/env bash
# Installs what Boomerang needs to build and test: GLPK (library, headers, glpsol).
# On Debian/Ubuntu it uses apt; elsewhere it says what to install.
set -euo pipefail

have_glpk() {
    { [ -f /usr/include/glpk.h ] || [ -f /usr/local/include/glpk.h ] || [ -f /opt/homebrew/include/glpk.h ]; } &&
        command -v glpsol >/dev/null 2>&1
}

if have_glpk; then
    exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    echo "Installing GLPK (libglpk-dev, glpk-utils) with apt-get…"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libglpk-dev glpk-utils >/dev/null
    exit 0
fi

if command -v brew >/dev/null 2>&1; then
    echo "GLPK is missing. Install it with:  brew install glpk" >&2
else
    echo "GLPK is missing. Install GLPK 4.65 or later (library, headers and glpsol) with your system's package manager," >&2
    echo "e.g. 'dnf install glpk-devel glpk-utils' or 'brew install glpk'." >&2
fi
exit 1
