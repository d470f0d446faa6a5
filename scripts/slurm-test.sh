#!/bin/bash
# scripts/slurm-test.sh - the Slurm recipe of doc/batch.md, for real:
# starts munge, slurmctld and slurmd on localhost (Debian packages,
# installed when missing), runs a 4-task array job whose tasks map
# SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT to --shard over a generated
# corpus, checks that the parts joined in order equal one unsharded run,
# and stops the daemons it started. Needs root. Prints PASS or FAIL.
#
#   scripts/slurm-test.sh [BUILD-DIR]   (default: the source tree)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top}" && pwd)
sluice=$build/sluice
verdict() { echo "slurm-test: $1${2:+: $2}"; }

if [ "$(id -u)" != 0 ]; then
    verdict SKIP "needs root to run the Slurm daemons"
    exit 77
fi
[ -x "$sluice" ] || { verdict FAIL "no $sluice: build first"; exit 1; }
# munged, running as its own user, opens /dev/null: a regular file left
# there by a broken step elsewhere makes it fail with a puzzling message
[ -c /dev/null ] || { verdict FAIL "/dev/null is not a device (restore it: mknod -m 666 /dev/null c 1 3)"; exit 1; }
make -C "$build" bench/gencorpus >/dev/null 2>&1
gen=$build/bench/gencorpus
[ -x "$gen" ] || { verdict FAIL "cannot build bench/gencorpus"; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null ||
    ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
        install -y --no-install-recommends slurmctld slurmd slurm-client \
        munge >/dev/null 2>&1 ||
        { apt-get -o DPkg::Lock::Timeout=600 update >/dev/null 2>&1 &&
          DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
              install -y --no-install-recommends slurmctld slurmd \
              slurm-client munge >/dev/null 2>&1; } ||
        { verdict FAIL "cannot install Slurm"; exit 1; }
fi

work=$(mktemp -d /tmp/sluice-slurm.XXXXXX)
chmod 755 "$work"
started_munge=no
# shellcheck disable=SC2317 # called by the EXIT trap
stop_all() {
    for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid"; do
        [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
    done
    sleep 1
    if [ "$started_munge" = yes ] && [ -s /run/munge/munged.pid ]; then
        kill "$(cat /run/munge/munged.pid)" 2>/dev/null
    fi
    rm -rf "$work"
}
trap stop_all EXIT

# munge: as the munge user, unless one is already running
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    install -d -o munge -g munge -m 0755 /run/munge
    [ -f /etc/munge/munge.key ] || { verdict FAIL "no /etc/munge/munge.key"; exit 1; }
    runuser -u munge -- /usr/sbin/munged || { verdict FAIL "munged did not start"; exit 1; }
    started_munge=yes
    for _ in $(seq 50); do munge -n | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
fi

cpus=$(nproc)
memory=$(slurmd -C 2>/dev/null | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p')
mkdir -p "$work/state" "$work/spool" "$work/out"
cat > "$work/slurm.conf" <<CONF
ClusterName=sluicetest
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MailProg=/bin/true
ReturnToService=2
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=${memory:-1000}
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
slurmctld -c -f "$SLURM_CONF" || { verdict FAIL "slurmctld did not start"; exit 1; }
slurmd -N localhost -f "$SLURM_CONF" || { verdict FAIL "slurmd did not start"; exit 1; }
for _ in $(seq 100); do
    sinfo -h -o %T 2>/dev/null | grep -q idle && break
    sleep 0.2
done
sinfo -h -o %T 2>/dev/null | grep -q idle ||
    { verdict FAIL "the node never became idle"; tail "$work"/*.log; exit 1; }

# the corpus: a folder of JSONL files, one compressed, and text pages
mkdir -p "$work/corpus/pages"
"$gen" jsonl 2M 41 > "$work/corpus/a.jsonl"
"$gen" jsonl 1M 42 | gzip -n > "$work/corpus/b.jsonl.gz"
"$gen" text 500K "$work/corpus/pages" 43

# the job script: the recipe of doc/batch.md
cat > "$work/job.sh" <<JOB
#!/bin/sh
#SBATCH --job-name=sluice
#SBATCH --output=$work/task-%a.log
exec "$sluice" run --no-progress -j 1 --resume \\
    --shard "\$SLURM_ARRAY_TASK_ID/\$SLURM_ARRAY_TASK_COUNT" \\
    --stats "$work/out/stats-\$SLURM_ARRAY_TASK_ID.json" \\
    --quarantine "$work/out/quarantine-\$SLURM_ARRAY_TASK_ID.jsonl" \\
    -o "$work/out/part-{shard}.jsonl" "$work/corpus"
JOB
chmod +x "$work/job.sh"

"$sluice" run --no-progress -o "$work/whole.jsonl" \
    --stats "$work/whole-stats.json" "$work/corpus" ||
    { verdict FAIL "the single run failed"; exit 1; }
if ! timeout 110 sbatch --wait --array=0-3 "$work/job.sh" >/dev/null; then
    verdict FAIL "the array job failed"
    tail -n 5 "$work"/task-*.log "$work/slurmctld.log"
    exit 1
fi
parts=$(find "$work/out" -name 'part-*.jsonl' | wc -l)
[ "$parts" -eq 4 ] || { verdict FAIL "expected 4 parts, found $parts"; exit 1; }
cat "$work"/out/part-0.jsonl "$work"/out/part-1.jsonl \
    "$work"/out/part-2.jsonl "$work"/out/part-3.jsonl > "$work/joined.jsonl"
if ! cmp -s "$work/joined.jsonl" "$work/whole.jsonl"; then
    verdict FAIL "joined output differs from one run"
    exit 1
fi
# the report merges the tasks' stats into what one run counted
if ! "$sluice" report --json "$work/merged.json" -o "$work/report.html" \
    "$work"/out/stats-*.json; then
    verdict FAIL "sluice report over the tasks' stats failed"
    exit 1
fi
docs() { sed -n '/"documents"/,/}/s/^ *"in": *\([0-9]*\).*/\1/p' "$1" | head -n 1; }
if [ "$(docs "$work/merged.json")" != "$(docs "$work/whole-stats.json")" ] ||
    ! grep -q '<svg class="chart' "$work/report.html"; then
    verdict FAIL "the merged report does not count what one run counted"
    exit 1
fi
# deduplication over the array: signatures, one join, apply (doc/dedup.md)
python3 "$top/tests/dedup/plant.py" "$top/tests/dedup/originals.jsonl.gz" \
    > "$work/dd.jsonl" || { verdict FAIL "plant.py"; exit 1; }
dedup_pipeline() { # FILE OPTIONS-JSON
    printf '{ "sluice": 1, "stages": [ { "use": "dedup", "with": %s },
      { "use": "export", "with": { "path": "-" } } ] }\n' "$2" > "$1"
}
dedup_pipeline "$work/dd-one.json" '{}'
dedup_pipeline "$work/dd-sig.json" \
    "{ \"mode\": \"signatures\", \"signatures\": \"$work/dd/sig-{shard}.bin\" }"
dedup_pipeline "$work/dd-apply.json" \
    "{ \"mode\": \"apply\", \"decisions\": \"$work/dd/decisions.jsonl\" }"
mkdir -p "$work/dd"
"$sluice" run --no-progress -q -p "$work/dd-one.json" -o "$work/dd-one.jsonl" \
    "$work/dd.jsonl" 2>/dev/null || { verdict FAIL "the one-run dedup failed"; exit 1; }
cat > "$work/dd-step.sh" <<JOB
#!/bin/sh
#SBATCH --output=$work/dd-task-%a.log
exec "$sluice" run --no-progress -q -j 1 -p "\$1" \\
    --shard "\$SLURM_ARRAY_TASK_ID/\$SLURM_ARRAY_TASK_COUNT" \\
    -o "$work/dd/\$2-{shard}.jsonl" "$work/dd.jsonl"
JOB
cat > "$work/dd-join.sh" <<JOB
#!/bin/sh
#SBATCH --output=$work/dd-join.log
exec "$build/sluice-dedup" join -o "$work/dd/decisions.jsonl" $work/dd/sig-*.bin
JOB
chmod +x "$work/dd-step.sh" "$work/dd-join.sh"
if ! timeout 110 sbatch --wait --array=0-3 "$work/dd-step.sh" "$work/dd-sig.json" skip >/dev/null ||
    ! timeout 110 sbatch --wait "$work/dd-join.sh" >/dev/null ||
    ! timeout 110 sbatch --wait --array=0-3 "$work/dd-step.sh" "$work/dd-apply.json" part >/dev/null; then
    verdict FAIL "a deduplication step failed"
    tail -n 5 "$work"/dd-*.log
    exit 1
fi
cat "$work"/dd/part-0.jsonl "$work"/dd/part-1.jsonl "$work"/dd/part-2.jsonl \
    "$work"/dd/part-3.jsonl > "$work/dd-joined.jsonl"
if ! cmp -s "$work/dd-joined.jsonl" "$work/dd-one.jsonl"; then
    verdict FAIL "deduplication in three array steps differs from one run"
    exit 1
fi
verdict PASS "4 array tasks, $(wc -l < "$work/whole.jsonl") documents, joined output identical to one run, merged report counts the same; deduplication in three array steps equals one run ($(wc -l < "$work/dd-one.jsonl") of $(wc -l < "$work/dd.jsonl") kept)"
exit 0
