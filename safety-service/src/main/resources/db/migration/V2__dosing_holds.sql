-- A participant's dosing holds. A hold is never deleted: lifting it sets lifted_at, so the
-- history of every hold stays visible.
create table dosing_hold (
    id               uuid primary key,
    participant_code text        not null,
    trial_id         text        not null,
    site_code        text        not null,
    cause            text        not null,
    reason           text        not null,
    placed_by        text        not null,
    placed_at        timestamptz not null,
    lifted_by        text,
    lifted_at        timestamptz,
    lift_reason      text,
    constraint dosing_hold_cause check (cause in
        ('INVESTIGATOR', 'CRITICAL_VITALS', 'SERIOUS_ADVERSE_EVENT', 'CSSRS_POSITIVE'))
);

create index dosing_hold_active on dosing_hold (participant_code) where lifted_at is null;
create index dosing_hold_site on dosing_hold (site_code, placed_at desc);
