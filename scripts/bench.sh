#!/usr/bin/env bash
# Benchmarks ucconv against curl on the same local emulator and writes BENCHMARKS.md.
#   scripts/bench.sh            # full run (about two minutes after the release build)
#   RUNS=5 scripts/bench.sh     # fewer hyperfine runs, for a quick look
# Needs hyperfine and GNU time (Debian packages, installed here if missing), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-30}
if ! command -v hyperfine >/dev/null || [ ! -x /usr/bin/time ] || ! command -v curl >/dev/null; then
    echo "== installing hyperfine, time and curl (Debian packages)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine time curl >/dev/null
fi

echo "== release build" >&2
cargo build --release --locked --workspace --bins --quiet
bin=target/release
key=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Starts an emulator with $1 conversations on a free loopback port and prints its base URL.
start_emulator() {
    local out="$work/emulator-$1"
    "$bin/ucconv-emulator" --port 0 --conversations "$1" >"$out" 2>/dev/null &
    pids+=($!)
    for _ in $(seq 1 200); do
        [ -s "$out" ] && break
        sleep 0.05
    done
    head -n 1 "$out"
}
url_10k=$(start_emulator 10000)
url_1k=$(start_emulator 1000)

export UCCONV_API_KEY=$key UCCONV_BASE_URL=$url_10k UCCONV_CONFIG=$work/none.toml
headers=("x-ultracart-simple-key: $key" "X-UltraCart-Api-Version: 2017-03-01"
         "Accept: application/json" "User-Agent: curl")
# One curl process fetching the 50 pages of 200 that `list --all` fetches, over one connection.
pages=()
for offset in $(seq 0 200 9800); do
    pages+=("$url_10k/conversation/conversations?_limit=200&_offset=$offset")
done

# How many requests does `list --all` make at 10,000? Count them in its own -v log.
requests=$("$bin/ucconv" -v list --all --json 2>&1 >/dev/null | grep -c '^> GET ')
first_page="$url_10k/conversation/conversations?_limit=50"
# Sanity: ucconv and curl fetch the same data.
[ "$("$bin/ucconv" list --limit 50 --json --jq length)" = 50 ]
[ "$("$bin/ucconv" list --all --jq length)" = 10000 ]

echo "== hyperfine ($runs runs each)" >&2
hyperfine -N --warmup 3 --runs "$runs" --output=null --export-json "$work/version.json" \
    -n 'ucconv --version' "$bin/ucconv --version" >&2
# curl reads its headers and URLs from a config file: hyperfine -N splits a command on spaces.
{
    for header in "${headers[@]}"; do printf 'header = "%s"\n' "$header"; done
    printf 'silent\nurl = "%s"\n' "$first_page"
} >"$work/curl-config-one"
{
    for header in "${headers[@]}"; do printf 'header = "%s"\n' "$header"; done
    echo silent
    for page in "${pages[@]}"; do printf 'url = "%s"\n' "$page"; done
} >"$work/curl-config-all"

hyperfine -N --warmup 3 --runs "$runs" --output=null --export-json "$work/first-page.json" \
    -n 'ucconv list --limit 50 --json' "$bin/ucconv list --limit 50 --json" \
    -n 'curl, same URL and headers' "curl -K $work/curl-config-one" >&2
all_runs=$(( runs < 10 ? runs : 10 ))
hyperfine -N --warmup 1 --runs "$all_runs" --output=null --export-json "$work/all.json" \
    -n 'ucconv list --all --json (10,000)' "$bin/ucconv list --all --json" \
    -n 'curl, the same 50 pages on one connection' "curl -K $work/curl-config-all" >&2

# Peak RSS (kB) of `list --all --json` at 1,000 and 10,000 conversations.
peak_rss() {
    UCCONV_BASE_URL=$1 /usr/bin/time -v "$bin/ucconv" list --all --json 2>&1 >/dev/null \
        | awk -F': ' '/Maximum resident set size/ {print $2}'
}
rss_1k=$(peak_rss "$url_1k")
rss_10k=$(peak_rss "$url_10k")
size=$(stat -c %s "$bin/ucconv")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')

python3 - "$work" "$requests" "$rss_1k" "$rss_10k" "$size" "$cpu" "$(nproc)" "$runs" <<'PY'
import json, sys, datetime, platform
work, requests, rss_1k, rss_10k, size, cpu, cores, runs = sys.argv[1:]
requests, rss_1k, rss_10k, size = int(requests), int(rss_1k), int(rss_10k), int(size)

def results(name):
    with open(f"{work}/{name}.json") as f:
        return json.load(f)["results"]

def ms(result):
    return result["median"] * 1000

version = results("version")[0]
ucconv_page, curl_page = results("first-page")
ucconv_all, curl_all = results("all")
page_ratio = ms(ucconv_page) / ms(curl_page)
all_ratio = ms(ucconv_all) / ms(curl_all)

def verdict(ok):
    return "met" if ok else "**missed**"

rows = [
    ("`ucconv --version`", f"{ms(version):.2f} ms", "≤ 1.5 ms", verdict(ms(version) <= 1.5)),
    ("`list --limit 50 --json` vs one curl", f"{ms(ucconv_page):.2f} ms vs {ms(curl_page):.2f} ms = **{page_ratio:.2f}×**", "≤ 1.0×", verdict(page_ratio <= 1.0)),
    ("`list --all --json` at 10,000 vs one curl of the 50 pages", f"{ms(ucconv_all):.1f} ms vs {ms(curl_all):.1f} ms = **{all_ratio:.2f}×**", "≤ 1.5×", verdict(all_ratio <= 1.5)),
    ("requests made by `list --all` at 10,000", f"{requests}", "exactly 50", verdict(requests == 50)),
    ("peak RSS of `list --all --json` at 10,000", f"{rss_10k / 1024:.1f} MB", "≤ 20 MB", verdict(rss_10k <= 20 * 1024)),
    ("peak RSS at 10,000 minus at 1,000", f"{(rss_10k - rss_1k) / 1024:.2f} MB ({rss_1k / 1024:.1f} MB at 1,000)", "≤ 2 MB", verdict(rss_10k - rss_1k <= 2 * 1024)),
    ("release binary size", f"{size / 1024 / 1024:.2f} MB", "(reported)", ""),
]
lines = [
    "# Benchmarks",
    "",
    f"Written by `scripts/bench.sh` on {datetime.date.today()}: {cpu}, {cores} cores, Linux {platform.release()}.",
    f"hyperfine medians over {runs} runs ({min(int(runs), 10)} for `--all`), after warm-up, with output discarded. The",
    "emulator (release build) serves 10,000 conversations on 127.0.0.1. curl gets the same URLs with the",
    "same headers, and for `--all` it fetches all 50 pages in one process over one kept-alive connection.",
    "",
    "| measure | result | target | |",
    "|---|---|---|---|",
]
lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
lines += [
    "",
    "Spread (min – max, ms):",
    "",
]
for r in [version, ucconv_page, curl_page, ucconv_all, curl_all]:
    lines.append(f"- {r['command']}: {r['min'] * 1000:.2f} – {r['max'] * 1000:.2f}")
lines.append("")
# The hand-written tuning notes below the results survive a rerun.
try:
    previous = open("BENCHMARKS.md").read()
    if "\n## Tuning" in previous:
        lines.append(previous[previous.index("\n## Tuning") + 1:].rstrip("\n"))
        lines.append("")
except FileNotFoundError:
    pass
with open("BENCHMARKS.md", "w") as f:
    f.write("\n".join(lines))
print("\n".join(lines))
PY
