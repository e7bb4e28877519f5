# Sourced by the scripts that run third-party Python tools (warcio, trafilatura).
#
# python_env PACKAGE==VERSION...: makes .build/python, a virtual environment of this checkout's
# own, holding the pinned packages from PyPI (installed once, then reused), and puts its python
# first on PATH. The system's Python is left untouched.
python_env() {
  local root venv
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  venv="$root/.build/python"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  local package missing=()
  for package in "$@"; do
    "$venv/bin/python" -m pip show -q "${package%%==*}" > /dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} from PyPI into .build/python" >&2
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "${missing[@]}"
  fi
  export PATH="$venv/bin:$PATH"
}
