#!/usr/bin/env bash
# Start-up of one ogscale binary: the median wall time of 11 runs of `FILE --help` (plus its size), on demand only
# (docs/benchmarks.md "Start-up of the single file"); no test times anything.
# Usage: tests/bench/startup.sh FILE [RUNS]
set -euo pipefail
file=${1:?usage: tests/bench/startup.sh FILE [RUNS]}
runs=${2:-11}
[ -x "$file" ] || { echo "startup.sh: $file is not an executable file" >&2; exit 2; }

# One warm-up run: the first start of a single file also fills the page cache; every later start is what a DBA sees.
"$file" --help >/dev/null
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$file" --help >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo "file: $file"
echo "size: $(stat -c %s "$file") bytes"
echo "runs (ms): ${times[*]}"
echo "median of $runs: $median ms"
