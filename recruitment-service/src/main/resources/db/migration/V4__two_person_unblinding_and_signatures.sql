-- Whole-trial unblinding is a two-person act (request, approval), each signed; it needs the
-- database lock of the outcome data, which outcomes-service owns and announces.
alter table trial add column outcome_data_locked_at timestamptz;
-- When the lock state last changed in outcomes-service: an older event never undoes a newer one.
alter table trial add column outcome_data_lock_changed_at timestamptz;
alter table trial add column unblinding_request_id uuid;

create table unblinding_request (
    id                    uuid        primary key,
    trial_id              text        not null references trial (id),
    grounds               text        not null,
    reason                text        not null,
    dsmb_recommendation   text,
    status                text        not null,
    requested_by          text        not null,
    requested_at          timestamptz not null,
    -- Electronic signatures (21 CFR 11.50) as JSON: signer id and name from the identity
    -- provider, meaning, time, login time and the hash of the record signed.
    request_signature     text        not null,
    decided_by            text,
    decided_at            timestamptz,
    decision_reason       text,
    decision_signature    text,
    version               bigint      not null default 0
);
-- One open request per trial.
create unique index unblinding_request_open on unblinding_request (trial_id)
    where status = 'REQUESTED';
create index unblinding_request_trial on unblinding_request (trial_id, requested_at desc);

alter table participant add column eligibility_signature text;
alter table participant add column emergency_unblinding_signature text;
