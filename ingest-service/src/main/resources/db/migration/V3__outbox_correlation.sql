-- The request that brought an event: its X-Request-Id and its W3C traceparent. The relay publishes later, outside the
-- request, and sends them with the message (header x-request-id; the trace continues in the connector's publish span
-- and its traceparent header), so that analytics' logs and traces lead back to the request. Null for pollers.
ALTER TABLE outbox ADD COLUMN request_id text, ADD COLUMN traceparent text;
