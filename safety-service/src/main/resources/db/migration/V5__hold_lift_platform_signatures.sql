-- Lifts of dosing holds are signed with the platform's electronic signatures (21 CFR 11.50,
-- 11.200): the signer as the identity provider knows them (id, username, name), the meaning, the
-- server's time of signing, when the signer last logged in, and the SHA-256 of the signed record's
-- canonical JSON. No typed name any more.

-- Lifts signed before this migration keep their typed printed name in signer_name, with the
-- lifting username as signer_username; they have no signer_id, authenticated_at or content_hash.
alter table dosing_hold rename column signature_name to signer_name;
alter table dosing_hold
    add column signer_id        text,
    add column signer_username  text,
    add column authenticated_at timestamptz,
    add column content_hash     text;
update dosing_hold set signer_username = lifted_by where signed_at is not null;
alter table dosing_hold
    add constraint dosing_hold_signature check (
        (signer_id is null) = (content_hash is null)
        and (signer_id is null) = (authenticated_at is null)
        and (content_hash is null or content_hash ~ '^[0-9a-f]{64}$'));
