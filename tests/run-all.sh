#!/usr/bin/env bash
# Runs every test of LlmIngest on this machine, setting up what the tests need:
# - an S3 server: LLMINGEST_TEST_S3_ENDPOINT if set; else the integration fixture uses Testcontainers (minio/minio)
#   when a Docker engine answers; else this script installs (apt, as root) and starts a one-node Ceph radosgw
#   on loopback, and stops it at the end.
# - the .NET SDK must be on PATH (global.json: any 10.0 SDK); NuGet packages are restored from the configured feed.
# - `dotnet format --verify-no-changes` runs first: code that breaks .editorconfig fails the run.
# Prints a closing line "tests: N passed, N failed, N skipped" and exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# The report test renders HTML in headless Chromium; the stats test measures memory with /usr/bin/time.
if ! command -v chromium >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "run-all: installing chromium and time (Debian packages) for the CLI tests." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium time >&2
  else
    echo "run-all: chromium or /usr/bin/time is missing and this is not root with apt: the CLI report/stats tests will fail." >&2
  fi
fi

started_ceph=0
stop_ceph() {
  if [ "$started_ceph" = 1 ]; then
    tests/s3server/ceph-rgw.sh stop >&2 || true
  fi
}
trap stop_ceph EXIT

if [ -z "${LLMINGEST_TEST_S3_ENDPOINT:-}" ]; then
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    echo "run-all: a Docker engine answers; the integration tests start MinIO with Testcontainers." >&2
  else
    echo "run-all: no S3 endpoint configured and no Docker engine: starting Ceph radosgw on loopback." >&2
    start_log="$(mktemp)"
    exports="$(tests/s3server/ceph-rgw.sh start 2>"$start_log")" || { cat "$start_log" >&2; exit 1; }
    cat "$start_log" >&2
    eval "$exports"
    # Stop it at the end only if this run built it: a cluster that was already running belongs to someone else.
    if ! grep -q "reusing running cluster" "$start_log"; then
      started_ceph=1
    fi
    rm -f "$start_log"
  fi
fi

# The house rules in .editorconfig (layout, naming, whitespace): a change that breaks them fails here, before the
# tests. `dotnet format LlmIngest.sln` applies them.
echo "run-all: dotnet format --verify-no-changes" >&2
dotnet format LlmIngest.sln --verify-no-changes \
  || { echo "run-all: code does not follow .editorconfig; run 'dotnet format LlmIngest.sln' and commit" >&2; exit 1; }

log="$(mktemp)"
set +e
dotnet test LlmIngest.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 100, Skipped: 0, ..."
read -r passed failed skipped < <(awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ {
  for (i = 1; i <= NF; i++) {
    if ($i ~ /Failed$/) f += $(i+1); if ($i ~ /Passed$/) p += $(i+1); if ($i ~ /Skipped$/) s += $(i+1)
  }
} END { print p+0, f+0, s+0 }' "$log")
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi

# In CI (or with LLMINGEST_BENCH_SMOKE=1), a smoke run of the benchmarks so they never rot: every BenchmarkDotNet
# benchmark once (dry job: no figures, it proves each builds, runs and passes its own checks), and the load drivers on
# a small count. About two minutes. The figures come from the documented commands in docs/benchmarks.md.
if [ "${CI:-}" = "true" ] || [ "${LLMINGEST_BENCH_SMOKE:-}" = "1" ]; then
  bench=(dotnet run -c Release --project bench/LlmIngest.Benchmarks --)
  "${bench[@]}" --filter '*' --job dry --artifacts "$(mktemp -d)" > /tmp/llmingest-bench-smoke.log 2>&1 \
    || { tail -50 /tmp/llmingest-bench-smoke.log >&2; echo "bench smoke: BenchmarkDotNet run failed" >&2; exit 1; }
  "${bench[@]}" memory-drop --count 20000 --capacity 1000 > /dev/null || { echo "bench smoke: memory-drop failed" >&2; exit 1; }
  if [ -n "${LLMINGEST_TEST_S3_ENDPOINT:-}" ]; then
    "${bench[@]}" e2e --count 400 --rounds 2 > /dev/null || { echo "bench smoke: e2e failed" >&2; exit 1; }
    "${bench[@]}" spool-replay --count 300 --rounds 1 > /dev/null || { echo "bench smoke: spool-replay failed" >&2; exit 1; }
  fi
  echo "bench smoke: every benchmark and load driver ran"
fi
