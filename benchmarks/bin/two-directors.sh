#!/usr/bin/env bash
# Disagreement between two bridges under churn (issue 14, item 3): the two-directors cluster of
# samples/demo/two-directors in the lab VM (two director namespaces, each with its own IPVS table
# and bridge, same configuration; three real servers with the agent), curl load through both
# directors (ECMP), one real server's cost changed every CHURN seconds, and both kernels' weight
# tables read together once a second at 30 % of the bridges' interval (just before their next
# cycle: after both wrote the previous one). Prints the fraction of samples with any difference
# and the largest difference, and writes samples.csv.
#
#   benchmarks/bin/two-directors.sh            (from the project root, after
#                                               mvn -B -q -pl agent,director-bridge,samples -am -DskipTests package)
#
# Settings (environment): DURATION=300 (s sampled) CHURN=10 (s between cost changes)
#   OUT=DIR (default a new directory under /tmp; the guest writes it through LAB_RESULTS)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DURATION=${DURATION:-300}
CHURN=${CHURN:-10}

if [ "${LVS_LAB:-}" != 1 ]; then
    OUT=${OUT:-$(mktemp -d /tmp/two-directors.XXXXXX)}
    mkdir -p "$OUT"
    echo "two-directors: results in $OUT"
    exec flock /tmp/lvs-lab.lock env LAB_RESULTS="$OUT" DURATION="$DURATION" CHURN="$CHURN" \
        "$ROOT/lab/run-in-kernel" --timeout $(( DURATION + 1200 )) --mem 3072 "$ROOT/benchmarks/bin/two-directors.sh"
fi

# In the guest from here.
OUT=${LAB_RESULTS:?}
FIXTURE=$ROOT/samples/demo/two-directors
cd "$ROOT/samples"
trap '"$FIXTURE" down > /dev/null 2>&1 || true; cp -r /tmp/lvs-two-directors/logs "$OUT/" 2>/dev/null || true' EXIT
"$FIXTURE" down > /dev/null 2>&1 || true
"$FIXTURE" up
A=/proc/$("$FIXTURE" anchor dirA)/net/ip_vs
B=/proc/$("$FIXTURE" anchor dirB)/net/ip_vs
for ip in 10.0.0.11 10.0.0.12 10.0.0.13; do curl -fs -m 5 -X POST "http://$ip:8080/admin/cost?latency-ms=20" > /dev/null; done

stop=$(( $(date +%s) + DURATION + 15 ))
for w in 1 2 3 4; do
    ( while [ "$(date +%s)" -lt "$stop" ]; do curl -s -m 5 -o /dev/null http://10.0.0.100:8080/work || true; done ) &
done
# Churn: every CHURN s one server (in turn) x5 slower or back, so weights keep moving.
(
    i=0
    while [ "$(date +%s)" -lt "$stop" ]; do
        sleep "$CHURN"
        ip=10.0.0.1$(( i % 3 + 1 ))
        if [ $(( i / 3 % 2 )) = 0 ]; then cost=latency-ms=100; else cost=latency-ms=20; fi
        curl -fs -m 5 -X POST "http://$ip:8080/admin/cost?$cost" > /dev/null || true
        echo "$(date +%s%3N) $ip $cost" >> "$OUT/churn.log"
        i=$(( i + 1 ))
    done
) &
sleep 15 # the agents' first samples and the bridges' first cycles under load

# One line per destination per sample: "RIP weight" (from /proc: hex address, Route, weight).
weights() { awk '$1 == "->" && $2 ~ /^[0-9A-F]+:1F90$/ { print $2, $4 }' "$1" | sort; }
echo "wall_ms,same,largest_difference,dirA,dirB" > "$OUT/samples.csv"
n=0 same=0 largest=0
end=$(( $(date +%s) + DURATION ))
while [ "$(date +%s)" -lt "$end" ]; do
    now=$(date +%s%3N)
    # Next wall-clock second + 150 ms (30 % of the 500 ms interval; cycles start at 40 %).
    wait_ms=$(( 1150 - now % 1000 )); [ $wait_ms -gt 1000 ] && wait_ms=$(( wait_ms - 1000 ))
    sleep "$(printf '0.%03d' "$wait_ms")"
    a=$(weights "$A"); b=$(weights "$B")
    d=$(join <(echo "$a") <(echo "$b") | awk '{ x = $2 - $3; if (x < 0) x = -x; if (x > m) m = x } END { print m + 0 }')
    s=0; [ "$a" = "$b" ] && s=1
    n=$(( n + 1 )); same=$(( same + s )); [ "$d" -gt "$largest" ] && largest=$d
    echo "$(date +%s%3N),$s,$d,$(echo $a | tr ' ' ':'),$(echo $b | tr ' ' ':')" >> "$OUT/samples.csv"
done
wait
echo "two-directors: $n samples, $(( n - same )) with any difference ($(awk -v n="$n" -v s="$same" 'BEGIN { printf "%.1f", 100 * (n - s) / n }') %), largest difference $largest" | tee "$OUT/summary.txt"
