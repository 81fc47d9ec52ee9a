#!/usr/bin/env bash
# The project's one test command (README "Quick start", and what .ci/run calls).
# Installs what the end-to-end tests need when it is missing (Debian, as root), builds the solution in Release
# with warnings as errors, runs every test project, and ends with one line: "N passed, N failed, N skipped".
# Usage: tests/run.sh [extra `dotnet test` arguments, e.g. --filter "Category!=E2E"]
# The on-demand fault cases (trait Category=FaultMatrix, run by tests/fault/e2e.sh) never run here: a --filter given
# is narrowed with "&Category!=FaultMatrix", and without one that is the filter (docs/testing.md).
set -uo pipefail
cd "$(dirname "$0")/.."

args=()
filtered=0
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) args+=(--filter "($2)&Category!=FaultMatrix"); filtered=1; shift 2 ;;
    --filter=*) args+=(--filter "(${1#--filter=})&Category!=FaultMatrix"); filtered=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
[ "$filtered" = 1 ] || args+=(--filter "Category!=FaultMatrix")

# shellcheck source=tests/lib/packages.sh
. tests/lib/packages.sh
install_packages || { echo "0 passed, 1 failed (the packages the tests need could not be installed)"; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build OpenGaussScale.sln -c Release -nologo -clp:ErrorsOnly 2>&1 | tee "$log"
build_rc=${PIPESTATUS[0]}
if [ "$build_rc" != 0 ]; then
  echo "0 passed, 1 failed (the build failed)"
  exit "$build_rc"
fi

# The playground is machine-wide (fixed addresses 127.0.0.11-19): one test run at a time, a second one waits (an hour
# at most). -o: the lock stays with flock itself, never with a process the tests start.
lock=/tmp/ogscale-e2e.lock
flock -n "$lock" true || echo "tests/run.sh: another test run holds $lock; waiting for it" >&2
flock -o -w 3600 -E 75 "$lock" dotnet test OpenGaussScale.sln -c Release --no-build -nologo "${args[@]}" 2>&1 | tee "$log"
test_rc=${PIPESTATUS[0]}
if [ "$test_rc" = 75 ]; then
  echo "0 passed, 1 failed (another test run held $lock for an hour)"
  exit 1
fi
awk '/^(Passed|Failed)! +- / { gsub(",", ""); for (i = 1; i <= NF; i++) {
       if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { if (s > 0) printf "%d passed, %d failed, %d skipped\n", p, f, s; else printf "%d passed, %d failed\n", p, f }' "$log"
exit "$test_rc"
