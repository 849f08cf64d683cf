CREATE VIEW v_projects AS
-- Grain: one row per project a report names.
-- Joined to its town, its report's years and the part of the report it sits in. investment is as
-- written (with investment_unit); investment_yuan is the same amount in 元 (NULL when none is given
-- or it is in another currency).
WITH
final AS (
    SELECT
        p.id AS project_id,
        p.report_id,
        p.section_id,
        r.town_id,
        t.name AS town,
        t.county,
        t.city,
        t.province,
        r.kind AS report_kind,
        r.review_year AS report_review_year,
        r.plan_year AS report_plan_year,
        s.part AS section_part,
        p.name,
        p.status,
        p.investment,
        p.investment_unit,
        p.investment_yuan,
        p.quote,
        p.char_start,
        p.char_end
    FROM projects AS p
    JOIN reports AS r ON r.id = p.report_id
    JOIN towns AS t ON t.id = r.town_id
    LEFT JOIN sections AS s ON s.id = p.section_id
)
SELECT * FROM final;
