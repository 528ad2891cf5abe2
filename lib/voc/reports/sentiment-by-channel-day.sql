-- Sentiment mix and average score (positive minus negative, -1..1) per channel and day.
-- Portable SQL: run unchanged by Athena (Trino) and DuckDB over the table/view voc_messages.
-- Parameters: ? first day, ? last day ('YYYY-MM-DD', both inclusive; dt is the day in the center's time zone, written by the analyzer).
SELECT
  dt AS day,
  channel,
  count(*) AS messages,
  sum(CASE WHEN sentiment = 'POSITIVE' THEN 1 ELSE 0 END) AS positive,
  sum(CASE WHEN sentiment = 'NEGATIVE' THEN 1 ELSE 0 END) AS negative,
  sum(CASE WHEN sentiment = 'NEUTRAL' THEN 1 ELSE 0 END) AS neutral,
  sum(CASE WHEN sentiment = 'MIXED' THEN 1 ELSE 0 END) AS mixed,
  round(avg(score_positive - score_negative), 4) AS avg_score
FROM voc_messages
WHERE dt BETWEEN ? AND ? AND sentiment IS NOT NULL
GROUP BY dt, channel
ORDER BY day, channel
