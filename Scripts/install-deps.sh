#!/usr/bin/env bash
# Installs what Boomerang needs to build and test: GLPK (library, headers, glpsol), and — for the
# report's browser test, where apt can — Chromium. On Debian/Ubuntu it uses apt; elsewhere it says
# what to install.
set -euo pipefail

have_glpk() {
    { [ -f /usr/include/glpk.h ] || [ -f /usr/local/include/glpk.h ] || [ -f /opt/homebrew/include/glpk.h ]; } &&
        command -v glpsol >/dev/null 2>&1
}

have_browser() {
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1
}

if have_glpk && { [ "${BOOMERANG_NO_BROWSER:-}" = 1 ] || have_browser; }; then
    exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    if ! have_glpk; then
        echo "Installing GLPK (libglpk-dev, glpk-utils) with apt-get…"
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libglpk-dev glpk-utils libxml2 >/dev/null
    fi
    if [ "${BOOMERANG_NO_BROWSER:-}" != 1 ] && ! have_browser; then
        echo "Installing Chromium for the report's browser test with apt-get (BOOMERANG_NO_BROWSER=1 skips it)…"
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null 2>&1 ||
            echo "Chromium could not be installed; the browser test will be skipped." >&2
    fi
    exit 0
fi

if have_glpk; then
    echo "No Chromium: the report's browser test will be skipped." >&2
    exit 0
fi

if command -v brew >/dev/null 2>&1; then
    echo "GLPK is missing. Install it with:  brew install glpk" >&2
else
    echo "GLPK is missing. Install GLPK 4.65 or later (library, headers and glpsol) with your system's package manager," >&2
    echo "e.g. 'dnf install glpk-devel glpk-utils' or 'brew install glpk'." >&2
fi
exit 1
