-- The team's deletions log: customers deleted or merged away on the devices, as each
-- device's deletions log records them (what, how, into which customer, who, which device,
-- when; no name, phone or note), sent at sync. A manager reads their team's, an admin all.

CREATE TABLE deletions (
    device_id    text NOT NULL,
    entity       text NOT NULL,
    id           text NOT NULL,
    kind         text NOT NULL,
    merged_into  text,
    -- The user whose token sent it (the device's own author field is only a copy).
    author       text NOT NULL REFERENCES users (id),
    -- The author's team when it was received (none for an admin).
    team         text,
    at           timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, entity, id, kind)
);
CREATE INDEX deletions_by_team ON deletions (team, at DESC);
