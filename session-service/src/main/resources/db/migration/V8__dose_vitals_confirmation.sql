-- A supplemental dose given while the participant's current vitals are at a warning level needs
-- an investigator's explicit confirmation ("unless contraindicated"): the dose keeps the level
-- safety-service answered, its findings, and who confirmed it and why. Doses recorded before
-- this migration have none (null: not asked then).
alter table dose
    add column vitals_level               text,
    add column vitals_findings            text,
    add column vitals_confirmed_by        text,
    add column vitals_confirmation_reason text,
    add constraint dose_vitals_confirmation check (
        (vitals_confirmed_by is null) = (vitals_confirmation_reason is null));
