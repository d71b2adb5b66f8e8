#!/usr/bin/env bash
# Replays the records parked on <topic>.dlq back onto <topic>, key and value unchanged, after the
# cause was fixed (deploy/README.md, "Dead letters"). Each consumer applies an event once (its
# inbox), so a record replayed twice, or replayed to a consumer that had applied it, changes
# nothing. Runs as the cluster's Kafka administrator (admin.properties), the only principal that
# may write every topic; the redrive consumer group remembers what was replayed, so a second run
# replays only records parked since.
#
#   deploy/tools/redrive-dlq.sh BOOTSTRAP admin.properties safety.signals "reason, ticket"
#
# Every run appends one line (who, when, topic, count, reason) to $REDRIVE_LOG
# (default ./redrive.log); keep it with the change record of the fix.
set -euo pipefail
if [ $# -ne 4 ]; then
  echo "usage: $0 BOOTSTRAP ADMIN_PROPERTIES TOPIC REASON" >&2
  exit 2
fi
bootstrap=$1 admin=$2 topic=$3 reason=$4
case "$topic" in *.dlq) echo "name the topic, not its dead-letter topic" >&2; exit 2 ;; esac
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
echo "replayed $count record(s) from $topic.dlq onto $topic"
