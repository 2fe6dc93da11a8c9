#!/usr/bin/env bash
# Agent start-up and steady-state cost (BENCHMARKS.md, "Agent start-up and overhead").
#
#   agent/bench/agent-cost.sh          (from the project root, after: mvn -B install -pl agent -am)
#
# Settings (environment): START_RUNS=10 ROUNDS=3 WINDOW=60 (seconds per steady-state window)
#   JAVA_HOME (default: the java on PATH)
#   AGENT_JAR (default: agent/target/lvs-agent.jar; e.g. a saved jar for a before/after pair)
#   AGENT_ARGS (default: network=off; e.g. vip=10.0.0.100,network=verify for the real-server path)
# Start-up: the agent's "premain -> ready" log line (feedback port answering) and "set up" line (network, JMX),
# and JVM start -> main() with/without the agent,
# interleaved. Steady state: an idle application with and without the agent, interleaved, with the
# feedback port polled once a second; CPU and allocation of the agent's own threads (lvs-agent-*).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR=${AGENT_JAR:-$ROOT/agent/target/lvs-agent.jar}
[ -f "$JAR" ] || { echo "agent-cost: $JAR missing (mvn -B install -pl agent -am)" >&2; exit 2; }
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac
WORK=$(mktemp -d /tmp/agent-cost.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# A private copy: a rebuild during the run must not change the jar under test.
cp "$JAR" "$WORK/lvs-agent.jar"
"$JAVAC" -d "$WORK" "$ROOT/agent/bench/AgentCost.java"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -srm), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $("$JAVA" -version 2>&1 | head -1)"
exec "$JAVA" -cp "$WORK" AgentCost "$WORK/lvs-agent.jar" "${START_RUNS:-10}" "${ROUNDS:-3}" "${WINDOW:-60}" "${AGENT_ARGS:-network=off}"
