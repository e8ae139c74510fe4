#!/usr/bin/env bash
# Start/stop a real one-node Ceph radosgw (S3-compatible server) on loopback for the test suite.
#
#   ceph-rgw.sh start     [STATE_DIR]   build (or reuse) the cluster; prints `export ...` lines on stdout
#   ceph-rgw.sh stop      [STATE_DIR]   stop rgw, osd, mon (TERM by pid file, then KILL after ~15 s)
#   ceph-rgw.sh stop-rgw  [STATE_DIR]   stop only the gateway (simulate an S3 outage)
#   ceph-rgw.sh start-rgw [STATE_DIR]   restart only the gateway and wait until it answers
#   ceph-rgw.sh status    [STATE_DIR]   exit 0 if the gateway answers
#
# STATE_DIR defaults to ${LLMINGEST_S3_STATE:-/tmp/llmingest-ceph}.
# Only the `start` command writes to stdout (the env lines); everything else goes to stderr, so
#   eval "$(tests/s3server/ceph-rgw.sh start)"
# works. See README.md next to this file and /work/shared/S3-IN-TESTS.md for the recipe.
set -euo pipefail

readonly SCRIPT_NAME="ceph-rgw.sh"
readonly MON_ID="a"
readonly RGW_NAME="client.rgw.llmingest"
readonly REGION="us-east-1"
readonly MARKER=".llmingest-ceph-state"
readonly READY_TIMEOUT="${LLMINGEST_S3_READY_TIMEOUT:-90}"   # seconds, whole start
readonly STOP_TIMEOUT=15                                        # seconds per daemon
readonly MON_V2_PORT="${LLMINGEST_CEPH_MON_V2_PORT:-3300}"
readonly MON_V1_PORT="${LLMINGEST_CEPH_MON_V1_PORT:-6789}"
readonly MEMSTORE_BYTES="${LLMINGEST_CEPH_MEMSTORE_BYTES:-4294967296}"   # 4 GiB, RAM-backed
readonly PACKAGES=(ceph-mon ceph-osd radosgw ceph-common uuid-runtime curl)
readonly NEEDED_CMDS=(radosgw radosgw-admin ceph ceph-mon ceph-osd ceph-authtool monmaptool uuidgen curl)

log()  { printf '[%s +%ss] %s\n' "$SCRIPT_NAME" "$SECONDS" "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }

usage() {
  cat >&2 <<EOF
usage: $SCRIPT_NAME {start|stop|stop-rgw|start-rgw|status} [STATE_DIR]
  STATE_DIR defaults to \${LLMINGEST_S3_STATE:-/tmp/llmingest-ceph}
  env: LLMINGEST_S3_PORT (7480), LLMINGEST_S3_ACCESS_KEY, LLMINGEST_S3_SECRET_KEY
EOF
  exit 2
}

# ---------------------------------------------------------------- paths / parameters

abs_path() {
  # Absolute, normalised path without requiring it to exist (works from any cwd).
  local p="$1"
  [[ "$p" == /* ]] || p="$PWD/$p"
  realpath -m -- "$p"
}

set_paths() {
  STATE="$(abs_path "${1:-${LLMINGEST_S3_STATE:-/tmp/llmingest-ceph}}")"
  [[ "$STATE" != "/" ]] || die "refusing to use / as the state dir"
  CONF="$STATE/ceph.conf"
  RUN="$STATE/run"
  LOGDIR="$STATE/log"
  PARAMS="$STATE/params"
  ENV_FILE="$STATE/env"
  ADMIN_KEYRING="$STATE/keyring"
  RGW_KEYRING="$STATE/rgw/keyring"
  INSTALL_LOG="$STATE/install.log"
  LOCK_FILE="$STATE.lock"
}

# Requested parameters (from the environment); for an existing cluster, `params` wins.
requested_params() {
  PORT="${LLMINGEST_S3_PORT:-7480}"
  ACCESS_KEY="${LLMINGEST_S3_ACCESS_KEY:-llmingest-test-ak}"
  SECRET_KEY="${LLMINGEST_S3_SECRET_KEY:-llmingest-test-secret-key-0000000000}"
  if ! [[ "$PORT" =~ ^[1-9][0-9]{0,4}$ ]] || (( PORT > 65535 )); then
    die "invalid LLMINGEST_S3_PORT: $PORT"
  fi
}

# Parameters of the cluster that lives in STATE (written at build time).
load_params() {
  [[ -f "$PARAMS" ]] || return 1
  local line k v
  while IFS= read -r line; do
    k="${line%%=*}"; v="${line#*=}"
    case "$k" in
      PORT) PORT="$v" ;;
      ACCESS_KEY) ACCESS_KEY="$v" ;;
      SECRET_KEY) SECRET_KEY="$v" ;;
    esac
  done < "$PARAMS"
  return 0
}

take_lock() {
  mkdir -p -- "$(dirname -- "$LOCK_FILE")"
  exec 9>"$LOCK_FILE"
  if ! flock -w 300 9; then die "could not lock $LOCK_FILE within 300 s (another $SCRIPT_NAME running?)"; fi
}

# ---------------------------------------------------------------- process helpers

# Prints the pid recorded in a pid file if that process is alive, not a zombie, and is a daemon of
# THIS state dir (its command line names our ceph.conf). Never matches by process name alone.
live_pid() {
  local pidfile="$1" pid state cmdline
  [[ -f "$pidfile" ]] || return 1
  pid="$( { tr -dc '0-9' < "$pidfile"; } 2>/dev/null || true)"
  [[ -n "$pid" ]] || return 1
  [[ -r "/proc/$pid/stat" ]] || return 1
  state="$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != "Z" && "$state" != "X" ]] || return 1
  cmdline="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *"$CONF"* ]] || return 1
  printf '%s\n' "$pid"
}

pid_file_of() { printf '%s/%s.pid\n' "$RUN" "$1"; }   # $1 = mon.a | osd.0 | client.rgw.llmingest

# stop_daemon NAME: TERM by pid file, wait up to STOP_TIMEOUT, then KILL.
stop_daemon() {
  local name="$1" pidfile pid i
  pidfile="$(pid_file_of "$name")"
  if ! pid="$(live_pid "$pidfile")"; then
    rm -f -- "$pidfile"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < STOP_TIMEOUT * 10; i++ )); do
    live_pid "$pidfile" >/dev/null || break
    sleep 0.1
  done
  if live_pid "$pidfile" >/dev/null; then
    log "$name did not exit within ${STOP_TIMEOUT}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for (( i = 0; i < 50; i++ )); do
      live_pid "$pidfile" >/dev/null || break
      sleep 0.1
    done
    live_pid "$pidfile" >/dev/null && die "$name (pid $pid) survived SIGKILL"
  fi
  rm -f -- "$pidfile"
}

stop_all() {
  [[ -d "$STATE" ]] || return 0
  stop_daemon "$RGW_NAME"
  stop_daemon "osd.0"
  stop_daemon "mon.$MON_ID"
}

# Launch a ceph daemon (they daemonize themselves and write their pid file). Its stdio must not
# keep the caller's pipes open (`eval "$(... start)"` would hang) nor inherit our lock fd 9.
launch() {
  local out="$LOGDIR/$1.stdout"; shift
  setsid -w "$@" -c "$CONF" </dev/null >>"$out" 2>&1 9>&-
}

port_open() {  # is something listening on 127.0.0.1:$1 ?
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ---------------------------------------------------------------- S3 helpers

http_code() {  # anonymous request; prints the HTTP code, 000 if nothing answered
  curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$PORT/" 2>/dev/null || true
}

gateway_answers() {
  local c; c="$(http_code)"
  [[ -n "$c" && "$c" != "000" ]]
}

s3() {  # s3 METHOD PATH [extra curl args...]; prints the HTTP code
  local method="$1" path="$2"; shift 2
  curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X "$method" \
    --aws-sigv4 "aws:amz:$REGION:s3" -u "$ACCESS_KEY:$SECRET_KEY" \
    -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' \
    "$@" "http://127.0.0.1:$PORT$path" 2>/dev/null || true
}

# ---------------------------------------------------------------- diagnostics

show_tail() {  # show_tail FILE [N]
  local f="$1" n="${2:-40}"
  [[ -s "$f" ]] || return 0
  printf '%s\n' "----- last $n lines of $f -----" >&2
  tail -n "$n" -- "$f" >&2 || true
}

# Logs relevant to the current stage (set as the build progresses); shown when a stage fails.
STAGE_LOGS=()
BUILDING=0

show_logs() {
  local f
  for f in "${STAGE_LOGS[@]}" "$STATE/setup.log"; do
    [[ -e "$f" ]] && show_tail "$f" 30
  done
  return 0
}

fail_start() {
  log "ERROR: $*"
  show_logs
  if (( BUILDING )); then
    log "stopping the half-built cluster (logs kept in $LOGDIR)"
    stop_all || true
  fi
  log "ERROR: $* (state dir: $STATE)"
  exit 1
}

# Remaining seconds before the start deadline.
remaining() { echo $(( DEADLINE - SECONDS )); }

wait_until() {  # wait_until DESCRIPTION COMMAND...   (polls until COMMAND succeeds or the deadline)
  local what="$1"; shift
  until "$@"; do
    (( SECONDS < DEADLINE )) || fail_start "timed out after ${READY_TIMEOUT}s waiting for $what"
    sleep 0.25
  done
}

# Run a setup command, logging its output; on failure show the logs and exit.
run() {
  if ! "$@" >>"$STATE/setup.log" 2>&1 </dev/null 9>&-; then
    fail_start "command failed: $*"
  fi
}

cephc() {  # ceph CLI against our cluster, bounded in time
  timeout 30 ceph -c "$CONF" --connect-timeout 20 "$@" </dev/null 9>&-
}

# ---------------------------------------------------------------- install

ensure_packages() {
  local missing=() c
  for c in "${NEEDED_CMDS[@]}"; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
  (( ${#missing[@]} == 0 )) && return 0
  [[ "$(id -u)" == 0 ]] || die "missing ${missing[*]}; run as root (or install: apt-get install ${PACKAGES[*]})"
  log "installing Debian packages (${PACKAGES[*]}); log: $INSTALL_LOG"
  local t0=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"; } \
       >"$INSTALL_LOG" 2>&1 </dev/null 9>&-; then
    log "ERROR: package installation failed"
    show_tail "$INSTALL_LOG" 40
    exit 1
  fi
  for c in "${NEEDED_CMDS[@]}"; do
    command -v "$c" >/dev/null 2>&1 || { show_tail "$INSTALL_LOG" 40; die "$c still missing after install"; }
  done
  log "installed $(dpkg-query -W -f='radosgw ${Version}' radosgw 2>/dev/null || echo packages) in $(( SECONDS - t0 ))s"
}

# ---------------------------------------------------------------- build

wipe_state() {
  if [[ -d "$STATE" ]] && [[ -n "$(ls -A -- "$STATE")" ]] && [[ ! -e "$STATE/$MARKER" ]]; then
    die "$STATE exists, is not empty and was not created by $SCRIPT_NAME; refusing to wipe it"
  fi
  rm -rf -- "$STATE"
  mkdir -p -- "$STATE" "$RUN" "$LOGDIR" "$STATE/mon" "$STATE/osd/0" "$STATE/rgw" "$STATE/crash"
  : > "$STATE/$MARKER"
}

write_conf() {
  local fsid="$1"
  cat > "$CONF" <<EOF
# Generated by $SCRIPT_NAME: throwaway one-node Ceph cluster for tests. Do not use for anything else.
[global]
fsid = $fsid
mon initial members = $MON_ID
mon host = [v2:127.0.0.1:$MON_V2_PORT,v1:127.0.0.1:$MON_V1_PORT]
public addr = 127.0.0.1
cluster addr = 127.0.0.1
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = $ADMIN_KEYRING
run dir = $RUN
pid file = $RUN/\$name.pid
log file = $LOGDIR/\$name.log
crash dir = $STATE/crash
mon cluster log file = $LOGDIR/cluster.log
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
mon data avail warn = 1
mon data avail crit = 0
# A single test mon: commit map changes quickly (default 1 s per proposal; rgw makes ~12 of them
# creating its pools at startup and on the first bucket/object).
paxos propose interval = 0.05

[mon]
mon data = $STATE/mon/\$id
admin socket = $RUN/\$name.asok

[osd]
osd data = $STATE/osd/\$id
keyring = $STATE/osd/\$id/keyring
admin socket = $RUN/\$name.asok
osd objectstore = memstore
memstore device bytes = $MEMSTORE_BYTES

[$RGW_NAME]
keyring = $RGW_KEYRING
admin socket = $RUN/\$name.asok
rgw data = $STATE/rgw
rgw frontends = beast endpoint=127.0.0.1:$PORT tcp_nodelay=1
rgw crypt require ssl = false
EOF
}

osd_up() {
  local out
  out="$(cephc osd stat 2>/dev/null)" || return 1
  [[ "$out" == *"1 up"* ]]
}

mon_answers() { cephc mon stat >/dev/null 2>&1; }

start_rgw_daemon() {
  STAGE_LOGS=("$LOGDIR/$RGW_NAME.log" "$LOGDIR/$RGW_NAME.stdout")
  launch "$RGW_NAME" radosgw -n "$RGW_NAME" --keyring "$RGW_KEYRING" \
    || fail_start "radosgw failed to start"
  wait_until "radosgw to answer on 127.0.0.1:$PORT" gateway_answers
}

build_cluster() {
  local fsid osd_uuid osd_key osd_id
  fsid="$(uuidgen)"
  write_conf "$fsid"
  printf 'PORT=%s\nACCESS_KEY=%s\nSECRET_KEY=%s\n' "$PORT" "$ACCESS_KEY" "$SECRET_KEY" > "$PARAMS"
  chmod 600 "$PARAMS"

  # --- monitor
  log "creating monitor"
  run ceph-authtool --create-keyring "$STATE/mon.keyring" --gen-key -n mon. --cap mon 'allow *'
  run ceph-authtool --create-keyring "$ADMIN_KEYRING" --gen-key -n client.admin \
        --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' --cap mgr 'allow *'
  run ceph-authtool "$STATE/mon.keyring" --import-keyring "$ADMIN_KEYRING"
  run monmaptool --create --fsid "$fsid" \
        --addv "$MON_ID" "[v2:127.0.0.1:$MON_V2_PORT,v1:127.0.0.1:$MON_V1_PORT]" "$STATE/monmap"
  run ceph-mon -c "$CONF" --mkfs -i "$MON_ID" --monmap "$STATE/monmap" --keyring "$STATE/mon.keyring"
  STAGE_LOGS=("$LOGDIR/mon.$MON_ID.log" "$LOGDIR/mon.$MON_ID.stdout")
  launch "mon.$MON_ID" ceph-mon -i "$MON_ID" || fail_start "ceph-mon failed to start"
  wait_until "the monitor to answer" mon_answers

  # --- one memstore OSD
  log "creating OSD (memstore, $(( MEMSTORE_BYTES / 1024 / 1024 )) MiB)"
  STAGE_LOGS=("$LOGDIR/osd.0.log" "$LOGDIR/osd.0.stdout" "$LOGDIR/mon.$MON_ID.log")
  osd_uuid="$(uuidgen)"
  osd_key="$(ceph-authtool --gen-print-key)"
  printf '{"cephx_secret": "%s"}\n' "$osd_key" > "$STATE/osd-secret.json"
  osd_id="$(cephc osd new "$osd_uuid" -i "$STATE/osd-secret.json" 2>>"$STATE/setup.log")" \
    || fail_start "ceph osd new failed"
  rm -f -- "$STATE/osd-secret.json"
  [[ "$osd_id" == "0" ]] || fail_start "expected osd id 0, got '$osd_id'"
  printf '[osd.0]\n\tkey = %s\n' "$osd_key" > "$STATE/osd/0/keyring"
  run ceph-osd -c "$CONF" -i 0 --mkfs --key "$osd_key" --osd-uuid "$osd_uuid"
  launch "osd.0" ceph-osd -i 0 || fail_start "ceph-osd failed to start"
  wait_until "osd.0 to be up" osd_up

  # --- gateway + S3 user
  log "starting radosgw on 127.0.0.1:$PORT"
  cephc auth get-or-create "$RGW_NAME" mon 'allow rw' osd 'allow rwx' > "$RGW_KEYRING" 2>>"$STATE/setup.log" \
    || fail_start "could not create the radosgw key"
  start_rgw_daemon
  log "creating S3 user"
  run timeout 60 radosgw-admin -c "$CONF" user create --uid=llmingest-test --display-name="LlmIngest tests" \
        --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY"
}

signed_ok() { [[ "$(s3 GET /)" == "200" ]]; }

warm_up() {
  local b="llmingest-warmup-$$-$RANDOM" c
  log "warming up (first bucket/object create pools)"
  wait_until "signed requests to succeed" signed_ok
  c="$(s3 PUT "/$b")";                          [[ "$c" == 200 ]] || fail_start "warm-up: create bucket -> HTTP $c"
  c="$(s3 PUT "/$b/warmup.txt" --data-binary 'warm-up')"
                                                [[ "$c" == 200 ]] || fail_start "warm-up: put object -> HTTP $c"
  c="$(s3 GET "/$b/warmup.txt")";               [[ "$c" == 200 ]] || fail_start "warm-up: get object -> HTTP $c"
  c="$(s3 DELETE "/$b/warmup.txt")";            [[ "$c" == 204 ]] || fail_start "warm-up: delete object -> HTTP $c"
  c="$(s3 DELETE "/$b")";                       [[ "$c" == 204 ]] || fail_start "warm-up: delete bucket -> HTTP $c"
}

env_lines() {
  printf 'export LLMINGEST_TEST_S3_ENDPOINT=%q\n' "http://127.0.0.1:$PORT"
  printf 'export LLMINGEST_TEST_S3_ACCESS_KEY=%q\n' "$ACCESS_KEY"
  printf 'export LLMINGEST_TEST_S3_SECRET_KEY=%q\n' "$SECRET_KEY"
  printf 'export LLMINGEST_TEST_S3_REGION=%q\n' "$REGION"
}

# Is the cluster in STATE running, answering, and built with the requested parameters?
reusable() {
  [[ -f "$STATE/$MARKER" && -f "$CONF" ]] || return 1
  command -v curl >/dev/null 2>&1 || return 1
  local want_port="$PORT" want_ak="$ACCESS_KEY" want_sk="$SECRET_KEY"
  load_params || return 1
  if [[ "$PORT" != "$want_port" || "$ACCESS_KEY" != "$want_ak" || "$SECRET_KEY" != "$want_sk" ]]; then
    log "existing cluster in $STATE uses other port/keys; rebuilding"
    PORT="$want_port"; ACCESS_KEY="$want_ak"; SECRET_KEY="$want_sk"
    return 1
  fi
  live_pid "$(pid_file_of "mon.$MON_ID")" >/dev/null || return 1
  live_pid "$(pid_file_of osd.0)" >/dev/null || return 1
  live_pid "$(pid_file_of "$RGW_NAME")" >/dev/null || return 1
  signed_ok
}

# ---------------------------------------------------------------- commands

cmd_start() {
  requested_params
  take_lock
  DEADLINE=$(( SECONDS + READY_TIMEOUT ))
  if reusable; then
    log "reusing running cluster in $STATE (http://127.0.0.1:$PORT)"
  else
    stop_all                       # leftovers of a half-running cluster from this state dir
    wipe_state
    ensure_packages
    local t0=$SECONDS
    DEADLINE=$(( SECONDS + READY_TIMEOUT ))
    local p
    for p in "$MON_V2_PORT" "$MON_V1_PORT" "$PORT"; do
      port_open "$p" && die "127.0.0.1:$p is already in use (another cluster/state dir? stop it first)"
    done
    log "building a fresh one-node Ceph cluster in $STATE"
    BUILDING=1
    build_cluster
    warm_up
    BUILDING=0
    log "ready in $(( SECONDS - t0 ))s: http://127.0.0.1:$PORT"
  fi
  env_lines > "$ENV_FILE.tmp" && mv -f -- "$ENV_FILE.tmp" "$ENV_FILE"
  env_lines
}

cmd_stop() {
  [[ -d "$STATE" ]] || { log "nothing to stop ($STATE does not exist)"; return 0; }
  take_lock
  stop_all
  rm -f -- "$ENV_FILE"
  log "stopped (state kept in $STATE)"
}

cmd_stop_rgw() {
  [[ -d "$STATE" ]] || { log "nothing to stop ($STATE does not exist)"; return 0; }
  take_lock
  stop_daemon "$RGW_NAME"
  log "radosgw stopped"
}

cmd_start_rgw() {
  [[ -f "$CONF" ]] || die "no cluster in $STATE; run '$SCRIPT_NAME start' first"
  requested_params
  load_params || die "no params in $STATE; run '$SCRIPT_NAME start' first"
  take_lock
  live_pid "$(pid_file_of "mon.$MON_ID")" >/dev/null || die "monitor of $STATE is not running; run '$SCRIPT_NAME start'"
  live_pid "$(pid_file_of osd.0)" >/dev/null || die "osd.0 of $STATE is not running; run '$SCRIPT_NAME start'"
  DEADLINE=$(( SECONDS + READY_TIMEOUT ))
  if live_pid "$(pid_file_of "$RGW_NAME")" >/dev/null; then
    wait_until "radosgw to answer on 127.0.0.1:$PORT" gateway_answers
    log "radosgw already running"
    return 0
  fi
  port_open "$PORT" && die "127.0.0.1:$PORT is already in use by another process"
  local t0=$SECONDS
  start_rgw_daemon
  wait_until "signed requests to succeed" signed_ok
  log "radosgw answering again after $(( SECONDS - t0 ))s"
}

cmd_status() {
  requested_params
  load_params || true
  command -v curl >/dev/null 2>&1 || return 1
  if gateway_answers; then
    log "answering: http://127.0.0.1:$PORT"
    return 0
  fi
  log "not answering: http://127.0.0.1:$PORT"
  return 1
}

main() {
  (( $# >= 1 && $# <= 2 )) || usage
  local cmd="$1"
  set_paths "${2:-}"
  case "$cmd" in
    start)     cmd_start ;;
    stop)      cmd_stop ;;
    stop-rgw)  cmd_stop_rgw ;;
    start-rgw) cmd_start_rgw ;;
    status)    cmd_status ;;
    -h|--help|help) usage ;;
    *) usage ;;
  esac
}

main "$@"
