#!/usr/bin/env bash
# The full fault-injection matrix (on demand; CI runs a sample: FaultInjection*Tests and FaultKindsPostgreSqlTests; the
# fault cases moved out of CI are E2E classes run by tests/fault/e2e.sh). For each engine, a playground of
# three hosts. For every step of `expand -h 127.0.0.12` and of `dropnode -h 127.0.0.12`:
#   SIGKILL      ogscale kills itself right before the step (OGSCALE_FAULT_AT), then the run is resumed or rolled back;
#   sshd down    the run pauses right before the step (of each kind) (OGSCALE_PAUSE_AT), 127.0.0.12's sshd is stopped (its sessions
#                too), the run goes on; sshd is started again and the run, if it did not finish, resumed or rolled back;
#   primary's sshd down for a few seconds: the same at the primary, whose sshd comes back as soon as ogscale has
#                noticed (its log says it is trying again); the run must ride it out;
#   a second run  while the first is paused there, the same command again: refused (exit 3), the first one finishes.
# (The boundary faults go to one step of each kind, see boundary_steps; the second run is left to PostgreSQL: the
# lock is the same for both engines.)
# resume must exit 0 and leave the host streaming (expand) or gone (dropnode); rollback must exit 0 and leave the
# primary's configuration files and slots byte for byte as before the run. Then faults while a step runs: the new
# host's database killed, and a data directory too small for the copy (disk full).
# pgbench (-c 4 -P 1) runs inside the primary (entered through its postmaster, not its sshd) the whole time; every
# scenario also checks that a row written before it is still there afterwards ("data lost"). The table goes to stdout
# and, with --out FILE, to FILE.
#
# Usage (root, Linux, from the repository root):
#   flock /tmp/ogscale-e2e.lock tests/fault/matrix.sh [--engine postgresql|opengauss] [--only kill,boundary,during] [--steps REGEX] [--out FILE]
set -euo pipefail
cd "$(dirname "$0")/../.."

engines=(postgresql opengauss)
parts=(kill boundary during)
only_steps="."
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engines=("$2"); shift 2 ;;
    --only) IFS=, read -ra parts <<<"$2"; shift 2 ;;
    --steps) only_steps="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--engine postgresql|opengauss] [--only kill,boundary,during] [--steps REGEX] [--out FILE]" >&2; exit 2 ;;
  esac
done
wanted() { [[ " ${parts[*]} " == *" $1 "* ]]; }

# The playground's project references ogscale's, so its output folder holds both programs.
dotnet build src/OpenGaussScale.Playground.Cli -c Release -nologo -clp:ErrorsOnly >&2
ogscale="$PWD/src/OpenGaussScale.Playground.Cli/bin/Release/net10.0/ogscale"
playground="$PWD/src/OpenGaussScale.Playground.Cli/bin/Release/net10.0/ogscale-playground"
table=$(mktemp)
logs=/tmp/ogscale-matrix-logs
dir=""
bench_pid=""

cleanup() {
  if [ -n "$bench_pid" ]; then kill "$bench_pid" 2>/dev/null || true; wait "$bench_pid" 2>/dev/null || true; fi
  if [ -n "$dir" ] && [ -d "$dir" ]; then "$playground" down --dir "$dir" >&2 || true; rm -rf "$dir"; fi
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
  "$playground" sql 1 "select slot_name from pg_replication_slots order by 1" --dir "$dir"
}

sql() { "$playground" sql "$1" "$2" --dir "$dir"; }

# Step ids of a verb's plan, from its dry run, and the static config an openGauss expansion writes in its finishing
# plan (which the dry run does not list). (--steps REGEX keeps the matching ones, e.g. to repeat one scenario.)
steps() {
  { "$ogscale" "$@" --dry-run --output json | jq -r '.steps[].id'
    if [ "$engine" = opengauss ] && [ "$1" = expand ]; then echo staticconf@127.0.0.11; fi
  } | grep -E -- "$only_steps" || true
}

# MODE (resume|rollback) on the newest journal after a run of VERB that did not finish; prints the outcome. After
# resume 127.0.0.12 must stream from the primary (expand) or not any more (dropnode); after rollback the primary's
# files and slots must be as BEFORE.
recover() {
  local verb=$1 mode=$2 before=$3 rc=0 journal
  journal=$(ls -t ~/.ogscale/journal/*.jsonl | head -1)
  "$ogscale" "$mode" --journal "$journal" --yes "${access[@]}" >/dev/null 2>"$dir/last.err" || rc=$?
  if [ "$rc" != 0 ]; then
    echo "$mode exit $rc: $(tail -1 "$dir/last.err")"
  elif [ "$mode" = rollback ] && [ "$before" != "$(snapshot)" ]; then
    echo "rolled back, but the primary differs"
  elif [ "$mode" = resume ] && [ "$(streams)" != "$([ "$verb" = expand ] && echo 1 || echo 0)" ]; then
    echo "resumed (exit 0), but 127.0.0.12 $([ "$verb" = expand ] && echo "does not stream" || echo "still streams")"
  else
    echo "$mode: ok"
  fi
}

# How many walsenders on the primary serve HOST, 127.0.0.12 by default (both engines run PostgreSQL underneath in the
# playground).
streams() { sql 1 "select count(*) from pg_stat_replication where client_addr = '${1:-127.0.0.12}'"; }

# A table row; returns 0 when the outcome ends in ": ok" and the marker row is still there. A failed scenario's
# outputs (the runs' stdout and stderr) are kept under $logs.
row() {
  local verb=$1 injected=$2 outcome=$3 marker=$4 lost=none keep
  [ "$(sql 1 "select count(*) from matrix where note = '$marker'")" = 1 ] || lost="the marker row"
  printf '| %s | %s | %s | %s | %s |\n' "$engine" "$verb" "$injected" "$outcome" "$lost" | tee -a "$table" >&2
  if [[ "$outcome" == *": ok" ]] && [ "$lost" = none ]; then return 0; fi
  keep="$logs/$engine-$verb-$(printf '%s' "$injected" | tr -c 'A-Za-z0-9@.-' '_')"
  mkdir -p "$keep" && cp "$dir"/*.out "$dir"/*.err "$keep"/ 2>/dev/null || true
  echo "outputs kept in $keep" >&2
  return 1
}

# One scenario: kill before STEP, then MODE (resume|rollback).
scenario() {
  local verb=$1 step=$2 mode=$3; shift 3
  local marker="matrix $verb $step $mode" before outcome rc=0
  sql 1 "insert into matrix values ('$marker')" >/dev/null
  before=$(snapshot)
  OGSCALE_FAULT_AT="$step" "$ogscale" "$@" >"$dir/kill.out" 2>&1 || rc=$?
  if [ "$rc" != 137 ]; then
    outcome="not killed (exit $rc: $(grep -m1 '^error:' "$dir/kill.out" | cut -c1-120))"
  else
    outcome=$(recover "$verb" "$mode" "$before")
  fi
  row "$verb" "SIGKILL before $step" "$outcome" "$marker"
}

# Polls (with backoff, up to about 5 minutes) until the command CONDITION holds or process PID has ended.
poll() {
  local pid=$1 delay=0.1 polls=0; shift
  until "$@"; do
    kill -0 "$pid" 2>/dev/null && [ "$polls" -lt 300 ] || return 1
    sleep "$delay"; polls=$((polls + 1)); [ "$delay" = 1 ] || delay=$(awk "BEGIN { d = $delay * 2; print (d > 1 ? 1 : d) }")
  done
}

# One scenario at a step boundary: the run pauses right before STEP, FAULT runs (given the run's PID), the run goes
# on. If it did not finish, REPAIR runs and MODE (resume|rollback, or "-" when it must have finished) recovers it.
boundary() {
  local verb=$1 step=$2 what=$3 fault=$4 repair=$5 mode=$6; shift 6
  local marker="matrix $verb $step $what $mode" before seen outcome rc=0 pid
  sql 1 "insert into matrix values ('$marker')" >/dev/null
  before=$(snapshot)
  rm -f "$dir/pause"
  OGSCALE_PAUSE_AT="$step" OGSCALE_PAUSE_FILE="$dir/pause" "$ogscale" "$@" >"$dir/run.out" 2>&1 &
  pid=$!
  if ! poll "$pid" test -e "$dir/pause"; then
    outcome="never reached the step"
  elif ! seen=$("$fault" "$pid" "$@"); then
    outcome="$seen"
  fi
  wait "$pid" || rc=$?
  "$repair" || true
  if [ -n "${outcome:-}" ]; then
    :
  elif [ "$rc" = 0 ] && [ "$(streams)" != "$([ "$verb" = expand ] && echo 1 || echo 0)" ]; then
    outcome="${seen}the run finished (exit 0), but 127.0.0.12 $([ "$verb" = expand ] && echo "does not stream" || echo "still streams")"
  elif [ "$rc" = 0 ]; then
    outcome="${seen}the run finished: ok"
  elif [ "$mode" = - ]; then
    outcome="${seen}the run failed (exit $rc: $(grep -m1 '^error:' "$dir/run.out" | cut -c1-100))"
  elif [ "$rc" = 6 ]; then
    # It undid itself (dropnode's rule): nothing to resume or roll back; the same command again must finish.
    if [ "$(snapshot)" != "$before" ]; then
      outcome="${seen}the run said it undid everything (exit 6), but the primary differs"
    elif "$ogscale" "$@" >/dev/null 2>"$dir/last.err"; then
      outcome="${seen}the run failed and undid itself (exit 6, the primary as before); a plain re-run: ok"
    else
      outcome="${seen}the run undid itself (exit 6); a plain re-run failed: $(tail -1 "$dir/last.err")"
    fi
  else
    outcome="${seen}the run failed cleanly (exit $rc); $(recover "$verb" "$mode" "$before")"
  fi
  row "$verb" "$what before $step" "$outcome" "$marker"
}

# The faults `boundary` applies (arguments: the paused run's PID, then its command line); each prints what it saw.
stop_sshd2() {
  "$playground" stop 2 --sshd-only --dir "$dir" >/dev/null
  rm -f "$dir/pause"
}
start_sshd2() { "$playground" start 2 --dir "$dir" >/dev/null 2>&1; }
outage_primary() {
  local pid=$1
  "$playground" stop 1 --sshd-only --dir "$dir" >/dev/null
  rm -f "$dir/pause"
  # The outage ends once ogscale says it is connecting again, or when the run ends without needing the primary.
  poll "$pid" grep -q "trying again" "$dir/run.out" && printf 'ogscale waited for it; ' || true
  "$playground" start 1 --dir "$dir" >/dev/null 2>&1
}
second_run() {
  local rc=0; shift
  "$ogscale" "$@" >"$dir/second.out" 2>&1 || rc=$?
  rm -f "$dir/pause"
  if [ "$rc" = 3 ] && grep -q "another run holds the cluster lock" "$dir/second.out"; then
    printf 'the second run refused (exit 3, the lock); '
  else
    printf 'the second run was not refused by the lock (exit %s)' "$rc"; return 1
  fi
}
nothing() { true; }

# Puts the cluster back to "127.0.0.12 is not a member" or "is a member" between scenarios. A dropped host keeps its
# software and data (as gs_dropnode leaves them); it is made bare again, as `up` left it, before it is added again.
expanded() { "$ogscale" expand -U omm -G dbgrp -X "$xml" -h 127.0.0.12 "${package[@]}" "${access[@]}" >/dev/null 2>&1; }
bare() {
  local host=${1:-ognode2}
  # A host dropped while unreachable still runs its database: stopped first, or the next install finds its port taken.
  "$playground" stop "${host#ognode}" --db-only --dir "$dir" >/dev/null 2>&1 || true
  ssh -F "$dir/ssh_config" "root@$host" \
    'find /opt/ogscale/app /opt/ogscale/om /opt/ogscale/log /opt/ogscale/tmp /opt/ogscale/corefile /opt/ogscale/data -mindepth 1 -delete; chmod 755 /opt/ogscale/app /opt/ogscale/om' </dev/null
  ssh -F "$dir/ssh_config" "omm@$host" "sed -i '/^# >>> openGauss environment/,/^# <<< openGauss environment/d' ~/.bashrc" </dev/null
}
dropped() {
  "$ogscale" dropnode -U omm -G dbgrp -X "$xml" -h 127.0.0.12 --yes "${access[@]}" >/dev/null 2>&1 || return 1
  bare
}

# Between boundary scenarios: a run left unfinished is rolled back, then 127.0.0.12 is made a non-member (bare) or a
# member again.
# The newest journal is the scenario's own run (without --journal, rollback would take the newest unfinished one on
# the machine, which may be another playground's).
unfinished_back() { "$ogscale" rollback --journal "$(ls -t ~/.ogscale/journal/*.jsonl | head -1)" --yes "${access[@]}" >/dev/null 2>&1 || true; }
member_out() { unfinished_back; dropped || bare || true; }
# A dropped host whose sshd a repair started again runs its database again too (`playground start`); its data
# directory then stands in the expansion's way, so it is made bare unless it streams.
member_in() { unfinished_back; expanded || true; [ "$(streams)" = 1 ] || { bare; expanded; } || true; }

# The steps that get the boundary faults: the first step of each kind the issue names (settings, slot, transfer,
# install, build, static config, stop) that the engine's plan has: PostgreSQL allow (its settings), slot,
# basebackup (its build), stop; openGauss guc, transfer, install, build, staticconf, stop, slot.
boundary_steps() {
  grep -E '^(allow|guc|slot|transfer|install|basebackup|build|staticconf|stop)@' | awk -F@ '!seen[$1]++'
}

# A fault while a step runs: expand -h HOST runs in the background; once its journal shows STEP started, the function
# FAULT runs. The expansion either rides it out (exit 0, HOST streams) or fails cleanly (exit 4 or 5, the primary as
# before); then the function REPAIR runs and a plain re-run of the same command must finish (exit 0).
during() {
  local what=$1 host=$2 step=$3 fault=$4 repair=$5 before rc=0 pid outcome="" seen repaired=0
  local args=(expand -U omm -G dbgrp -X "$xml" -h "$host" "${package[@]}" "${access[@]}")
  sql 1 "insert into matrix values ('matrix $what')" >/dev/null
  before=$(snapshot)
  touch "$dir/during.start"
  "$ogscale" "${args[@]}" >"$dir/during.out" 2>&1 &
  pid=$!
  poll "$pid" started "$step" || true
  seen=$("$fault" "$pid") || seen="the fault was not injected (the run ended first); "
  wait "$pid" || rc=$?
  if [ "$rc" = 0 ]; then
    [ "$(streams "$host")" = 1 ] && outcome="${seen}the run finished: ok" || outcome="${seen}the run finished (exit 0), but $host does not stream"
  elif [ "$rc" != 4 ] && [ "$rc" != 5 ]; then
    outcome="${seen}expand exit $rc, not 4 or 5"
  elif [ "$(snapshot)" != "$before" ]; then
    outcome="${seen}the primary differs after the failed run (exit $rc)"
  else
    "$repair" || true; repaired=1
    rc=0; "$ogscale" "${args[@]}" >/dev/null 2>"$dir/last.err" || rc=$?
    [ "$rc" = 0 ] && outcome="${seen}failed cleanly; a plain re-run: ok" || outcome="${seen}re-run exit $rc: $(tail -1 "$dir/last.err")"
  fi
  [ "$repaired" = 1 ] || "$repair" || true
  row expand "$what" "$outcome" "matrix $what"
}

# Whether the journal of the run started after the start mark shows STEP started.
started() {
  find ~/.ogscale/journal -name '*.jsonl' -newer "$dir/during.start" -exec grep -qs "\"event\":\"started\".*\"step\":\"$1\"" {} \; -print | grep -q .
}

# The faults and repairs `during` uses, on the third host (ognode3, 127.0.0.13).
# Kills ognode3's database like a crash (SIGKILL of the postmaster, by the PID in its postmaster.pid) as soon as it
# runs, polling inside the host; gives up after 5 minutes or when the run (PID $1) has ended.
kill_db3() {
  local run=$1
  # -tt: a pty, so that stopping this ssh hangs up the loop on the host too.
  ssh -F "$dir/ssh_config" -tt omm@ognode3 '
    f=/opt/ogscale/data/dn/postmaster.pid; end=$(($(date +%s) + 300))
    until [ -s "$f" ] && kill -0 "$(head -1 "$f")" 2>/dev/null; do
      [ "$(date +%s)" -lt "$end" ] || exit 1
      sleep 0.05
    done
    kill -KILL "$(head -1 "$f")"' </dev/null >/dev/null 2>&1 &
  local killer=$!
  poll "$run" bash -c "! kill -0 $killer 2>/dev/null" || { kill "$killer" 2>/dev/null; wait "$killer" 2>/dev/null; return 1; }
  wait "$killer" && printf 'its postmaster killed (SIGKILL); '
}
revive3() { "$playground" start 3 --dir "$dir" >/dev/null 2>&1; }
unmount3() { ssh -F "$dir/ssh_config" root@ognode3 'umount /opt/ogscale/data' </dev/null 2>/dev/null || true; }

failed=0
for engine in "${engines[@]}"; do
  dir=$(mktemp -d /tmp/ogscale-matrix-XXXXXX)
  "$playground" up --nodes 3 --engine "$engine" --dir "$dir" --force >&2
  xml="$dir/expand-all.xml"
  access=(--identity "$dir/id_ed25519" --known-hosts "$dir/known_hosts")
  package=()
  [ "$engine" = opengauss ] && package=(--package "$dir/package")
  sql 1 "create table matrix(note text)" >/dev/null
  # Inside ognode1 through its postmaster's mount namespace, not its sshd (some faults stop that sshd and its sessions).
  postmaster=$(ssh -F "$dir/ssh_config" omm@ognode1 'head -1 /opt/ogscale/data/dn/postmaster.pid' </dev/null)
  nsenter -t "$postmaster" -m -u -- runuser -u omm -- /usr/lib/postgresql/15/bin/pgbench -h /opt/ogscale/tmp -p 15400 -c 4 -j 2 -P 1 -T 36000 postgres \
    >"$dir/pgbench.log" 2>&1 </dev/null &
  bench_pid=$!

  expand=(expand -U omm -G dbgrp -X "$xml" -h 127.0.0.12 "${package[@]}" "${access[@]}")
  drop=(dropnode -U omm -G dbgrp -X "$xml" -h 127.0.0.12 --yes "${access[@]}")
  if wanted kill; then
    for step in $(steps "${expand[@]}"); do
      for mode in rollback resume; do
        scenario expand "$step" "$mode" "${expand[@]}" || failed=$((failed + 1))
        if [ "$mode" = resume ]; then dropped || true; else bare || true; fi
      done
    done
    expanded
    for step in $(steps "${drop[@]}"); do
      for mode in rollback resume; do
        scenario dropnode "$step" "$mode" "${drop[@]}" || failed=$((failed + 1))
        if [ "$mode" = resume ]; then bare || true; expanded || true; fi
      done
    done
    member_out
  fi

  if wanted boundary; then
    for verb in expand dropnode; do
      if [ "$verb" = expand ]; then args=("${expand[@]}"); reset=member_out; else args=("${drop[@]}"); reset=member_in; fi
      $reset
      for step in $(steps "${args[@]}" | boundary_steps); do
        for mode in rollback resume; do
          boundary "$verb" "$step" "the sshd of 127.0.0.12 stopped" stop_sshd2 start_sshd2 "$mode" "${args[@]}" || failed=$((failed + 1))
          $reset
        done
        boundary "$verb" "$step" "the sshd of the primary stopped for a few seconds" outage_primary nothing - "${args[@]}" || failed=$((failed + 1))
        $reset
        # The lock does not depend on the engine: the second run is tried on PostgreSQL only.
        if [ "$engine" = postgresql ]; then
          boundary "$verb" "$step" "the same command run again" second_run nothing - "${args[@]}" || failed=$((failed + 1))
          $reset
        fi
      done
    done
    member_out
  fi

  if wanted during; then
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
  fi

  kill "$bench_pid" 2>/dev/null || true; wait "$bench_pid" 2>/dev/null || true; bench_pid=""
  failures=$(grep -Eo '[0-9]+ failed' "$dir/pgbench.log" | awk '{ s += $1 } END { print s + 0 }')
  lines=$(grep -c '^progress:' "$dir/pgbench.log" || true)
  printf '| %s | pgbench through the whole matrix | - | %s progress lines, %s failed transactions | none |\n' "$engine" "$lines" "$failures" | tee -a "$table" >&2
  [ "$failures" = 0 ] || failed=$((failed + 1))
  "$playground" down --dir "$dir" >&2; rm -rf "$dir"; dir=""
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
