-- The test application's own tables (a service's migrations start at V2 the same way).
create table specimen (
    id        uuid primary key,
    name      text    not null,
    site_code text    not null,
    dose      integer not null,
    status    text    not null
);

-- No unique key on purpose: an event applied twice would leave two rows.
create table test_effect (
    consumer   text        not null,
    event_id   uuid        not null,
    type       text        not null,
    applied_at timestamptz not null default now()
);
