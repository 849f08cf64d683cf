-- A term list of the warehouse's own (`gwr terms FILE`). While this table has its row, opening the
-- warehouse keeps policy_terms as they are instead of setting them to the list gwr ships, and the
-- reports a load adds are counted for the warehouse's list when the load ends.
CREATE TABLE policy_terms_source (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    -- The file the list was read from, as given.
    source TEXT NOT NULL,
    set_at TEXT NOT NULL
);

-- Reports stored while the warehouse counts its own list: the load counted them for the shipped
-- list, so they are counted again for the warehouse's list (when the load ends, or at the next
-- open after a killed load). Marked by the trigger in the transaction that stores the report.
CREATE TABLE report_terms_pending (
    report_id INTEGER PRIMARY KEY
);
CREATE TRIGGER reports_terms_pending AFTER INSERT ON reports
WHEN EXISTS (SELECT 1 FROM policy_terms_source)
BEGIN
    INSERT OR IGNORE INTO report_terms_pending (report_id) VALUES (NEW.id);
END;
