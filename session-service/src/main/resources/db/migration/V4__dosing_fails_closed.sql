-- The trial's recruitment status as recruitment-service announced it (TrialStatusChanged), so a
-- dose can be refused inside its own transaction once the trial is suspended or ended. Only events
-- write here; the newest change (by changed_at) wins, whatever order events arrive in.
create table known_trial (
    trial_id   text primary key,
    status     text        not null,
    changed_at timestamptz not null,
    updated_at timestamptz not null
);

-- The site's time zone, as the trial's protocol last gave it: visit windows are site-local days.
alter table participant add column time_zone text;

-- Entered later than session.dose.late-after after it was given.
alter table dose add column late boolean not null default false;

-- An investigator's signed deviation that lets a dose go ahead out of sequence or spacing.
alter table protocol_deviation add column signed_by text;
alter table protocol_deviation add column printed_name text;
alter table protocol_deviation add column signature_meaning text;
alter table protocol_deviation add column signed_at timestamptz;
create index protocol_deviation_session on protocol_deviation (session_id, category);
