#!/usr/bin/env bash
# Hunts flaky tests: runs the in-process test projects (every tests/*/ project whose name lacks E2E) N times while the
# machine is loaded, and prints each test that failed at least once, with how often. On demand, not part of .ci/run.
#
# Usage (Linux; as root it installs what is missing, stress-ng included):
#   tests/flaky.sh [N]          N runs (default 10)
# The load: stress-ng with one CPU worker per core, one I/O worker and one 1 GiB memory worker, for the whole hunt
# (started by PID here and stopped by that PID at the end, however the script ends).
# Prints a line per run, then "flaky: TEST failed K of N runs" per test, or "no test failed in N runs"; exits 1 when
# any test failed.
set -uo pipefail
cd "$(dirname "$0")/.."

runs=${1:-10}
case "$runs" in
  '' | *[!0-9]* | 0) echo "error: N must be a whole number of runs, at least 1, not '$runs'" >&2; echo "hint: tests/flaky.sh 20" >&2; exit 2 ;;
esac

# shellcheck source=tests/lib/packages.sh
. tests/lib/packages.sh
install_packages stress-ng || exit 1
command -v stress-ng >/dev/null || { echo "error: stress-ng is missing" >&2; echo "hint: apt-get install --no-upgrade stress-ng (as root)" >&2; exit 1; }

dotnet build OpenGaussScale.sln -c Release -nologo -clp:ErrorsOnly || { echo "error: the build failed" >&2; exit 1; }

mapfile -t projects < <(find tests -mindepth 2 -maxdepth 2 -name '*.csproj' | grep -v E2E | sort)
results=$(mktemp -d)
load_pid=""
stop_load() {
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null && wait "$load_pid" 2>/dev/null
  [ -n "${KEEP_RESULTS:-}" ] || rm -rf "$results"
}
trap stop_load EXIT

stress-ng --cpu "$(nproc)" --io 1 --vm 1 --vm-bytes 1G --quiet &
load_pid=$!
echo "load: stress-ng (pid $load_pid), --cpu $(nproc) --io 1 --vm 1 --vm-bytes 1G"
echo "projects: ${projects[*]}"

for ((i = 1; i <= runs; i++)); do
  start=$SECONDS
  pids=()
  # The projects at once, as `dotnet test` on the solution runs them.
  for project in "${projects[@]}"; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results/$i" >"$results/$i-$name.log" 2>&1 &
    pids+=($!)
  done
  for index in "${!pids[@]}"; do
    wait "${pids[$index]}"
    rc=$?
    name=$(basename "${projects[$index]}" .csproj)
    # A test host that crashed writes no failed test: count the project itself.
    if [ "$rc" != 0 ] && ! grep -qs 'outcome="Failed"' "$results/$i/$name.trx"; then
      echo "$name (the test run itself, exit $rc; see its log)" >>"$results/failed"
      tail -5 "$results/$i-$name.log"
    fi
  done
  # Each test's outcome in the run's trx files (testName="..." ... outcome="Failed").
  passed=$(cat "$results/$i"/*.trx 2>/dev/null | grep -o 'outcome="Passed"' | wc -l)
  failed=$(cat "$results/$i"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"' | sed -E 's/.*testName="([^"]*)".*/\1/' | tee -a "$results/failed" | wc -l)
  echo "run $i/$runs: $passed passed, $failed failed ($((SECONDS - start)) s)"
done

if [ -s "$results/failed" ]; then
  sort "$results/failed" | uniq -c | sort -rn | while read -r count test; do echo "flaky: $test failed $count of $runs runs"; done
  exit 1
fi
echo "no test failed in $runs runs"
