-- Participants as recruitment-service announced them (ParticipantRandomized): site for scoping,
-- subgroup facts for statistics. Never the arm: that is asked for, audited, only when allowed.
create table trial_participant (
    participant_code     text primary key,
    trial_id             text        not null,
    site_code            text        not null,
    stratum              text,
    kit_code             text,
    dissociative_subtype boolean     not null,
    veteran              boolean     not null,
    randomized_at        timestamptz not null,
    recorded_at          timestamptz not null
);
create index trial_participant_trial on trial_participant (trial_id, site_code);

-- Trials recruitment-service announced as unblinded (TrialUnblinded).
create table trial_unblinding (
    trial_id      text primary key,
    unblinded_by  text        not null,
    reason        text,
    unblinded_at  timestamptz not null,
    recorded_at   timestamptz not null
);

-- The current values of each assessment; every version, the first included, is kept in
-- assessment_revision, so a correction never loses what was there before.
create table assessment (
    id               uuid primary key,
    participant_code text        not null,
    trial_id         text        not null,
    site_code        text        not null,
    instrument       text        not null,
    timepoint        text        not null,
    revision         integer     not null,
    responses        text        not null,
    total            integer     not null,
    subscales        text        not null,
    band             text,
    flags            text        not null,
    administered_at  timestamptz not null,
    recorded_by      text        not null,
    recorded_at      timestamptz not null,
    reason           text,
    constraint assessment_once_per_timepoint unique (participant_code, instrument, timepoint)
);
create index assessment_trial on assessment (trial_id, instrument, timepoint);

create table assessment_revision (
    id               uuid primary key,
    assessment_id    uuid        not null references assessment (id),
    revision         integer     not null,
    responses        text        not null,
    total            integer     not null,
    subscales        text        not null,
    band             text,
    flags            text        not null,
    administered_at  timestamptz not null,
    recorded_by      text        not null,
    recorded_at      timestamptz not null,
    reason           text,
    constraint assessment_revision_once unique (assessment_id, revision)
);

-- Who thought the participant got which arm, for blinding indices.
create table allocation_guess (
    id               uuid primary key,
    participant_code text        not null,
    trial_id         text        not null,
    site_code        text        not null,
    guesser          text        not null,
    timepoint        text        not null,
    guess            text        not null,
    recorded_by      text        not null,
    recorded_at      timestamptz not null,
    constraint allocation_guess_once unique (participant_code, guesser, timepoint)
);
create index allocation_guess_trial on allocation_guess (trial_id, guesser, timepoint);
