-- Schedule I accountability as the DEA expects (21 CFR 1304.21-22, 1301.76(b), 1317.95):
-- kits received with their content, MDMA and placebo balances kept apart, the ledger ordered by a
-- database sequence, loss and theft reports, and destructions that count only once two witnesses
-- have signed them.
--
-- Rows written before this migration are kept as they were recorded; what can be derived for
-- them (order, content, running balances) is filled in, the rest stays null and is reported by
-- the discrepancy report.

-- 1. The ledger's order: a database sequence, not application clocks. Rows already there are
--    numbered in the order they were listed before (recorded_at, id).
create sequence kit_movement_seq as bigint;
alter table kit_movement add column seq bigint;
update kit_movement m
   set seq = o.n
  from (select id, row_number() over (order by recorded_at, id) as n from kit_movement) o
 where m.id = o.id;
select setval('kit_movement_seq', coalesce((select max(seq) from kit_movement), 0) + 1, false);
alter table kit_movement
    alter column seq set default nextval('kit_movement_seq'),
    alter column seq set not null,
    add constraint kit_movement_seq_unique unique (seq);
alter sequence kit_movement_seq owned by kit_movement.seq;

-- 2. What the kit holds, on every line (so MDMA and placebo lines are told apart without a join).
--    Earlier rows carried it on their receipt only ("arm"); it is copied to the kit's other lines
--    where the receipt named exactly one.
alter table kit_movement rename column arm to content;
update kit_movement m
   set content = r.content
  from (select site_code, kit_code, min(content) as content
          from kit_movement
         where kind = 'RECEIVED' and content is not null
         group by site_code, kit_code
        having count(distinct content) = 1) r
 where m.site_code = r.site_code and m.kit_code = r.kit_code and m.content is null;
alter table kit_movement
    add constraint kit_movement_content check (content in ('MDMA', 'PLACEBO')),
    add constraint kit_movement_kind
        check (kind in ('RECEIVED', 'DISPENSED', 'RETURNED', 'LOST', 'STOLEN', 'DESTROYED'));

-- 3. Running balances per site and content: MDMA (the controlled substance) and placebo apart.
--    Each line names the line it continues; two lines cannot continue the same one. Earlier
--    rows kept the site's balance over all kits: it stays in site_balance_before_v5.
alter table kit_movement add column site_balance_before_v5 numeric(11,2);
update kit_movement set site_balance_before_v5 = balance_after;
alter table kit_movement add column previous_seq bigint;
update kit_movement m
   set balance_after = b.balance_after,
       previous_seq  = b.previous_seq
  from (select id,
               sum(case when kind in ('RECEIVED', 'RETURNED') then mg_hcl else -mg_hcl end)
                   over (partition by site_code, content order by seq) as balance_after,
               coalesce(lag(seq) over (partition by site_code, content order by seq), 0)
                   as previous_seq
          from kit_movement) b
 where m.id = b.id;
alter table kit_movement alter column previous_seq set not null;
create unique index kit_movement_chain
    on kit_movement (site_code, content, previous_seq) nulls not distinct;
create index kit_movement_site_seq on kit_movement (site_code, seq);
create index kit_movement_kit on kit_movement (site_code, kit_code, seq);
drop index kit_movement_site;

-- 4. Loss and theft (DEA Form 106): the report reference, when it was discovered, what happened.
alter table kit_movement
    add column report_reference text,
    add column discovered_at    timestamptz,
    add column description      text,
    add constraint kit_movement_incident_report
        check ((kind in ('LOST', 'STOLEN'))
               = (report_reference is not null and discovered_at is not null
                  and description is not null));

-- 5. Kits as received by a site's pharmacy: content and mg HCl (nominal for placebo), once.
--    content_salt makes the commitment in the audit trail (sha-256 of salt and content) hiding:
--    the audit, read while the trial is blinded, can later prove the content was never changed.
create table kit (
    id           uuid primary key,
    site_code    text          not null,
    kit_code     text          not null,
    content      text          not null check (content in ('MDMA', 'PLACEBO')),
    mg_hcl       numeric(9,2)  not null check (mg_hcl > 0),
    content_salt text          not null,
    received_seq bigint        not null references kit_movement (seq),
    received_by  text          not null,
    received_at  timestamptz   not null,
    unique (site_code, kit_code)
);
-- Kits received before this migration whose receipt named one content.
insert into kit (id, site_code, kit_code, content, mg_hcl, content_salt, received_seq,
                 received_by, received_at)
select gen_random_uuid(), site_code, kit_code, min(content), sum(mg_hcl),
       md5(random()::text || clock_timestamp()::text), min(seq),
       (array_agg(recorded_by order by seq))[1], min(recorded_at)
  from kit_movement
 where kind = 'RECEIVED' and content is not null
 group by site_code, kit_code
having count(distinct content) = 1;

-- 6. Destructions: recorded by a pharmacist, counted (a DESTROYED line) only once two witnesses,
--    neither the recorder, have each signed with their own identity.
create table kit_destruction (
    id            uuid primary key,
    site_code     text          not null,
    kit_code      text          not null,
    kit_id        uuid          not null references kit (id),
    mg_hcl        numeric(9,2)  not null check (mg_hcl > 0),
    method        text          not null,
    note          text,
    status        text          not null
        check (status in ('PENDING_WITNESSES', 'COMPLETED', 'CANCELLED')),
    recorded_by   text          not null,
    recorder_name text          not null,
    recorded_at   timestamptz   not null,
    movement_id   uuid unique references kit_movement (id),
    cancelled_by  text,
    cancelled_at  timestamptz,
    cancel_reason text,
    check ((status = 'COMPLETED') = (movement_id is not null)),
    check ((status = 'CANCELLED')
           = (cancelled_by is not null and cancelled_at is not null and cancel_reason is not null))
);
create index kit_destruction_site on kit_destruction (site_code, status, recorded_at);
create index kit_destruction_kit on kit_destruction (kit_id, status);

-- One witness signature (21 CFR 11.50): who (token subject), printed name, meaning, when, and the
-- digest of the destruction record it signs (11.70). One per witness and destruction.
create table destruction_signature (
    id             uuid primary key,
    destruction_id uuid         not null references kit_destruction (id),
    witness        text         not null,
    witness_key    text         not null,
    witness_roles  text         not null,
    printed_name   text         not null,
    meaning        text         not null,
    statement      text         not null,
    record_digest  text         not null,
    signed_at      timestamptz  not null,
    unique (destruction_id, witness_key)
);

-- 7. Rules for lines written from now on; earlier rows are kept as recorded (NOT VALID: not
--    checked against existing rows, enforced for every insert and update after this).
alter table kit_movement
    -- Every line names the kit's content (earlier rows without one are reported, not rewritten).
    add constraint kit_movement_content_recorded check (content is not null) not valid,
    add constraint kit_movement_mg_positive check (mg_hcl > 0) not valid,
    -- Witnesses sign destructions now (kit_destruction, destruction_signature); the free-text
    -- names of earlier destructions stay readable.
    add constraint kit_movement_no_free_text_witnesses check (witnesses is null) not valid;
