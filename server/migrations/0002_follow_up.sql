-- The staff's follow-up: a next-contact date on each enquiry, an append-only history of every
-- status change and note (who and when), and the indexes the inbox's search and filters use.

-- 下次联系: a China date, YYYY-MM-DD; NULL when none is set.
ALTER TABLE enquiries ADD COLUMN follow_up_on TEXT;

-- One row per change staff made: the status it was set to, the note written, the follow-up
-- date set (NULL where that part did not change; follow_up_cleared when the date was removed).
-- Deleted with its enquiry (forget, retention); never edited.
CREATE TABLE history (
    id                INTEGER PRIMARY KEY,
    enquiry_id        TEXT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    at                INTEGER NOT NULL,
    by_staff          TEXT NOT NULL,
    status            TEXT CHECK (status IN ('new', 'contacted', 'enrolled', 'invalid')),
    note              TEXT,
    follow_up_on      TEXT,
    follow_up_cleared INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX history_by_enquiry ON history (enquiry_id, at);
CREATE TRIGGER history_is_append_only BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

-- The staff's earlier single note and last change become the first history entry.
INSERT INTO history (enquiry_id, at, by_staff, status, note)
SELECT id, updated_at, updated_by, status, NULLIF(note, '')
FROM enquiries WHERE updated_at IS NOT NULL AND updated_by IS NOT NULL;

-- Which fushen-server last opened the database: an older one refused by a newer database says
-- which version wrote it.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The inbox (server/src/db/inbox.rs): a reference number and the last four digits of a phone
-- are looked up; new enquiries and due follow-ups are read in order; words (part of a name, a
-- certificate type) are searched in a narrow covering index rather than the whole rows; the
-- season reads its weeks from another.
CREATE INDEX enquiries_by_reference ON enquiries (reference);
CREATE INDEX enquiries_by_phone_tail ON enquiries (substr(phone, 8), received_at);
CREATE INDEX enquiries_by_status ON enquiries (status, received_at);
CREATE INDEX enquiries_by_follow_up ON enquiries (follow_up_on, received_at)
    WHERE follow_up_on IS NOT NULL;
CREATE INDEX enquiries_by_expiry ON enquiries (expiry_date) WHERE expiry_date IS NOT NULL;
CREATE INDEX enquiries_for_words ON enquiries
    (name, cert_name, cert_category, reference, phone, cert_code, expiry_date, status,
     follow_up_on, received_at);
CREATE INDEX enquiries_for_season ON enquiries (received_at, cert_category, status);
