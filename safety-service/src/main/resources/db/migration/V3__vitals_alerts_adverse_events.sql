-- Lifting a hold needs an investigator's electronic signature (21 CFR 11.50: printed name,
-- date and time, meaning).
alter table dosing_hold
    add column signature_name    text,
    add column signature_meaning text,
    add column signed_at         timestamptz;

-- Per-trial vital-sign action limits; a trial without a row uses the configured defaults.
create table vital_thresholds (
    trial_id             text primary key,
    systolic_warn        integer          not null,
    systolic_critical    integer          not null,
    diastolic_warn       integer          not null,
    diastolic_critical   integer          not null,
    heart_rate_warn      integer          not null,
    heart_rate_critical  integer          not null,
    temperature_warn     double precision not null,
    temperature_critical double precision not null,
    spo2_warn            integer          not null,
    spo2_critical        integer          not null,
    updated_by           text             not null,
    updated_at           timestamptz      not null
);

create table vital_sign (
    id               uuid primary key,
    session_id       text             not null,
    participant_code text             not null,
    trial_id         text             not null,
    site_code        text             not null,
    measured_at      timestamptz      not null,
    measured_offset  text             not null,
    systolic         integer,
    diastolic        integer,
    heart_rate       integer,
    temperature_c    double precision,
    spo2             integer,
    source_kind      text             not null,
    source_id        text             not null,
    recorded_by      text             not null,
    recorded_at      timestamptz      not null
);
create index vital_sign_participant on vital_sign (participant_code, measured_at);
create index vital_sign_trial on vital_sign (trial_id);
create index vital_sign_site on vital_sign (site_code, measured_at desc);

-- One alert per episode: an episode ends when the vital is back in range (episode_ended_at).
create table safety_alert (
    id                   uuid primary key,
    kind                 text        not null,
    vital                text,
    level                text        not null,
    participant_code     text        not null,
    trial_id             text        not null,
    site_code            text        not null,
    session_id           text        not null,
    summary              text        not null,
    raised_at            timestamptz not null,
    episode_ended_at     timestamptz,
    acknowledged_by      text,
    acknowledged_at      timestamptz,
    acknowledgement_note text,
    escalated_at         timestamptz,
    constraint safety_alert_kind check (kind in ('VITALS', 'CSSRS')),
    constraint safety_alert_level check (level in ('WARN', 'CRITICAL', 'URGENT'))
);
create index safety_alert_site on safety_alert (site_code, raised_at desc);
create index safety_alert_episode on safety_alert (session_id, participant_code, vital)
    where episode_ended_at is null;
create index safety_alert_unacknowledged on safety_alert (raised_at)
    where acknowledged_at is null and escalated_at is null;

-- The current version of each adverse event; every version, earlier ones included, is kept in
-- adverse_event_version.
create table adverse_event (
    id                     uuid primary key,
    participant_code       text        not null,
    trial_id               text        not null,
    site_code              text        not null,
    session_id             text,
    version                integer     not null,
    term                   text        not null,
    category               text        not null,
    onset_at               timestamptz not null,
    grade                  integer     not null check (grade between 1 and 5),
    seriousness            text        not null,
    serious                boolean     not null,
    relatedness            text        not null,
    expected               boolean     not null,
    outcome                text        not null,
    description            text,
    reported_by            text        not null,
    reported_at            timestamptz not null,
    updated_by             text        not null,
    updated_at             timestamptz not null,
    expedited_due          date,
    expedited_submitted_at timestamptz,
    expedited_submitted_by text,
    expedited_reference    text
);
create index adverse_event_trial on adverse_event (trial_id);
create index adverse_event_site on adverse_event (site_code, reported_at desc);

create table adverse_event_version (
    adverse_event_id uuid        not null references adverse_event (id),
    version          integer     not null,
    snapshot         text        not null,
    reason           text,
    recorded_by      text        not null,
    recorded_at      timestamptz not null,
    primary key (adverse_event_id, version)
);

create table cssrs_screen (
    id               uuid primary key,
    session_id       text        not null,
    participant_code text        not null,
    trial_id         text        not null,
    site_code        text        not null,
    screened_at      timestamptz not null,
    wish_to_be_dead  boolean     not null,
    active_ideation  boolean     not null,
    ideation_method  boolean     not null,
    intent           boolean     not null,
    plan             boolean     not null,
    behaviour        boolean     not null,
    positive         boolean     not null,
    recorded_by      text        not null,
    recorded_at      timestamptz not null
);
create index cssrs_screen_site on cssrs_screen (site_code, screened_at desc);

-- The 7 daily contacts after a dosing session.
create table follow_up_contact (
    id               uuid primary key,
    session_id       text        not null,
    participant_code text        not null,
    trial_id         text        not null,
    site_code        text        not null,
    day              integer     not null,
    due_date         date        not null,
    contacted_at     timestamptz,
    note             text,
    recorded_by      text,
    recorded_at      timestamptz,
    unique (session_id, day)
);
create index follow_up_contact_site on follow_up_contact (site_code, due_date);

create table stopping_rule (
    id                     uuid primary key,
    trial_id               text        not null,
    name                   text        not null,
    related_serious_events integer     not null check (related_serious_events > 0),
    created_by             text        not null,
    created_at             timestamptz not null,
    fired_at               timestamptz,
    unique (trial_id, name)
);
