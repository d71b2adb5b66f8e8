-- Signed checkpoints of the audit chain (platform audit.AuditCheckpoints): which entry was the head,
-- with which hash, signed by a key the database never holds. Also appended outside the database
-- (platform.audit.checkpoint.sink-dir): verification trusts the signature, never the row.
create table audit_checkpoint (
    id         uuid        primary key,
    service    text        not null,
    chain      text        not null,
    head_seq   bigint      not null,
    head_hash  text        not null,
    signed_at  timestamptz not null,
    key_id     text        not null,
    signature  text        not null
);

create index audit_checkpoint_head on audit_checkpoint (chain, head_seq);

-- Append-only, like audit_entry: the trigger for everyone, and no privilege for the runtime role.
create trigger audit_checkpoint_no_update_or_delete
    before update or delete on audit_checkpoint
    for each row execute function audit_entry_append_only();

create trigger audit_checkpoint_no_truncate
    before truncate on audit_checkpoint
    for each statement execute function audit_entry_append_only();

revoke update, delete, truncate on audit_checkpoint from "${runtime_role}";
