# Shell functions shared by scripts/test-all.sh and scripts/bench-kotlin.sh. Sourced, not run:
#
#   cd "$(dirname "$0")/.."
#   source scripts/lib.sh
#
# It expects to be sourced from the workspace root with `set -euo pipefail`, and sets:
# ROOT, TARGET_DIR, TOOLS, KOTLIN_VERSION, KOTLIN_HOME, KOTLINC, COROUTINES_JAR, JNA_JAR. It installs the
# summary printed on exit (a trap on EXIT).

# The Kotlin compiler, pinned (npm view kotlin-compiler versions).
KOTLIN_VERSION=2.4.20

# ---------------------------------------------------------------------------------------------
# Bookkeeping: timed steps and a summary at the end, also when a step fails.

START=$SECONDS
SUMMARY=()
CURRENT_STEP=""
# What the summary says when every step passed (a script may change it).
SUCCESS_MESSAGE="All tests passed"

log() { printf '\n==> %s\n' "$*"; }
die() {
    printf '\nERROR: %s\n' "$*" >&2
    exit 1
}
need() { command -v "$1" >/dev/null 2>&1; }

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

# Functions run on exit before the summary, also on failure (a throwaway database cluster
# is stopped this way): `EXIT_HOOKS+=(function)`.
EXIT_HOOKS=()

print_summary() {
    local status=$?
    local hook
    for hook in "${EXIT_HOOKS[@]+"${EXIT_HOOKS[@]}"}"; do
        "$hook" || printf 'WARNING: %s failed\n' "$hook" >&2
    done
    printf '\n==> Summary\n'
    local line
    for line in "${SUMMARY[@]+"${SUMMARY[@]}"}"; do
        printf '%s\n' "$line"
    done
    if [[ -n $CURRENT_STEP ]]; then
        printf '  FAIL %s\n' "$CURRENT_STEP"
    fi
    if [[ $status -eq 0 ]]; then
        printf '%s in %ds.\n' "$SUCCESS_MESSAGE" $((SECONDS - START))
    else
        printf 'FAILED (exit %d) after %ds.\n' "$status" $((SECONDS - START))
    fi
}
trap print_summary EXIT

# ---------------------------------------------------------------------------------------------
# Paths

need cargo || die "cargo is not installed (https://rustup.rs)"
need python3 || die "python3 is not installed (the binding tests and these scripts need it)"

ROOT=$PWD
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --locked |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
TOOLS="$TARGET_DIR/tools"
KOTLIN_HOME="$TOOLS/kotlin-compiler-$KOTLIN_VERSION"
KOTLINC="$KOTLIN_HOME/bin/kotlinc"
# kotlinx-coroutines, for the bindings' suspend functions: the compiler's package ships it.
COROUTINES_JAR="$KOTLIN_HOME/lib/kotlinx-coroutines-core-jvm.jar"
JNA_JAR=${JNA_JAR:-/usr/share/java/jna.jar}

# ---------------------------------------------------------------------------------------------
# Bindings, generated from a built library (uniffi library mode).

# generate_bindings <libcrm_ffi.so> <uniffi-bindgen> <out dir> <language>...
generate_bindings() {
    local lib=$1 bindgen=$2 out=$3
    shift 3
    [[ -f $lib ]] || die "$lib was not built"
    [[ -x $bindgen ]] || die "$bindgen was not built"
    rm -rf "$out"
    local language
    for language in "$@"; do
        # The binary built by the workspace build, not `cargo run`: `cargo run -p
        # crm-bindings` resolves features for that package alone and could rebuild uniffi
        # with other features. It runs `cargo metadata`, so it runs from inside the
        # workspace (here).
        "$bindgen" generate --library "$lib" --language "$language" \
            --out-dir "$out/$language" --no-format
    done
}

# ---------------------------------------------------------------------------------------------
# Tools, installed when missing; an install that fails fails the script.

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
        mkdir -p "$TOOLS"
        work=$(mktemp -d "$TOOLS.tmp.XXXXXX")
        (cd "$work" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION") >/dev/null ||
            { rm -rf "$work"; die "npm pack kotlin-compiler@$KOTLIN_VERSION failed"; }
        tar -xzf "$work"/kotlin-compiler-*.tgz -C "$work" ||
            { rm -rf "$work"; die "unpacking kotlin-compiler failed"; }
        rm -rf "$KOTLIN_HOME"
        mv "$work/package" "$KOTLIN_HOME"
        rm -rf "$work"
    fi
    [[ -x $KOTLINC ]] || die "$KOTLINC is missing after unpacking kotlin-compiler"
    [[ -f $KOTLIN_HOME/lib/kotlin-stdlib.jar ]] || die "kotlin-stdlib.jar is missing in $KOTLIN_HOME"
    [[ -f $COROUTINES_JAR ]] || die "kotlinx-coroutines-core-jvm.jar is missing in $KOTLIN_HOME/lib"
    echo "kotlinc: $KOTLIN_VERSION ($KOTLIN_HOME)"
}

# java, jna.jar and kotlinc: what the Kotlin programs need.
ensure_kotlin_tools() {
    ensure_java
    ensure_jna
    ensure_kotlinc
}

# ---------------------------------------------------------------------------------------------
# Kotlin on the JVM

# kotlin_compile <jar> <source dir>...: compiles every .kt below the folders into <jar>.
kotlin_compile() {
    local jar=$1
    shift
    local sources=()
    mapfile -t sources < <(find "$@" -name '*.kt' | sort)
    [[ ${#sources[@]} -gt 0 ]] || die "no Kotlin sources in $*"
    echo "compiling ${#sources[@]} Kotlin files"
    "$KOTLINC" -nowarn -classpath "$JNA_JAR:$COROUTINES_JAR" -d "$jar" "${sources[@]}"
}

# kotlin_run <folder of libcrm_ffi.so> <jar> <main class> [args...]
kotlin_run() {
    local lib_dir=$1 jar=$2 main=$3
    shift 3
    java -Djna.library.path="$lib_dir" \
        -cp "$jar:$KOTLIN_HOME/lib/kotlin-stdlib.jar:$JNA_JAR:$COROUTINES_JAR" \
        "$main" "$@"
}

# ---------------------------------------------------------------------------------------------
# A throwaway PostgreSQL 15 cluster (the sync server's tests). PostgreSQL refuses to run as
# root: as root, initdb and pg_ctl run as the `postgres` user (created when missing).

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

ensure_postgres() {
    if [[ ! -x $PG_BIN/initdb || ! -x $PG_BIN/pg_ctl ]]; then
        echo "$PG_BIN/initdb not found: installing postgresql-15"
        apt_install postgresql-15
    fi
    [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] ||
        die "$PG_BIN/initdb is still missing after installing postgresql-15"
    "$PG_BIN/postgres" --version
}

# The user the cluster runs as: the caller, or `postgres` when the caller is root.
pg_user() {
    if [[ $EUID -eq 0 ]]; then echo postgres; else id -un; fi
}

# as_pg_user <command...>: runs a command as pg_user.
as_pg_user() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ensure_pg_user() {
    [[ $EUID -eq 0 ]] || return 0
    if ! id postgres >/dev/null 2>&1; then
        echo "creating the unprivileged user postgres"
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres ||
            die "could not create the user postgres"
    fi
}

# A TCP port nobody listens on now.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# pg_cluster_start <dir>: initdb into <dir>/data (a fresh, empty <dir>), start it on a free
# port of 127.0.0.1 (its socket in <dir>), trust authentication for local connections only.
# Writes the URL to <dir>/url and sets PG_URL.
pg_cluster_start() {
    local dir=$1
    ensure_postgres
    ensure_pg_user
    mkdir -p "$dir"
    chmod 755 "$dir"
    if [[ $EUID -eq 0 ]]; then chown postgres: "$dir"; fi
    local user port
    user=$(pg_user)
    as_pg_user "$PG_BIN/initdb" -D "$dir/data" -A trust -U "$user" -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    local tries
    for tries in 1 2 3; do
        port=$(free_port)
        if as_pg_user "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" \
            start >/dev/null; then
            PG_URL="postgres://$user@127.0.0.1:$port/postgres"
            echo "$PG_URL" >"$dir/url"
            echo "PostgreSQL 15 at $PG_URL (data in $dir)"
            return 0
        fi
        echo "PostgreSQL did not start on port $port (try $tries)" >&2
        tail -n 5 "$dir/server.log" >&2 || true
    done
    die "PostgreSQL did not start (log: $dir/server.log)"
}

# pg_cluster_stop <dir>: stops the cluster in <dir> (if running) and removes <dir>.
pg_cluster_stop() {
    local dir=$1
    [[ -d $dir ]] || return 0
    if [[ -f $dir/data/postmaster.pid ]]; then
        as_pg_user "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 ||
            echo "WARNING: pg_ctl stop failed for $dir" >&2
    fi
    rm -rf "$dir"
}
