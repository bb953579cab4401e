-- alert-service: rules, channels and silences (managed through the API); per rule and series the evaluation
-- state; the history of transitions and notifications; the delivery outbox with every attempt; the outbox of
-- transition events for flowwatch.alerts; metric messages that could not be processed (parked).

create table rule (
    id          text primary key,
    name        text        not null,
    metric      text        not null,
    scope       text        not null,
    definition  text        not null, -- the rule as the API shows it (JSON)
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index rule_selector on rule (metric, scope);

create table channel (
    id          text primary key,
    type        text        not null check (type in ('webhook', 'email')),
    url         text,
    secret      text,        -- whsec_…: the HMAC key, needed in clear to sign
    email_to    text,        -- JSON array of addresses
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create table silence (
    id          text primary key,
    matchers    text        not null, -- JSON array of {label, op, value}
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    created_by  text,
    comment     text,
    created_at  timestamptz not null
);
create index silence_ends_at on silence (ends_at);

create table series_state (
    rule_id           text        not null references rule (id) on delete cascade,
    series            text        not null,
    state             text        not null,
    active_since      timestamptz,
    firing_since      timestamptz,
    last_notified_at  timestamptz,
    episode           integer     not null,
    repeats_sent      integer     not null,
    last_value        numeric,
    last_seen_at      timestamptz,
    keep_firing_since timestamptz,
    last_inputs       text,
    labels            jsonb       not null,
    updated_at        timestamptz not null,
    primary key (rule_id, series)
);
create index series_state_firing on series_state (rule_id) where state = 'FIRING';

-- Every state change, kept for good (no foreign key: history outlives a deleted rule).
create table alert_transition (
    id          uuid primary key, -- stable: rule, series, episode, from, to, at
    rule_id     text        not null,
    rule_name   text        not null,
    series      text        not null,
    from_state  text        not null,
    to_state    text        not null,
    at          timestamptz not null, -- metric time
    value       numeric,
    episode     integer     not null,
    severity    text        not null,
    labels      jsonb       not null,
    message     text        not null,
    recorded_at timestamptz not null default now()
);
create index alert_transition_at on alert_transition (at);
create index alert_transition_rule on alert_transition (rule_id, at);

create table notification (
    id          uuid primary key, -- Notification.idFor(rule, series, episode, kind): receivers de-duplicate on it
    rule_id     text        not null,
    rule_name   text        not null,
    series      text        not null,
    kind        text        not null, -- firing, repeat-N, resolved
    episode     integer     not null,
    at          timestamptz not null, -- metric time
    severity    text        not null,
    labels      jsonb       not null,
    channels    jsonb       not null,
    message     text        not null,
    value       numeric,
    metric      text        not null,
    scope       text        not null,
    date        date,
    context     jsonb       not null,
    status      text        not null, -- queued, silenced, inhibited
    reason      text,
    created_at  timestamptz not null default now()
);
create index notification_at on notification (at);
create index notification_rule on notification (rule_id, at);

-- The delivery outbox: one row per (notification or group of notifications, channel).
create table delivery (
    id               uuid primary key, -- stable: derived from the (first) notification id and the channel
    channel_id       text        not null,
    group_key        text        not null,
    status           text        not null check (status in ('pending', 'sending', 'delivered', 'parked')),
    attempts         integer     not null default 0, -- attempts since created or last replayed
    first_attempt_at timestamptz,
    next_attempt_at  timestamptz not null,
    group_open_until timestamptz, -- while in the future, notifications of the same group may join
    claim            uuid,        -- the worker that holds the row while it sends
    last_error       text,
    delivered_at     timestamptz,
    parked_at        timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index delivery_due on delivery (next_attempt_at) where status in ('pending', 'sending');
create index delivery_open_group on delivery (channel_id, group_key) where status = 'pending' and attempts = 0;
create index delivery_parked on delivery (parked_at) where status = 'parked';

create table delivery_member (
    delivery_id     uuid not null references delivery (id) on delete cascade,
    notification_id uuid not null references notification (id),
    primary key (delivery_id, notification_id)
);
create index delivery_member_notification on delivery_member (notification_id);

create table delivery_attempt (
    id          bigserial primary key,
    delivery_id uuid        not null references delivery (id) on delete cascade,
    attempt     integer     not null,
    started_at  timestamptz not null,
    duration_ms integer     not null,
    outcome     text        not null check (outcome in ('delivered', 'failed')),
    status_code integer,
    error       text
);
create index delivery_attempt_delivery on delivery_attempt (delivery_id, attempt);

-- Transition events for the gateway's live stream, relayed to flowwatch.alerts with publisher confirms.
create table transition_outbox (
    id           uuid primary key, -- the event id (= the transition id)
    routing_key  text        not null,
    payload      text        not null, -- the Event<AlertTransition> JSON
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index transition_outbox_unpublished on transition_outbox (created_at) where published_at is null;

-- Metric events already evaluated (by event id), written in the evaluation's transaction: a redelivered event is
-- skipped whole. Pruned after flowwatch.alert.retention.
create table processed_event (
    id           uuid primary key,
    processed_at timestamptz not null default now()
);
create index processed_event_at on processed_event (processed_at);

-- Metric messages that could not be processed: drained from the parking queue, replayable through the API.
create table parked_message (
    id           uuid primary key, -- name-based on the body, so the same message parked twice is one row
    queue        text        not null,
    routing_key  text,
    body         text        not null,
    headers      jsonb       not null,
    reason       text,        -- x-first-death-reason: rejected, delivery_limit, …
    error        text,        -- what the consumer said, when it gave up
    times_parked integer     not null default 1,
    status       text        not null check (status in ('parked', 'replayed')),
    parked_at    timestamptz not null default now(),
    replayed_at  timestamptz,
    replay_error text
);
create index parked_message_status on parked_message (status, parked_at);
