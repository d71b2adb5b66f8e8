-- The W3C trace context (traceparent, tracestate) of the span that wrote each outbox row, so the
-- relay can send the event as part of that trace and its consumers continue it (issue 18). Null
-- for rows written outside a trace (tracing off, or written before this migration).
alter table outbox_event
    add column trace_parent text,
    add column trace_state  text;
