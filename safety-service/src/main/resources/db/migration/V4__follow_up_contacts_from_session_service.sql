-- The follow-up contacts after a dose come from session-service's FollowUpContactsScheduled: one
-- schedule per dosing session, kept as the event laid it out (possibly with no contacts), each
-- contact named by session-service's own id. A later event for a session that has its schedule
-- adds nothing.
create table follow_up_schedule (
    session_id          text primary key,
    participant_code    text        not null,
    trial_id            text        not null,
    site_code           text        not null,
    experimental_number integer,
    dosed_on            date,
    -- The site's IANA time zone the due dates are calendar days of.
    time_zone           text        not null,
    contact_count       integer     not null check (contact_count >= 0),
    -- The event that laid the schedule out; null for schedules made before this migration.
    event_id            uuid,
    received_at         timestamptz not null
);
create index follow_up_schedule_participant on follow_up_schedule (participant_code);

-- Contacts made earlier by safety-service itself (from SessionCompleted, on UTC days) keep their
-- sessions' schedules, so an event for one of those sessions adds nothing.
insert into follow_up_schedule
    (session_id, participant_code, trial_id, site_code, time_zone, contact_count, received_at)
select session_id, min(participant_code), min(trial_id), min(site_code), 'UTC', count(*), now()
from follow_up_contact
group by session_id;

-- session-service's contact ids are strings by contract.
alter table follow_up_contact alter column id type text using id::text;

-- The moment the contact's due date ends at the site (the next local midnight): unrecorded after
-- it, the contact is missed. Earlier contacts' dates were UTC days.
alter table follow_up_contact add column due_until timestamptz;
update follow_up_contact set due_until = (due_date + 1)::timestamp at time zone 'UTC';
alter table follow_up_contact alter column due_until set not null;

alter table follow_up_contact
    add constraint follow_up_contact_schedule
        foreign key (session_id) references follow_up_schedule (session_id),
    add constraint follow_up_contact_day check (day >= 1);
