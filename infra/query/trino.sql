-- The shipped JSONL index as a Trino table through the Hive connector (catalog "hive", any metastore: Glue, HMS).
-- Replace ${BUCKET} (and "traces" if LlmIngest:Storage:S3:Prefix is not the default). The connector reads the
-- .jsonl.gz segments as JSON lines, gzip by extension. Columns are the JSON fields of LlmTraceLogLine
-- (QueryDefinitionsTests keeps them in step); partition columns come last, as the Hive connector requires.
--
-- Types: cost_usd DECIMAL(18,10) (exact sums; the library rounds cost to 10 places). "timestamp" is VARCHAR holding
-- ISO-8601 UTC ("2026-12-07T22:03:32.123Z"), which the Hive JSON reader does not parse as TIMESTAMP: use
-- from_iso8601_timestamp("timestamp"). hour is VARCHAR so the partition value stays "07", exactly the key's text.
CREATE SCHEMA IF NOT EXISTS hive.llmingest WITH (location = 's3://${BUCKET}/traces/');

CREATE TABLE IF NOT EXISTS hive.llmingest.traces (
  schema_version INTEGER,
  trace_id VARCHAR,
  span_id VARCHAR,
  parent_span_id VARCHAR,
  step INTEGER,
  session_id VARCHAR,
  tenant_id VARCHAR,
  user_id VARCHAR,
  "timestamp" VARCHAR,
  provider VARCHAR,
  model VARCHAR,
  response_model VARCHAR,
  operation VARCHAR,
  function_name VARCHAR,
  tags ARRAY(VARCHAR),
  prompt_tokens INTEGER,
  completion_tokens INTEGER,
  total_tokens INTEGER,
  reasoning_tokens INTEGER,
  cached_tokens INTEGER,
  latency_ms DOUBLE,
  time_to_first_token_ms DOUBLE,
  tokens_per_sec DOUBLE,
  cost_usd DECIMAL(18,10),
  finish_reason VARCHAR,
  error VARCHAR,
  error_type VARCHAR,
  error_suggestions ARRAY(VARCHAR),
  request_id VARCHAR,
  response_id VARCHAR,
  system_fingerprint VARCHAR,
  input_preview VARCHAR,
  output_preview VARCHAR,
  redactions MAP(VARCHAR, INTEGER),
  payload_key VARCHAR,
  duplicate_of VARCHAR,
  payload_sha256 VARCHAR,
  payload_bytes BIGINT,
  sanitized ARRAY(VARCHAR),
  payload_stored BOOLEAN,
  sampled_out BOOLEAN,
  payload_truncated BOOLEAN,
  media_count INTEGER,
  media_bytes BIGINT,
  calls INTEGER,
  errors INTEGER,
  truncated ARRAY(VARCHAR),
  tenant VARCHAR,
  dt VARCHAR,
  hour VARCHAR
)
WITH (
  format = 'JSON',
  external_location = 's3://${BUCKET}/traces/_index/',
  partitioned_by = ARRAY['tenant', 'dt', 'hour']
);

-- New partitions (a new tenant, each new hour) are registered by listing the tree; run it on a schedule (e.g. hourly).
CALL hive.system.sync_partition_metadata('llmingest', 'traces', 'ADD');
