-- Customers whose sentiment declined over their last contacts: among each customer's 6 most recent
-- analyzed messages in the range (at least 4), the average score (positive minus negative) of the
-- newest 3 is at least 0.3 below the average of the older ones.
-- "at" is quoted: it is a keyword in DuckDB (standard double-quoted identifiers work in both engines).
-- Portable SQL: run unchanged by Athena (Trino) and DuckDB over the table/view voc_messages.
-- Parameters: ? first day, ? last day ('YYYY-MM-DD', both inclusive; dt is the day in the center's time zone, written by the analyzer).
WITH ranked AS (
  SELECT
    customer_id,
    tier,
    "at",
    score_positive - score_negative AS net_score,
    row_number() OVER (PARTITION BY customer_id ORDER BY "at" DESC, source_id DESC) AS recency
  FROM voc_messages
  WHERE dt BETWEEN ? AND ? AND customer_id IS NOT NULL AND sentiment IS NOT NULL
),
recent AS (
  SELECT
    customer_id,
    max(tier) AS tier,
    count(*) AS contacts,
    avg(CASE WHEN recency > 3 THEN net_score END) AS earlier_score,
    avg(CASE WHEN recency <= 3 THEN net_score END) AS recent_score,
    max("at") AS last_contact_at
  FROM ranked
  WHERE recency <= 6
  GROUP BY customer_id
)
SELECT
  customer_id,
  tier,
  contacts,
  round(earlier_score, 4) AS earlier_score,
  round(recent_score, 4) AS recent_score,
  round(recent_score - earlier_score, 4) AS score_change,
  last_contact_at
FROM recent
WHERE contacts >= 4 AND recent_score - earlier_score <= -0.3
ORDER BY score_change, customer_id
