-- An empty table whose columns carry the declared types the views' computed columns need on SQLite
-- before 3.42 (Metabase's bundled 3.25, the stock 3.40 shell), which declares no type for an
-- expression in a view, even a CAST, but does for a scalar subquery, from its last SELECT's column.
-- A view writes a computed column as
--   (SELECT CAST(expr AS INTEGER) UNION ALL SELECT as_integer FROM view_column_types WHERE 0)
-- (see sql/10_v_reports.sql). The second arm never returns a row, and the table is never written.
CREATE TABLE view_column_types (
    id         INTEGER PRIMARY KEY,
    as_integer INTEGER,
    as_real    REAL,
    as_text    TEXT
);
