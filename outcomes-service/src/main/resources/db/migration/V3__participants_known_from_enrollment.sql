-- A participant is known from enrollment (ParticipantEnrolled), so a baseline can be rated before
-- randomization; randomization fills in the stratum, kit code and subgroup flags later.
alter table trial_participant alter column randomized_at drop not null;
