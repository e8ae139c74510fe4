-- The shipped JSONL index as an Athena (Glue Data Catalog) table, read in place: no crawler, no MSCK REPAIR.
-- Replace ${BUCKET} (and "traces" if LlmIngest:Storage:S3:Prefix is not the default), then run in the Athena console
-- or `aws athena start-query-execution`. Objects: s3://${BUCKET}/traces/_index/tenant=T/dt=yyyy-MM-dd/hour=HH/*.jsonl.gz
-- (gzip is read by the .gz extension). One row per line of the local logs: the columns are the JSON fields of
-- LlmTraceLogLine (README "the JSONL line"); QueryDefinitionsTests fails when a field is added to it and not here.
--
-- Types: cost_usd is DECIMAL(18,10), not DOUBLE: the library rounds cost to 10 decimal places, and SUM over millions
-- of rows stays exact in DECIMAL (a DOUBLE sum drifts in the last cents and differs from `llmtrace stats`).
-- "timestamp" is STRING holding ISO-8601 UTC with milliseconds ("2026-12-07T22:03:32.123Z"): Hive TIMESTAMP parsing in
-- the JSON SerDes expects "yyyy-MM-dd HH:mm:ss", so read it with from_iso8601_timestamp("timestamp").
-- Partitions are projected: tenant is injected (every query names its tenant: WHERE tenant = 'acme', which is also what
-- the tenant-reader IAM policy allows), dt is a date range, hour an integer 00-23.
-- SerDe: OpenX reads every line shape the library writes (maps, arrays, absent fields as NULL). Athena's documentation
-- warns that OpenX results can be non-deterministic in some cases and names the Hive JSON SerDe as the workaround: the
-- same DDL works with ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe' if you see that.
CREATE EXTERNAL TABLE IF NOT EXISTS llmingest_traces (
  `schema_version` INT,
  `trace_id` STRING,
  `span_id` STRING,
  `parent_span_id` STRING,
  `step` INT,
  `session_id` STRING,
  `tenant_id` STRING,
  `user_id` STRING,
  `timestamp` STRING,
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
  `redactions` MAP<STRING,INT>,
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
  `truncated` ARRAY<STRING>
)
PARTITIONED BY (`tenant` STRING, `dt` STRING, `hour` INT)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://${BUCKET}/traces/_index/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.tenant.type' = 'injected',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2025-01-01,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://${BUCKET}/traces/_index/tenant=${tenant}/dt=${dt}/hour=${hour}/'
);
