#!/usr/bin/env bash
# The hub behind nginx, with the site file we ship (packaging/hub/nginx-mobiliza-hub.conf)
# rewritten only for a test: a self-signed certificate, ports on 127.0.0.1, the
# upstream at the test hub's port, logs and temporary files in a temp folder.
# Checks with curl (--cacert, TLS):
#   - the pre-flight goes through TLS: 401 without a token, 200 with one got from
#     `mobiliza-hub enroll` + POST /api/v1/enroll;
#   - a photo goes through and lands on the hub under its hash;
#   - a body above client_max_body_size gets nginx's 413 in the protocol's JSON
#     and never reaches the hub; one between the hub's limit and nginx's gets the hub's 413;
#   - only /api/ is proxied; plain HTTP redirects to HTTPS;
#   - X-Forwarded-For cannot be spoofed past nginx;
#   - the enrollment rate limit answers 429 in JSON with Retry-After;
#   - with the hub down, nginx answers 503 in JSON (the client retries later).
#
# usage: nginx_test.sh MOBILIZA_HUB_EXE NGINX_SITE_CONF
source "$(dirname "$0")/lib.sh"

HUB_EXE=${1:?usage: nginx_test.sh MOBILIZA_HUB_EXE NGINX_SITE_CONF}
SITE=${2:?usage: nginx_test.sh MOBILIZA_HUB_EXE NGINX_SITE_CONF}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
HOST=hub.example.mg.gov.br

[ -x "$NGINX" ] || fatal "nginx is not installed (Debian package nginx-light; scripts/setup.sh installs it)"
command -v curl >/dev/null || fatal "curl is not installed (scripts/setup.sh installs it)"
command -v openssl >/dev/null || fatal "openssl is not installed (scripts/setup.sh installs it)"
[ -f "$SITE" ] || fatal "no site file at $SITE"

# ---- certificate for hub.example.mg.gov.br (curl trusts it with --cacert)
log "self-signed certificate"
mkdir -p "$WORK/ssl"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
  -keyout "$WORK/ssl/privkey.pem" -out "$WORK/ssl/fullchain.pem" >/dev/null 2>&1 ||
  fatal "openssl could not make a certificate"

# ---- the hub
DATA="$WORK/hub"
mkdir -p "$DATA"
start_hub "$HUB_EXE" "$DATA" --trust-proxy
log "hub on 127.0.0.1:$HUB_PORT"
HUB_LOG="$DATA/access.log"

# ---- nginx with the shipped site, rewritten for the test
PREFIX="$WORK/nginx"
mkdir -p "$PREFIX/logs" "$PREFIX/temp" "$PREFIX/acme"

render() {
  local https_port=$1 http_port=$2
  sed -e "s#listen 443 ssl http2;#listen 127.0.0.1:$https_port ssl http2;#" \
      -e "s#listen 80;#listen 127.0.0.1:$http_port;#" \
      -e '/listen \[::\]:/d' \
      -e "s#server 127.0.0.1:8080;#server 127.0.0.1:$HUB_PORT;#" \
      -e "s#/etc/ssl/mobiliza-hub/#$WORK/ssl/#g" \
      -e "s#/var/log/nginx/#$PREFIX/logs/#g" \
      -e "s#/var/www/letsencrypt#$PREFIX/acme#g" \
      "$SITE" >"$PREFIX/site.conf"
  nginx_conf "$PREFIX" 1 256
}

# The shipped file must still have what the rewrite expects.
for needle in 'listen 443 ssl http2;' 'listen 80;' 'server 127.0.0.1:8080;' \
  'ssl_certificate /etc/ssl/mobiliza-hub/fullchain.pem;' 'client_max_body_size 9m;'; do
  grep -qF "$needle" "$SITE" || fatal "the site file no longer has \"$needle\": update nginx_test.sh with it"
done

start_nginx "$NGINX" "$PREFIX" render
HTTPS_PORT=$NGINX_PORT
HTTP_PORT=$NGINX_PORT2
log "nginx on https://127.0.0.1:$HTTPS_PORT and http://127.0.0.1:$HTTP_PORT"

BASE="https://$HOST:$HTTPS_PORT"
CURL=(curl -sS --max-time 30 --cacert "$WORK/ssl/fullchain.pem"
  --resolve "$HOST:$HTTPS_PORT:127.0.0.1" --resolve "$HOST:$HTTP_PORT:127.0.0.1")

# request OUT_PREFIX curl-arguments…: writes OUT_PREFIX.body / .headers, prints the status.
request() {
  local out=$1
  shift
  "${CURL[@]}" -o "$out.body" -D "$out.headers" -w '%{http_code}' "$@" 2>"$out.err" || true
}
hub_lines() { [ -f "$HUB_LOG" ] && wc -l <"$HUB_LOG" || echo 0; }
header_of() { grep -i "^$2:" "$1.headers" | head -1 | cut -d: -f2- | tr -d ' \r'; }

# ---- pre-flight
status=$(request "$WORK/r1" "$BASE/api/v1/preflight")
expect_eq "pre-flight through TLS without a token" 401 "$status"
check "401 carries WWW-Authenticate: Bearer" grep -qi '^WWW-Authenticate: Bearer' "$WORK/r1.headers"
check "401 is the hub's JSON error" grep -q '"code":"unauthorized"' "$WORK/r1.body"

CODE=$(enroll_code "$HUB_EXE" "$DATA" 3106200)
[ -n "$CODE" ] || fatal "mobiliza-hub enroll printed no code"
status=$(request "$WORK/r2" -H 'Content-Type: application/json' \
  --data "{\"code\":\"$CODE\",\"label\":\"teste nginx\"}" "$BASE/api/v1/enroll")
expect_eq "enrollment through TLS" 201 "$status"
TOKEN=$(json_field "$WORK/r2.body" token)
[ -n "$TOKEN" ] || fatal "the enrollment answer has no token: $(cat "$WORK/r2.body")"
AUTH=(-H "Authorization: Bearer $TOKEN")

status=$(request "$WORK/r3" "${AUTH[@]}" "$BASE/api/v1/preflight")
expect_eq "pre-flight with the token" 200 "$status"
check "the pre-flight names the service" grep -q '"service":"mobiliza-hub"' "$WORK/r3.body"
check "the pre-flight tells the protocol version" grep -q '"protocol":1' "$WORK/r3.body"

# ---- a photo through TLS
head -c 300000 /dev/urandom >"$WORK/photo.bin"
SHA=$(sha256sum "$WORK/photo.bin" | cut -d' ' -f1)
status=$(request "$WORK/r4" "${AUTH[@]}" -X PUT -H 'Content-Type: image/jpeg' \
  --data-binary @"$WORK/photo.bin" "$BASE/api/v1/blobs/$SHA")
expect_eq "a 300 KB photo goes through" 201 "$status"
stored="$DATA/blobs/${SHA:0:2}/$SHA"
check "the hub stored it under its hash" test -f "$stored"
[ -f "$stored" ] && expect_eq "the stored bytes hash to the name" "$SHA" "$(sha256sum "$stored" | cut -d' ' -f1)"

# ---- bodies too large
before=$(hub_lines)
head -c $((10 * 1024 * 1024)) /dev/zero >"$WORK/big.bin"
BIGSHA=$(sha256sum "$WORK/big.bin" | cut -d' ' -f1)
status=$(request "$WORK/r5" "${AUTH[@]}" -X PUT -H 'Content-Type: image/jpeg' \
  --data-binary @"$WORK/big.bin" "$BASE/api/v1/blobs/$BIGSHA")
expect_eq "10 MiB: nginx refuses it (client_max_body_size)" 413 "$status"
check "nginx's 413 is the protocol's JSON (too_large)" grep -q '"code":"too_large"' "$WORK/r5.body"
check "nginx's 413 has a JSON content type" grep -qi '^Content-Type: application/json' "$WORK/r5.headers"
expect_eq "the 10 MiB body never reached the hub" "$before" "$(hub_lines)"

head -c $((8 * 1024 * 1024 + 4096)) /dev/zero >"$WORK/mid.bin"
MIDSHA=$(sha256sum "$WORK/mid.bin" | cut -d' ' -f1)
status=$(request "$WORK/r6" "${AUTH[@]}" -X PUT -H 'Content-Type: image/jpeg' \
  --data-binary @"$WORK/mid.bin" "$BASE/api/v1/blobs/$MIDSHA")
expect_eq "8 MiB + 4 KiB: the hub's own limit answers" 413 "$status"
check "the hub's 413 is too_large too" grep -q '"code":"too_large"' "$WORK/r6.body"
check "nothing was stored for it" test ! -e "$DATA/blobs/${MIDSHA:0:2}/$MIDSHA"

# ---- only /api/ reaches the hub
before=$(hub_lines)
status=$(request "$WORK/r7" "$BASE/")
expect_eq "/ is not proxied" 404 "$status"
status=$(request "$WORK/r8" "${AUTH[@]}" "$BASE/preflight")
expect_eq "/preflight (outside /api/) is not proxied" 404 "$status"
status=$(request "$WORK/r9" "$BASE/access.log")
expect_eq "the hub's files are not reachable" 404 "$status"
expect_eq "the hub saw none of those" "$before" "$(hub_lines)"
status=$(request "$WORK/r10" "http://$HOST:$HTTP_PORT/api/v1/preflight")
expect_eq "plain HTTP redirects to HTTPS" 301 "$status"
check "the redirect points at https" grep -qi "^Location: https://$HOST" "$WORK/r10.headers"

# ---- X-Forwarded-For: the hub logs nginx's view of the client, not a forged one
request "$WORK/r11" "${AUTH[@]}" -H 'X-Forwarded-For: 10.9.9.9' "$BASE/api/v1/preflight" >/dev/null
last=$(tail -n 1 "$HUB_LOG")
check "the hub logged the request with the client's real address" grep -q '"remote":"127.0.0.1"' <<<"$last"
check "a forged X-Forwarded-For is not taken" bash -c '! grep -q 10.9.9.9 <<<"$1"' _ "$last"
check "the hub's access log never holds the token" bash -c '! grep -qF "$1" "$2"' _ "$TOKEN" "$HUB_LOG"
check "nginx's access log never holds the token" bash -c '! grep -rqF "$1" "$2"' _ "$TOKEN" "$PREFIX/logs"

# ---- enrollment rate limit (10/min per address, burst 5): nginx answers first
before=$(hub_lines)
limited=0
for i in 1 2 3 4 5 6 7 8; do
  status=$(request "$WORK/e$i" -H 'Content-Type: application/json' \
    --data '{"code":"AAAA-BBBB-CCCC"}' "$BASE/api/v1/enroll")
  if [ "$status" = 429 ]; then
    limited=$((limited + 1))
    LIMITED=$WORK/e$i
  fi
done
check "a burst of enrollment attempts gets 429" test "$limited" -ge 1
if [ "$limited" -ge 1 ]; then
  check "nginx's 429 is the protocol's JSON (rate_limited)" grep -q '"code":"rate_limited"' "$LIMITED.body"
  check "nginx's 429 says when to come back" test -n "$(header_of "$LIMITED" Retry-After)"
fi
check "the hub saw only the attempts nginx let through" test $(($(hub_lines) - before)) -le 6

# ---- the hub down: nginx answers in JSON, the client retries later
stop_pid "$HUB_PID"
wait "$HUB_PID" 2>/dev/null
status=$(request "$WORK/r12" "${AUTH[@]}" "$BASE/api/v1/preflight")
expect_eq "hub down: 503" 503 "$status"
check "the 503 is the protocol's JSON (server_error)" grep -q '"code":"server_error"' "$WORK/r12.body"

finish
