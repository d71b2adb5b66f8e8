-- Database lock of a trial's outcome data. One row per lock or unlock, never changed: the latest
-- row (highest sequence) is the trial's state. Each row carries the electronic signature of the
-- person who locked or unlocked (21 CFR 11.50/11.70: the signature lives with its record).
create table trial_data_lock (
    id                         uuid primary key,
    trial_id                   text        not null,
    sequence                   integer     not null,
    action                     text        not null check (action in ('LOCK', 'UNLOCK')),
    reason                     text        not null,
    assessments                integer     not null,
    acted_by                   text        not null,
    acted_at                   timestamptz not null,
    signer_id                  text        not null,
    signer_username            text        not null,
    signer_name                text        not null,
    signature_meaning          text        not null,
    signed_at                  timestamptz not null,
    authenticated_at           timestamptz not null,
    signed_record_type         text        not null,
    signed_record_id           text        not null,
    signed_content_hash        text        not null,
    constraint trial_data_lock_sequence unique (trial_id, sequence)
);

-- Withdrawal (ParticipantWithdrawn): a withdrawn participant owes no primary endpoint for the lock.
alter table trial_participant add column withdrawn_at timestamptz;

-- One participant's blind broken for a medical reason (ParticipantEmergencyUnblinded). Never the
-- arm: only that and when, so later allocation guesses about them can be left out of the indices.
create table participant_emergency_unblinding (
    participant_code text primary key,
    trial_id         text        not null,
    site_code        text        not null,
    unblinded_by     text        not null,
    reason           text,
    unblinded_at     timestamptz not null,
    recorded_at      timestamptz not null
);

-- A guess made after the participant's emergency unblinding is no longer blind: kept, flagged,
-- and left out of the blinding indices.
alter table allocation_guess
    add column after_emergency_unblinding boolean not null default false;
