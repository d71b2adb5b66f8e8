-- The platform's tables, the same in every service's database (quarkus.flyway.locations puts
-- db/platform before the service's own db/migration, which starts at V2).

-- The audit hash chain. Written once per state change, in the change's transaction; never updated.
-- before_state/after_state are TEXT, not jsonb: jsonb re-orders keys and drops whitespace, and the
-- hash must be recomputable from the stored text.
create table audit_entry (
    seq              bigint generated always as identity primary key,
    id               uuid        not null unique,
    occurred_at      timestamptz not null,
    actor            text        not null,
    actor_roles      text        not null,
    entity_type      text        not null,
    entity_id        text        not null,
    action           text        not null,
    before_state     text,
    after_state      text,
    reason           text,
    trial_id         text,
    participant_code text,
    correlation_id   text,
    prev_hash        text        not null,
    hash             text        not null,
    constraint audit_entry_hash_format check (hash ~ '^[0-9a-f]{64}$' and prev_hash ~ '^[0-9a-f]{64}$')
);

-- The regulator's filters, each paged by seq.
create index audit_entry_entity on audit_entry (entity_type, entity_id, seq);
create index audit_entry_participant on audit_entry (participant_code, seq) where participant_code is not null;
create index audit_entry_trial on audit_entry (trial_id, seq) where trial_id is not null;
create index audit_entry_actor on audit_entry (actor, seq);
create index audit_entry_occurred_at on audit_entry (occurred_at);

-- Append-only. A role that owns the table can still disable this trigger; the hash chain is what
-- shows such a change (GET .../audit/verify).
create function audit_entry_append_only() returns trigger
    language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each row execute function audit_entry_append_only();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_append_only();

-- Transactional outbox: events written with their change, sent to Kafka by the relay.
create table outbox_event (
    seq          bigint generated always as identity primary key,
    id           uuid        not null unique,
    topic        text        not null,
    message_key  text,
    type         text        not null,
    payload      text        not null,
    created_at   timestamptz not null,
    published_at timestamptz
);

-- The relay's query: pending rows in seq order.
create index outbox_event_pending on outbox_event (seq) where published_at is null;

-- Idempotent consumers: one row per consumer and event applied.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);
