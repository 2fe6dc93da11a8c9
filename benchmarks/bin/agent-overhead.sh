#!/usr/bin/env bash
# Agent overhead (issue 7, item 4): the Jetty sample under wrk on loopback, with and without the
# agent, in interleaved rounds in one session (A B, B A, A B, ...), so drift of a shared machine
# hits both sides alike. Prints one line per run and a summary of medians and paired ratios.
#
#   benchmarks/bin/agent-overhead.sh            (from the project root, after `mvn install`)
#
# Settings (environment): ROUNDS=6 DURATION=20 WARMUP=8 CONNECTIONS=32 WRK_THREADS=1
#   URL_PATH=/ PORT=18080 AGENT_PORT=13333 AGENT_ARGS=... PIN=1 (server on CPU 1, wrk on CPU 0)
#   OUT=DIR (raw wrk output; default a new directory under /tmp)
# Needs: wrk (Debian package wrk), curl, java 17.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ROUNDS=${ROUNDS:-6}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-8}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-1}
URL_PATH=${URL_PATH:-/}
PORT=${PORT:-18080}
AGENT_PORT=${AGENT_PORT:-13333}
AGENT_JAR=${AGENT_JAR:-$ROOT/agent/target/lvs-agent.jar}
SAMPLES=${SAMPLES:-$ROOT/samples/target}
# On loopback there is no VIP to set up: the agent measures and serves reports, nothing else.
AGENT_ARGS=${AGENT_ARGS:-network=off,port=$AGENT_PORT,bind=127.0.0.1,drain-timeout=1s}
PIN=${PIN:-1}
OUT=${OUT:-$(mktemp -d /tmp/agent-overhead.XXXXXX)}
mkdir -p "$OUT"
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseG1GC}

die() { echo "agent-overhead: $*" >&2; exit 2; }
command -v wrk >/dev/null || die "wrk not found (apt-get install wrk)"
[ -f "$AGENT_JAR" ] || die "agent jar $AGENT_JAR missing (mvn install -pl agent -am)"
[ -f "$SAMPLES/samples-0.1.0-SNAPSHOT.jar" ] && [ -d "$SAMPLES/lib" ] \
    || die "sample jar or samples/target/lib missing (mvn install -pl samples -am)"
CLASSPATH="$SAMPLES/samples-0.1.0-SNAPSHOT.jar:$SAMPLES/lib/*"

server_cpu=() client_cpu=()
if [ "$PIN" = 1 ] && [ "$(nproc)" -ge 2 ]; then
    server_cpu=(taskset -c 1) client_cpu=(taskset -c 0)
fi

app_pid=
stop_app() {
    [ -n "$app_pid" ] || return 0
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
}
trap stop_app EXIT

# start_app VARIANT: starts the sample (with the agent when VARIANT=agent) and waits until it answers.
start_app() {
    local variant=$1 agent=()
    [ "$variant" = agent ] && agent=("-javaagent:$AGENT_JAR=$AGENT_ARGS")
    SAMPLE_NAME=bench SAMPLE_HOST=127.0.0.1 SAMPLE_PORT=$PORT \
        "${server_cpu[@]}" java $JAVA_OPTS "${agent[@]}" -cp "$CLASSPATH" io.lvsfeedback.samples.app.Main \
        >"$OUT/app-$variant-$round.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 600); do
        curl -fs -o /dev/null "http://127.0.0.1:$PORT$URL_PATH" && return 0
        kill -0 "$app_pid" 2>/dev/null || die "sample app exited, see $OUT/app-$variant-$round.log"
        sleep 0.1
    done
    die "sample app did not answer within 60 s"
}

# agent_line: the agent's HAProxy agent-check line (proves the agent is live in the 'agent' runs).
agent_line() {
    timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$AGENT_PORT; printf 'bench\n' >&3; head -n1 <&3" 2>/dev/null \
        | tr -d '\r' || true
}

# agent_rps: the report counter, request rate and utilization the agent reports (its full LVSFB/1 report, unsigned on loopback):
# proof that the agent measured the load it is being charged for.
agent_rps() {
    local nonce
    nonce=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
    timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$AGENT_PORT; printf 'LVSFB/1 REPORT $nonce\n' >&3; head -n1 <&3" 2>/dev/null \
        | tr ' ' '\n' | grep -E '^(seq|rps|util|cpu_process)=' | tr '\n' ' ' || true
}

HZ=$(getconf CLK_TCK)
# cpu_ticks PID: utime + stime of the process (fields 14 and 15 of /proc/PID/stat), whole JVM.
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

# to_ms VALUE: wrk's latency ("850.00us", "1.20ms", "1.01s") in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
        printf "%.3f", n }'
}

run_one() {
    local variant=$1 file
    start_app "$variant"
    local check="-"
    if [ "$variant" = agent ]; then
        check=$(agent_line)
        [ -n "$check" ] || die "agent did not answer on port $AGENT_PORT, see $OUT/app-$variant-$round.log"
    elif [ -n "$(agent_line)" ]; then
        die "something answers on the agent port $AGENT_PORT in a run without the agent"
    fi
    "${client_cpu[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$PORT$URL_PATH" >/dev/null
    file="$OUT/wrk-$variant-$round.txt"
    local t0; t0=$(cpu_ticks "$app_pid")
    "${client_cpu[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
        "http://127.0.0.1:$PORT$URL_PATH" >"$file"
    local ticks=$(( $(cpu_ticks "$app_pid") - t0 ))
    [ "$variant" = agent ] && check="$check / after: $(agent_line) $(agent_rps)"
    stop_app
    local rps p99 errors requests cpu_us
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$file")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")
    errors=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { n += 1 } END { print n + 0 }' "$file")
    requests=$(awk '/ requests in / { print $1 }' "$file")
    # The server's CPU time per request: robust where throughput is not (a shared, busy machine
    # changes how much CPU the server gets, not how much each request costs).
    cpu_us=$(awk -v t="$ticks" -v hz="$HZ" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$variant" "$rps" "$p99" "$errors" "$cpu_us" "$check" | tee -a "$OUT/runs.tsv"
}

"$ROOT/benchmarks/bin/machine-info.sh"
echo "settings: rounds=$ROUNDS duration=${DURATION}s warmup=${WARMUP}s connections=$CONNECTIONS wrk_threads=$WRK_THREADS path=$URL_PATH pin=$PIN"
echo "agent:    $AGENT_ARGS"
echo "raw:      $OUT"
printf 'round\tvariant\trps\tp99_ms\terrors\tcpu_us_per_request\tagent_check\n' | tee "$OUT/runs.tsv"
for round in $(seq "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order="base agent"; else order="agent base"; fi
    for variant in $order; do run_one "$variant"; done
done

# Summary: medians of each side and of the per-round ratios agent/base.
awk -F'\t' '
    function median(a, n,   i, j, t) {
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    NR > 1 { rps[$1, $2] = $3; p99[$1, $2] = $4; err[$2] += $5; cpu[$1, $2] = $6; if ($1 > rounds) rounds = $1 }
    END {
        for (r = 1; r <= rounds; r++) {
            br[r] = rps[r, "base"]; ar[r] = rps[r, "agent"]; bp[r] = p99[r, "base"]; ap[r] = p99[r, "agent"]
            qr[r] = rps[r, "agent"] / rps[r, "base"]; qp[r] = p99[r, "agent"] / p99[r, "base"]
            bc[r] = cpu[r, "base"]; ac[r] = cpu[r, "agent"]; qc[r] = cpu[r, "agent"] / cpu[r, "base"]
        }
        printf "summary: median rps base %.0f, agent %.0f; median p99 base %.2f ms, agent %.2f ms; errors base %d, agent %d\n",
            median(br, rounds), median(ar, rounds), median(bp, rounds), median(ap, rounds), err["base"], err["agent"]
        m = median(qr, rounds)
        printf "summary: paired ratio agent/base: throughput %.4f (loss %.2f%%), p99 %.3f\n", m, (1 - m) * 100, median(qp, rounds)
        printf "summary: server CPU per request: base %.1f us, agent %.1f us (medians); paired ratio agent/base %.4f\n",
            median(bc, rounds), median(ac, rounds), median(qc, rounds)
    }' "$OUT/runs.tsv" | tee "$OUT/summary.txt"
