-- Issue 16, items 3, 4 and 7: adverse-event clocks with history, awareness dates, several
-- categories per event, solicited positive-effects checklists, race-free stopping rules that may
-- count by arm and hold dosing.

-- An event may carry several categories (psychiatric and positive/abuse-related, say). The one
-- category of earlier events becomes a set of one.
alter table adverse_event add column categories text;
update adverse_event set categories = category;
alter table adverse_event alter column categories set not null;
alter table adverse_event drop column category;

-- The expedited-report clock counts from when the reporter became aware of the facts. Earlier
-- events were aware when they were reported.
alter table adverse_event add column awareness_at timestamptz;
update adverse_event set awareness_at = reported_at;
alter table adverse_event alter column awareness_at set not null;

-- CTCAE grade 4 without a seriousness criterion: the investigator who confirmed it.
alter table adverse_event add column non_serious_confirmed_by text;

-- Every expedited-report clock an event had, none deleted: the running one (ended_at null), and
-- those cleared (judged expected or unrelated, or no longer serious), superseded (an upgrade to
-- fatal or life-threatening shortened it) or submitted.
create table expedited_report_clock (
    id               uuid primary key,
    adverse_event_id uuid        not null references adverse_event (id),
    trial_id         text        not null,
    site_code        text        not null,
    -- The adverse event version that started it.
    started_version  integer     not null,
    seriousness      text        not null,
    days             integer     not null check (days in (7, 15)),
    awareness_at     timestamptz not null,
    due              date        not null,
    started_at       timestamptz not null,
    ended_at         timestamptz,
    ended_version    integer,
    outcome          text check (outcome in ('CLEARED', 'SUPERSEDED', 'SUBMITTED')),
    ended_reason     text,
    submitted_by     text,
    reference        text,
    constraint expedited_report_clock_end check ((ended_at is null) = (outcome is null))
);
create index expedited_report_clock_event on expedited_report_clock (adverse_event_id, started_at);
create unique index expedited_report_clock_running on expedited_report_clock (adverse_event_id)
    where ended_at is null;

-- Clocks already running or submitted before this migration keep their history.
insert into expedited_report_clock (id, adverse_event_id, trial_id, site_code, started_version,
    seriousness, days, awareness_at, due, started_at, ended_at, outcome, submitted_by, reference)
select gen_random_uuid(), id, trial_id, site_code, version, seriousness,
       case when seriousness like '%DEATH%' or seriousness like '%LIFE_THREATENING%' then 7 else 15 end,
       reported_at, expedited_due, reported_at, expedited_submitted_at,
       case when expedited_submitted_at is null then null else 'SUBMITTED' end,
       expedited_submitted_by, expedited_reference
from adverse_event
where expedited_due is not null;

-- The solicited positive-effects checklist after a dosing session (one per session); each
-- positive answer is an adverse event of the positive/abuse-related category.
create table positive_effects_checklist (
    session_id       text primary key references follow_up_schedule (session_id),
    participant_code text        not null,
    trial_id         text        not null,
    site_code        text        not null,
    asked_at         timestamptz not null,
    answers          text        not null,
    positive_count   integer     not null check (positive_count >= 0),
    recorded_by      text        not null,
    recorded_at      timestamptz not null
);
create index positive_effects_checklist_site on positive_effects_checklist (site_code);

-- Stopping rules: what they count (the whole trial, or each arm separately for the DSMB) and
-- what they suspend. Earlier rules counted the trial and paused enrollment.
alter table stopping_rule
    add column count_by          text    not null default 'TRIAL',
    add column pauses_enrollment boolean not null default true,
    add column holds_dosing      boolean not null default false,
    -- For a rule counting by arm: the arm whose count reached the limit (DSMB eyes only).
    add column fired_arm         text,
    add column fired_count       integer,
    add constraint stopping_rule_count_by check (count_by in ('TRIAL', 'ARM')),
    add constraint stopping_rule_suspends check (pauses_enrollment or holds_dosing);
alter table stopping_rule alter column count_by drop default;
alter table stopping_rule alter column pauses_enrollment drop default;
alter table stopping_rule alter column holds_dosing drop default;

-- The arms recruitment-service last disclosed to a DSMB member (GetAllocations on their own
-- token), so that rules counting by arm can be evaluated when an investigator records an event.
-- Never shown to a blinded role.
create table trial_arm (
    trial_id         text        not null,
    participant_code text        not null,
    arm              text        not null,
    disclosed_at     timestamptz not null,
    primary key (trial_id, participant_code)
);

-- A rule that holds dosing places a STOPPING_RULE hold on each participant of the trial.
alter table dosing_hold drop constraint dosing_hold_cause;
alter table dosing_hold add constraint dosing_hold_cause check (cause in
    ('INVESTIGATOR', 'CRITICAL_VITALS', 'SERIOUS_ADVERSE_EVENT', 'CSSRS_POSITIVE', 'STOPPING_RULE'));
