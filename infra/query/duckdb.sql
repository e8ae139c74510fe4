-- The shipped JSONL index as a DuckDB view, on a local copy of the tree or straight from the bucket.
-- Replace ${INDEX_ROOT} with the folder or URL that holds tenant=*/ — the `_index` folder:
--   local copy:  aws s3 sync s3://BUCKET/traces/_index/ ./index/   then  ${INDEX_ROOT} = ./index
--   in place:    INSTALL httpfs; LOAD httpfs; CREATE SECRET (TYPE s3, ...);  ${INDEX_ROOT} = s3://BUCKET/traces/_index
-- hive_partitioning turns the key's tenant=/dt=/hour= folders into columns, and a WHERE on them skips whole folders.
-- The columns are given explicitly (the JSON fields of LlmTraceLogLine; QueryDefinitionsTests keeps them in step), so
-- types never depend on which lines DuckDB samples. cost_usd is DECIMAL(18,10): exact sums (the library rounds cost to
-- 10 places); "timestamp" is TIMESTAMPTZ (the line's ISO-8601 UTC). DuckDbIndexQueryTests runs this file.
CREATE OR REPLACE VIEW traces AS
SELECT * FROM read_json_auto(
  '${INDEX_ROOT}/tenant=*/dt=*/hour=*/*.jsonl.gz',
  format = 'newline_delimited',
  hive_partitioning = true,
  hive_types = {'tenant': VARCHAR, 'dt': DATE, 'hour': INTEGER},
  columns = {
    schema_version: 'INTEGER',
    trace_id: 'VARCHAR',
    span_id: 'VARCHAR',
    parent_span_id: 'VARCHAR',
    step: 'INTEGER',
    session_id: 'VARCHAR',
    tenant_id: 'VARCHAR',
    user_id: 'VARCHAR',
    "timestamp": 'TIMESTAMPTZ',
    provider: 'VARCHAR',
    model: 'VARCHAR',
    response_model: 'VARCHAR',
    operation: 'VARCHAR',
    function_name: 'VARCHAR',
    tags: 'VARCHAR[]',
    prompt_tokens: 'INTEGER',
    completion_tokens: 'INTEGER',
    total_tokens: 'INTEGER',
    reasoning_tokens: 'INTEGER',
    cached_tokens: 'INTEGER',
    latency_ms: 'DOUBLE',
    time_to_first_token_ms: 'DOUBLE',
    tokens_per_sec: 'DOUBLE',
    cost_usd: 'DECIMAL(18,10)',
    finish_reason: 'VARCHAR',
    error: 'VARCHAR',
    error_type: 'VARCHAR',
    error_suggestions: 'VARCHAR[]',
    request_id: 'VARCHAR',
    response_id: 'VARCHAR',
    system_fingerprint: 'VARCHAR',
    input_preview: 'VARCHAR',
    output_preview: 'VARCHAR',
    redactions: 'MAP(VARCHAR, INTEGER)',
    payload_key: 'VARCHAR',
    duplicate_of: 'VARCHAR',
    payload_sha256: 'VARCHAR',
    payload_bytes: 'BIGINT',
    sanitized: 'VARCHAR[]',
    payload_stored: 'BOOLEAN',
    sampled_out: 'BOOLEAN',
    payload_truncated: 'BOOLEAN',
    media_count: 'INTEGER',
    media_bytes: 'BIGINT',
    calls: 'INTEGER',
    errors: 'INTEGER',
    truncated: 'VARCHAR[]'
  }
);
