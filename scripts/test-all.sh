#!/usr/bin/env bash
# Runs every test of dealer-crm: the Rust workspace, then the generated Kotlin, Python and
# Swift bindings against the real library. Works from a fresh clone (CI runs it as root with
# CI=true, through .ci/run) and on a dev machine.
#
# The sync server's tests need PostgreSQL 15: a throwaway cluster is started before
# `cargo test` and removed on exit (Debian's postgresql-15 installed when missing).
# Tools the binding tests need are installed when missing, and the script FAILS when an
# install fails; nothing is skipped:
#   - kotlinc: npm package kotlin-compiler@$KOTLIN_VERSION, unpacked under target/tools/
#   - jna.jar: Debian's libjna-java (apt-get; root or sudo), or JNA_JAR=/path/to/jna.jar
#   - java:    Debian's default-jre-headless when `java` is missing
#   - python3: stdlib only (sqlite3, unittest)
#   - a CJK font for the `crm report --chart` tests: Debian's fonts-noto-cjk (apt-get)
#   - OpenSSL's headers and libcrypto for SQLCipher (encrypted books): Debian's libssl-dev
# Swift cannot be compiled on Linux here: its bindings are generated and their API checked.
# Last, a tiny run of scripts/bench-kotlin.sh (300 customers) checks that the benchmark runs.
#
# Usage: scripts/test-all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# Steps, summary, paths, tool installs, binding generation, Kotlin compile and run.
source scripts/lib.sh

LIB="$TARGET_DIR/debug/libcrm_ffi.so"
BINDGEN="$TARGET_DIR/debug/uniffi-bindgen"
GENERATED="$TARGET_DIR/bindings"
SCRATCH="$TARGET_DIR/binding-tests"

# ---------------------------------------------------------------------------------------------
# 1. Rust

# Encrypted books build SQLite as SQLCipher against the system's libcrypto.
ensure_openssl_dev() {
    if [[ ! -f /usr/include/openssl/evp.h ]]; then
        echo "OpenSSL headers not found: installing libssl-dev"
        apt_install libssl-dev
    fi
}

rust_build() {
    # One build of everything, so that uniffi is not rebuilt with other features later.
    cargo build --workspace --all-targets --locked
}

rust_test() {
    cargo test --workspace --all-features --locked
}

# The sync server's tests run against a throwaway PostgreSQL 15 cluster (scripts/lib.sh:
# installed when missing, run as the user postgres when this script runs as root), stopped
# and removed on exit, also on failure. Each test creates its own database in it.
PG_DIR=""
stop_postgres() {
    if [[ -n $PG_DIR ]]; then pg_cluster_stop "$PG_DIR"; fi
}
start_postgres() {
    PG_DIR=$(mktemp -d /tmp/crm-test-pg.XXXXXX)
    EXIT_HOOKS+=(stop_postgres)
    pg_cluster_start "$PG_DIR"
    export CRM_TEST_DATABASE_URL=$PG_URL
}

# The Kotlin binding tests sync two books through a running crm-server (SyncServerTest.kt):
# the server's schema in the cluster's own database, two device tokens of one consultant,
# the server on a free port; stopped on exit, also on failure.
SYNC_SERVER_PID=""
stop_sync_server() {
    if [[ -n $SYNC_SERVER_PID ]]; then kill "$SYNC_SERVER_PID" 2>/dev/null || true; fi
}
start_sync_server() {
    local server="$TARGET_DIR/debug/crm-server" log="$TARGET_DIR/crm-server-kotlin.log"
    "$server" init --database-url "$PG_URL"
    export CRM_SYNC_TOKEN_A CRM_SYNC_TOKEN_B CRM_SYNC_SERVER
    CRM_SYNC_TOKEN_A=$("$server" user add --database-url "$PG_URL" --id k01 --name 同步顾问 \
        --role consultant --team K)
    CRM_SYNC_TOKEN_B=$("$server" user add --database-url "$PG_URL" --id k01 --name 同步顾问 \
        --role consultant --team K)
    # DuplicatesTest.kt: a second consultant and the team's manager.
    export CRM_SYNC_TOKEN_C CRM_SYNC_TOKEN_M
    CRM_SYNC_TOKEN_C=$("$server" user add --database-url "$PG_URL" --id k02 --name 撞单顾问 \
        --role consultant --team K)
    CRM_SYNC_TOKEN_M=$("$server" user add --database-url "$PG_URL" --id km --name 同组经理 \
        --role manager --team K)
    # The pool's checks (PoolTest.kt): a second consultant (a second token of k02) and
    # their manager.
    export CRM_SYNC_TOKEN_K02 CRM_SYNC_TOKEN_MANAGER
    CRM_SYNC_TOKEN_K02=$("$server" user add --database-url "$PG_URL" --id k02 --name 撞单顾问 \
        --role consultant --team K)
    CRM_SYNC_TOKEN_MANAGER=$("$server" user add --database-url "$PG_URL" --id km1 --name 销售经理 \
        --role manager --team K)
    "$server" serve --database-url "$PG_URL" --listen 127.0.0.1:0 >"$log" 2>&1 &
    SYNC_SERVER_PID=$!
    EXIT_HOOKS+=(stop_sync_server)
    local i
    for i in $(seq 1 100); do
        if CRM_SYNC_SERVER=$(sed -n 's/^listening on //p' "$log") && [[ -n $CRM_SYNC_SERVER ]]; then
            echo "crm-server at $CRM_SYNC_SERVER"
            return 0
        fi
        kill -0 "$SYNC_SERVER_PID" 2>/dev/null || die "crm-server stopped: $(cat "$log")"
        sleep 0.1
    done
    die "crm-server did not say where it listens: $(cat "$log")"
}

# `crm report --chart` draws Chinese labels: its tests need a CJK font (Debian's).
CJK_FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
ensure_cjk_font() {
    if [[ ! -f $CJK_FONT ]]; then
        echo "$CJK_FONT not found: installing fonts-noto-cjk"
        apt_install fonts-noto-cjk
    fi
    [[ -f $CJK_FONT ]] || die "$CJK_FONT is still missing after installing fonts-noto-cjk"
}

# ---------------------------------------------------------------------------------------------
# 2. Bindings, generated from the built library (uniffi library mode).

generate_all_bindings() {
    generate_bindings "$LIB" "$BINDGEN" "$GENERATED" kotlin swift python
}

# ---------------------------------------------------------------------------------------------
# 3. Tools: ensure_kotlin_tools (scripts/lib.sh)

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
    # The benchmark (Bench.kt) is compiled too, so that it cannot stop compiling unseen.
    local jar="$SCRATCH/kotlin/bindings-test.jar"
    kotlin_compile "$jar" "$GENERATED/kotlin" "$ROOT/bindings/tests/kotlin"
    local out="$SCRATCH/kotlin/output.txt"
    kotlin_run "$(dirname "$LIB")" "$jar" BindingsTestKt "$SCRATCH/kotlin" "$too_new" | tee "$out"
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
        'typealias CalendarDate = DateComponents' 'enum SourceChannel' 'enum CustomerField' \
        'typealias Timestamp = Date' 'typealias CustomerId = String' \
        'case InvalidInput(field: String, reason: String)' \
        'case NotFound(id: String)' \
        'case DuplicateContact(field: String, existingId: String)' \
        'case Conflict(expectedVersion: Int64, actualVersion: Int64)' \
        'case DatabaseTooNew(found: Int32, supported: Int32)' \
        'case Busy case Storage(detail: String)' \
        'static func openReadOnly(path: String) throws -> CrmStore' \
        'func backupTo(path: String) throws' \
        'struct CustomerImport' 'struct FollowUpImport' \
        'func importCustomers(customers: [CustomerImport]) throws -> [CustomerId]' \
        'func importFollowUps(followUps: [FollowUpImport]) throws -> [FollowUpId]' \
        'struct SearchOptions' 'struct SearchHit' 'enum MatchTier' \
        'struct CustomerFilter' 'struct CustomerQuery' 'struct Sort' 'enum SortKey' \
        'enum SourceKind' 'enum ArchivedFilter' 'enum LastContactFilter' \
        'case withinDays(days: Int32)' 'case notForDays(days: Int32)' \
        'struct Facets' 'struct ChannelCount' 'struct ImportanceCount' 'struct FacetCount' \
        'struct ViewDefinition' 'struct SavedView' 'enum ListColumn' \
        'struct DuplicateContact' 'struct WriteOptions' \
        'convenience init(path: String) throws' \
        'func createCustomer(customer: NewCustomer, options: WriteOptions = WriteOptions()) throws -> Customer' \
        'func getCustomer(id: CustomerId) throws -> Customer' \
        'func updateCustomer(id: CustomerId, expectedVersion: Int64, patch: CustomerPatch, options: WriteOptions = WriteOptions()) throws -> Customer' \
        'func archiveCustomer(id: CustomerId, expectedVersion: Int64) throws -> Customer' \
        'func restoreCustomer(id: CustomerId, expectedVersion: Int64) throws -> Customer' \
        'func deleteCustomer(id: CustomerId) throws' \
        'func listCustomers(query: ListQuery = ListQuery()) throws -> CustomerPage' \
        'func countCustomers(includeArchived: Bool = false) throws -> Int64' \
        'func searchCustomers(query: String, options: SearchOptions = SearchOptions()) throws -> [SearchHit]' \
        'func queryCustomers(query: CustomerQuery = CustomerQuery()) throws -> CustomerPage' \
        'func countMatching(filter: CustomerFilter = CustomerFilter()) throws -> Int64' \
        'func facetCounts(filter: CustomerFilter = CustomerFilter()) throws -> Facets' \
        'func createView(name: String, definition: ViewDefinition) throws -> SavedView' \
        'func getView(id: String) throws -> SavedView' \
        'func listViews() throws -> [SavedView]' \
        'func renameView(id: String, expectedVersion: Int64, name: String) throws -> SavedView' \
        'func updateView(id: String, expectedVersion: Int64, definition: ViewDefinition) throws -> SavedView' \
        'func deleteView(id: String) throws' \
        'func runView(id: String, limit: Int32? = nil, cursor: String? = nil) throws -> CustomerPage' \
        'func checkDuplicates(contacts: [ContactInput]) throws -> [DuplicateContact]' \
        'func mergeCustomers(keepId: CustomerId, keepVersion: Int64, otherId: CustomerId, otherVersion: Int64) throws -> Customer' \
        'typealias FollowUpId = String' 'typealias PlanId = String' 'typealias ReminderId = String' \
        'typealias SyncToken = String' \
        'enum IntentLevel' 'enum FollowUpMethod' 'enum FollowUpKind' 'enum FollowUpField' \
        'struct Attachment' 'struct NewFollowUp' 'struct FollowUp' 'struct FollowUpPatch' 'struct LoggedFollowUp' \
        'enum PlanTime' 'enum PlanStatus' 'struct NewPlan' 'struct Plan' \
        'struct AgendaItem' 'enum AgendaReason' \
        'struct Reminder' 'struct ReminderChanges' 'enum ReminderChannel' \
        'struct TimelinePage' 'struct TimelineRecord' 'enum TimelineEntry' 'struct FieldChange' 'enum FieldValue' \
        'struct MessageTemplate' 'struct NewTemplate' 'enum TemplatePurpose' 'enum TemplateLanguage' \
        'struct Settings' 'struct CadenceConfig' 'struct ReminderConfig' 'struct TimeOfDay' 'struct StoreInfo' \
        'case planOverdue(planId: PlanId, time: PlanTime, method: FollowUpMethod, purpose: String, daysOverdue: Int32)' \
        'func setIntentLevel(id: CustomerId, expectedVersion: Int64, level: IntentLevel, actor: String? = nil) throws -> Customer' \
        'func logFollowUp(customerId: CustomerId, followUp: NewFollowUp, next: NewPlan? = nil) throws -> LoggedFollowUp' \
        'func getFollowUp(id: FollowUpId) throws -> FollowUp' \
        'func followUpsOf(customerId: CustomerId) throws -> [FollowUp]' \
        'func updateFollowUp(id: FollowUpId, expectedVersion: Int64, patch: FollowUpPatch) throws -> FollowUp' \
        'func deleteFollowUp(id: FollowUpId) throws' \
        'func setPlan(customerId: CustomerId, plan: NewPlan) throws -> Plan' \
        'func openPlan(customerId: CustomerId) throws -> Plan?' \
        'func getPlan(id: PlanId) throws -> Plan' \
        'func plansOf(customerId: CustomerId) throws -> [Plan]' \
        'func reschedulePlan(id: PlanId, expectedVersion: Int64, to: PlanTime, reason: String? = nil) throws -> Plan' \
        'func cancelPlan(id: PlanId, expectedVersion: Int64, reason: String) throws -> Plan' \
        'func completePlan(id: PlanId, expectedVersion: Int64) throws -> Plan' \
        'func updatePlan(id: PlanId, expectedVersion: Int64, patch: PlanPatch) throws -> Plan' \
        'func agenda(owner: String?, date: CalendarDate) throws -> [AgendaItem]' \
        'func reminders(from: Timestamp, to: Timestamp, owner: String?) throws -> [Reminder]' \
        'func reminderChangesSince(token: SyncToken? = nil) throws -> ReminderChanges' \
        'func timeline(customerId: CustomerId, limit: Int32? = nil, cursor: String? = nil) throws -> TimelinePage' \
        'func listTemplates() throws -> [MessageTemplate]' \
        'func addTemplate(template: NewTemplate) throws -> MessageTemplate' \
        'func updateTemplate(key: String, template: NewTemplate) throws -> MessageTemplate' \
        'func deleteTemplate(key: String) throws' \
        'func renderTemplate(key: String, language: TemplateLanguage, customerId: CustomerId, values: [String: String] = [:]) throws -> String' \
        'func settings() throws -> Settings' \
        'func setTimeZone(name: String) throws -> Settings' \
        'func setCadence(cadence: CadenceConfig) throws -> Settings' \
        'func setReminderConfig(config: ReminderConfig) throws -> Settings' \
        'func setStoreInfo(info: StoreInfo) throws -> Settings' \
        'struct OdometerLimits' \
        'func setOdometerLimits(limits: OdometerLimits) throws -> Settings' \
        'enum BodyType' 'enum Powertrain' 'enum PurchaseTimeframe' 'enum PaymentMethod' \
        'struct AmountRange' 'struct TradeIn' 'struct CatalogueModel' \
        'struct NewVehicleIntent' 'struct VehicleIntent' 'struct VehicleIntentPatch' 'enum IntentField' \
        'struct IntentLevelChange' 'enum PipelineStatus' 'struct PipelineState' 'struct StageMove' \
        'struct StageTransition' 'struct PendingRequest' 'struct LostRequest' 'struct DormantRequest' \
        'enum MoveKind' \
        'func loadCatalogue(models: [CatalogueModel]) throws -> Int64' \
        'func listCatalogue() throws -> [CatalogueModel]' \
        'func getCatalogueModel(id: CatalogueModelId) throws -> CatalogueModel' \
        'func addIntent(customerId: CustomerId, intent: NewVehicleIntent, actor: String? = nil) throws -> VehicleIntent' \
        'func updateIntent(id: IntentId, expectedVersion: Int64, patch: VehicleIntentPatch, actor: String? = nil) throws -> VehicleIntent' \
        'func removeIntent(id: IntentId, expectedVersion: Int64, actor: String? = nil) throws' \
        'func getIntent(id: IntentId) throws -> VehicleIntent' \
        'func intentsOf(customerId: CustomerId) throws -> [VehicleIntent]' \
        'func intentLevelHistory(customerId: CustomerId) throws -> [IntentLevelChange]' \
        'func advanceStage(customerId: CustomerId, to: Stage, actor: String? = nil) throws -> StageTransition' \
        'func requestLost(customerId: CustomerId, request: LostRequest, actor: String? = nil) throws -> StageTransition' \
        'func requestDormant(customerId: CustomerId, request: DormantRequest, actor: String? = nil) throws -> StageTransition' \
        'func withdrawRequest(customerId: CustomerId, actor: String? = nil) throws -> StageTransition' \
        'func approveRequest(customerId: CustomerId, manager: String) throws -> StageTransition' \
        'func rejectRequest(customerId: CustomerId, manager: String, reassignTo: String? = nil, note: String? = nil) throws -> StageTransition' \
        'func reopen(customerId: CustomerId, to: Stage? = nil, note: String? = nil, actor: String? = nil) throws -> StageTransition' \
        'func pipelineState(customerId: CustomerId) throws -> PipelineState' \
        'func stageHistory(customerId: CustomerId) throws -> [StageMove]' \
        'func pendingRequests(owner: String? = nil) throws -> [PendingRequest]' \
        'struct NewOrder' 'struct Order' 'struct OrderedVehicle' 'struct OrderPatch' 'enum OrderField' \
        'enum OrderStatus' 'enum CancelReason' 'struct NewDelivery' 'struct Delivery' \
        'func placeOrder(customerId: CustomerId, order: NewOrder, actor: String? = nil) throws -> Order' \
        'func getOrder(id: OrderId) throws -> Order' \
        'func ordersOf(customerId: CustomerId) throws -> [Order]' \
        'func updateOrder(id: OrderId, expectedVersion: Int64, patch: OrderPatch, actor: String? = nil) throws -> Order' \
        'func setOrderVin(id: OrderId, expectedVersion: Int64, vin: String, actor: String? = nil) throws -> Order' \
        'func cancelOrder(id: OrderId, expectedVersion: Int64, reason: CancelReason, note: String? = nil, actor: String? = nil) throws -> Order' \
        'func deliverOrder(id: OrderId, expectedVersion: Int64, delivery: NewDelivery, actor: String? = nil) throws -> Order' \
        'struct NewCar' 'struct Car' 'struct OdometerRecord' 'enum OdometerSource' 'typealias CarId = String' \
        'struct CareTask' 'struct CareTaskQuery' 'struct CareRunSummary' 'enum CareTaskStatus' \
        'enum CareTaskStatusKind' 'enum CareDetail' 'enum MaintenanceTrigger' 'typealias CareTaskKey = String' \
        'struct ConsentRecord' 'struct ConsentChange' \
        'func recordCar(customerId: CustomerId, car: NewCar) throws -> Car' \
        'func carsOf(customerId: CustomerId) throws -> [Car]' \
        'func recordOdometer(carId: CarId, on: CalendarDate, km: Int32, source: OdometerSource) throws -> OdometerRecord' \
        'func correctOdometer(readingId: Int64, on: CalendarDate, km: Int32, source: OdometerSource) throws -> OdometerRecord' \
        'func deleteOdometer(readingId: Int64) throws' \
        'func setInsuranceEnds(carId: CarId, endsOn: [CalendarDate]) throws -> Car' \
        'func generateCare(from: CalendarDate, to: CalendarDate) throws -> CareRunSummary' \
        'func careTasks(query: CareTaskQuery) throws -> [CareTask]' \
        'func completeCareTask(key: CareTaskKey, outcome: String) throws -> CareTask' \
        'func skipCareTask(key: CareTaskKey, reason: String) throws -> CareTask' \
        'func snoozeCareTask(key: CareTaskKey, until: CalendarDate) throws -> CareTask' \
        'func consentOf(customerId: CustomerId) throws -> [ConsentRecord]' \
        'func setConsent(customerId: CustomerId, change: ConsentChange) throws -> [ConsentRecord]' \
        'func careRulesJson() throws -> String' \
        'func setCareRulesJson(json: String) throws -> String' \
        'struct NewVisit' 'struct Visit' 'enum VisitKind' 'enum VisitStatus' 'typealias VisitId = String' \
        'func scheduleVisit(customerId: CustomerId, visit: NewVisit, actor: String? = nil) throws -> Visit' \
        'func rescheduleVisit(id: VisitId, expectedVersion: Int64, to: Timestamp, actor: String? = nil) throws -> Visit' \
        'func completeVisit(id: VisitId, expectedVersion: Int64, at: Timestamp, feedback: String? = nil, actor: String? = nil) throws -> Visit' \
        'func noShowVisit(id: VisitId, expectedVersion: Int64, actor: String? = nil) throws -> Visit' \
        'func getVisit(id: VisitId) throws -> Visit' \
        'func visitsOf(customerId: CustomerId) throws -> [Visit]' \
        'struct ReportPeriod' 'struct FunnelReport' 'struct FunnelRow' 'struct ChannelReport' 'struct ChannelRow' \
        'struct LostReport' 'struct LostReasonRow' 'struct CompetitorRow' 'struct ConsultantRow' \
        'struct IntentReport' 'struct IntentLevelRow' 'struct IntentMoveRow' \
        'func funnelReport(period: ReportPeriod) throws -> FunnelReport' \
        'func channelReport(period: ReportPeriod) throws -> ChannelReport' \
        'func lostReport(period: ReportPeriod) throws -> LostReport' \
        'func consultantReport(period: ReportPeriod) throws -> [ConsultantRow]' \
        'func intentReport(period: ReportPeriod) throws -> IntentReport' \
        'struct CareRules' 'struct CareOffset' 'struct Outreach' 'struct DeliveryCallRule' \
        'struct MaintenanceRule' 'struct InsuranceRule' 'struct InspectionRule' 'struct InspectionBand' \
        'struct GreetingRule' 'struct HolidayRules' 'struct Holiday' 'enum HolidayDate' \
        'struct ReferralRule' 'struct ConsentRules' \
        'func careRules() throws -> CareRules' \
        'func setCareRules(rules: CareRules) throws -> CareRules' \
        'func deviceId() throws -> String' 'func pendingUpload(limit: Int32) throws -> String' \
        'func pendingCount() throws -> Int64' \
        'func libraryVersion() -> String' <<'PY'
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
# 5. The Kotlin benchmark, tiny, so that it cannot rot: it fails the run when it crashes or
#    prints no figures, never on timing. It runs the debug build tested above (--no-build).

kotlin_bench_smoke() {
    rm -rf "$SCRATCH/bench"
    scripts/bench-kotlin.sh --profile debug --no-build --customers 300 --iterations 40 \
        --db "$SCRATCH/bench/demo-300.sqlite3" --work "$SCRATCH/bench"
}

# 6. crm-bench, tiny, so that it cannot rot: every operation runs against its baseline on a
#    few hundred customers (the debug build tested above); it fails on a crash or on a query
#    that finds nothing, never on timing.

rust_bench_smoke() {
    target/debug/crm-bench --customers 300 --iterations 5 --json > "$SCRATCH/crm-bench.json"
    python3 - "$SCRATCH/crm-bench.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
ops = {r["op"] for r in rows}
print(f"crm-bench: {len(rows)} rows, {len(ops)} operations")
if len(ops) < 10 or any(r["p50_us"] <= 0 or r["baseline_p50_us"] <= 0 for r in rows):
    sys.exit("crm-bench printed too few operations or empty timings")
PY
}

# 7. crm-bench sync, tiny, on the cluster started above: a first sync of a few customers, a few
#    incremental rounds, three devices uploading at once to one and two crm-server processes
#    (the debug build); it fails on a crash or an empty timing, never on timing.

rust_sync_bench_smoke() {
    target/debug/crm-bench sync --database-url "$CRM_TEST_DATABASE_URL" \
        --server-bin target/debug/crm-server --customers 30 --first-runs 2 --edits 10 \
        --rounds 3 --devices 3 --device-customers 5 --upload-runs 1 --transfer-runs 2 --json \
        > "$SCRATCH/crm-bench-sync.json"
    python3 - "$SCRATCH/crm-bench-sync.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print(f"crm-bench sync: {len(rows)} rows")
if len(rows) != 5 or any(r["p50_us"] <= 0 or r["baseline_p50_us"] <= 0 for r in rows):
    sys.exit("crm-bench sync printed too few rows or empty timings")
PY
}

# ---------------------------------------------------------------------------------------------

step "OpenSSL for SQLCipher (libssl-dev)" ensure_openssl_dev
step "cargo build --workspace --all-targets" rust_build
step "PostgreSQL 15 for the sync server's tests" start_postgres
step "CJK font for chart tests (fonts-noto-cjk)" ensure_cjk_font
step "cargo test --workspace --all-features" rust_test
step "generate Kotlin, Swift and Python bindings" generate_all_bindings
step "tools: java, jna, kotlinc $KOTLIN_VERSION" ensure_kotlin_tools
step "crm-server for the Kotlin sync tests" start_sync_server
step "Kotlin binding tests" kotlin_tests
step "Python binding tests" python_tests
step "Swift bindings check (generated, not compiled)" swift_check
step "Kotlin benchmark, tiny run (must not crash)" kotlin_bench_smoke
step "crm-bench, tiny run (must not crash)" rust_bench_smoke
step "crm-bench sync, tiny run (must not crash)" rust_sync_bench_smoke

# ---------------------------------------------------------------------------------------------
# Later steps (examples ...) go here, each as `step "<title>" <function>`.
