-- The correlation id (X-Request-Id) of the request that brought an event: the relay sends it as the message header
-- x-request-id, so that analytics' logs and parked messages can be traced back to the request. Null for pollers.
ALTER TABLE outbox ADD COLUMN request_id text;
