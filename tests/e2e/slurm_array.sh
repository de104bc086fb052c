#!/usr/bin/env bash
# slurm_array.sh - README's Slurm recipe run for real: a single-node Slurm
# (munged, slurmctld and slurmd on localhost, from Debian's slurm-wlm and
# munge, started here on their own ports and stopped at the end) runs
# README's array script over a folder of pages as 4 shards
# (`sbatch --wait`).  One task is killed in the middle of a page and
# requeued (`scontrol requeue`): its rerun skips what it finished and redoes
# the page it was on.  Every page must be done exactly once across the
# shards' manifests, with no failure, and `broadsheet status` must agree.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
for c in munged slurmctld slurmd sbatch scontrol squeue sinfo; do
    command -v $c >/dev/null || skip "Slurm not installed (Debian: slurm-wlm munge): no $c"
done
[ "$(id -u)" = 0 ] || skip "the Slurm daemons need root"
tmpdir D
chmod 755 "$D"
S=$D/slurm
mkdir -p "$S/munge" "$S/state" "$S/spool" "$D/pages"
chmod 700 "$S/munge"

# ---- the cluster ----------------------------------------------------------
started=()
stop_slurm() {
    [ -f "$S/conf" ] && SLURM_CONF=$S/conf scancel --quiet --user=root 2>/dev/null
    for pidf in "$S/slurmd.pid" "$S/ctld.pid"; do
        [ -f "$pidf" ] && kill "$(cat "$pidf")" 2>/dev/null
    done
    [ -S "$S/munge/sock" ] && munged --stop --socket="$S/munge/sock" >/dev/null 2>&1
    sleep 0.5
    bs_e2e_cleanup
}
trap stop_slurm EXIT
head -c 1024 /dev/urandom > "$S/munge/key" && chmod 400 "$S/munge/key"
munged --force --key-file="$S/munge/key" --socket="$S/munge/sock" \
    --log-file="$S/munge/log" --pid-file="$S/munge/pid" \
    --seed-file="$S/munge/seed" || fail "munged did not start"
host=$(hostname -s)
port=$((20000 + ($$ % 20000) * 2))
cat > "$S/conf" <<EOF
ClusterName=bstest$$
SlurmctldHost=$host
SlurmUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$S/munge/sock
CredType=cred/munge
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/ctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/ctld.log
SlurmdLogFile=$S/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=bs Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$S/conf
slurmctld -f "$S/conf" || fail "slurmctld did not start: $(tail -5 "$S/ctld.log")"
slurmd -f "$S/conf" || fail "slurmd did not start: $(tail -5 "$S/slurmd.log")"
for _ in $(seq 150); do
    sinfo -h -o %t 2>/dev/null | grep -qx idle && break
    sleep 0.2
done
sinfo -h -o %t | grep -qx idle || fail "the node is not idle: $(sinfo; tail -5 "$S/ctld.log")"

# ---- the pages and README's script ---------------------------------------
for i in 01 02 03 04 05 06 07 08; do
    cp "$ROOT/fixtures/pages/en-2col.png" "$D/pages/p$i.png"
done
# The shards' pages (FNV-1a of the id, as --shard has it), and the page the
# task of the fullest shard will be killed on: its second.
read -r victim_shard victim < <(python3 - "$D/pages" <<'PY'
import os, sys
def shard(s, n=4):
    h = 14695981039346656037
    for b in s.encode():
        h = ((h ^ b) * 1099511628211) & (2**64 - 1)
    return h % n + 1
ids = sorted(f[:-4] for f in os.listdir(sys.argv[1]))
by = {}
for i in ids:
    by.setdefault(shard(i), []).append(i)
k = max(by, key=lambda k: (len(by[k]), -k))
print(k, by[k][1])
PY
)
[ -n "$victim" ] || fail "no shard with two pages"
recipe=$(sed -n '/^ *#SBATCH --array=1-16/,/--shard/p' "$ROOT/README.md" | sed 's/^ *//')
[ "$(echo "$recipe" | wc -l)" = 2 ] || fail "README's Slurm recipe not found"
{
    echo '#!/bin/bash'
    echo "$recipe" | sed -e 's/--array=1-16/--array=1-4/' -e "s|/16 |/4 |" \
        -e "s|^broadsheet |\"$BROADSHEET\" |" -e "s| /scans | \"$D/pages\" |" \
        -e "s| /archive/out$| \"$D/out\"|"
} > "$D/shards.sh"
grep -q -- "--shard \$SLURM_ARRAY_TASK_ID/4 \"$D/pages\" -o \"$D/out\"$" "$D/shards.sh" ||
    fail "README's recipe did not adapt: $(cat "$D/shards.sh")"
# The first run of the victim's task hangs on its second page, so that it
# is killed there (a fault hook of the worker, tests only); its rerun does not.
sed -i "2a [ -e \"$D/requeued\" ] || export BS_TEST_FAULT=hang:$victim" "$D/shards.sh"
cat "$D/shards.sh"

# ---- run, kill one task mid-page, requeue it -------------------------------
( cd "$D" && timeout 600 sbatch --wait -o "$D/task-%a.log" --open-mode=append \
    "$D/shards.sh" > "$D/sbatch.out" 2>&1; echo $? > "$D/sbatch.rc" ) &
waiter=$!
m=$D/out/manifest-$victim_shard-of-4.tsv
for _ in $(seq 600); do
    [ "$(cat "$m" 2>/dev/null | grep -c $'\tdone\t')" -ge 1 ] && break
    sleep 0.2
done
[ "$(cat "$m" 2>/dev/null | grep -c $'\tdone\t')" -ge 1 ] || fail "task $victim_shard did no page"
sleep 1
[ ! -e "$D/out/$victim/done.json" ] || fail "the task was not held on $victim"
job=$(squeue -h -o %F | head -1)
[ -n "$job" ] || fail "no job in the queue: $(cat "$D/sbatch.out")"
touch "$D/requeued"
scontrol requeue "${job}_$victim_shard" || fail "scontrol requeue failed"
for _ in $(seq 100); do
    [ "$(squeue -h -j "${job}_$victim_shard" -o %T 2>/dev/null)" = PENDING ] && break
    sleep 0.2
done
# A requeued job waits two minutes before it may start again; now.
scontrol update JobId="${job}_$victim_shard" StartTime=now ||
    fail "could not release the requeued task"
wait $waiter
cat "$D"/task-*.log
[ "$(cat "$D/sbatch.rc")" = 0 ] || fail "sbatch --wait: exit $(cat "$D/sbatch.rc"): $(cat "$D/sbatch.out")"
grep -q "stopped by signal" "$D/task-$victim_shard.log" ||
    fail "task $victim_shard was not stopped mid-page"

# ---- every page exactly once -----------------------------------------------
for i in 01 02 03 04 05 06 07 08; do
    n=$(cat "$D"/out/manifest-*-of-4.tsv | grep -c "^p$i"$'\tdone\t')
    [ "$n" = 1 ] || fail "p$i done $n times: $(cat "$D"/out/manifest-*-of-4.tsv)"
done
! cat "$D"/out/manifest-*-of-4.tsv | grep -q $'\tfailed\t' || fail "a failed page"
grep -q "^$victim"$'\tdone\t' "$m" || fail "$victim not redone by the requeued task"
"$BROADSHEET" status "$D/out" "$D/pages" > "$D/status" || fail "status: $(cat "$D/status")"
grep -q "8 pages: 8 done, 0 failed, 0 pending" "$D/status" || fail "status: $(cat "$D/status")"
[ -z "$(find "$D/out" -name '*.tmp.*')" ] || fail "temp files left"
echo "slurm array: 8 pages in 4 shards, task $victim_shard requeued mid-page ($victim), each page done once"
