-- Kafka may hand session-service a hold's lift before its placement (issue 18). The lift is kept
-- as a row of its own (placement columns empty) so the placement, when it comes, arrives lifted.
-- A row is placed, lifted, or both: never neither.
alter table dosing_hold
    alter column cause drop not null,
    alter column reason drop not null,
    alter column placed_at drop not null,
    add constraint dosing_hold_placed_or_lifted check (placed_at is not null or lifted_at is not null),
    add constraint dosing_hold_placement_whole check (
        (placed_at is null and cause is null and reason is null)
        or (placed_at is not null and cause is not null and reason is not null));
