-- The service runs as a role of its own (quarkus.datasource.username, the placeholder runtime_role)
-- while Flyway migrates as the schema's owner (quarkus.flyway.username). Only the owner (or a
-- superuser) may ALTER a table or disable its triggers, so the runtime role can append to the audit
-- trail but never rewrite it. devstack creates both roles; deploy/README.md documents them.
--
-- Default privileges: every table a later migration creates (the services' own, from V2) gets the
-- same DML grants, so no service migration has to name the role. Tables that must stay append-only
-- revoke UPDATE and DELETE after creating them, as audit_entry does here.
do $$
declare
    runtime text := '${runtime_role}';
begin
    if runtime = current_user
       or pg_has_role(runtime, current_user, 'MEMBER')
       or exists (select 1 from pg_roles where rolname = runtime and rolsuper) then
        -- Fails closed: a service that owns its tables could disable the audit triggers.
        raise exception 'the service must not run as the schema owner, a member of it or a superuser (%): set quarkus.flyway.username to the owner role and quarkus.datasource.username to the runtime role', runtime;
    end if;
    execute format('grant usage on schema public to %I', runtime);
    execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
    execute format('grant usage, select on all sequences in schema public to %I', runtime);
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', runtime);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', runtime);
    -- The audit chain: append and read only. TRUNCATE, REFERENCES and TRIGGER were never granted.
    execute format('revoke update, delete, truncate on audit_entry from %I', runtime);
    -- Flyway's own history is the owner's alone.
    execute format('revoke all on flyway_schema_history from %I', runtime);
end;
$$;
