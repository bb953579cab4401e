-- ingest-service: the product registry, the raw event log, the latest figure per key, and the outbox.

-- The funds that fund-flow events may name. Seeded from db/seed/products.csv by V2 (a Java migration),
-- then edited through PUT/DELETE /api/v1/products/{ticker}.
CREATE TABLE product (
    ticker         varchar(32)  PRIMARY KEY,
    issuer         varchar(128),
    asset          varchar(32)  NOT NULL,
    kind           varchar(32)  NOT NULL,
    inception_date date,
    updated_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX product_asset_kind ON product (asset, kind);

-- Every accepted event, exactly as it was published (and as a replay publishes it again). Never updated,
-- never deleted. Duplicates are not stored; each revision is a row of its own (the history).
CREATE TABLE event_log (
    seq         bigserial    PRIMARY KEY,
    id          uuid         NOT NULL UNIQUE,
    type        varchar(64)  NOT NULL,
    source      varchar(128) NOT NULL,
    subject     varchar(256) NOT NULL,
    routing_key varchar(512) NOT NULL,
    -- what makes two events "the same figure": e.g. flow|farside|IBIT|2026-01-29
    figure_key  text         NOT NULL,
    -- 1 for the first figure of figure_key, then 2, 3, … (for fund flows also in the event's data)
    revision    integer      NOT NULL,
    accepted_at timestamptz  NOT NULL,
    event       text         NOT NULL
);
CREATE INDEX event_log_accepted_at ON event_log (accepted_at, seq);
CREATE INDEX event_log_subject ON event_log (subject, seq);
CREATE INDEX event_log_type ON event_log (type, seq);
CREATE INDEX event_log_figure_key ON event_log (figure_key, seq);

-- The figure in force per key: decides duplicate (same figure) against revision (a different one).
CREATE TABLE latest_figure (
    figure_key text        PRIMARY KEY,
    figure     text        NOT NULL,
    revision   integer     NOT NULL,
    event_id   uuid        NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Events waiting to be relayed to RabbitMQ, in seq order. A row is marked sent only after the broker
-- confirmed it; rows are never deleted by the relay. A replay adds rows for events already logged.
CREATE TABLE outbox (
    seq        bigserial   PRIMARY KEY,
    event_id   uuid        NOT NULL REFERENCES event_log (id),
    replay     boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;
