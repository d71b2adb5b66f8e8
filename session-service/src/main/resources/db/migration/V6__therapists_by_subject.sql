-- Booked therapists are Keycloak accounts, identified by their subject (user id). The username is
-- kept beside it, as Keycloak had it at booking (lower case), for people and for the treatment team.
--
-- Rows written before this migration named therapists by free text only: they keep their text and
-- have no subject (NULL). Nothing here can ask Keycloak, so they are not backfilled. The overlap
-- check matches such a row by its name, case-insensitively, and the treatment team lower-cases every
-- name, so a legacy "Alice" still counts as the account "alice".
alter table session_therapist add column therapist_sub text;

comment on column session_therapist.therapist is
    'Keycloak username (lower case) as resolved at booking; free text on rows older than V6';
comment on column session_therapist.therapist_sub is
    'Keycloak subject (user id) of the booked therapist; NULL only on rows older than V6';

-- One person once per session, whatever their name looked like.
create unique index session_therapist_session_sub
    on session_therapist (session_id, therapist_sub) where therapist_sub is not null;
-- Overlap checks: by subject, and by name for the legacy rows without one.
create index session_therapist_sub on session_therapist (therapist_sub) where therapist_sub is not null;
create index session_therapist_legacy_name
    on session_therapist (lower(therapist)) where therapist_sub is null;
