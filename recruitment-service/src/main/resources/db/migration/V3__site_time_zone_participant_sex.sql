-- A site's IANA time zone: session-service judges visit windows in the site's local time.
-- Sites of trials created before this have none (NULL) until the sponsor sets it.
alter table trial_site add column time_zone text;

-- Sex and childbearing potential, recorded at registration (pregnancy tests before dosing depend
-- on them). Participants registered before this have NULL: not recorded, never assumed.
alter table participant add column sex text;
alter table participant add column childbearing_potential boolean;
alter table participant add constraint participant_sex
    check (sex is null or sex in ('FEMALE', 'MALE', 'INTERSEX'));
