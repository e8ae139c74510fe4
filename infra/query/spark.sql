-- The shipped JSONL index as a Spark SQL table (Spark 3.x, S3A; on EMR/Databricks use s3://). Replace ${BUCKET}
-- (and "traces" if LlmIngest:Storage:S3:Prefix is not the default). Spark's JSON source reads the .jsonl.gz segments
-- (gzip by extension) one object per line. Columns are the JSON fields of LlmTraceLogLine (QueryDefinitionsTests keeps
-- them in step); the partition columns are declared last and named in PARTITIONED BY.
--
-- Types: cost_usd DECIMAL(18,10) (exact sums; the library rounds cost to 10 places). `timestamp` is TIMESTAMP: Spark's
-- default JSON timestampFormat (yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]) reads the line's "2026-12-07T22:03:32.123Z" as UTC.
-- hour is STRING so the partition value stays "07", exactly the key's text.
CREATE TABLE IF NOT EXISTS llmingest_traces (
  `schema_version` INT,
  `trace_id` STRING,
  `span_id` STRING,
  `parent_span_id` STRING,
  `step` INT,
  `session_id` STRING,
  `tenant_id` STRING,
  `user_id` STRING,
  `timestamp` TIMESTAMP,
  `provider` STRING,
  `model` STRING,
  `response_model` STRING,
  `operation` STRING,
  `function_name` STRING,
  `tags` ARRAY<STRING>,
  `prompt_tokens` INT,
  `completion_tokens` INT,
  `total_tokens` INT,
  `reasoning_tokens` INT,
  `cached_tokens` INT,
  `latency_ms` DOUBLE,
  `time_to_first_token_ms` DOUBLE,
  `tokens_per_sec` DOUBLE,
  `cost_usd` DECIMAL(18,10),
  `finish_reason` STRING,
  `error` STRING,
  `error_type` STRING,
  `error_suggestions` ARRAY<STRING>,
  `request_id` STRING,
  `response_id` STRING,
  `system_fingerprint` STRING,
  `input_preview` STRING,
  `output_preview` STRING,
  `redactions` MAP<STRING, INT>,
  `payload_key` STRING,
  `duplicate_of` STRING,
  `payload_sha256` STRING,
  `payload_bytes` BIGINT,
  `sanitized` ARRAY<STRING>,
  `payload_stored` BOOLEAN,
  `sampled_out` BOOLEAN,
  `payload_truncated` BOOLEAN,
  `media_count` INT,
  `media_bytes` BIGINT,
  `calls` INT,
  `errors` INT,
  `truncated` ARRAY<STRING>,
  `tenant` STRING,
  `dt` STRING,
  `hour` STRING
)
USING json
PARTITIONED BY (tenant, dt, hour)
LOCATION 's3a://${BUCKET}/traces/_index/';

-- Registers the partitions found under LOCATION; run again (or ALTER TABLE ... ADD PARTITION) as new hours arrive.
MSCK REPAIR TABLE llmingest_traces;
