#!/usr/bin/env bash
# Custom stages, way 2 (Docs/Plugins.md): `pipe new plugin` writes a Swift package that builds its
# own pipe with a new stage. Generate one into a temporary folder, depending on this checkout by
# path, then build it, run its test, check its pipeline and run it, and read what the stage wrote.
# Run apart from `swift test` because the package builds Pipe and its dependencies a second time.
# usage: Scripts/plugin-package.sh
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product pipe >/dev/null
pipe=$PWD/.build/release/pipe
work=$(mktemp -d "${TMPDIR:-/tmp}/pipe-plugin.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

"$pipe" new plugin word-stats --output "$work/word-stats"
cd "$work/word-stats"
grep -q ".package(path: \"$(cd "$OLDPWD" && pwd)\")" Package.swift || fail "the manifest does not depend on this checkout by path"
swift build 2>&1 | tail -1
swift test 2>&1 | grep -E "Test run with .* passed" || fail "the generated test did not pass"
swift run pipe-word-stats stages word-stats | grep -q "field (string, default word_stats)" || fail "pipe stages does not describe the stage"
swift run pipe-word-stats validate pipeline.yaml
swift run pipe-word-stats run pipeline.yaml
python3 - out/word-stats.jsonl <<'PY'
import json, sys
records = [json.loads(line) for line in open(sys.argv[1])]
assert len(records) == 1, records
assert records[0]["word_stats"] == {"words": 39}, records[0]
print("the generated package's pipe ran its stage:", records[0]["id"], records[0]["word_stats"])
PY
