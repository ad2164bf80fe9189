-- The enquiries as received, the ids of deleted ones, staff accounts and their sessions, and the
-- queue of group-robot notices. Times are Unix milliseconds.

-- One row per enquiry: the form's normalised fields, checked by fushen_domain::enquiry::receive.
-- `id` is the phone's own id (the Idempotency-Key); `fingerprint` (SHA-256 of the payload) tells
-- a retry of the same enquiry from another enquiry under the same id.
CREATE TABLE enquiries (
    id               TEXT PRIMARY KEY,
    reference        TEXT NOT NULL,
    fingerprint      TEXT NOT NULL,
    received_at      INTEGER NOT NULL,
    submitted_at     TEXT NOT NULL,
    page             TEXT NOT NULL,
    name             TEXT NOT NULL,
    phone            TEXT NOT NULL,
    cert_code        TEXT NOT NULL,
    cert_category    TEXT NOT NULL,
    cert_name        TEXT NOT NULL,
    district         TEXT,
    expiry_date      TEXT,
    message          TEXT,
    consent_at       TEXT NOT NULL,
    notice_version   INTEGER NOT NULL,
    status           TEXT NOT NULL DEFAULT 'new'
                     CHECK (status IN ('new', 'contacted', 'enrolled', 'invalid')),
    note             TEXT NOT NULL DEFAULT '',
    updated_at       INTEGER,
    updated_by       TEXT
);
CREATE INDEX enquiries_by_phone ON enquiries (phone, received_at);
CREATE INDEX enquiries_by_time ON enquiries (received_at);

-- Enquiries deleted on request (forget) or at the end of retention (purge): the SHA-256 of the
-- id only, so that a phone's outbox retrying one is answered 2xx and nothing is stored again.
CREATE TABLE forgotten (
    id_hash      TEXT PRIMARY KEY,
    forgotten_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- A signed-in browser: the SHA-256 of its cookie (a copy of the database gives no session) and
-- the token its forms must carry (CSRF).
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

-- New-lead notices for the group robot, written in the same transaction as the enquiry.
CREATE TABLE notices (
    id              INTEGER PRIMARY KEY,
    enquiry_id      TEXT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    line            TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    sent_at         INTEGER,
    last_error      TEXT
);
CREATE INDEX notices_due ON notices (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX notices_by_enquiry ON notices (enquiry_id);
