# Waiting without a process per check, for the demo's scripts (sourced, bash 5). Under the lab's
# emulation a process start costs about 0.2 s of a CPU: waits that ran `ip netns exec NS curl`,
# `date` and `sleep` every second for four starting JVMs took CPU those JVMs needed. These use
# bash builtins only: EPOCHSECONDS for the clock, `read -t` as sleep, /dev/tcp as HTTP client.

# nap SECONDS: sleeps (fractions allowed) by reading with a timeout from a FIFO nobody writes to
# (made once per shell; a process substitution would need /dev/fd, which the lab guest lacks).
nap() {
    if [ -z "${NAP_FD:-}" ]; then
        local fifo
        fifo=$(mktemp -u "${TMPDIR:-/tmp}/nap.XXXXXX")
        mkfifo -m 600 "$fifo"
        exec {NAP_FD}<>"$fifo"
        rm -f "$fifo"
    fi
    read -r -t "$1" -u "$NAP_FD" _ || true
}

# wait_gone PID SECONDS: true once PID has exited, false if it still runs after SECONDS.
wait_gone() {
    local pid=$1 end=$((EPOCHSECONDS + $2))
    while kill -0 "$pid" 2>/dev/null; do
        ((EPOCHSECONDS < end)) || return 1
        nap 0.1
    done
}

# http_ok HOST PORT: true when `GET /` there answers 2xx or 3xx within 2 s (what `curl -f` accepts).
http_ok() {
    local status=
    { printf 'GET / HTTP/1.0\r\nHost: %s\r\n\r\n' "$1" >&3; read -r -t 2 status <&3; } 2>/dev/null 3<>"/dev/tcp/$1/$2" \
        || return 1
    [[ $status =~ ^HTTP/1\.[01]\ [23] ]]
}

# http_wait_loop HOST PORT PID SECONDS: probes once a second until http_ok; 0 when up, 3 when PID
# exited first, 4 when SECONDS passed.
http_wait_loop() {
    local host=$1 port=$2 pid=$3 end=$((EPOCHSECONDS + $4))
    while ((EPOCHSECONDS < end)); do
        http_ok "$host" "$port" && return 0
        kill -0 "$pid" 2>/dev/null || return 3
        nap 1
    done
    return 4
}

# wait_http NAMESPACE HOST PORT PID SECONDS: http_wait_loop inside the network namespace, in one
# process for the whole wait (the namespace is entered once, not per probe).
wait_http() {
    local ns=$1
    shift
    ip netns exec "$ns" bash -c "$(declare -f nap http_ok http_wait_loop); http_wait_loop \"\$@\"" wait_http "$@"
}
