-- Adverse-event follow-ups are signed with the platform's electronic signatures (21 CFR 11.50,
-- 11.200), stored as on dosing_hold (V5).

-- Each follow-up version carries its own signature; the adverse event repeats the one of its
-- current version. The first report (version 1) is not signed.
alter table adverse_event_version
    add column signer_id         text,
    add column signer_username   text,
    add column signer_name       text,
    add column signature_meaning text,
    add column signed_at         timestamptz,
    add column authenticated_at  timestamptz,
    add column content_hash      text,
    add constraint adverse_event_version_signature check (
        (signer_id is null) = (content_hash is null)
        and (content_hash is null or content_hash ~ '^[0-9a-f]{64}$'));

alter table adverse_event
    add column signer_id         text,
    add column signer_username   text,
    add column signer_name       text,
    add column signature_meaning text,
    add column signed_at         timestamptz,
    add column authenticated_at  timestamptz,
    add column content_hash      text;
