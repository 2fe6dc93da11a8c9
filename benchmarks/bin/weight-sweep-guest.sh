#!/usr/bin/env bash
# Runs INSIDE the lab guest (see weight-sweep.sh): builds 100 services x 100 destinations in a
# throwaway namespace and times full weight sweeps three ways, checking the kernel after each.
# Writes everything to $LAB_RESULTS (or $OUT) and prints a summary.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${OUT:-${LAB_RESULTS:?set LAB_RESULTS or OUT}}
SERVICES=${SERVICES:-100}
DESTS=${DESTS:-100}
REPEATS=${REPEATS:-3}
PER_EDIT_SAMPLE=${PER_EDIT_SAMPLE:-300}
NS=${NS:-sweep$$}
VIP=10.100.0.1
BENCH_JAR=${BENCH_JAR:-$ROOT/benchmarks/target/lvs-benchmarks.jar}
mkdir -p "$OUT"


# The outer call makes the namespace and runs the rest of this script inside it, so that every
# timed ipvsadm is a plain process start (an `ip netns exec` per edit would double its cost).
if [ "${1:-}" != --inside ]; then
    ip netns add "$NS"
    trap 'ip netns del "$NS" 2>/dev/null || true' EXIT
    # A dummy interface with a /16 route, so every destination is unicast-routable.
    ip netns exec "$NS" sh -c 'ip link set lo up && ip link add d0 type dummy && ip link set d0 up \
        && ip addr add 10.200.0.1/16 dev d0'
    ip netns exec "$NS" "$0" --inside
    exit $?
fi
now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }
log() { echo "$*" | tee -a "$OUT/sweep.log"; }

# plan_file WEIGHT_BASE: every destination (DR: its port is the service port) with weight BASE + (i + j) % 50, in a neutral form
# "service destination weight" that both ipvsadm (as -e lines) and the Java driver read.
plan_file() {
    local base=$1 file="$OUT/plan-$1.txt"
    awk -v s="$SERVICES" -v d="$DESTS" -v vip="$VIP" -v base="$base" 'BEGIN {
        for (i = 1; i <= s; i++) for (j = 1; j <= d; j++)
            printf "%s:%d 10.200.%d.%d:%d %d\n", vip, 10000 + i, i, j, 10000 + i, base + (i + j) % 50 }' >"$file"
    echo "$file"
}
# restore_edits PLAN: the plan as an ipvsadm -R script of -e edits.
restore_edits() { awk '{ printf "-e -t %s -r %s -g -w %d\n", $1, $2, $3 }' "$1"; }
# kernel_weights: "service destination weight" for every destination, from ipvsadm -Ln, sorted.
kernel_weights() {
    ipvsadm -Ln | awk '$1 == "TCP" { svc = $2 } $1 == "->" && $2 != "RemoteAddress:Port" { print svc, $2, $4 }' | sort
}
# check PLAN [SAMPLE_FILE]: "ok" when the kernel holds every weight of the plan (or of the sample).
# (Temporary files, not <(...): the lab's chroot has no /dev/fd.)
check() {
    local want=${2:-$1} missing
    sort "$want" >"$OUT/want.sorted"
    kernel_weights >"$OUT/kernel.sorted"
    if ! comm -23 "$OUT/want.sorted" "$OUT/kernel.sorted" >"$OUT/missing.txt"; then
        echo "CHECK FAILED (comm)"; return
    fi
    missing=$(wc -l <"$OUT/missing.txt")
    if [ "$missing" = 0 ]; then echo ok; else echo "MISMATCH: $missing of $(wc -l <"$want") weights not in the kernel"; fi
}

"$ROOT/benchmarks/bin/machine-info.sh" | tee "$OUT/machine.txt"
log "table: $SERVICES services x $DESTS destinations, repeats=$REPEATS, per-edit sample=$PER_EDIT_SAMPLE"

# Build the table in one ipvsadm -R (not timed).
awk -v s="$SERVICES" -v d="$DESTS" -v vip="$VIP" 'BEGIN {
    for (i = 1; i <= s; i++) {
        printf "-A -t %s:%d -s wrr\n", vip, 10000 + i
        for (j = 1; j <= d; j++) printf "-a -t %s:%d -r 10.200.%d.%d -g -w 100\n", vip, 10000 + i, i, j
    } }' | ipvsadm -R
log "built: $(kernel_weights | wc -l) destinations in the kernel"

# (a) + (b), paired: round r runs the netlink client's batched applyWeights (one JVM: a warm-up
# sweep, then the timed sweep, as the long-running bridge would be warm), then `ipvsadm -R` with
# the same number of edits (one process, timed whole). Pairing keeps the ratio meaningful when the
# emulator's share of the host changes during the boot (a busy host shifts sequential phases).
# NETLINK_JARS="label=jar ..." compares builds of the client in the same rounds.
next_base=200   # every plan gets fresh weights, so every sweep changes every destination
for r in $(seq 1 "$REPEATS"); do
    for entry in ${NETLINK_JARS:-netlink=$BENCH_JAR}; do
        label=${entry%%=*} jar=${entry#*=}
        warm=$(plan_file $next_base) timed=$(plan_file $((next_base + 100)))
        next_base=$((next_base + 200))
        if [ -f "$jar" ] && java -cp "$jar" io.lvsfeedback.bench.sweep.NetlinkSweep --help >/dev/null 2>&1; then
            java -cp "$jar" io.lvsfeedback.bench.sweep.NetlinkSweep "$warm" "$timed" >"$OUT/netlink-$label-$r.txt" || true
            sed -e "s/^netlink: cold:/$label: round $r warm-up:/" -e "s/^netlink: sweep 1:/$label: round $r:/" \
                -e "/^$label: round/!s/^netlink:/$label: round $r/" "$OUT/netlink-$label-$r.txt" | tee -a "$OUT/sweep.log"
            log "$label: round $r: kernel after the sweep: $(check "$timed")"
        else
            log "$label: SKIPPED (NetlinkSweep not in $jar)"
        fi
    done
    plan=$(plan_file $next_base)
    next_base=$((next_base + 100))
    restore_edits "$plan" >"$OUT/restore-$r.txt"
    t0=$(now_ns)
    ipvsadm -R <"$OUT/restore-$r.txt"
    ms=$(ms_since "$t0")
    log "ipvsadm-R: round $r: $(wc -l <"$plan") edits in $ms ms; kernel: $(check "$plan")"
done

# (c) one ipvsadm -e process per edit: a sample spread over the table, extrapolated to all edits.
plan=$(plan_file 50000)
# Control: the checker must see that this plan is not in the kernel yet.
log "control: check of a plan not yet applied (must be MISMATCH): $(check "$plan")"
# (One awk, no `| head`: head closing the pipe early would kill awk with SIGPIPE under pipefail.)
awk -v n="$PER_EDIT_SAMPLE" -v total="$((SERVICES * DESTS))" \
    'BEGIN { step = int(total / n); if (step < 1) step = 1 } (NR - 1) % step == 0 && taken < n { print; taken++ }' \
    "$plan" >"$OUT/per-edit-sample.txt"
t0=$(now_ns)
while read -r svc rip w; do ipvsadm -e -t "$svc" -r "$rip" -g -w "$w"; done <"$OUT/per-edit-sample.txt"
ms=$(ms_since "$t0")
n=$(wc -l <"$OUT/per-edit-sample.txt")
log "ipvsadm-e: $n edits in $ms ms ($(( ms * 1000 / n )) us each); extrapolated to $((SERVICES * DESTS)): $(( ms * SERVICES * DESTS / n )) ms; kernel: $(check "$plan" "$OUT/per-edit-sample.txt")"

# (d) the bridge's own engine and writer with nothing changed: must write nothing.
before=$(kernel_weights | md5sum)
if java -cp "$BENCH_JAR" io.lvsfeedback.bench.sweep.UnchangedPass | tee -a "$OUT/sweep.log"; then
    [ "$before" = "$(kernel_weights | md5sum)" ] && log "unchanged: kernel unchanged: ok" || log "unchanged: kernel CHANGED"
else
    log "unchanged: FAILED (UnchangedPass exit status ${PIPESTATUS[0]}; see above)"
fi
