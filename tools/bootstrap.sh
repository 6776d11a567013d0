# Shared by run.sh and test.sh: system packages (apt, only what is missing) and the .venv.
# shellcheck shell=bash

APP_PACKAGES=(python3-venv python3-pip libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libnss3
  fonts-dejavu-core)
TEST_PACKAGES=(postgresql poppler-utils qpdf xvfb openssl zbar-tools chromium)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

ensure_apt() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "missing system packages (${missing[*]}) and no root/sudo to install them" >&2; return 1
    fi
  fi
  say "apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {  # $1: pip extras spec, e.g. "." or ".[dev]"
  local spec="$1" stamp
  stamp="$(sha256sum pyproject.toml | cut -c1-16)-$spec"
  if [ ! -x .venv/bin/python ]; then
    say "creating .venv"
    # Debian's own Python (built with PGO and LTO) where there is one: a python3 found first on PATH (pyenv's
    # default build) renders letters about 30 % slower (bench/RESULTS.md, "Rendering").
    local py=python3
    [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import venv, ensurepip' 2>/dev/null && py=/usr/bin/python3
    "$py" -m venv .venv
  fi
  if [ "$(cat .venv/.eoffice-stamp 2>/dev/null)" != "$stamp" ]; then
    say "pip install -e '$spec'"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e "$spec"
    echo "$stamp" > .venv/.eoffice-stamp
  fi
}
