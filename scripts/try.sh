#!/usr/bin/env bash
# Try ucconv without an UltraCart account: build it, start the bundled emulator on a free loopback
# port, run `ucconv list --limit 50` (or the ucconv arguments you give) against it, stop the emulator.
#   scripts/try.sh                      # the 50 newest conversations
#   scripts/try.sh get <UUID>           # any ucconv command
#   EMULATOR_ARGS="--fault 429:2 --shape original" scripts/try.sh list   # a misbehaving server
#   scripts/try.sh follow               # live traffic: a new message and a waiting customer every 3 s
set -euo pipefail
cd "$(dirname "$0")/.."

# Say so before building: the first build compiles every dependency and takes a few minutes
# (about 1.5 on 2 cores), and a silent terminal looks like a hang. Cargo's progress shows on a terminal.
if [ ! -x target/debug/ucconv ] || [ ! -x target/debug/ucconv-emulator ]; then
    echo "Building ucconv (first run takes a few minutes)…" >&2
fi
if [ -t 2 ]; then
    cargo build --locked --workspace --bins
else
    cargo build --quiet --locked --workspace --bins
fi
bin=target/debug

workdir=$(mktemp -d)
emulator_pid=
cleanup() {
    [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
    rm -rf "$workdir"
}
trap cleanup EXIT

# Port 0: the emulator picks a free port and prints its base URL as its first line.
# `follow` needs something to follow: unless told otherwise, the emulator makes up traffic.
default_emulator_args=""
if [ "${1:-}" = "follow" ]; then
    default_emulator_args="--activity 3"
fi
read -r -a emulator_args <<<"${EMULATOR_ARGS:-$default_emulator_args}"
"$bin/ucconv-emulator" --port 0 --conversations 500 "${emulator_args[@]}" \
    >"$workdir/url" 2>"$workdir/emulator.log" &
emulator_pid=$!
for _ in $(seq 1 100); do
    [ -s "$workdir/url" ] && break
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
        cat "$workdir/emulator.log" >&2
        exit 1
    fi
    sleep 0.05
done
base_url=$(head -n 1 "$workdir/url")

# The emulator's demo key; a config file of yours is neither read for it nor changed.
export UCCONV_BASE_URL="$base_url"
export UCCONV_API_KEY=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
export UCCONV_CONFIG="$workdir/config.toml"
unset UCCONV_PROFILE UCCONV_OAUTH_TOKEN

if [ "$#" -eq 0 ]; then
    set -- list --limit 50
fi
status=0
"$bin/ucconv" "$@" || status=$?
exit "$status"
