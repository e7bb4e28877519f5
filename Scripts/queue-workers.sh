#!/usr/bin/env bash
# Issue #30's test at full size: three release `pipe` workers over 50,000 articles queued in
# PostgreSQL; one is killed with SIGKILL a third of the way, another stopped with SIGSTOP while
# it holds a lease until a live worker has taken its articles over, then continued. Every article
# must be committed exactly once, with the records a single file run gives, and both survivors
# must exit 0. It is `QueueCommandTests`' three-worker test (3,000 articles in `swift test`), run
# with PIPE_QUEUE_TEST_ARTICLES and the release binary.
#
# usage: Scripts/queue-workers.sh [ARTICLES]   after `swift build --build-tests`; uses the server
#        PIPE_TEST_POSTGRES_URL names, else starts a private one (Scripts/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-50000}
if [ -z "${PIPE_TEST_POSTGRES_URL:-}" ]; then
  cluster=$(mktemp -d "${TMPDIR:-/tmp}/pipe-queue.XXXXXX")
  chmod 755 "$cluster"
  trap 'Scripts/postgres.sh stop "$cluster/pg"; rm -rf "$cluster"' EXIT
  PIPE_TEST_POSTGRES_URL=$(Scripts/postgres.sh start "$cluster/pg")
  export PIPE_TEST_POSTGRES_URL
fi
swift build -c release --product pipe > /dev/null
start=$(date +%s)
PIPE_REQUIRE_POSTGRES=1 PIPE_QUEUE_TEST_ARTICLES=$articles PIPE_TEST_EXECUTABLE=$PWD/.build/release/pipe \
  swift test --skip-build --filter 'QueueCommandTests/threeWorkers' 2>&1 | tee "${TMPDIR:-/tmp}/pipe-queue-workers.log" | grep -E '✘|Test run'
grep -q "Test run with 1 test .* passed" "${TMPDIR:-/tmp}/pipe-queue-workers.log"
echo "three workers over $articles queued articles, one killed and one stopped past its lease: each committed once, as the file run gives them ($(( $(date +%s) - start )) s)"
