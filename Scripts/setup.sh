#!/usr/bin/env bash
# Installs the Debian packages Pipe builds against when they are missing: SQLite's headers (for
# GRDB), jemalloc, the allocator `pipe` is linked with on Linux (Docs/Design/0009-jemalloc.md), and
# zlib, libzstd, libbz2 and liblzma, which read compressed input (Docs/Inputs.md), libxml2, which
# reads web pages and feeds, and libpq, PostgreSQL's client (Docs/Scaling.md).
# Does nothing elsewhere, or when all are there. Needs root, or sudo.
set -euo pipefail
[ "$(uname -s)" = Linux ] || exit 0
missing=()
for package in libsqlite3-dev libjemalloc-dev zlib1g-dev libzstd-dev libbz2-dev liblzma-dev libxml2-dev libpq-dev; do
  dpkg -s "$package" > /dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -gt 0 ] || exit 0
if ! command -v apt-get > /dev/null; then
  echo "error: ${missing[*]} missing and no apt-get here: install them with this system's package manager" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "installing ${missing[*]}" >&2
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" > /dev/null
