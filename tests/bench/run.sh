#!/usr/bin/env bash
# The benchmark of docs/benchmarks.md: wall-clock seconds of ogscale's verbs on a 9-host playground, per engine.
# Speed is measured here, on demand, and recorded in docs/; it is never asserted in a unit test (CI does not run this).
#
# Usage (Linux, as root, from anywhere in the repository):
#   tests/bench/run.sh [--engine postgresql|opengauss] [--out FILE]
# Without --engine both engines run, one after the other, each on its own fresh playground.
# The playground is machine-wide (127.0.0.11-19, port 22): run one benchmark or end-to-end test at a time.
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() {
  echo "usage: tests/bench/run.sh [--engine postgresql|opengauss] [--out FILE]"
}

fail() { # fail MESSAGE HINT: the project's error/hint pair, then exit 1
  echo "error: $1" >&2
  echo "hint: $2" >&2
  exit 1
}

engines=(postgresql opengauss)
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --engine)
      [ $# -ge 2 ] || { echo "error: --engine needs a value" >&2; usage >&2; exit 2; }
      case "$2" in
        postgresql | opengauss) engines=("$2") ;;
        *) echo "error: unknown engine '$2'" >&2; echo "hint: pass --engine postgresql or --engine opengauss" >&2; exit 2 ;;
      esac
      shift 2 ;;
    --out)
      [ $# -ge 2 ] || { echo "error: --out needs a file" >&2; usage >&2; exit 2; }
      out=$2
      shift 2 ;;
    -\? | --help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

# The playground makes namespaces, cgroups and nftables rules and starts sshd on port 22: Linux and root only.
[ "$(uname -s)" = Linux ] || fail "the benchmark runs on Linux only" "run it on the Debian 12 test machine"
[ "$(id -u)" = 0 ] || fail "the benchmark must run as root (the playground needs it)" "run it again as root"

# One Release build, then the built binary for every step, so no step pays for `dotnet run`'s build check.
# The playground's project references ogscale's, so its output folder holds both programs.
echo "bench: building src/OpenGaussScale.Playground.Cli (Release; ogscale and ogscale-playground)" >&2
dotnet build src/OpenGaussScale.Playground.Cli -c Release -nologo -v quiet -clp:ErrorsOnly >&2 \
  || fail "the build of src/OpenGaussScale.Playground.Cli failed" "fix the build errors above, then run the benchmark again"
bin=$PWD/src/OpenGaussScale.Playground.Cli/bin/Release/net10.0
ogscale=$bin/ogscale
playground=$bin/ogscale-playground
for program in "$ogscale" "$playground"; do
  [ -x "$program" ] || fail "the build left no $program" "check the project's output path (net10.0, Release)"
done

# The logs of every command stay after the run: a failed step points there.
logs=$(mktemp -d /tmp/ogscale-bench-logs.XXXXXX)
log=$logs/bench.log

# Set while a playground may be up, so the EXIT trap takes it down whatever happens (failure, Ctrl-C).
playground_dir=""
teardown() {
  local rc=$?
  if [ -n "$playground_dir" ]; then
    echo "bench: taking the playground in $playground_dir down" >&2
    if "$playground" down --dir "$playground_dir" >>"$log" 2>&1 </dev/null; then
      echo "bench: down; $playground_dir is kept for a look at the hosts' files and sshd logs" >&2
    else
      echo "error: \`ogscale-playground down --dir $playground_dir\` failed (see $log)" >&2
      echo "hint: run it again, or follow docs/playground.md, section \"Cleaning up by hand\"" >&2
    fi
  fi
  exit "$rc"
}
trap teardown EXIT
trap 'exit 130' INT TERM

rows=()    # the table rows: "| engine | what | hosts | seconds |"
summary=() # computed lines per engine: the parallel speed-up, and how busy the machine was (it may be shared)

# step WHAT HOSTS PROGRAM ARGS...: runs `PROGRAM ARGS...` (ogscale or ogscale-playground; its output goes to the log),
# and records its wall-clock seconds.
# A non-zero exit ends the benchmark: a time of a failed run would be a wrong number.
step() {
  local what=$1 hosts=$2 program=$3 start end rc=0
  shift 3
  echo "bench: $engine: $what ..." >&2
  printf '\n== %s: %s\n$ %s %s\n' "$engine" "$what" "${program##*/}" "$*" >>"$log"
  start=$(date +%s.%N)
  "$program" "$@" >>"$log" 2>&1 </dev/null || rc=$?
  end=$(date +%s.%N)
  if [ "$rc" != 0 ]; then
    tail -n 30 "$log" >&2
    fail "$engine: $what: \`${program##*/} $*\` exited $rc" "the whole output is in $log"
  fi
  seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
  rows+=("| $engine | $what | $hosts | $seconds |")
  echo "bench: $engine: $what: $seconds s" >&2
}

# Dropnode leaves the dropped hosts' software and data, as gs_dropnode does, and expand refuses a data directory that
# is not empty. A re-expansion would also find openGauss preinstalled (the kit's environment block in omm's .bashrc)
# and skip that step, which would flatter the second run. So before the same hosts are expanded again they are made
# bare again, as `up` left them: the directories under /opt/ogscale emptied and app/om given back their mode 0755 (as
# root), and the environment block removed (as omm, so the file stays omm's), inside each host through its sshd.
# Not timed: it is not ogscale's work.
make_bare() {
  local host
  for host in "$@"; do
    ssh -F "$playground_dir/ssh_config" "root@$host" \
      'find /opt/ogscale/app /opt/ogscale/om /opt/ogscale/log /opt/ogscale/tmp /opt/ogscale/corefile /opt/ogscale/data -mindepth 1 -delete && chmod 755 /opt/ogscale/app /opt/ogscale/om' \
      >>"$log" 2>&1 </dev/null || fail "$engine: could not empty the directories under /opt/ogscale on $host" "see $log"
    ssh -F "$playground_dir/ssh_config" "omm@$host" \
      "sed -i '/^# >>> openGauss environment/,/^# <<< openGauss environment/d' ~/.bashrc" \
      >>"$log" 2>&1 </dev/null || fail "$engine: could not remove the openGauss environment from omm's .bashrc on $host" "see $log"
  done
}

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# shellcheck source=/dev/null # the machine's own file, read for its PRETTY_NAME
os=$(. /etc/os-release && echo "$PRETTY_NAME")
{
  echo "machine: $(nproc) cores, $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, kernel $(uname -r), $os"
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), ogscale $("$ogscale" --version) (commit $commit)"
} | tee "$logs/machine.txt"

for engine in "${engines[@]}"; do
  load_start=$(cut -d' ' -f1 /proc/loadavg)
  playground_dir=$(mktemp -d "/tmp/ogscale-bench-$engine.XXXXXX")
  dir=$playground_dir
  xml=$dir/expand-all.xml
  access=(--identity "$dir/id_ed25519" --known-hosts "$dir/known_hosts")
  package=()
  if [ "$engine" = opengauss ]; then
    package=(--package "$dir/package") # the release package `up` built; expand sends it to each new host
  fi
  cluster=(-U omm -G dbgrp -X "$xml")

  # 1. Nine hosts: the primary on ognode1 (127.0.0.11), bare hosts on 127.0.0.12-19.
  step "playground up --nodes 9" 9 "$playground" up --nodes 9 --engine "$engine" --dir "$dir"
  # 2. The host checks an expansion starts with, alone, for all eight new hosts.
  step "check (the 8 new hosts)" 8 "$ogscale" check "${cluster[@]}" -h 127.0.0.12,127.0.0.13,127.0.0.14,127.0.0.15,127.0.0.16,127.0.0.17,127.0.0.18,127.0.0.19 "${access[@]}"
  # 3. One host: the fixed cost of an expansion (checks, probe, lock, journal, static config) plus one host's work.
  step "expand 127.0.0.12" 1 "$ogscale" expand "${cluster[@]}" -h 127.0.0.12 "${package[@]}" "${access[@]}"
  # 4. Three hosts at once (the default: every host in parallel), dropped, then the same three one step at a time:
  #    the difference is what parallelism buys.
  step "expand 127.0.0.13-15 (default parallelism)" 3 "$ogscale" expand "${cluster[@]}" -h 127.0.0.13,127.0.0.14,127.0.0.15 "${package[@]}" "${access[@]}"
  parallel_seconds=$seconds
  step "dropnode 127.0.0.13-15" 3 "$ogscale" dropnode "${cluster[@]}" -h 127.0.0.13,127.0.0.14,127.0.0.15 --yes "${access[@]}"
  make_bare 127.0.0.13 127.0.0.14 127.0.0.15
  step "expand 127.0.0.13-15 --parallel 1" 3 "$ogscale" expand "${cluster[@]}" -h 127.0.0.13,127.0.0.14,127.0.0.15 --parallel 1 "${package[@]}" "${access[@]}"
  serial_seconds=$seconds
  # 5. The rest, up to the limit of one primary and eight standbys.
  step "expand 127.0.0.16-19 (to 1 primary + 8 standbys)" 4 "$ogscale" expand "${cluster[@]}" -h 127.0.0.16,127.0.0.17,127.0.0.18,127.0.0.19 "${package[@]}" "${access[@]}"
  # 6. Status of the full cluster, then scale in: one standby, then all the others down to the primary alone.
  step "status" 9 "$ogscale" status -U omm -X "$xml" "${access[@]}"
  step "dropnode 127.0.0.19" 1 "$ogscale" dropnode "${cluster[@]}" -h 127.0.0.19 --yes "${access[@]}"
  step "dropnode 127.0.0.12-18 (to a single node)" 7 "$ogscale" dropnode "${cluster[@]}" -h 127.0.0.12,127.0.0.13,127.0.0.14,127.0.0.15,127.0.0.16,127.0.0.17,127.0.0.18 --yes "${access[@]}"
  # 7. Down. Once it has succeeded, the trap has nothing left to take down, and DIR (the hosts' files) can go.
  step "playground down" 9 "$playground" down --dir "$dir"
  playground_dir=""
  rm -rf "$dir"

  summary+=("$engine: 3 hosts took $parallel_seconds s in parallel and $serial_seconds s with --parallel 1 ($(awk -v p="$parallel_seconds" -v s="$serial_seconds" 'BEGIN { printf "%.2f", s / p }')x)")
  summary+=("$engine: load average (1 min) $load_start at the start, $(cut -d' ' -f1 /proc/loadavg) at the end")
done

{
  echo
  echo "| engine | what | hosts | seconds |"
  echo "| --- | --- | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  printf '%s\n' "${summary[@]}"
} | tee "$logs/table.md"

if [ -n "$out" ]; then
  cat "$logs/machine.txt" "$logs/table.md" >"$out"
  echo "bench: the table is in $out" >&2
fi
echo "bench: the commands' output is in $log" >&2
