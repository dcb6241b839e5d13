#!/usr/bin/env bash
# Runs every test of dealer-crm: the Rust workspace, then the generated Kotlin, Python and
# Swift bindings against the real library. Works from a fresh clone (CI runs it as root with
# CI=true, through .ci/run) and on a dev machine.
#
# Tools the binding tests need are installed when missing, and the script FAILS when an
# install fails; nothing is skipped:
#   - kotlinc: npm package kotlin-compiler@$KOTLIN_VERSION, unpacked under target/tools/
#   - jna.jar: Debian's libjna-java (apt-get; root or sudo), or JNA_JAR=/path/to/jna.jar
#   - java:    Debian's default-jre-headless when `java` is missing
#   - python3: stdlib only (sqlite3, unittest)
# Swift cannot be compiled on Linux here: its bindings are generated and their API checked.
#
# Usage: scripts/test-all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# The Kotlin compiler, pinned (npm view kotlin-compiler versions).
KOTLIN_VERSION=2.4.20

# ---------------------------------------------------------------------------------------------
# Bookkeeping: timed steps and a summary at the end, also when a step fails.

START=$SECONDS
SUMMARY=()
CURRENT_STEP=""

log() { printf '\n==> %s\n' "$*"; }
die() {
    printf '\nERROR: %s\n' "$*" >&2
    exit 1
}

# step <title> <function> [args...]: runs one step, timing it.
step() {
    local title=$1 began=$SECONDS
    shift
    CURRENT_STEP=$title
    log "$title"
    "$@"
    SUMMARY+=("$(printf '  ok   %-52s %4ds' "$title" $((SECONDS - began)))")
    CURRENT_STEP=""
}

print_summary() {
    local status=$?
    printf '\n==> Summary\n'
    local line
    for line in "${SUMMARY[@]+"${SUMMARY[@]}"}"; do
        printf '%s\n' "$line"
    done
    if [[ -n $CURRENT_STEP ]]; then
        printf '  FAIL %s\n' "$CURRENT_STEP"
    fi
    if [[ $status -eq 0 ]]; then
        printf 'All tests passed in %ds.\n' $((SECONDS - START))
    else
        printf 'FAILED (exit %d) after %ds.\n' "$status" $((SECONDS - START))
    fi
}
trap print_summary EXIT

need() { command -v "$1" >/dev/null 2>&1; }

# ---------------------------------------------------------------------------------------------
# Paths

need cargo || die "cargo is not installed (https://rustup.rs)"
need python3 || die "python3 is not installed (the Python binding tests and this script need it)"

TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --locked |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
LIB="$TARGET_DIR/debug/libcrm_ffi.so"
BINDGEN="$TARGET_DIR/debug/uniffi-bindgen"
GENERATED="$TARGET_DIR/bindings"
TOOLS="$TARGET_DIR/tools"
SCRATCH="$TARGET_DIR/binding-tests"
KOTLIN_HOME="$TOOLS/kotlin-compiler-$KOTLIN_VERSION"
KOTLINC="$KOTLIN_HOME/bin/kotlinc"
JNA_JAR=${JNA_JAR:-/usr/share/java/jna.jar}

# ---------------------------------------------------------------------------------------------
# 1. Rust

rust_build() {
    # One build of everything, so that uniffi is not rebuilt with other features later.
    cargo build --workspace --all-targets --locked
}

rust_test() {
    cargo test --workspace --all-features --locked
}

# ---------------------------------------------------------------------------------------------
# 2. Bindings, generated from the built library (uniffi library mode).

generate_bindings() {
    [[ -f $LIB ]] || die "$LIB was not built"
    [[ -x $BINDGEN ]] || die "$BINDGEN was not built"
    rm -rf "$GENERATED"
    local language
    for language in kotlin swift python; do
        # The binary built above, not `cargo run`: `cargo run -p crm-bindings` resolves
        # features for that package alone and could rebuild uniffi with other features.
        # It runs `cargo metadata`, so it runs from inside the workspace (here).
        "$BINDGEN" generate --library "$LIB" --language "$language" \
            --out-dir "$GENERATED/$language" --no-format
    done
}

# ---------------------------------------------------------------------------------------------
# 3. Tools

# Runs apt-get as root, or through sudo; fails when neither is possible.
apt_install() {
    need apt-get || die "apt-get is not available to install $*; install it by hand"
    local sudo=()
    if [[ $EUID -ne 0 ]]; then
        need sudo || die "installing $* needs root (or sudo)"
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -q || die "apt-get update failed"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "$@" || die "apt-get install $* failed"
}

ensure_java() {
    if ! need java; then
        echo "java not found: installing default-jre-headless"
        apt_install default-jre-headless
    fi
    need java || die "java is still missing after the install"
    java -version 2>&1 | head -n 1
}

ensure_jna() {
    if [[ ! -f $JNA_JAR ]]; then
        [[ $JNA_JAR == /usr/share/java/jna.jar ]] || die "JNA_JAR=$JNA_JAR does not exist"
        echo "$JNA_JAR not found: installing libjna-java"
        apt_install libjna-java
    fi
    [[ -f $JNA_JAR ]] || die "$JNA_JAR is still missing after installing libjna-java"
    echo "jna: $(readlink -f "$JNA_JAR")"
}

ensure_kotlinc() {
    if [[ ! -x $KOTLINC ]]; then
        need npm || die "npm is needed to fetch kotlin-compiler@$KOTLIN_VERSION (install Node.js)"
        echo "kotlinc not found: fetching kotlin-compiler@$KOTLIN_VERSION from npm"
        local work
        work=$(mktemp -d "$TOOLS.tmp.XXXXXX")
        (cd "$work" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION") >/dev/null ||
            { rm -rf "$work"; die "npm pack kotlin-compiler@$KOTLIN_VERSION failed"; }
        tar -xzf "$work"/kotlin-compiler-*.tgz -C "$work" ||
            { rm -rf "$work"; die "unpacking kotlin-compiler failed"; }
        mkdir -p "$TOOLS"
        rm -rf "$KOTLIN_HOME"
        mv "$work/package" "$KOTLIN_HOME"
        rm -rf "$work"
    fi
    [[ -x $KOTLINC ]] || die "$KOTLINC is missing after unpacking kotlin-compiler"
    [[ -f $KOTLIN_HOME/lib/kotlin-stdlib.jar ]] || die "kotlin-stdlib.jar is missing in $KOTLIN_HOME"
    echo "kotlinc: $KOTLIN_VERSION ($KOTLIN_HOME)"
}

ensure_tools() {
    ensure_java
    ensure_jna
    ensure_kotlinc
}

# ---------------------------------------------------------------------------------------------
# 4. Binding tests

# Fails unless the test log ends with "N passed, 0 failed" (N > 0).
expect_all_passed() {
    local log=$1 last
    last=$(tail -n 1 "$log")
    [[ $last =~ ^[1-9][0-9]*\ passed,\ 0\ failed$ ]] || die "unexpected result line: '$last'"
}

kotlin_tests() {
    rm -rf "$SCRATCH/kotlin"
    mkdir -p "$SCRATCH/kotlin"
    # A database from a "newer app": Kotlin has no sqlite of its own to write one.
    local too_new="$SCRATCH/kotlin/too-new.sqlite3"
    python3 - "$too_new" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("PRAGMA user_version = 999")
con.commit()
con.close()
PY
    local jar="$SCRATCH/kotlin/bindings-test.jar"
    local sources=()
    mapfile -t sources < <(find "$GENERATED/kotlin" "$ROOT/bindings/tests/kotlin" -name '*.kt' | sort)
    echo "compiling ${#sources[@]} Kotlin files"
    "$KOTLINC" -nowarn -classpath "$JNA_JAR" -d "$jar" "${sources[@]}"
    local out="$SCRATCH/kotlin/output.txt"
    java -Djna.library.path="$(dirname "$LIB")" \
        -cp "$jar:$KOTLIN_HOME/lib/kotlin-stdlib.jar:$JNA_JAR" \
        BindingsTestKt "$SCRATCH/kotlin" "$too_new" | tee "$out"
    expect_all_passed "$out"
}

python_tests() {
    # The generated module loads the library from its own folder.
    cp "$LIB" "$GENERATED/python/"
    PYTHONPATH="$GENERATED/python" PYTHONDONTWRITEBYTECODE=1 \
        python3 -m unittest discover -v -s "$ROOT/bindings/tests/python" -p 'test_*.py'
}

swift_check() {
    local swift="$GENERATED/swift/DealerCrm.swift"
    local file
    for file in "$swift" "$GENERATED/swift/DealerCrmFFI.h" "$GENERATED/swift/DealerCrmFFI.modulemap"; do
        [[ -s $file ]] || die "$file was not generated"
    done
    # The API a Swift app uses, compared without comments and whitespace (the output is not
    # formatted); a name must not run on (`struct Customer` does not match `CustomerPatch`).
    python3 - "$swift" \
        'class CrmStore' 'enum CrmError' 'struct CustomerPatch' 'struct NewCustomer' \
        'struct Customer' 'struct CustomerSummary' 'struct CustomerPage' 'struct ListQuery' \
        'struct CalendarDate' 'enum SourceChannel' 'enum CustomerField' \
        'typealias Timestamp = Date' 'typealias CustomerId = String' \
        'case InvalidInput(field: String, reason: String)' \
        'case DuplicateContact(field: String, existingId: String)' \
        'case Conflict(expectedVersion: UInt64, actualVersion: UInt64)' \
        'case DatabaseTooNew(found: UInt32, supported: UInt32)' \
        'convenience init(path: String) throws' \
        'func createCustomer(customer: NewCustomer) throws -> Customer' \
        'func getCustomer(id: CustomerId) throws -> Customer' \
        'func updateCustomer(id: CustomerId, expectedVersion: UInt64, patch: CustomerPatch) throws -> Customer' \
        'func archiveCustomer(id: CustomerId, expectedVersion: UInt64) throws -> Customer' \
        'func restoreCustomer(id: CustomerId, expectedVersion: UInt64) throws -> Customer' \
        'func deleteCustomer(id: CustomerId) throws' \
        'func listCustomers(query: ListQuery = ListQuery()) throws -> CustomerPage' \
        'func countCustomers(includeArchived: Bool = false) throws -> UInt64' <<'PY'
import re, sys

path, wanted = sys.argv[1], sys.argv[2:]
text = open(path, encoding="utf-8").read()
text = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)
text = re.sub(r"\s+", "", text)
missing = []
for api in wanted:
    pattern = re.escape(re.sub(r"\s+", "", api)) + (r"(?!\w)" if api[-1].isalnum() else "")
    found = re.search(pattern, text)
    print(("found   " if found else "MISSING ") + api)
    if not found:
        missing.append(api)
if missing:
    sys.exit(f"{path} lacks {len(missing)} of the expected declarations")
PY
}

# ---------------------------------------------------------------------------------------------

step "cargo build --workspace --all-targets" rust_build
step "cargo test --workspace --all-features" rust_test
step "generate Kotlin, Swift and Python bindings" generate_bindings
step "tools: java, jna, kotlinc $KOTLIN_VERSION" ensure_tools
step "Kotlin binding tests" kotlin_tests
step "Python binding tests" python_tests
step "Swift bindings check (generated, not compiled)" swift_check

# ---------------------------------------------------------------------------------------------
# Later steps (examples, benchmark runs) go here, each as `step "<title>" <function>`.
