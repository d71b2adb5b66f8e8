-- session-service's copy of randomized participants (from ParticipantRandomized): code, trial,
-- site and the concealed kit code. Never an arm.
create table participant (
    participant_code text primary key,
    trial_id         text        not null,
    site_code        text        not null,
    kit_code         text,
    stratum          text,
    status           text        not null,
    randomized_at    timestamptz not null,
    withdrawn_at     timestamptz
);

-- One protocol session of a participant's schedule, with its window, booking and lifecycle.
create table protocol_session (
    id                  uuid primary key,
    participant_code    text        not null references participant (participant_code),
    trial_id            text        not null,
    site_code           text        not null,
    kind                text        not null,
    number              int         not null,
    experimental_number int,
    target_date         date        not null,
    window_start        date        not null,
    window_end          date        not null,
    status              text        not null,
    room                text,
    starts_at           timestamptz,
    ends_at             timestamptz,
    therapists          text,
    status_reason       text,
    scheduled_at        timestamptz not null,
    updated_at          timestamptz not null,
    unique (participant_code, kind, number)
);
create index protocol_session_participant on protocol_session (participant_code, target_date);
create index protocol_session_room on protocol_session (site_code, room, starts_at);

-- Who is booked on a session; kept as rows so double-booking is one query.
create table session_therapist (
    id         uuid primary key,
    session_id uuid not null references protocol_session (id),
    therapist  text not null,
    unique (session_id, therapist)
);
create index session_therapist_name on session_therapist (therapist);

create table protocol_deviation (
    id               uuid primary key,
    session_id       uuid        not null references protocol_session (id),
    participant_code text        not null,
    trial_id         text        not null,
    site_code        text        not null,
    category         text        not null,
    reason           text        not null,
    recorded_by      text        not null,
    recorded_at      timestamptz not null
);
create index protocol_deviation_site on protocol_deviation (site_code, recorded_at);

-- The passed pre-dose checklist of a dosing session (a failed one is refused, not stored).
create table pre_dose_check (
    session_id            uuid primary key references protocol_session (id),
    abstinence_attested   boolean      not null,
    pregnancy_test        text         not null,
    systolic              int          not null,
    diastolic             int          not null,
    heart_rate            int          not null,
    temperature_c         numeric(4,1) not null,
    cssrs_negative        boolean      not null,
    consent_current       boolean      not null,
    checked_by            text         not null,
    checked_at            timestamptz  not null
);

-- A dose given. Salt and base weights both kept; the kit code stands in for the arm.
create table dose (
    id               uuid primary key,
    session_id       uuid          not null references protocol_session (id),
    participant_code text          not null,
    trial_id         text          not null,
    site_code        text          not null,
    kit_code         text          not null,
    supplemental     boolean       not null,
    mg_hcl           numeric(7,2)  not null,
    mg_base          numeric(7,2)  not null,
    administered_at  timestamptz   not null,
    recorded_by      text          not null,
    recorded_at      timestamptz   not null,
    -- one initial and at most one supplemental dose per session
    unique (session_id, supplemental)
);

-- Schedule I ledger per site: every receipt, dispense, return and destruction, with the site's
-- running balance after it (mg HCl, nominal: placebo kits count like active ones).
create table kit_movement (
    id               uuid primary key,
    site_code        text          not null,
    kit_code         text          not null,
    kind             text          not null,
    mg_hcl           numeric(9,2)  not null,
    arm              text,
    dose_id          uuid references dose (id),
    witnesses        text,
    note             text,
    balance_after    numeric(11,2) not null,
    recorded_by      text          not null,
    recorded_at      timestamptz   not null
);
create index kit_movement_site on kit_movement (site_code, recorded_at);
