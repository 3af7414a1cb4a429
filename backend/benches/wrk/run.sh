#!/usr/bin/env bash
# Durable ballots over HTTP, measured with wrk against the real release server, from outside
# its process; optionally with live-tally observers held open by the `observers` bench.
#
#   backend/benches/wrk/run.sh                                   # SQLite, 128 connections, 20 s
#   backend/benches/wrk/run.sh --connections "64 128 256 512"    # one fresh server per count
#   backend/benches/wrk/run.sh --db postgres://postgres@127.0.0.1:5432
#   backend/benches/wrk/run.sh --observers 10000                 # and 10,000 observers on /events
#
# Options: --db sqlite | postgres://USER@127.0.0.1:PORT (a fresh database is created on that
# server and dropped afterwards), --connections "N …", --threads N (wrk threads, default 2),
# --duration SECONDS (default 20), --codes N (codes issued per run, default 200000; a run
# stops early if they run out), --observers N (default 0), --no-build.
#
# For each connection count: a fresh database and `cairn serve --demo` on 127.0.0.1 and a free
# port, codes issued with `cairn codes 1`, then `wrk … -s cast.lua` (one distinct code per
# request; a 201 is sent only after the ballot's commit). Afterwards the ballots and used codes
# in the database are counted: both must have grown alike, by the number of 201s plus at most
# the requests still in flight when wrk stopped (one per connection). Prints the
# load average, the server's CPU time and memory. Needs wrk (`apt-get install wrk`), curl, and
# sqlite3 or psql. Everything stops and is removed on exit, also on error or Ctrl-C.
set -euo pipefail

db=sqlite
connections=128
threads=2
duration=20
ncodes=200000
observers=0
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --db) db=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --codes) ncodes=$2; shift 2 ;;
        --observers) observers=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
    esac
done
case "$db" in
    sqlite) ;;
    postgres://*@127.0.0.1:*|postgres://*@localhost:*) ;;
    *) echo "--db must be sqlite or postgres://USER@127.0.0.1:PORT" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
cairn=${CAIRN_BIN:-$target/release/cairn} # CAIRN_BIN=… to compare another build
script=$root/backend/benches/wrk/cast.lua
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

if [ "$build" = 1 ]; then
    cargo build --release -p cairn-backend
fi
observe_bin=""
if [ "$observers" -gt 0 ] && [ "$build" = 0 ]; then # the newest build of the observers bench
    observe_bin=$(ls -t "$target"/release/deps/observers-* 2>/dev/null | grep -v '\.d$' | head -1 || true)
fi
if [ "$observers" -gt 0 ] && [ -z "$observe_bin" ]; then
    observe_bin=$(cargo bench --no-run -p cairn-backend --bench observers --message-format=json 2>/dev/null \
        | grep -o '"executable":"[^"]*observers[^"]*"' | tail -1 | cut -d'"' -f4)
    [ -x "$observe_bin" ] || { echo "could not build the observers bench" >&2; exit 1; }
fi

# Each connection needs a descriptor in the server (and, for observers, one in the tool).
ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d /tmp/cairn-wrk.XXXXXX)
server_pid=""
observe_pid=""
pgdb=""
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        for _ in $(seq 150); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
drop_pg() {
    if [ -n "$pgdb" ]; then
        psql -q "$db/postgres" -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null || true
    fi
    pgdb=""
}
cleanup() {
    if [ -n "$observe_pid" ]; then kill "$observe_pid" 2>/dev/null || true; fi
    stop_server
    drop_pg
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

count() { # ballots and used codes, "B U"
    local q="SELECT (SELECT count(*) FROM ballot) || ' ' || (SELECT count(*) FROM voting_code WHERE used)"
    if [ "$db" = sqlite ]; then
        sqlite3 "$work/run/c.sqlite" "$q"
    else
        psql -qtA "$db/$pgdb" -c "$q"
    fi
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

export CAIRN_CODE_KEY
CAIRN_CODE_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export RUST_LOG=${RUST_LOG:-warn}

echo "wrk $threads threads, $duration s per run, $ncodes codes per run, database: ${db%%@*}…; $(nproc) cores, load average $(load)"
for c in $connections; do
    rm -rf "$work/run"
    mkdir -p "$work/run"
    if [ "$db" = sqlite ]; then
        url=$work/run/c.sqlite
    else
        pgdb=cairn_wrk_$$_$c
        psql -q "$db/postgres" -c "CREATE DATABASE $pgdb" >/dev/null
        url=$db/$pgdb
    fi
    port=""
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 20000))
        if ! ss -Hltn "sport = :$p" | grep -q .; then port=$p; break; fi
    done
    [ -n "$port" ] || { echo "no free port" >&2; exit 1; }
    base=http://127.0.0.1:$port
    "$cairn" serve --demo --db "$url" --data-dir "$work/run" --addr "127.0.0.1:$port" \
        --static-dir "$work/run/no-static" >"$work/run/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 600); do
        curl -fs "$base/api/health" >/dev/null 2>&1 && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$work/run/server.log" >&2; exit 1; }
        sleep 0.1
    done
    curl -fs "$base/api/health" >/dev/null || { echo "the server did not start" >&2; exit 1; }

    started=$(date +%s.%N)
    left=$ncodes
    : >"$work/run/codes"
    while [ "$left" -gt 0 ]; do # at most 100,000 codes per batch
        n=$((left < 100000 ? left : 100000))
        "$cairn" codes 1 --count "$n" --db "$url" --data-dir "$work/run" >>"$work/run/codes"
        left=$((left - n))
    done
    "$cairn" codes 1 --count 10 --db "$url" --data-dir "$work/run" >"$work/run/probe-codes"
    echo "issued $(wc -l <"$work/run/codes") codes in $(echo "$(date +%s.%N) - $started" | bc | cut -c1-5) s"

    if [ "$observers" -gt 0 ]; then
        "$observe_bin" --addr "127.0.0.1:$port" --observers "$observers" --codes "$work/run/probe-codes" \
            --probes 3 --hold "$((duration + 5))" --server-pid "$server_pid" >"$work/run/observers.log" 2>&1 &
        observe_pid=$!
        for _ in $(seq 1200); do # until every observer is in and the probes are done
            if grep -q '^hold' "$work/run/observers.log" 2>/dev/null || [ "$(grep -c '^probe' "$work/run/observers.log")" -ge 3 ]; then break; fi
            kill -0 "$observe_pid" 2>/dev/null || break
            sleep 0.1
        done
        cat "$work/run/observers.log"
    fi

    before=$(count)
    cpu0=$(cpu_ticks "$server_pid")
    load0=$(load)
    WRK_RESULT=$work/run/result timeout $((duration + 60)) \
        wrk -t"$threads" -c"$c" -d"${duration}s" --timeout 10s -s "$script" "$base" -- "$work/run/codes" "$threads" 1
    cpu1=$(cpu_ticks "$server_pid")
    load1=$(load)
    rss=$(rss_mb "$server_pid")
    read -r created conflict other secs exhausted <"$work/run/result"
    after=$(count)
    if [ -n "$observe_pid" ]; then
        wait "$observe_pid" || true
        observe_pid=""
        sed -n '/^hold\|^after\|^end/p' "$work/run/observers.log"
    fi
    read -r b0 u0 <<<"$before"
    read -r b1 u1 <<<"$after"
    stored=$((b1 - b0))
    used=$((u1 - u0))
    # wrk counts only answers that arrived before its time was up; the requests still in
    # flight then (at most one per connection) may have been stored without being counted.
    check="OK"
    if [ "$stored" != "$used" ] || [ "$stored" -lt "$created" ] || [ "$stored" -gt $((created + c)) ]; then
        check="MISMATCH"
    fi
    echo "connections $c: $created ballots stored = $(echo "$created / $secs" | bc) per second; database: +$stored ballots, +$used used codes ($check); server CPU $(echo "scale=2; ($cpu1 - $cpu0) / 100 / $secs" | bc) cores, RSS $rss MB; load average $load0 before, $load1 after"
    stop_server
    drop_pg
    if [ "$check" != OK ]; then exit 1; fi
done
