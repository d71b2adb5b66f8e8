#!/usr/bin/env bash
# Replays the records parked on <topic>.dlq back onto <topic> after the cause was fixed
# (deploy/README.md, "Dead letters").
#
#   TOKEN=<access token of a platform-operator> \
#     deploy/tools/redrive-dlq.sh https://trials.example.org safety.signals "INC-123: schema fixed"
#
# Calls the owning service's audited endpoint through the gateway
# (POST /api/<service>/admin/dead-letters/<topic>/redrive): the service replays with its own Kafka
# identity, remembers what it replayed, and writes who, topic, how many, the event ids and the
# reason to its audit trail. Each consumer applies an event once (its inbox), so a record replayed
# twice, or replayed to a consumer that had applied it, changes nothing.
#
#   deploy/tools/redrive-dlq.sh --kafka BOOTSTRAP admin.properties safety.signals "reason"
#
# Only when the owning service is down: the Kafka CLI as the cluster's administrator. Not in any
# service's audit trail; appends one line (who, when, topic, count, reason) to $REDRIVE_LOG
# (default ./redrive.log): keep it with the change record of the fix.
set -euo pipefail

usage() {
  echo "usage: TOKEN=... $0 GATEWAY_URL TOPIC REASON" >&2
  echo "       $0 --kafka BOOTSTRAP ADMIN_PROPERTIES TOPIC REASON" >&2
  exit 2
}

not_dlq() {
  case "$1" in *.dlq) echo "name the topic, not its dead-letter topic" >&2; exit 2 ;; esac
}

if [ "${1:-}" != "--kafka" ]; then
  [ $# -eq 3 ] || usage
  gateway=${1%/} topic=$2 reason=$3
  not_dlq "$topic"
  : "${TOKEN:?set TOKEN to an access token of a platform-operator}"
  # The topic's first segment names its owner: safety.signals is safety-service's, at /api/safety.
  case "${topic%%.*}" in
    recruitment) api=recruitment ;;
    session) api=sessions ;;
    safety) api=safety ;;
    outcomes) api=outcomes ;;
    *) echo "no service owns $topic" >&2; exit 2 ;;
  esac
  body=$(REASON="$reason" python3 -c 'import json, os; print(json.dumps({"reason": os.environ["REASON"]}))')
  curl -fsS -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data "$body" "$gateway/api/$api/admin/dead-letters/$topic/redrive"
  echo
  exit 0
fi

shift
[ $# -eq 4 ] || usage
bootstrap=$1 admin=$2 topic=$3 reason=$4
not_dlq "$topic"
records=$(mktemp)
trap 'rm -f "$records"' EXIT

# Tab between key and value: keys are participant codes, values one-line JSON envelopes.
kafka-console-consumer.sh --bootstrap-server "$bootstrap" --consumer.config "$admin" \
  --topic "$topic.dlq" --group "redrive.$topic" --from-beginning --timeout-ms 10000 \
  --property print.key=true --property key.separator=$'\t' >"$records" || true

count=$(grep -c . "$records" || true)
if [ "$count" -gt 0 ]; then
  kafka-console-producer.sh --bootstrap-server "$bootstrap" --producer.config "$admin" \
    --topic "$topic" --property parse.key=true --property key.separator=$'\t' \
    --producer-property acks=all <"$records"
fi
printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${USER:-unknown}" "$topic" \
  "$count" "$reason" >>"${REDRIVE_LOG:-redrive.log}"
echo "replayed $count record(s) from $topic.dlq onto $topic (not audited by a service)"
