-- Idempotent writes (platform idempotency.IdempotencyFilter): one row per (caller, Idempotency-Key)
-- of this service. Reserved IN_FLIGHT (committed) before the request runs, then DONE with the
-- answer to replay, or deleted when the request answered 5xx (a retry runs it again). A row left
-- IN_FLIGHT by a crash after the business commit is never run again under its key: retries answer
-- 409 until it expires. Expired rows are taken over by a new request with the key, or purged.
create table idempotency_key (
    subject         text        not null,
    idempotency_key text        not null,
    fingerprint     text        not null,
    method          text        not null,
    path            text        not null,
    state           text        not null,
    status          integer,
    content_type    text,
    location        text,
    body            text,
    created_at      timestamptz not null,
    completed_at    timestamptz,
    expires_at      timestamptz not null,
    primary key (subject, idempotency_key),
    constraint idempotency_key_state check (state in ('IN_FLIGHT', 'DONE')),
    constraint idempotency_key_done check (state = 'IN_FLIGHT' or status is not null),
    constraint idempotency_key_fingerprint_format check (fingerprint ~ '^[0-9a-f]{64}$')
);

create index idempotency_key_expires on idempotency_key (expires_at);
-- The runtime role's DML on this table comes from V1_0_2's default privileges: it reserves,
-- completes, releases and purges keys.
