-- The 20 key phrases found in most negative messages.
-- Portable SQL: run unchanged by Athena (Trino) and DuckDB over the table/view voc_messages.
-- Parameters: ? first day, ? last day ('YYYY-MM-DD', both inclusive; dt is the day in the center's time zone, written by the analyzer).
SELECT
  phrase,
  count(*) AS messages
FROM voc_messages
CROSS JOIN UNNEST(key_phrases) AS t (phrase)
WHERE dt BETWEEN ? AND ? AND sentiment = 'NEGATIVE'
GROUP BY phrase
ORDER BY messages DESC, phrase
LIMIT 20
