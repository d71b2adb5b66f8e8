-- The W3C trace id of the span that wrote each audit entry (issue 18): the link from an entry to
-- its trace across gateway, service, Kafka and consumer. Not part of the hash chain (see
-- AuditEntry): entries written before this column verify as before, and an external verifier
-- recomputes the same hash format (mdmaat-audit-v1). Null for entries written without a span.
alter table audit_entry add column trace_id text;
