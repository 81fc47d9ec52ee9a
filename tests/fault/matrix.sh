#!/usr/bin/env bash
# The full fault-injection matrix (on demand; CI runs a sample: FaultInjection*Tests). For each engine, a playground of
# three hosts; for every step of `expand -h 127.0.0.12` and of `dropnode -h 127.0.0.12`, ogscale is killed with
# SIGKILL right before that step (OGSCALE_FAULT_AT), then the run is either resumed or rolled back:
#   resume    must exit 0 and leave the host streaming (expand) or gone (dropnode);
#   rollback  must exit 0 and leave the primary's configuration files and slots byte for byte as before the run.
# pgbench (-c 4 -P 1) runs against the primary the whole time; every scenario also checks that a row written before
# it is still there afterwards ("data lost"). The table goes to stdout and, with --out FILE, to FILE.
#
# Usage (root, Linux, from the repository root):
#   flock /tmp/ogscale-e2e.lock tests/fault/matrix.sh [--engine postgresql|opengauss] [--out FILE]
set -euo pipefail
cd "$(dirname "$0")/../.."

engines=(postgresql opengauss)
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engines=("$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--engine postgresql|opengauss] [--out FILE]" >&2; exit 2 ;;
  esac
done

dotnet build src/OpenGaussScale.Cli -c Release -nologo -clp:ErrorsOnly >&2
ogscale="$PWD/src/OpenGaussScale.Cli/bin/Release/net10.0/ogscale"
table=$(mktemp)
dir=""
bench_pid=""

cleanup() {
  if [ -n "$bench_pid" ]; then kill "$bench_pid" 2>/dev/null || true; wait "$bench_pid" 2>/dev/null || true; fi
  if [ -n "$dir" ] && [ -d "$dir" ]; then "$ogscale" playground down --dir "$dir" >&2 || true; rm -rf "$dir"; fi
}
trap cleanup EXIT

# The primary's state a rollback must restore: its configuration files and its replication slots.
snapshot() {
  # openGauss settings and rules are compared as their files' active lines: gs_guc takes one back by commenting it out.
  if [ "$engine" = opengauss ]; then
    ssh -F "$dir/ssh_config" omm@ognode1 "{ grep -Ev '^[[:space:]]*(#|\$)' /opt/ogscale/data/dn/postgresql.conf /opt/ogscale/data/dn/pg_hba.conf; cat /opt/ogscale/app/bin/cluster_static_config; } | sha256sum"
  else
    ssh -F "$dir/ssh_config" omm@ognode1 "cat /opt/ogscale/data/dn/pg_hba.conf /opt/ogscale/data/dn/postgresql.auto.conf | sha256sum"
  fi
  "$ogscale" playground sql 1 "select slot_name from pg_replication_slots order by 1" --dir "$dir"
}

sql() { "$ogscale" playground sql "$1" "$2" --dir "$dir"; }

# Step ids of a verb's plan, from its dry run.
steps() { "$ogscale" "$@" --dry-run --output json | jq -r '.steps[].id'; }

# One scenario: kill before STEP, then MODE (resume|rollback); appends a table row; returns 0 when it passed.
scenario() {
  local verb=$1 step=$2 mode=$3; shift 3
  local marker="matrix $verb $step $mode" before after outcome rc lost=none
  sql 1 "insert into matrix values ('$marker')" >/dev/null
  before=$(snapshot)
  rc=0; OGSCALE_FAULT_AT="$step" "$ogscale" "$@" >"$dir/kill.out" 2>&1 || rc=$?
  if [ "$rc" != 137 ]; then
    outcome="not killed (exit $rc: $(grep -m1 '^error:' "$dir/kill.out" | cut -c1-120))"
  else
    local journal
    journal=$(ls -t ~/.ogscale/journal/*.jsonl | head -1)
    rc=0; "$ogscale" "$mode" --journal "$journal" --yes "${access[@]}" >/dev/null 2>"$dir/last.err" || rc=$?
    after=$(snapshot)
    if [ "$rc" != 0 ]; then
      outcome="$mode exit $rc: $(tail -1 "$dir/last.err")"
    elif [ "$mode" = rollback ] && [ "$before" != "$after" ]; then
      outcome="rolled back, but the primary differs"
    else
      outcome="$mode: ok"
    fi
  fi
  [ "$(sql 1 "select count(*) from matrix where note = '$marker'")" = 1 ] || lost="the marker row"
  printf '| %s | %s | SIGKILL before %s | %s | %s |\n' "$engine" "$verb" "$step" "$outcome" "$lost" | tee -a "$table" >&2
  [[ "$outcome" == *": ok" ]] && [ "$lost" = none ]
}

# Puts the cluster back to "127.0.0.12 is not a member" or "is a member" between scenarios. A dropped host keeps its
# software and data (as gs_dropnode leaves them); it is made bare again, as `up` left it, before it is added again.
expanded() { "$ogscale" expand -U omm -G dbgrp -X "$xml" -h 127.0.0.12 "${package[@]}" "${access[@]}" >/dev/null 2>&1; }
bare() {
  local host=${1:-ognode2}
  ssh -F "$dir/ssh_config" "root@$host" \
    'find /opt/ogscale/app /opt/ogscale/om /opt/ogscale/log /opt/ogscale/tmp /opt/ogscale/corefile /opt/ogscale/data -mindepth 1 -delete; chmod 755 /opt/ogscale/app /opt/ogscale/om' </dev/null
  ssh -F "$dir/ssh_config" "omm@$host" "sed -i '/^# >>> openGauss environment/,/^# <<< openGauss environment/d' ~/.bashrc" </dev/null
}
dropped() {
  "$ogscale" dropnode -U omm -G dbgrp -X "$xml" -h 127.0.0.12 --yes "${access[@]}" >/dev/null 2>&1 || return 1
  bare
}

# A fault while a step runs: expand -h HOST runs in the background; once its journal shows STEP started, the function
# FAULT runs; the expansion must fail cleanly (exit 4 or 5, the primary back as before); then the function REPAIR runs
# and a plain re-run of the same command must finish (exit 0).
during() {
  local what=$1 host=$2 step=$3 fault=$4 repair=$5 before rc pid outcome=ok lost=none delay=0.2 polls=0
  local args=(expand -U omm -G dbgrp -X "$xml" -h "$host" "${package[@]}" "${access[@]}")
  sql 1 "insert into matrix values ('matrix $what')" >/dev/null
  before=$(snapshot)
  touch "$dir/during.start"
  "$ogscale" "${args[@]}" >"$dir/during.out" 2>&1 &
  pid=$!
  # Poll the run's journal (newer than the start mark) for the step; give up after about 5 minutes.
  until find ~/.ogscale/journal -name '*.jsonl' -newer "$dir/during.start" -exec grep -qs "\"event\":\"started\".*\"step\":\"$step\"" {} \; -print | grep -q .; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$polls" -ge 300 ]; then break; fi
    sleep "$delay"; delay=1; polls=$((polls + 1))
  done
  "$fault" || true
  rc=0; wait "$pid" || rc=$?
  if [ "$rc" != 4 ] && [ "$rc" != 5 ]; then outcome="expand exit $rc, not 4 or 5"; fi
  [ "$(snapshot)" = "$before" ] || outcome="the primary differs after the failed run"
  "$repair" || true
  rc=0; "$ogscale" "${args[@]}" >/dev/null 2>"$dir/last.err" || rc=$?
  [ "$rc" = 0 ] || outcome="re-run exit $rc: $(tail -1 "$dir/last.err")"
  [ "$(sql 1 "select count(*) from matrix where note = 'matrix $what'")" = 1 ] || lost="the marker row"
  [ "$outcome" = ok ] && outcome="failed cleanly; a plain re-run: ok"
  printf '| %s | expand | %s | %s | %s |\n' "$engine" "$what" "$outcome" "$lost" | tee -a "$table" >&2
  [[ "$outcome" == *": ok" ]] && [ "$lost" = none ]
}

# The faults and repairs `during` uses, on the third host (ognode3, 127.0.0.13).
kill_db3() {
  local tries=0
  until "$ogscale" playground stop 3 --db-only --dir "$dir" >/dev/null 2>&1; do
    tries=$((tries + 1)); [ "$tries" -lt 120 ] || return 1; sleep 0.5
  done
}
revive3() { "$ogscale" playground start 3 --dir "$dir" >/dev/null 2>&1; }
nothing() { true; }
unmount3() { ssh -F "$dir/ssh_config" root@ognode3 'umount /opt/ogscale/data' </dev/null; }

failed=0
for engine in "${engines[@]}"; do
  dir=$(mktemp -d /tmp/ogscale-matrix-XXXXXX)
  "$ogscale" playground up --nodes 3 --engine "$engine" --dir "$dir" --force >&2
  xml="$dir/expand-all.xml"
  access=(--identity "$dir/id_ed25519" --known-hosts "$dir/known_hosts")
  package=()
  [ "$engine" = opengauss ] && package=(--package "$dir/package")
  sql 1 "create table matrix(note text)" >/dev/null
  ssh -F "$dir/ssh_config" -tt omm@ognode1 "exec /usr/lib/postgresql/15/bin/pgbench -h /opt/ogscale/tmp -p 15400 -c 4 -j 2 -P 1 -T 36000 postgres" \
    >"$dir/pgbench.log" 2>&1 </dev/null &
  bench_pid=$!

  expand=(expand -U omm -G dbgrp -X "$xml" -h 127.0.0.12 "${package[@]}" "${access[@]}")
  for step in $(steps "${expand[@]}"); do
    for mode in rollback resume; do
      scenario expand "$step" "$mode" "${expand[@]}" || failed=$((failed + 1))
      if [ "$mode" = resume ]; then dropped || true; else bare || true; fi
    done
  done

  expanded
  drop=(dropnode -U omm -G dbgrp -X "$xml" -h 127.0.0.12 --yes "${access[@]}")
  for step in $(steps "${drop[@]}"); do
    for mode in rollback resume; do
      scenario dropnode "$step" "$mode" "${drop[@]}" || failed=$((failed + 1))
      if [ "$mode" = resume ]; then bare || true; expanded || true; fi
    done
  done

  # Faults while a step runs, on the third host: its database killed (openGauss: gaussdb runs during the build;
  # PostgreSQL: the standby runs from its start step on), and a data directory too small for the copy (disk full: a
  # 4 MiB tmpfs mounted in the host's own mount namespace).
  copy_step=basebackup; db_step=start
  [ "$engine" = opengauss ] && copy_step=build && db_step=build
  during "database of the new host killed during $db_step" 127.0.0.13 "$db_step@127.0.0.13" kill_db3 revive3 || failed=$((failed + 1))
  "$ogscale" dropnode -U omm -G dbgrp -X "$xml" -h 127.0.0.13 --yes "${access[@]}" >/dev/null 2>&1 || true
  bare ognode3 || true
  ssh -F "$dir/ssh_config" root@ognode3 'mount -t tmpfs -o size=4m,mode=0755 ogscale-full /opt/ogscale/data' </dev/null
  during "disk full: a 4 MiB data directory on the new host" 127.0.0.13 "$copy_step@127.0.0.13" nothing unmount3 || failed=$((failed + 1))

  kill "$bench_pid" 2>/dev/null || true; wait "$bench_pid" 2>/dev/null || true; bench_pid=""
  failures=$(grep -Eo '[0-9]+ failed' "$dir/pgbench.log" | awk '{ s += $1 } END { print s + 0 }')
  lines=$(grep -c '^progress:' "$dir/pgbench.log" || true)
  printf '| %s | pgbench through the whole matrix | - | %s progress lines, %s failed transactions | none |\n' "$engine" "$lines" "$failures" | tee -a "$table" >&2
  [ "$failures" = 0 ] || failed=$((failed + 1))
  "$ogscale" playground down --dir "$dir" >&2; rm -rf "$dir"; dir=""
done

{
  echo "fault matrix: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -r)"
  echo
  echo "| engine | operation | injected | outcome | data lost |"
  echo "|---|---|---|---|---|"
  cat "$table"
} | tee ${out:+"$out"}
rm -f "$table"
[ "$failed" = 0 ]
