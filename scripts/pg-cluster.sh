#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for running the sync server's tests by hand:
#
#   scripts/pg-cluster.sh start [DIR]   initdb into DIR (default: a new temporary folder),
#                                       start on a free port of 127.0.0.1, print the line
#                                       to export for `cargo test -p crm-server`
#   scripts/pg-cluster.sh stop DIR      stop it and remove DIR
#
# As root, PostgreSQL runs as the user postgres (created when missing); Debian's
# postgresql-15 is installed when /usr/lib/postgresql/15/bin/initdb is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
trap - EXIT

case ${1:-} in
start)
    dir=${2:-$(mktemp -d /tmp/crm-pg.XXXXXX)}
    [[ ! -e $dir/data ]] || die "$dir/data exists: stop that cluster first"
    pg_cluster_start "$dir" >&2
    echo "export CRM_TEST_DATABASE_URL=$PG_URL"
    echo "# stop with: scripts/pg-cluster.sh stop $dir" ;;
stop)
    dir=${2:?stop needs the cluster folder}
    [[ -f $dir/url ]] || die "$dir holds no cluster started by this script"
    pg_cluster_stop "$dir"
    echo "stopped and removed $dir" ;;
*)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 2 ;;
esac
