-- The screening CAPS-5 an independent rater records after consent and before the investigator
-- signs eligibility (issue 16). One per participant; recruitment-service reads it over gRPC
-- (ScreeningAssessments) when the eligibility signature is made. The participant is not enrolled
-- yet, so it is not a trial_participant: trial and site come from ParticipantDirectory.
create table screening_assessment (
    id               uuid primary key,
    participant_code text        not null,
    trial_id         text        not null,
    site_code        text        not null,
    instrument       text        not null,
    responses        text        not null,
    total            integer     not null,
    flags            text        not null,
    ptsd_diagnosis   boolean     not null,
    administered_at  timestamptz not null,
    recorded_by      text        not null,
    recorded_at      timestamptz not null,
    constraint screening_assessment_once unique (participant_code, instrument)
);
create index screening_assessment_trial on screening_assessment (trial_id);
