-- Timepoint windows are per-trial settings set by the trial's sponsor (issue 16): the widths are
-- assumptions (DOMAIN.md), so the protocol's numbers in the Timepoint enum are only the defaults
-- of a trial without a setting. One row per setting, never changed: the highest revision of a
-- trial and timepoint is the one in force, the others are its history. The anchor stays the
-- protocol's (not stored). Offsets are calendar days from the anchor's day; 0 is a value. NULL
-- target and earliest only for BASELINE (no target, open start); the service checks the shape.
create table trial_timepoint_window (
    id            uuid primary key,
    trial_id      text        not null,
    timepoint     text        not null,
    revision      integer     not null check (revision >= 1),
    target_days   integer,
    earliest_days integer,
    latest_days   integer     not null,
    reason        text        not null,
    set_by        text        not null,
    set_at        timestamptz not null,
    constraint trial_timepoint_window_revision unique (trial_id, timepoint, revision),
    constraint trial_timepoint_window_order check (
        (earliest_days is null or target_days is null or earliest_days <= target_days)
        and (target_days is null or target_days <= latest_days)
        and (earliest_days is null or earliest_days <= latest_days))
);
