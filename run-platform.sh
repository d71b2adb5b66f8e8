#!/usr/bin/env bash
# Runs the whole platform locally: PostgreSQL, Kafka, Keycloak and the five services, on the
# embedded defaults. Needs only a JDK 17+. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${JAVA_HOME:-}" ] && ! command -v java >/dev/null; then
  echo "A JDK 17 or newer is needed (set JAVA_HOME or put java on the PATH)." >&2
  exit 1
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Build when a packaged application is missing or older than any source, pom or the realm file.
needs_build=0
for module in recruitment-service session-service safety-service outcomes-service gateway; do
  jar="$module/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ]; then needs_build=1; break; fi
done
if [ "$needs_build" = 0 ] && [ ! -f devstack/target/runtime.classpath ]; then needs_build=1; fi
if [ "$needs_build" = 0 ] && [ -n "$(find . -path ./.git -prune -o \( -path '*/src/*' -o -name pom.xml -o -path ./deploy/keycloak/realm.json \) -newer gateway/target/quarkus-app/quarkus-run.jar -print -quit)" ]; then
  needs_build=1
fi
if [ "$needs_build" = 1 ]; then
  echo "[devstack] building the platform (the first build downloads its dependencies from Maven Central)..."
  ./mvnw -B -q -ntp install -DskipTests
fi

classpath="$(ls devstack/target/devstack-*.jar | head -n 1):$(cat devstack/target/runtime.classpath)"
exec "$JAVA" -cp "$classpath" -Ddevstack.root="$PWD" -Ddevstack.dir="$PWD/.devstack" org.mdmaat.devstack.PlatformLauncher "$@"
