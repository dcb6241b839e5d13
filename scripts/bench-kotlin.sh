#!/usr/bin/env bash
# Times the generated Kotlin bindings against Rust on one filled database, so that what the
# FFI costs is visible: a trivial call, getCustomer, listCustomers of 1,000 summaries, quick
# searches. Prints p50 and p99 per operation for both sides and the difference.
#
#   1. builds the workspace in one cargo build (release by default; not its tests)
#   2. generates the Kotlin bindings from that build; installs java, jna, kotlinc if missing
#   3. fills a database with `crm demo --customers N`, once: it is kept (under
#      target/bench/ by default) and reused by later runs with the same N
#   4. runs bindings/examples/bench_rust.rs (Rust, through crm_ffi::CrmStore) and
#      bindings/tests/kotlin/Bench.kt (Kotlin on the JVM, through JNA) on it
#
# Fails when a step or a benchmark program fails, or when the two sides got different
# results (their checksums differ); never on timing.
#
# Usage: scripts/bench-kotlin.sh [--customers N] [--iterations N] [--profile release|debug]
#                                [--db PATH] [--work DIR] [--no-build]
#   --customers N   customers in the database (default 20000)
#   --iterations N  timed calls of getCustomer (default 2000); the trivial call gets 10x as
#                   many, searches 1/2, the 1,000-row list 1/4; each is warmed up with as
#                   many untimed calls first
#   --profile P     release (default) or debug (scripts/test-all.sh's quick run)
#   --db PATH       the database (default target/bench/demo-N.sqlite3); built when missing
#   --work DIR      generated bindings, the jar and the outputs (default target/bench/<profile>)
#   --no-build      use what the last build of the profile left (scripts/test-all.sh has just
#                   built and tested it)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
SUCCESS_MESSAGE="Benchmark done"

CUSTOMERS=20000
ITERATIONS=2000
PROFILE=release
DB=""
WORK=""
BUILD=yes
while [[ $# -gt 0 ]]; do
    case $1 in
    --customers) CUSTOMERS=${2:?--customers needs a number}; shift 2 ;;
    --iterations) ITERATIONS=${2:?--iterations needs a number}; shift 2 ;;
    --profile) PROFILE=${2:?--profile needs release or debug}; shift 2 ;;
    --db) DB=${2:?--db needs a path}; shift 2 ;;
    --work) WORK=${2:?--work needs a folder}; shift 2 ;;
    --no-build) BUILD=no; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; trap - EXIT; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[[ $CUSTOMERS =~ ^[1-9][0-9]*$ ]] || die "--customers must be a positive number"
[[ $ITERATIONS =~ ^[1-9][0-9]*$ ]] || die "--iterations must be a positive number"
[[ $PROFILE == release || $PROFILE == debug ]] || die "--profile must be release or debug"

BUILD_DIR="$TARGET_DIR/$PROFILE"
LIB="$BUILD_DIR/libcrm_ffi.so"
DB=${DB:-"$TARGET_DIR/bench/demo-$CUSTOMERS.sqlite3"}
WORK=${WORK:-"$TARGET_DIR/bench/$PROFILE"}

build() {
    # The whole workspace in one build, so that uniffi is built once with the workspace's
    # features. Debug: exactly scripts/test-all.sh's build (a no-op after it). Release: the
    # programs only (library, binaries, examples), not the tests.
    if [[ $PROFILE == release ]]; then
        cargo build --release --workspace --lib --bins --examples --locked
    else
        cargo build --workspace --all-targets --locked
    fi
}

generate() {
    generate_bindings "$LIB" "$BUILD_DIR/uniffi-bindgen" "$WORK/bindings" kotlin
}

# The demo database, built once: `<db>.done` marks a finished build (a build cut short
# leaves no marker and is started over).
fill_database() {
    [[ -x $BUILD_DIR/crm ]] || die "$BUILD_DIR/crm was not built"
    if [[ -f $DB && -f $DB.done ]]; then
        echo "reusing $DB ($(cat "$DB.done"))"
        return
    fi
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.done"
    mkdir -p "$(dirname "$DB")"
    local began=$SECONDS
    "$BUILD_DIR/crm" --db "$DB" demo --customers "$CUSTOMERS" >/dev/null
    echo "$CUSTOMERS customers, built in $((SECONDS - began))s by crm demo ($PROFILE)" >"$DB.done"
    echo "built $DB: $(cat "$DB.done")"
}

compile_kotlin() {
    # The generated bindings and Bench.kt only (not the tests).
    local sources="$WORK/kotlin-sources"
    rm -rf "$sources"
    mkdir -p "$sources"
    cp -r "$WORK/bindings/kotlin/." "$sources/"
    cp "$ROOT/bindings/tests/kotlin/Bench.kt" "$sources/"
    kotlin_compile "$WORK/bench.jar" "$sources"
}

# Fails unless <output> holds figure lines (`compare` checks that both sides have the same).
expect_figures() {
    local out=$1
    grep -Eq '^getCustomer +[0-9]+ +[0-9.]+ +[0-9.]+$' "$out" || die "no figures in $out"
}

run_rust() {
    [[ -x $BUILD_DIR/examples/bench_rust ]] || die "$BUILD_DIR/examples/bench_rust was not built"
    "$BUILD_DIR/examples/bench_rust" "$DB" "$ITERATIONS" | tee "$WORK/rust.txt"
    expect_figures "$WORK/rust.txt"
}

run_kotlin() {
    kotlin_run "$BUILD_DIR" "$WORK/bench.jar" com.dealercrm.bench.BenchKt "$DB" "$ITERATIONS" |
        tee "$WORK/kotlin.txt"
    expect_figures "$WORK/kotlin.txt"
}

compare() {
    python3 - "$WORK/rust.txt" "$WORK/kotlin.txt" "$CUSTOMERS" "$PROFILE" <<'PY'
import os, re, sys

def figures(path):
    rows = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(.+?) +(\d+) +([\d.]+) +([\d.]+)$", line.rstrip("\n"))
        if m:
            rows[m.group(1)] = (int(m.group(2)), float(m.group(3)), float(m.group(4)))
    return rows

def checksum(path):
    return re.findall(r"^\(checksum (\d+)\)$", open(path, encoding="utf-8").read(), re.M)

rust, kotlin = figures(sys.argv[1]), figures(sys.argv[2])
if list(rust) != list(kotlin):
    sys.exit(f"the two sides measured different operations: {list(rust)} vs {list(kotlin)}")
# The sum of what the calls returned: equal when both sides got the same results.
if checksum(sys.argv[1]) != checksum(sys.argv[2]):
    sys.exit(f"the two sides got different results: checksums {checksum(sys.argv[1])} vs {checksum(sys.argv[2])}")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"{sys.argv[3]} customers, {sys.argv[4]} build, {os.cpu_count()} cores ({cpu})")
print(f"{'op':<36} {'calls':>6} | {'Rust p50':>9} {'p99':>9} | {'Kotlin p50':>10} {'p99':>9} | {'FFI p50':>9}")
for op, (calls, r50, r99) in rust.items():
    _, k50, k99 = kotlin[op]
    print(f"{op:<36} {calls:>6} | {r50:>9.1f} {r99:>9.1f} | {k50:>10.1f} {k99:>9.1f} | {k50 - r50:>+9.1f}")
print("(µs; FFI p50 = Kotlin p50 - Rust p50: lowering, JNA, and reading the records in Kotlin)")
PY
}

if [[ $BUILD == yes ]]; then
    step "build ($PROFILE)" build
fi
step "generate the Kotlin bindings" generate
step "tools: java, jna, kotlinc $KOTLIN_VERSION" ensure_kotlin_tools
step "database: $CUSTOMERS customers" fill_database
step "compile Bench.kt" compile_kotlin
step "Rust side (crm_ffi::CrmStore, no FFI)" run_rust
step "Kotlin side (JVM, JNA)" run_kotlin
step "compare" compare
