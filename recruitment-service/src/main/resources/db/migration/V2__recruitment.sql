-- Trials of a sponsor. Protocol settings other services read (regimen, visit template) and the
-- eligibility rules are JSON documents: they are data per trial, read and written whole.
create table trial (
    id                      text primary key,
    sponsor                 text        not null,
    protocol_code           text        not null,
    title                   text        not null,
    phase                   text        not null,
    condition               text        not null,
    target_enrollment       integer     not null,
    status                  text        not null,
    eligibility_rule_set    text,
    eligibility_rules       text        not null,
    block_sizes             text        not null,
    stratify_by_subtype     boolean     not null,
    seed_handling           text        not null,
    -- Concealed: never shown through the API; it regenerates the allocation lists.
    randomization_seed      text        not null,
    regimen                 text        not null,
    visit_template          text        not null,
    created_at              timestamptz not null,
    unblinded_at            timestamptz,
    unblinded_by            text,
    unblinding_reason       text,
    version                 bigint      not null default 0,
    constraint trial_protocol_code_per_sponsor unique (sponsor, protocol_code),
    constraint trial_status check (status in ('NOT_YET_RECRUITING', 'RECRUITING',
        'ENROLLING_BY_INVITATION', 'ACTIVE_NOT_RECRUITING', 'SUSPENDED', 'TERMINATED',
        'COMPLETED', 'WITHDRAWN'))
);
create index trial_sponsor on trial (sponsor, created_at desc);

create table trial_site (
    trial_id  text not null references trial (id),
    code      text not null,
    country   text not null,
    city      text not null,
    primary key (trial_id, code)
);
create index trial_site_place on trial_site (country, city);

-- A public call for participants; only plain-language, public facts.
create table recruitment_call (
    id         uuid primary key,
    trial_id   text        not null references trial (id),
    summary    text        not null,
    open       boolean     not null,
    posted_by  text        not null,
    posted_at  timestamptz not null,
    closed_at  timestamptz
);
create index recruitment_call_open on recruitment_call (open, posted_at desc);

-- The minimum of an anonymous pre-screen: its result and the criteria named. The answers are not
-- kept; contact details only with explicit consent to be contacted.
create table pre_screen (
    id                  uuid primary key,
    trial_id            text        not null references trial (id),
    recruitment_call_id uuid references recruitment_call (id),
    result              text        not null,
    criteria            text        not null,
    consent_to_contact  boolean     not null,
    contact_name        text,
    contact_email       text,
    contact_phone       text,
    submitted_at        timestamptz not null,
    constraint pre_screen_contact_needs_consent check (consent_to_contact
        or (contact_name is null and contact_email is null and contact_phone is null))
);

-- Participants. Names and contact details live only here; everything else uses the code.
create table participant (
    code                    text primary key,
    trial_id                text        not null references trial (id),
    site_code               text        not null,
    status                  text        not null,
    full_name               text        not null,
    email                   text,
    phone                   text,
    pre_screen_id           uuid,
    weight_kg               double precision,
    dissociative_subtype    boolean     not null,
    veteran                 boolean     not null,
    combat_exposure         boolean     not null,
    traumatic_brain_injury  boolean     not null,
    eligibility_signed_by   text,
    eligibility_signer_name text,
    eligibility_meaning     text,
    eligibility_signed_at   timestamptz,
    consent_form_version    text,
    consent_date            date,
    enrolled_at             timestamptz,
    randomized_at           timestamptz,
    stratum                 text,
    kit_code                text,
    ended_reason            text,
    emergency_unblinded_at  timestamptz,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    version                 bigint      not null default 0,
    constraint participant_status check (status in ('SCREENING', 'ELIGIBLE', 'CONSENTED',
        'ENROLLED', 'RANDOMIZED', 'IN_TREATMENT', 'COMPLETED', 'WITHDRAWN', 'SCREEN_FAILED'))
);
create index participant_site on participant (trial_id, site_code, created_at desc);

-- The concealed allocation list: permuted blocks per stratum, generated from the trial's seed.
create table allocation_slot (
    id               uuid primary key,
    trial_id         text        not null references trial (id),
    stratum          text        not null,
    seq              integer     not null,
    block_number     integer     not null,
    block_size       integer     not null,
    arm              text        not null,
    kit_code         text        not null unique,
    participant_code text unique references participant (code),
    assigned_at      timestamptz,
    constraint allocation_slot_position unique (trial_id, stratum, seq),
    constraint allocation_slot_arm check (arm in ('MDMA', 'PLACEBO'))
);
create index allocation_slot_free on allocation_slot (trial_id, stratum, seq)
    where participant_code is null;
