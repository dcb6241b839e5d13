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

# The Rust API as its users meet it: examples/rust is a crate outside the workspace that
# depends on crm-core (with its strategies) and crm-store by path, with a program and a
# store-backed property test; the strategies' documentation builds; the store builds
# against a system SQLite.
rust_api_example() {
    CARGO_TARGET_DIR=target/rust-example cargo test --manifest-path examples/rust/Cargo.toml --locked
    cargo doc -p crm-core --features proptest --no-deps --locked
    local page=target/doc/crm_core/strategies/follow_up/fn.new_plan.html
    [[ -f $page ]] || { echo "cargo doc did not document the strategies ($page)"; return 1; }
    # The store without its bundled SQLite (linking the system's) still compiles.
    cargo check -p crm-store --no-default-features --features http --locked
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
    kotlin_compile "$jar" "$GENERATED/kotlin" "$ROOT/bindings/kotlin/src" "$ROOT/bindings/tests/kotlin"
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
    local companions
    companions=$(find "$ROOT/bindings/swift/Sources/DealerCrm" -name '*.swift' | sort | paste -sd: -)
    [[ -n $companions ]] || die "no Swift companion files in bindings/swift/Sources/DealerCrm"
    # The API a Swift app uses, compared without comments and whitespace (the output is not
    # formatted); a name must not run on (`struct Customer` does not match `CustomerPatch`).
    # The companion files (calendar dates, live queries) are checked with it: the generated
    # code calls what they declare.
    python3 - "$swift:$companions" \
        'try DateComponents(crmIsoDate: builtinValue)' 'init(crmIsoDate text: String) throws' \
        'public var crmIsoDate: String' 'public init(crmYear year: Int, month: Int, day: Int)' \
        'protocol ChangeListener: AnyObject, Sendable' 'func onChange(change: DataChange)' \
        'func addChangeListener(listener: ChangeListener, kinds: [DataKind] = [], customerId: CustomerId? = nil) -> Int64' \
        'func removeChangeListener(id: Int64) -> Bool' 'enum DataKind' 'enum ChangeSource' 'struct DataChange' \
        'final class ChangeRelay: ChangeListener' \
        'public func changes(kinds: [DataKind] = [], customerId: CustomerId? = nil) -> AsyncStream<DataChange>' \
        'public func watch<T: Sendable>(' \
        'public func watchCustomers(query: ListQuery = ListQuery()) -> AsyncThrowingStream<CustomerPage, Error>' \
        'public func watchCustomer(id: CustomerId) -> AsyncThrowingStream<Customer, Error>' \
        'public func watchAgenda(owner: String?, date: DateComponents) -> AsyncThrowingStream<[AgendaItem], Error>' \
        'public func watchCareTasks(query: CareTaskQuery) -> AsyncThrowingStream<[CareTask], Error>' \
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
        'func backupTo(path: String) async throws' \
        'struct CustomerImport' 'struct FollowUpImport' \
        'func importCustomers(customers: [CustomerImport]) async throws -> [CustomerId]' \
        'func importFollowUps(followUps: [FollowUpImport]) async throws -> [FollowUpId]' \
        'struct SearchOptions' 'struct SearchHit' 'enum MatchTier' \
        'struct CustomerFilter' 'struct CustomerQuery' 'struct Sort' 'enum SortKey' \
        'enum SourceKind' 'enum ArchivedFilter' 'enum LastContactFilter' \
        'case withinDays(days: Int32)' 'case notForDays(days: Int32)' \
        'struct Facets' 'struct ChannelCount' 'struct ImportanceCount' 'struct FacetCount' \
        'struct ViewDefinition' 'struct SavedView' 'enum ListColumn' \
        'struct DuplicateContact' 'struct WriteOptions' \
        'convenience init(path: String) throws' \
        'func createCustomer(customer: NewCustomer, options: WriteOptions = WriteOptions()) async throws -> Customer' \
        'func getCustomer(id: CustomerId) async throws -> Customer' \
        'func updateCustomer(id: CustomerId, expectedVersion: Int64, patch: CustomerPatch, options: WriteOptions = WriteOptions()) async throws -> Customer' \
        'func archiveCustomer(id: CustomerId, expectedVersion: Int64) async throws -> Customer' \
        'func restoreCustomer(id: CustomerId, expectedVersion: Int64) async throws -> Customer' \
        'func deleteCustomer(id: CustomerId) async throws' \
        'func listCustomers(query: ListQuery = ListQuery()) async throws -> CustomerPage' \
        'func countCustomers(includeArchived: Bool = false) async throws -> Int64' \
        'func searchCustomers(query: String, options: SearchOptions = SearchOptions()) async throws -> [SearchHit]' \
        'func queryCustomers(query: CustomerQuery = CustomerQuery()) async throws -> CustomerPage' \
        'func countMatching(filter: CustomerFilter = CustomerFilter()) async throws -> Int64' \
        'func facetCounts(filter: CustomerFilter = CustomerFilter()) async throws -> Facets' \
        'func createView(name: String, definition: ViewDefinition) async throws -> SavedView' \
        'func getView(id: String) async throws -> SavedView' \
        'func listViews() async throws -> [SavedView]' \
        'func renameView(id: String, expectedVersion: Int64, name: String) async throws -> SavedView' \
        'func updateView(id: String, expectedVersion: Int64, definition: ViewDefinition) async throws -> SavedView' \
        'func deleteView(id: String) async throws' \
        'func runView(id: String, limit: Int32? = nil, cursor: String? = nil) async throws -> CustomerPage' \
        'func checkDuplicates(contacts: [ContactInput]) async throws -> [DuplicateContact]' \
        'func mergeCustomers(keepId: CustomerId, keepVersion: Int64, otherId: CustomerId, otherVersion: Int64) async throws -> Customer' \
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
        'func setIntentLevel(id: CustomerId, expectedVersion: Int64, level: IntentLevel, actor: String? = nil) async throws -> Customer' \
        'func logFollowUp(customerId: CustomerId, followUp: NewFollowUp, next: NewPlan? = nil) async throws -> LoggedFollowUp' \
        'func getFollowUp(id: FollowUpId) async throws -> FollowUp' \
        'func followUpsOf(customerId: CustomerId) async throws -> [FollowUp]' \
        'func updateFollowUp(id: FollowUpId, expectedVersion: Int64, patch: FollowUpPatch) async throws -> FollowUp' \
        'func deleteFollowUp(id: FollowUpId) async throws' \
        'func setPlan(customerId: CustomerId, plan: NewPlan) async throws -> Plan' \
        'func openPlan(customerId: CustomerId) async throws -> Plan?' \
        'func getPlan(id: PlanId) async throws -> Plan' \
        'func plansOf(customerId: CustomerId) async throws -> [Plan]' \
        'func reschedulePlan(id: PlanId, expectedVersion: Int64, to: PlanTime, reason: String? = nil) async throws -> Plan' \
        'func cancelPlan(id: PlanId, expectedVersion: Int64, reason: String) async throws -> Plan' \
        'func completePlan(id: PlanId, expectedVersion: Int64) async throws -> Plan' \
        'func updatePlan(id: PlanId, expectedVersion: Int64, patch: PlanPatch) async throws -> Plan' \
        'func agenda(owner: String?, date: CalendarDate) async throws -> [AgendaItem]' \
        'func reminders(from: Timestamp, to: Timestamp, owner: String?) async throws -> [Reminder]' \
        'func reminderChangesSince(token: SyncToken? = nil) async throws -> ReminderChanges' \
        'func timeline(customerId: CustomerId, limit: Int32? = nil, cursor: String? = nil) async throws -> TimelinePage' \
        'func listTemplates() async throws -> [MessageTemplate]' \
        'func addTemplate(template: NewTemplate) async throws -> MessageTemplate' \
        'func updateTemplate(key: String, template: NewTemplate) async throws -> MessageTemplate' \
        'func deleteTemplate(key: String) async throws' \
        'func renderTemplate(key: String, language: TemplateLanguage, customerId: CustomerId, values: [String: String] = [:]) async throws -> String' \
        'func settings() async throws -> Settings' \
        'func setTimeZone(name: String) async throws -> Settings' \
        'func setCadence(cadence: CadenceConfig) async throws -> Settings' \
        'func setReminderConfig(config: ReminderConfig) async throws -> Settings' \
        'func setStoreInfo(info: StoreInfo) async throws -> Settings' \
        'struct OdometerLimits' \
        'func setOdometerLimits(limits: OdometerLimits) async throws -> Settings' \
        'enum BodyType' 'enum Powertrain' 'enum PurchaseTimeframe' 'enum PaymentMethod' \
        'struct AmountRange' 'struct TradeIn' 'struct CatalogueModel' \
        'struct NewVehicleIntent' 'struct VehicleIntent' 'struct VehicleIntentPatch' 'enum IntentField' \
        'struct IntentLevelChange' 'enum PipelineStatus' 'struct PipelineState' 'struct StageMove' \
        'struct StageTransition' 'struct PendingRequest' 'struct LostRequest' 'struct DormantRequest' \
        'enum MoveKind' \
        'func loadCatalogue(models: [CatalogueModel]) async throws -> Int64' \
        'func listCatalogue() async throws -> [CatalogueModel]' \
        'func getCatalogueModel(id: CatalogueModelId) async throws -> CatalogueModel' \
        'func addIntent(customerId: CustomerId, intent: NewVehicleIntent, actor: String? = nil) async throws -> VehicleIntent' \
        'func updateIntent(id: IntentId, expectedVersion: Int64, patch: VehicleIntentPatch, actor: String? = nil) async throws -> VehicleIntent' \
        'func removeIntent(id: IntentId, expectedVersion: Int64, actor: String? = nil) async throws' \
        'func getIntent(id: IntentId) async throws -> VehicleIntent' \
        'func intentsOf(customerId: CustomerId) async throws -> [VehicleIntent]' \
        'func intentLevelHistory(customerId: CustomerId) async throws -> [IntentLevelChange]' \
        'func advanceStage(customerId: CustomerId, to: Stage, actor: String? = nil) async throws -> StageTransition' \
        'func requestLost(customerId: CustomerId, request: LostRequest, actor: String? = nil) async throws -> StageTransition' \
        'func requestDormant(customerId: CustomerId, request: DormantRequest, actor: String? = nil) async throws -> StageTransition' \
        'func withdrawRequest(customerId: CustomerId, actor: String? = nil) async throws -> StageTransition' \
        'func approveRequest(customerId: CustomerId, manager: String) async throws -> StageTransition' \
        'func rejectRequest(customerId: CustomerId, manager: String, reassignTo: String? = nil, note: String? = nil) async throws -> StageTransition' \
        'func reopen(customerId: CustomerId, to: Stage? = nil, note: String? = nil, actor: String? = nil) async throws -> StageTransition' \
        'func pipelineState(customerId: CustomerId) async throws -> PipelineState' \
        'func stageHistory(customerId: CustomerId) async throws -> [StageMove]' \
        'func pendingRequests(owner: String? = nil) async throws -> [PendingRequest]' \
        'struct NewOrder' 'struct Order' 'struct OrderedVehicle' 'struct OrderPatch' 'enum OrderField' \
        'enum OrderStatus' 'enum CancelReason' 'struct NewDelivery' 'struct Delivery' \
        'func placeOrder(customerId: CustomerId, order: NewOrder, actor: String? = nil) async throws -> Order' \
        'func getOrder(id: OrderId) async throws -> Order' \
        'func ordersOf(customerId: CustomerId) async throws -> [Order]' \
        'func updateOrder(id: OrderId, expectedVersion: Int64, patch: OrderPatch, actor: String? = nil) async throws -> Order' \
        'func setOrderVin(id: OrderId, expectedVersion: Int64, vin: String, actor: String? = nil) async throws -> Order' \
        'func cancelOrder(id: OrderId, expectedVersion: Int64, reason: CancelReason, note: String? = nil, actor: String? = nil) async throws -> Order' \
        'func deliverOrder(id: OrderId, expectedVersion: Int64, delivery: NewDelivery, actor: String? = nil) async throws -> Order' \
        'struct NewCar' 'struct Car' 'struct OdometerRecord' 'enum OdometerSource' 'typealias CarId = String' \
        'struct CareTask' 'struct CareTaskQuery' 'struct CareRunSummary' 'enum CareTaskStatus' \
        'enum CareTaskStatusKind' 'enum CareDetail' 'enum MaintenanceTrigger' 'typealias CareTaskKey = String' \
        'struct ConsentRecord' 'struct ConsentChange' \
        'func recordCar(customerId: CustomerId, car: NewCar) async throws -> Car' \
        'func carsOf(customerId: CustomerId) async throws -> [Car]' \
        'func recordOdometer(carId: CarId, on: CalendarDate, km: Int32, source: OdometerSource) async throws -> OdometerRecord' \
        'func correctOdometer(readingId: Int64, on: CalendarDate, km: Int32, source: OdometerSource) async throws -> OdometerRecord' \
        'func deleteOdometer(readingId: Int64) async throws' \
        'func setInsuranceEnds(carId: CarId, endsOn: [CalendarDate]) async throws -> Car' \
        'func generateCare(from: CalendarDate, to: CalendarDate) async throws -> CareRunSummary' \
        'func careTasks(query: CareTaskQuery) async throws -> [CareTask]' \
        'func completeCareTask(key: CareTaskKey, outcome: String) async throws -> CareTask' \
        'func skipCareTask(key: CareTaskKey, reason: String) async throws -> CareTask' \
        'func snoozeCareTask(key: CareTaskKey, until: CalendarDate) async throws -> CareTask' \
        'func consentOf(customerId: CustomerId) async throws -> [ConsentRecord]' \
        'func setConsent(customerId: CustomerId, change: ConsentChange) async throws -> [ConsentRecord]' \
        'func careRulesJson() async throws -> String' \
        'func setCareRulesJson(json: String) async throws -> String' \
        'struct NewVisit' 'struct Visit' 'enum VisitKind' 'enum VisitStatus' 'typealias VisitId = String' \
        'func scheduleVisit(customerId: CustomerId, visit: NewVisit, actor: String? = nil) async throws -> Visit' \
        'func rescheduleVisit(id: VisitId, expectedVersion: Int64, to: Timestamp, actor: String? = nil) async throws -> Visit' \
        'func completeVisit(id: VisitId, expectedVersion: Int64, at: Timestamp, feedback: String? = nil, actor: String? = nil) async throws -> Visit' \
        'func noShowVisit(id: VisitId, expectedVersion: Int64, actor: String? = nil) async throws -> Visit' \
        'func getVisit(id: VisitId) async throws -> Visit' \
        'func visitsOf(customerId: CustomerId) async throws -> [Visit]' \
        'struct ReportPeriod' 'struct FunnelReport' 'struct FunnelRow' 'struct ChannelReport' 'struct ChannelRow' \
        'struct LostReport' 'struct LostReasonRow' 'struct CompetitorRow' 'struct ConsultantRow' \
        'struct IntentReport' 'struct IntentLevelRow' 'struct IntentMoveRow' \
        'func funnelReport(period: ReportPeriod) async throws -> FunnelReport' \
        'func channelReport(period: ReportPeriod) async throws -> ChannelReport' \
        'func lostReport(period: ReportPeriod) async throws -> LostReport' \
        'func consultantReport(period: ReportPeriod) async throws -> [ConsultantRow]' \
        'func intentReport(period: ReportPeriod) async throws -> IntentReport' \
        'struct CareRules' 'struct CareOffset' 'struct Outreach' 'struct DeliveryCallRule' \
        'struct MaintenanceRule' 'struct InsuranceRule' 'struct InspectionRule' 'struct InspectionBand' \
        'struct GreetingRule' 'struct HolidayRules' 'struct Holiday' 'enum HolidayDate' \
        'struct ReferralRule' 'struct ConsentRules' \
        'func careRules() async throws -> CareRules' \
        'func setCareRules(rules: CareRules) async throws -> CareRules' \
        'func deviceId() async throws -> String' 'func pendingUpload(limit: Int32) async throws -> String' \
        'func pendingCount() async throws -> Int64' \
        'func libraryVersion() -> String' <<'PY'
import re, sys

# The generated file and the hand-written companions the Swift package compiles with it,
# joined by ':': a declaration may be in any of them.
paths, wanted = sys.argv[1].split(":"), sys.argv[2:]
path = " + ".join(paths)
text = "\n".join(open(p, encoding="utf-8").read() for p in paths)
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
step "Rust API: examples/rust outside the workspace, strategies' docs" rust_api_example
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
