-- Electronic signatures from the platform (21 CFR 11.50, 11.200): the signer is who the verified
-- token says (sub and username), named as the identity provider names them, freshly logged in
-- (auth_time), and the signature carries the SHA-256 of the record it signs (11.70). Nobody types
-- a printed name any more.
--
-- Signatures made before this migration keep what was recorded: their printed name (and, for
-- destruction witnesses, the old digest and the meaning WITNESSED_DESTRUCTION). They have no signer
-- id, IdP name, login time or content hash (NULL): nothing here can ask Keycloak or re-hash what
-- they signed. The checks below are NOT VALID: not checked against those rows, enforced for every
-- row written from now on. (A CHECK passes on NULL: hence the explicit "is not null".)

-- Witnesses of drug destructions.
alter table destruction_signature
    add column signer_id        text,
    add column signer_name      text,
    add column authenticated_at timestamptz,
    add column content_hash     text,
    alter column printed_name  drop not null,
    alter column record_digest drop not null,
    add constraint destruction_signature_electronic
        check (signer_id is not null and signer_name is not null and authenticated_at is not null
               and content_hash is not null and content_hash ~ '^[0-9a-f]{64}$'
               and printed_name is null and record_digest is null) not valid;
-- One person once per destruction, also by their stable id (a username could change).
create unique index destruction_signature_signer
    on destruction_signature (destruction_id, signer_id) where signer_id is not null;

comment on column destruction_signature.signer_id is
    'Keycloak subject (sub) of the witness; NULL only on signatures older than V7';
comment on column destruction_signature.signer_name is
    'The witness''s name from Keycloak (name claim) when signing; NULL only before V7';
comment on column destruction_signature.authenticated_at is
    'When the witness last entered their credentials (auth_time); NULL only before V7';
comment on column destruction_signature.content_hash is
    'SHA-256 (hex) of the canonical JSON of the signed record (KitDestruction); NULL before V7';
comment on column destruction_signature.printed_name is
    'Typed printed name of signatures older than V7; NULL from V7 on';
comment on column destruction_signature.record_digest is
    'Digest of signatures older than V7; NULL from V7 on (see content_hash)';

-- Investigators' signatures on dose deviations (signed_by: username; unsigned deviations, e.g. a
-- booking outside its window, have none of these).
alter table protocol_deviation
    add column signer_id        text,
    add column signer_name      text,
    add column authenticated_at timestamptz,
    add column content_hash     text,
    add constraint protocol_deviation_electronic_signature
        check (signed_by is null
               or (signer_id is not null and signer_name is not null
                   and authenticated_at is not null and signature_meaning is not null
                   and signed_at is not null and content_hash is not null
                   and content_hash ~ '^[0-9a-f]{64}$'
                   and printed_name is null)) not valid;

comment on column protocol_deviation.signer_id is
    'Keycloak subject (sub) of the signer; NULL when unsigned or signed before V7';
comment on column protocol_deviation.signer_name is
    'The signer''s name from Keycloak (name claim) when signing; NULL when unsigned or before V7';
comment on column protocol_deviation.content_hash is
    'SHA-256 (hex) of the canonical JSON of the signed record (ProtocolDeviation)';
comment on column protocol_deviation.printed_name is
    'Typed printed name of signatures older than V7; NULL from V7 on';
