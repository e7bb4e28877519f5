#!/usr/bin/env bash
# Installs the Debian packages Pipe builds against when they are missing: SQLite's headers (for
# GRDB), jemalloc, the allocator `pipe` is linked with on Linux (Docs/Design/0009-jemalloc.md), and
# zlib, libzstd, libbz2 and liblzma, which read compressed input (Docs/Inputs.md), libxml2, which
# reads web pages and feeds, and libpq, PostgreSQL's client (Docs/Scaling.md).
# Does nothing elsewhere, or when all are there. Needs root, or sudo.
set -euo pipefail
[ "$(uname -s)" = Linux ] || exit 0
source "$(dirname "$0")/lib/system.sh"
ensure_packages libsqlite3-dev libjemalloc-dev zlib1g-dev libzstd-dev libbz2-dev liblzma-dev libxml2-dev libpq-dev
