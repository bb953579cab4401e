-- A quote change reads, per anchor time, the latest price and the latest market cap at or before it. Without these
-- partial indexes the market-cap lookup of an instrument that has none (or few) walks back through all its points.
create index if not exists quote_point_price_idx on quote_point (instrument, time) where price_usd is not null;
create index if not exists quote_point_market_cap_idx on quote_point (instrument, time) where market_cap_usd is not null;
