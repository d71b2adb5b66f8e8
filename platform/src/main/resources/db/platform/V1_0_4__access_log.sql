-- The access log (platform audit.AccessLog): who read the audit trail, an export or a person's
-- identifying details, what, when and why. A hash chain of its own, apart from the change audit
-- (audit_entry), with the same protections: append-only for everyone by trigger, INSERT and SELECT
-- only for the runtime role, and signed by the same checkpoints (audit_checkpoint, chain 'access').
create table access_log_entry (
    seq            bigint generated always as identity primary key,
    id             uuid        not null unique,
    occurred_at    timestamptz not null,
    actor          text        not null,
    actor_id       text        not null,
    actor_roles    text        not null,
    resource_kind  text        not null,
    resource       text        not null,
    reason         text,
    correlation_id text,
    prev_hash      text        not null,
    hash           text        not null,
    constraint access_log_entry_hash_format check (hash ~ '^[0-9a-f]{64}$' and prev_hash ~ '^[0-9a-f]{64}$')
);

-- The shared trigger function names the table it guards (for audit_entry the message is unchanged).
create or replace function audit_entry_append_only() returns trigger
    language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create index access_log_entry_actor on access_log_entry (actor, seq);
create index access_log_entry_resource on access_log_entry (resource_kind, resource, seq);

create trigger access_log_entry_no_update_or_delete
    before update or delete on access_log_entry
    for each row execute function audit_entry_append_only();

create trigger access_log_entry_no_truncate
    before truncate on access_log_entry
    for each statement execute function audit_entry_append_only();

-- The default privileges of V1_0_2 granted the runtime role DML on this table: append and read only.
revoke update, delete, truncate on access_log_entry from "${runtime_role}";
