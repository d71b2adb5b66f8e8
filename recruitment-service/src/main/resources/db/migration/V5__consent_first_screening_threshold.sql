-- Issue 16: consent comes before any study-specific screening (SCREENING -> CONSENTED -> ELIGIBLE),
-- and the eligibility signature needs the screening CAPS-5 to meet the trial's threshold.

-- The trial's screening CAPS-5 threshold (MAPP1 35, MAPP2 28), set by the sponsor and audited.
-- NULL: not set, and eligibility is refused until it is; never defaulted.
alter table trial add column screening_caps5_min_total integer
    check (screening_caps5_min_total between 0 and 80);

-- Who recorded the consent and when (UTC); the form version and signing date were already kept.
alter table participant add column consent_recorded_by text;
alter table participant add column consent_recorded_at timestamptz;
