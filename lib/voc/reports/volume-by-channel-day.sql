-- Messages per channel and day.
-- Portable SQL: run unchanged by Athena (Trino) and DuckDB over the table/view voc_messages.
-- Parameters: ? first day, ? last day ('YYYY-MM-DD', both inclusive; dt is the day in the center's time zone, written by the analyzer).
SELECT
  dt AS day,
  channel,
  count(*) AS messages
FROM voc_messages
WHERE dt BETWEEN ? AND ?
GROUP BY dt, channel
ORDER BY day, channel
