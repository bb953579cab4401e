-- analytics keeps FACTS with their natural keys; every aggregate is derived from them by the domain classes.
-- received_at is the event's envelope time (when ingest accepted it), so "as known at T" answers the same
-- after a replay rebuilt everything.

-- Idempotency: an event id is applied once; written in the same transaction as the fact it changes.
create table processed_event (
    id           uuid        primary key,
    processed_at timestamptz not null default now()
);

-- Every revision of every (source, product, trading date) is kept; the effective figure is the highest revision
-- (as known at T), and across sources the configured source priority decides.
create table flow_figure (
    id           bigserial   primary key,
    source       text        not null,
    product      text        not null,
    issuer       text,
    asset        text        not null,
    kind         text        not null,
    trading_date date        not null,
    revision     integer     not null check (revision >= 1),
    net_flow_usd numeric     not null,
    event_id     uuid        not null,
    received_at  timestamptz not null,
    constraint flow_figure_natural_key unique (source, product, trading_date, revision)
);
create index flow_figure_asset_class on flow_figure (kind, asset);
create index flow_figure_product on flow_figure (product);

-- One figure per (source, scope, date): the latest received wins (received_at, then event id, so that any
-- delivery order ends the same).
create table holdings_figure (
    id                   bigserial   primary key,
    source               text        not null,
    scope                text        not null,
    asset                text        not null,
    date                 date        not null,
    total_net_assets_usd numeric     not null,
    event_id             uuid        not null,
    received_at          timestamptz not null,
    constraint holdings_figure_natural_key unique (source, scope, date)
);
create index holdings_figure_asset_date on holdings_figure (asset, date);

-- One point per (instrument, time): the latest received wins, as for holdings.
create table quote_point (
    instrument     text        not null,
    time           timestamptz not null,
    price_usd      numeric,
    market_cap_usd numeric,
    event_id       uuid        not null,
    received_at    timestamptz not null,
    primary key (instrument, time),
    check (price_usd is not null or market_cap_usd is not null)
);

-- Liquidations are single events: two at the same time and size are two liquidations.
create table liquidation (
    event_id     uuid        primary key,
    venue        text        not null,
    instrument   text        not null,
    side         text        not null check (side in ('long', 'short')),
    notional_usd numeric     not null,
    time         timestamptz not null,
    received_at  timestamptz not null
);
create index liquidation_venue_side_time on liquidation (venue, side, time);

-- What was last published per metric series and date, so that only changes are published again.
create table published_metric (
    series_key   text        primary key,
    fingerprint  text        not null,
    published_at timestamptz not null default now()
);

-- Metric updates to publish, written in the transaction that changed the facts; a relay publishes them with
-- publisher confirms (FOR UPDATE SKIP LOCKED) and marks them sent. Sent rows are kept for a while: they are the
-- "last published metric updates" of GET /api/v1/metrics.
create table metric_outbox (
    id          bigserial   primary key,
    event_id    uuid        not null unique,
    metric      text        not null,
    scope       text        not null,
    date        date,
    at          timestamptz not null,
    value       numeric     not null,
    routing_key text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
create index metric_outbox_unsent on metric_outbox (id) where sent_at is null;
create index metric_outbox_series on metric_outbox (metric, scope, id);
create index metric_outbox_sent_at on metric_outbox (sent_at);
