-- Trial-wide vital-sign limits are the sponsor's, signed (21 CFR 11.50), with a reason; lower
-- limits (hypotension, bradycardia, hypothermia) beside the upper ones; a site may only make
-- them stricter for itself; every change kept.

-- Rows set before this migration have no lower limits (null: the configured defaults stand for
-- them, and the answer names them), no signature and no recorded reason (their reason is in the
-- audit trail); they count as version 1.
alter table vital_thresholds
    add column systolic_low_warn        integer,
    add column systolic_low_critical    integer,
    add column diastolic_low_warn       integer,
    add column diastolic_low_critical   integer,
    add column heart_rate_low_warn      integer,
    add column heart_rate_low_critical  integer,
    add column temperature_low_warn     double precision,
    add column temperature_low_critical double precision,
    add column version                  integer,
    add column reason                   text,
    add column signer_id                text,
    add column signer_username          text,
    add column signer_name              text,
    add column signature_meaning        text,
    add column signed_at                timestamptz,
    add column authenticated_at         timestamptz,
    add column content_hash             text;
update vital_thresholds set version = 1;
alter table vital_thresholds alter column version set not null;
-- A row written from now on carries every limit and a signature.
alter table vital_thresholds
    add constraint vital_thresholds_signed check (
        (version = 1 and signer_id is null)
        or (signer_id is not null and content_hash ~ '^[0-9a-f]{64}$' and reason is not null
            and systolic_low_warn is not null and systolic_low_critical is not null
            and diastolic_low_warn is not null and diastolic_low_critical is not null
            and heart_rate_low_warn is not null and heart_rate_low_critical is not null
            and temperature_low_warn is not null and temperature_low_critical is not null));

-- A site's stricter limits for one trial: only those it sets (JSON), the rest follow the trial.
create table site_vital_thresholds (
    trial_id   text        not null,
    site_code  text        not null,
    limits     text        not null,
    version    integer     not null,
    reason     text        not null,
    updated_by text        not null,
    updated_at timestamptz not null,
    primary key (trial_id, site_code)
);

-- Every change of a trial's limits (site_code null) or a site's, as set.
create table vital_threshold_change (
    id                uuid primary key,
    trial_id          text        not null,
    site_code         text,
    version           integer     not null,
    limits            text        not null,
    reason            text        not null,
    changed_by        text        not null,
    changed_at        timestamptz not null,
    signer_id         text,
    signer_username   text,
    signer_name       text,
    signature_meaning text,
    signed_at         timestamptz,
    authenticated_at  timestamptz,
    content_hash      text,
    constraint vital_threshold_change_signed check (site_code is not null or signer_id is not null)
);
create unique index vital_threshold_change_version
    on vital_threshold_change (trial_id, coalesce(site_code, ''), version);
create index vital_threshold_change_trial on vital_threshold_change (trial_id, changed_at desc);
