-- API keys, stored as SHA-256 hashes (keys are 256-bit random, so a fast hash suffices).
CREATE TABLE api_key (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('reader', 'writer', 'admin')),
    key_prefix  text        NOT NULL,
    key_hash    text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

-- Several gateway replicas may start on an empty database at once: only one may issue the first admin key.
CREATE UNIQUE INDEX api_key_one_bootstrap_admin ON api_key (name) WHERE name = 'bootstrap-admin';
