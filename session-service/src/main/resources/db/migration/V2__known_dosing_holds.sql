-- session-service's own copy of the holds safety-service announced, so a dose can be refused
-- even before the gate is asked. Kept from events; never edited by users here.
create table dosing_hold (
    hold_id          uuid primary key,
    participant_code text        not null,
    trial_id         text        not null,
    site_code        text        not null,
    cause            text        not null,
    reason           text        not null,
    placed_at        timestamptz not null,
    lifted_at        timestamptz,
    lift_reason      text
);

create index dosing_hold_active on dosing_hold (participant_code) where lifted_at is null;
