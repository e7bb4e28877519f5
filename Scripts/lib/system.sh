# Sourced by the scripts that install Debian packages or start servers of their own.
#
# ensure_packages PACKAGE...: installs those of the Debian packages that are missing, with apt-get
# (as root, or through sudo); does nothing when all are there, and fails where there is no apt-get.
ensure_packages() {
  local package missing=() sudo=""
  for package in "$@"; do dpkg -s "$package" > /dev/null 2>&1 || missing+=("$package"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  if ! command -v apt-get > /dev/null; then
    echo "error: ${missing[*]} missing and no apt-get here: install them with this system's package manager" >&2
    exit 1
  fi
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
}

# free_ports COUNT: COUNT TCP ports on 127.0.0.1 that are free now, on one line.
free_ports() {
  python3 -c '
import socket, sys
sockets = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in sockets: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in sockets])' "$1"
}
