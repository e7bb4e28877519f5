# Sourced by the benchmarks that measure against ../shared.
#
# require_shared PATH...: returns when every PATH exists; otherwise the calling script ends: with
# a skip message, or, under PIPE_REQUIRE_SHARED=1 (CI sets it), with a failure, so that a missing
# corpus never passes in CI as a skip.
require_shared() {
  local path missing=()
  for path in "$@"; do [ -e "$path" ] || missing+=("$path"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "${PIPE_REQUIRE_SHARED:-}" = 1 ]; then
    echo "FAILED: ${missing[*]} absent, and PIPE_REQUIRE_SHARED=1 requires it" >&2
    exit 1
  fi
  echo "skipped: ${missing[*]} absent"
  exit 0
}
