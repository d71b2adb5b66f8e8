#!/usr/bin/env bash
# Measures the platform against a bare Quarkus app of the same version, in one run on this machine
# (issue 19): starts everything as ./run-platform.sh does, prints a table and writes
# benchmarks/target/benchmark-report.md and .json. Takes about 5 minutes. Nothing is left running.
#
#   ./benchmark.sh                                  # build what is needed, then measure
#   ./benchmark.sh -Dbenchmark.duration=5 -Dbenchmark.warmup=2          # a short smoke run
#   ./benchmark.sh -Ddevstack.service-jvm-options="-Xmx384m"            # other service JVM flags
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${JAVA_HOME:-}" ] && ! command -v java >/dev/null; then
  echo "A JDK 17 or newer is needed (set JAVA_HOME or put java on the PATH)." >&2
  exit 1
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ "${BENCHMARK_SKIP_BUILD:-0}" != 1 ]; then
  echo "[benchmark] building the services and the harness (BENCHMARK_SKIP_BUILD=1 skips this)..."
  ./mvnw -B -q -ntp ${MAVEN_OFFLINE:+-o} package -DskipTests \
    -pl recruitment-service,session-service,safety-service,outcomes-service,gateway,benchmarks -am
fi

# The gateway's per-user rate limit (600 a minute) would measure the limiter, not the platform;
# raised for the benchmark's services only (Quarkus reads it from the environment).
export GATEWAY_RATE_LIMIT_AUTHENTICATED_CAPACITY=1000000000

classpath="benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)"
exec "$JAVA" -cp "$classpath" -Ddevstack.root="$PWD" -Ddevstack.dir="$PWD/.devstack" "$@" \
  org.mdmaat.benchmarks.Benchmark
