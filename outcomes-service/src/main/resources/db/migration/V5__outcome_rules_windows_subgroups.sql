-- Response and remission thresholds are per-trial settings set by the trial's sponsor (issue 16),
-- not deployment config. One row per setting, never changed: the highest revision of a trial and
-- instrument is the current one, the others are its history. A NULL threshold is not set (0 is a
-- value).
create table trial_outcome_rule (
    id                  uuid primary key,
    trial_id            text        not null,
    instrument          text        not null,
    revision            integer     not null,
    response_min_drop   integer check (response_min_drop >= 0),
    remission_max_total integer check (remission_max_total >= 0),
    reason              text        not null,
    set_by              text        not null,
    set_at              timestamptz not null,
    constraint trial_outcome_rule_revision unique (trial_id, instrument, revision)
);

-- Doses announced by session-service (DoseAdministered): the dosing dates the timepoint windows
-- are anchored to. Never the arm (the kit code stands in for it and is not kept).
create table participant_dose (
    dose_id          text primary key,
    session_id       text        not null,
    participant_code text        not null,
    trial_id         text        not null,
    site_code        text        not null,
    supplemental     boolean     not null,
    administered_at  timestamptz not null,
    recorded_at      timestamptz not null
);
create index participant_dose_participant on participant_dose (participant_code, administered_at);

-- All four subgroup facts, as recruitment-service last announced them (ParticipantSubgroupsRecorded,
-- at enrollment and after each correction). NULL: not announced yet (unknown, never assumed false).
-- subgroups_revision orders the announcements: an older one arriving late is not applied.
alter table trial_participant alter column dissociative_subtype drop not null;
alter table trial_participant alter column veteran drop not null;
alter table trial_participant add column combat_exposure boolean;
alter table trial_participant add column traumatic_brain_injury boolean;
alter table trial_participant add column subgroups_revision bigint;
