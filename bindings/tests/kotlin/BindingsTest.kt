// Runs the generated Kotlin bindings against the real libcrm_ffi.so: one line per check, then
// "N passed, M failed"; exits non-zero on any failure.
//
// Arguments: <scratch directory> <path of a database whose user_version is 999>.
// Run by scripts/test-all.sh.

import com.dealercrm.core.*
import kotlinx.coroutines.runBlocking
import java.time.LocalDate
import java.io.File
import java.time.Instant
import java.time.temporal.ChronoUnit
import kotlin.system.exitProcess

private var passed = 0
private var failed = 0

/** Runs one named check; an exception or a false assertion fails it. */
internal suspend fun check(name: String, body: suspend () -> Unit) {
    try {
        body()
        passed++
        println("PASS $name")
    } catch (e: Throwable) {
        failed++
        println("FAIL $name: $e")
    }
}

internal inline fun expect(condition: Boolean, what: () -> String) {
    if (!condition) throw AssertionError(what())
}

internal fun <T> expectEqual(expected: T, actual: T, what: String) =
    expect(expected == actual) { "$what: expected <$expected>, got <$actual>" }

/** Runs [body], which must throw an [E]; returns it. */
internal inline fun <reified E : Throwable> expectThrows(body: () -> Unit): E {
    try {
        body()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionError("expected ${E::class.simpleName}, got $e")
    }
    throw AssertionError("expected ${E::class.simpleName}, nothing was thrown")
}

/** A well-formed id (a UUID) that no record has: NotFound, where a malformed id is InvalidInput. */
internal const val MISSING_ID = "01900000-0000-7000-8000-000000000000"

internal fun mobile(value: String) = ContactInput(kind = ContactKind.MOBILE, value = value)

private fun wechat(value: String) = ContactInput(kind = ContactKind.WECHAT, value = value)

/** A valid new customer; only the required fields are given, the rest take their defaults. */
internal fun newCustomer(name: String, phone: String) = NewCustomer(
    name = name,
    gender = Gender.UNSPECIFIED,
    contacts = listOf(mobile(phone)),
    source = SourceChannel.ShowroomWalkIn,
    importance = Importance.NORMAL,
)

/** The field named by an InvalidInput thrown by [body]. */
internal suspend fun invalidField(body: suspend () -> Unit): String =
    expectThrows<CrmException.InvalidInput> { body() }.field

fun main(args: Array<String>): Unit = runBlocking {
    require(args.size == 2) { "usage: BindingsTest <scratch dir> <too-new database>" }
    val scratch = File(args[0]).apply { mkdirs() }
    val tooNew = args[1]
    val dbFile = File(scratch, "kotlin.sqlite3")
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }

    CrmStore(dbFile.path).use { store ->
        // Millisecond precision: the store keeps milliseconds.
        val metAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS)
        val birthday = LocalDate.of(1990, 5, 17)
        lateinit var zhang: Customer

        check("create normalises and returns version 1") {
            val before = Instant.now().minusSeconds(1)
            zhang = store.createCustomer(
                NewCustomer(
                    name = "  张三 ",
                    gender = Gender.MALE,
                    birthday = birthday,
                    occupation = "工程师",
                    region = Region(province = "广东", city = "深圳"),
                    notes = "想看 SUV",
                    contacts = listOf(
                        mobile("138 1234 5678").copy(primary = true),
                        ContactInput(kind = ContactKind.WECHAT, value = "ZhangSan88", label = "微信"),
                    ),
                    source = SourceChannel.OnlinePlatform(platform = "汽车之家"),
                    firstContact = FirstContact(at = metAt, place = "展厅"),
                    tags = listOf("VIP", " vip ", "SUV"),
                    importance = Importance.KEY,
                ),
            )
            expectEqual("张三", zhang.name, "name")
            expectEqual(1L, zhang.version, "version")
            expectEqual("+8613812345678", zhang.contacts[0].key, "phone key")
            expectEqual("zhangsan88", zhang.contacts[1].key, "wechat key")
            expectEqual(listOf("VIP", "SUV"), zhang.tags, "tags")
            expect(zhang.createdAt.isAfter(before)) { "createdAt ${zhang.createdAt} is not now" }
            expectEqual(null, zhang.archivedAt, "archivedAt")
        }

        check("get returns the created customer") {
            expectEqual(zhang, store.getCustomer(zhang.id), "customer")
        }

        check("Instant round trip (java.time.Instant)") {
            val got = store.getCustomer(zhang.id)
            expectEqual(metAt, got.firstContact?.at, "firstContact.at")
            expectEqual(zhang.createdAt, got.createdAt, "createdAt")
        }

        check("CalendarDate round trip (java.time.LocalDate)") {
            expectEqual(birthday, store.getCustomer(zhang.id).birthday, "birthday")
        }

        check("enum with data round trip (SourceChannel)") {
            val referred = store.createCustomer(
                newCustomer("李四", "13912345678").copy(
                    source = SourceChannel.Referral(referrerId = zhang.id),
                ),
            )
            val source = store.getCustomer(referred.id).source
            expect(source is SourceChannel.Referral && source.referrerId == zhang.id) { "source $source" }
            expectEqual(SourceChannel.OnlinePlatform("汽车之家"), zhang.source, "platform")
            store.deleteCustomer(referred.id)
        }

        check("update sets and clears fields, bumps the version") {
            val updated = store.updateCustomer(
                zhang.id,
                zhang.version,
                CustomerPatch(occupation = "教师", clear = listOf(CustomerField.NOTES, CustomerField.BIRTHDAY)),
            )
            expectEqual(2L, updated.version, "version")
            expectEqual("教师", updated.occupation, "occupation")
            expectEqual(null, updated.notes, "notes")
            expectEqual(null, updated.birthday, "birthday")
            expectEqual(zhang.name, updated.name, "untouched name")
            zhang = updated
        }

        check("Conflict on a stale version") {
            val e = expectThrows<CrmException.Conflict> {
                store.updateCustomer(zhang.id, 1L, CustomerPatch(name = "张三丰"))
            }
            expectEqual(1L, e.expectedVersion, "expectedVersion")
            expectEqual(2L, e.actualVersion, "actualVersion")
            expectEqual("张三", store.getCustomer(zhang.id).name, "unchanged name")
        }

        check("DuplicateContact names the field and the customer who has it") {
            val e = expectThrows<CrmException.DuplicateContact> {
                store.createCustomer(newCustomer("张三的同名", "+86 138-1234-5678"))
            }
            expectEqual("contacts[0].value", e.field, "field")
            expectEqual(zhang.id, e.existingId, "existingId")
        }

        check("InvalidInput names the field") {
            expectEqual("name", invalidField { store.createCustomer(newCustomer(" ", "13812345678")) }, "blank name")
            expectEqual("contacts[0].value", invalidField { store.createCustomer(newCustomer("王五", "12345")) }, "bad phone")
            expectEqual("limit", invalidField { store.listCustomers(ListQuery(limit = -1)) }, "negative limit")
            expectEqual(
                "expected_version",
                invalidField { store.archiveCustomer(zhang.id, -1L) },
                "negative version",
            )
            expectEqual(
                "owner",
                invalidField {
                    store.updateCustomer(zhang.id, zhang.version, CustomerPatch(owner = "u1", clear = listOf(CustomerField.OWNER)))
                },
                "set and cleared",
            )
            expectEqual(
                "instant",
                invalidField {
                    store.createCustomer(newCustomer("王五", "13712345678").copy(firstContact = FirstContact(at = Instant.MAX)))
                },
                "an Instant beyond chrono's range",
            )
            expectEqual("cursor", invalidField { store.listCustomers(ListQuery(cursor = "nonsense")) }, "cursor")
            expectEqual("limit", invalidField { store.listCustomers(ListQuery(limit = 0)) }, "limit")
            val e = expectThrows<CrmException.InvalidInput> { store.createCustomer(newCustomer("", "13812345678")) }
            expect(e.reason.isNotEmpty()) { "empty reason" }
        }

        val ids = mutableListOf(zhang.id)
        check("list pages through every customer with the cursor") {
            repeat(6) { i -> ids += store.createCustomer(newCustomer("客户$i", "1380000000$i")).id }
            val seen = mutableListOf<CustomerSummary>()
            var query = ListQuery(limit = 3)
            val pageSizes = mutableListOf<Int>()
            while (true) {
                val page = store.listCustomers(query)
                pageSizes += page.customers.size
                seen += page.customers
                val next = page.nextCursor ?: break
                query = query.copy(cursor = next)
            }
            expectEqual(listOf(3, 3, 1), pageSizes, "page sizes")
            expectEqual(ids.sorted(), seen.map { it.id }.sorted(), "every id once")
            // Newest first; customers created in the same millisecond by id, descending.
            val newestFirst = seen.sortedWith(compareByDescending<CustomerSummary> { it.createdAt }.thenByDescending { it.id })
            expectEqual(newestFirst, seen, "order")
            expectEqual(7L, store.countCustomers(), "count")
            expectEqual(ids.size, store.listCustomers().customers.size, "default query")
        }

        check("archive hides, restore brings back") {
            val archived = store.archiveCustomer(zhang.id, zhang.version)
            expect(archived.archivedAt != null) { "archivedAt not set" }
            expectEqual(6L, store.countCustomers(), "active count")
            expectEqual(7L, store.countCustomers(includeArchived = true), "count with archived")
            expect(store.listCustomers().customers.none { it.id == zhang.id }) { "archived customer listed" }
            val withArchived = store.listCustomers(ListQuery(includeArchived = true)).customers
            expect(withArchived.any { it.id == zhang.id && it.archivedAt == archived.archivedAt }) { "archived summary" }
            val restored = store.restoreCustomer(archived.id, archived.version)
            expectEqual(null, restored.archivedAt, "archivedAt after restore")
            expectEqual(archived.version + 1L, restored.version, "version after restore")
            expectEqual(7L, store.countCustomers(), "count after restore")
        }

        check("delete, then NotFound with the id") {
            store.deleteCustomer(ids.last())
            val e = expectThrows<CrmException.NotFound> { store.getCustomer(ids.last()) }
            expectEqual(ids.last(), e.id, "id")
            expectThrows<CrmException.NotFound> { store.deleteCustomer(ids.last()) }
            expectThrows<CrmException.NotFound> { store.archiveCustomer(MISSING_ID, 1L) }
        }

        check("one store shared by threads") {
            val threads = (0 until 4).map { t ->
                Thread { runBlocking { repeat(5) { i -> store.createCustomer(newCustomer("线程$t-$i", "1391111${t}00$i")) } } }
            }
            threads.forEach { it.start() }
            threads.forEach { it.join() }
            expectEqual(26L, store.countCustomers(), "count")
        }
    }

    featureChecks(File(scratch, "kotlin-features.sqlite3"))
    followUpChecks(File(scratch, "kotlin-follow-ups.sqlite3")) // FollowUpsTest.kt
    pipelineChecks(File(scratch, "kotlin-pipeline.sqlite3")) // PipelineTest.kt
    dealChecks(File(scratch, "kotlin-deals.sqlite3")) // DealTest.kt
    visitAndReportChecks(File(scratch, "kotlin-reports.sqlite3")) // PipelineTest.kt
    careChecks(File(scratch, "kotlin-care.sqlite3")) // CareTest.kt
    careDailyChecks(File(scratch, "kotlin-care-daily.sqlite3")) // CareDailyTest.kt
    filterChecks(File(scratch, "kotlin-filters.sqlite3")) // FilterTest.kt
    importChecks(File(scratch, "kotlin-import.sqlite3")) // ImportTest.kt
    storageChecks(File(scratch, "kotlin-storage.sqlite3")) // StorageTest.kt
    inputDailyChecks(File(scratch, "kotlin-input-daily.sqlite3")) // InputDailyTest.kt
    agendaDailyChecks(File(scratch, "kotlin-agenda-daily.sqlite3")) // AgendaDailyTest.kt
    auditChecks(File(scratch, "kotlin-audit.sqlite3")) // AuditTest.kt
    reportsDailyChecks(File(scratch, "kotlin-reports-daily.sqlite3")) // ReportsDailyTest.kt
    syncOutboxChecks(File(scratch, "kotlin-sync-outbox.sqlite3")) // SyncOutboxTest.kt
    syncDownloadChecks(File(scratch, "kotlin-sync-download.sqlite3")) // SyncDownloadTest.kt
    syncServerChecks(scratch) // SyncServerTest.kt
    privacyChecks(File(scratch, "kotlin-privacy.sqlite3")) // PrivacyTest.kt
    exportChecks(File(scratch, "kotlin-export")) // ExportTest.kt
    duplicateChecks(scratch) // DuplicatesTest.kt
    poolChecks(scratch) // PoolTest.kt
    asyncChecks(scratch) // AsyncTest.kt
    liveChecks(scratch) // LiveTest.kt

    check("libraryVersion names this build") {
        expect(Regex("""\d+\.\d+\.\d+.*""").matches(libraryVersion())) { "version ${libraryVersion()}" }
    }

    check("DatabaseTooNew for a file from a newer app") {
        val e = expectThrows<CrmException.DatabaseTooNew> { CrmStore(tooNew) }
        expectEqual(999, e.found, "found")
        expect(e.supported in 1 until 999) { "supported ${e.supported}" }
    }

    check("Storage for a file that is not a database") {
        val garbage = File(scratch, "garbage.sqlite3").apply { writeText("this is not a database, it is text ".repeat(200)) }
        val e = expectThrows<CrmException.Storage> { CrmStore(garbage.path) }
        expect(e.detail.isNotEmpty()) { "empty detail" }
    }

    check("Storage detail names no path (a file in a missing folder)") {
        val path = File(scratch, "missing-folder-7f3a/private-name.sqlite3").path
        val e = expectThrows<CrmException.Storage> { CrmStore(path) }
        expect(e.detail.isNotEmpty()) { "empty detail" }
        expect("missing-folder-7f3a" !in e.detail && "private-name" !in e.detail) { "detail '${e.detail}' names the path" }
        expect("missing-folder-7f3a" !in (e.message ?: "")) { "message '${e.message}' names the path" }
    }

    println("$passed passed, $failed failed")
    exitProcess(if (failed == 0 && passed > 0) 0 else 1)
}

/** Search, filters, facets, saved views, duplicates and merging, on a store of their own. */
private suspend fun featureChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    lateinit var zhang: Customer
    lateinit var zhangFeng: Customer
    lateinit var viewId: String
    val trial = mutableListOf<String>()

    CrmStore(dbFile.path).use { store ->
        zhang = store.createCustomer(
            newCustomer("张三", "138 1234 5678").copy(
                source = SourceChannel.OnlinePlatform(platform = "汽车之家"),
                tags = listOf("VIP", "SUV"),
                importance = Importance.KEY,
                owner = "u7",
            ),
        )
        zhangFeng = store.createCustomer(
            newCustomer("张三丰", "139 5555 6666").copy(tags = listOf("suv"), importance = Importance.IMPORTANT),
        )
        store.createCustomer(newCustomer("李四", "137 0000 1111").copy(source = SourceChannel.Referral(referrerName = "张三")))
        repeat(12) { i ->
            trial += store.createCustomer(newCustomer("客户$i", "1360000%04d".format(i)).copy(tags = listOf("试驾"))).id
        }

        searchChecks(store, zhang, zhangFeng)
        filterChecks(store, trial)
        facetChecks(store)
        viewId = viewChecks(store, zhang, zhangFeng)
        duplicateAndMergeChecks(store, zhang)
    }

    check("a saved view survives reopening the store, then is deleted") {
        CrmStore(dbFile.path).use { store ->
            val view = store.getView(viewId)
            expectEqual("重点客户", view.name, "name")
            expectEqual(listOf(viewId), store.listViews().map { it.id }, "listViews")
            expectEqual(listOf("张三丰", "张三"), store.runView(viewId).customers.map { it.name }, "runView (newest first)")
            store.deleteView(viewId)
            expectEqual(viewId, expectThrows<CrmException.NotFound> { store.getView(viewId) }.id, "NotFound id")
            expectThrows<CrmException.NotFound> { store.runView(viewId) }
            expectEqual(emptyList<SavedView>(), store.listViews(), "listViews after delete")
        }
    }
}

private suspend fun searchChecks(store: CrmStore, zhang: Customer, zhangFeng: Customer) {
    check("quick search by name: exact before prefix") {
        val hits = store.searchCustomers("张三")
        expectEqual(listOf(zhang.id, zhangFeng.id), hits.map { it.customer.id }, "hits")
        expectEqual(listOf(MatchTier.EXACT, MatchTier.PREFIX), hits.map { it.tier }, "tiers")
        expectEqual("+8613812345678", hits[0].customer.primaryContact?.key, "summary contact")
    }

    check("quick search by pinyin initials and full pinyin") {
        val initials = store.searchCustomers("zs")
        expectEqual(listOf(zhang.id to MatchTier.EXACT, zhangFeng.id to MatchTier.PREFIX), initials.map { it.customer.id to it.tier }, "zs")
        expectEqual(listOf(zhang.id, zhangFeng.id), store.searchCustomers("zhangsan").map { it.customer.id }, "zhangsan")
    }

    check("quick search by a phone's last 4 digits") {
        val hits = store.searchCustomers("5678")
        expectEqual(listOf(zhang.id), hits.map { it.customer.id }, "hits")
        expectEqual(MatchTier.SUBSTRING, hits[0].tier, "tier")
        expectEqual(listOf(zhangFeng.id), store.searchCustomers("6666").map { it.customer.id }, "6666")
    }

    check("quick search options: limit, archived; a blank query is InvalidInput") {
        expectEqual(1, store.searchCustomers("张", SearchOptions(limit = 1)).size, "limit 1")
        val archived = store.archiveCustomer(zhangFeng.id, zhangFeng.version)
        expectEqual(listOf(zhang.id), store.searchCustomers("zs").map { it.customer.id }, "archived left out")
        expectEqual(2, store.searchCustomers("zs", SearchOptions(includeArchived = true)).size, "archived included")
        store.restoreCustomer(archived.id, archived.version)
        expectEqual("query", invalidField { store.searchCustomers("  ") }, "blank")
        expectEqual("limit", invalidField { store.searchCustomers("zs", SearchOptions(limit = 0)) }, "limit 0")
    }
}

private suspend fun filterChecks(store: CrmStore, trial: List<String>) {
    check("filter pages through nextCursor; countMatching agrees") {
        val filter = CustomerFilter(tagsAny = listOf("试驾"), channels = listOf(SourceKind.SHOWROOM_WALK_IN))
        var query = CustomerQuery(filter = filter, sort = Sort(SortKey.NAME), limit = 5)
        val seen = mutableListOf<CustomerSummary>()
        val sizes = mutableListOf<Int>()
        while (true) {
            val page = store.queryCustomers(query)
            sizes += page.customers.size
            seen += page.customers
            query = query.copy(cursor = page.nextCursor ?: break)
        }
        expectEqual(listOf(5, 5, 2), sizes, "page sizes")
        expectEqual(trial.sorted(), seen.map { it.id }.sorted(), "every id once")
        expectEqual(12L, store.countMatching(filter), "countMatching")
        expectEqual(15L, store.countMatching(), "countMatching()")
        expectEqual(15, store.queryCustomers().customers.size, "queryCustomers()")
        // No plans are set here: every customer has no next follow-up, none is overdue, and the
        // next-follow-up sort still lists them all.
        expectEqual(15L, store.countMatching(CustomerFilter(nextFollowUp = NextFollowUpFilter.NO_PLAN)), "no plan")
        expectEqual(0L, store.countMatching(CustomerFilter(nextFollowUp = NextFollowUpFilter.OVERDUE)), "overdue")
        val byPlan = store.queryCustomers(CustomerQuery(sort = Sort(SortKey.NEXT_FOLLOW_UP), limit = 50))
        expectEqual(15, byPlan.customers.size, "sorted by next follow-up")
    }

    check("filter dimensions: archive state, importance, channel, tags") {
        val first = store.getCustomer(trial[0])
        store.archiveCustomer(first.id, first.version)
        val trialTag = CustomerFilter(tagsAny = listOf("试驾"))
        expectEqual(11L, store.countMatching(trialTag), "active")
        expectEqual(1L, store.countMatching(trialTag.copy(archived = ArchivedFilter.ARCHIVED)), "archived")
        expectEqual(12L, store.countMatching(trialTag.copy(archived = ArchivedFilter.ALL)), "all")
        expectEqual(2L, store.countMatching(CustomerFilter(importance = listOf(Importance.KEY, Importance.IMPORTANT))), "importance")
        expectEqual(1L, store.countMatching(CustomerFilter(channels = listOf(SourceKind.REFERRAL))), "channel")
        expectEqual(1L, store.countMatching(CustomerFilter(platforms = listOf("汽车之家"))), "platform")
        expectEqual(0L, store.countMatching(CustomerFilter(platforms = listOf("懂车帝"))), "another platform")
        expectEqual(2L, store.countMatching(CustomerFilter(tagsAll = listOf("SUV"))), "tags, case-insensitive")
        expectEqual(0L, store.countMatching(CustomerFilter(lastContact = LastContactFilter.WithinDays(days = 30))), "last contact")
        expectEqual(1L, store.countMatching(CustomerFilter(query = "zs", tagsAll = listOf("VIP"))), "with a search")
        val now = Instant.now()
        expectEqual(14L, store.countMatching(CustomerFilter(createdFrom = now.minusSeconds(3600), createdTo = now.plusSeconds(3600))), "created")
    }

    check("filter errors name the field") {
        expectEqual("birthday_months[0]", invalidField { store.countMatching(CustomerFilter(birthdayMonths = listOf(13))) }, "month 13")
        val now = Instant.now()
        expectEqual("created_to", invalidField { store.queryCustomers(CustomerQuery(filter = CustomerFilter(createdFrom = now, createdTo = now))) }, "empty span")
        val byName = store.queryCustomers(CustomerQuery(sort = Sort(SortKey.NAME), limit = 1))
        expectEqual(
            "cursor",
            invalidField { store.queryCustomers(CustomerQuery(sort = Sort(SortKey.CREATED), limit = 1, cursor = byName.nextCursor)) },
            "another sort's cursor",
        )
    }
}

private suspend fun facetChecks(store: CrmStore) {
    check("facets count channels, tags and importance of a filter") {
        val facets = store.facetCounts(CustomerFilter(tagsAny = listOf("SUV")))
        expectEqual(
            mapOf(SourceKind.ONLINE_PLATFORM to 1L, SourceKind.SHOWROOM_WALK_IN to 1L),
            facets.channels.associate { it.value to it.count },
            "channels",
        )
        expectEqual(listOf(FacetCount("SUV", 2L), FacetCount("VIP", 1L)), facets.tags, "tags (first spelling)")
        expectEqual(listOf(FacetCount("u7", 1L)), facets.owners, "owners")
        expectEqual(listOf(FacetCount("汽车之家", 1L)), facets.platforms, "platforms")
        expectEqual(
            listOf(ImportanceCount(Importance.IMPORTANT, 1L), ImportanceCount(Importance.KEY, 1L)),
            facets.importance,
            "importance",
        )
        val all = store.facetCounts()
        expectEqual(11L, all.tags.first { it.value == "试驾" }.count, "every active customer")
    }
}

/** Returns the id of the view it leaves behind. */
private suspend fun viewChecks(store: CrmStore, zhang: Customer, zhangFeng: Customer): String {
    var view: SavedView? = null
    check("a saved view is created, renamed, run and updated") {
        val definition = ViewDefinition(
            filter = CustomerFilter(importance = listOf(Importance.KEY, Importance.IMPORTANT)),
            sort = Sort(SortKey.NAME),
            columns = listOf(ListColumn.NAME, ListColumn.TAGS, ListColumn.LAST_CONTACT),
        )
        val created = store.createView(" Key customers ", definition)
        expectEqual("Key customers", created.name, "trimmed name")
        expectEqual(definition, created.definition, "definition round trip")
        expectEqual(1L, created.version, "version")
        expectEqual("name", invalidField { store.createView("KEY CUSTOMERS", ViewDefinition()) }, "name taken")
        val taken = expectThrows<CrmException.InvalidInput> { store.createView("key customers", ViewDefinition()) }
        expectEqual("is already used", taken.reason, "reason")

        val renamed = store.renameView(created.id, created.version, "重点客户")
        expectEqual("重点客户", renamed.name, "renamed")
        expectEqual(2L, renamed.version, "version after rename")
        val stale = expectThrows<CrmException.Conflict> { store.renameView(created.id, 1L, "x") }
        expectEqual(2L, stale.actualVersion, "actualVersion")

        val page = store.runView(created.id)
        expectEqual(listOf(zhang.id, zhangFeng.id), page.customers.map { it.id }, "pinyin order")
        val first = store.runView(created.id, limit = 1)
        expectEqual(listOf(zhangFeng.id), store.runView(created.id, limit = 1, cursor = first.nextCursor).customers.map { it.id }, "second page")

        val newestFirst = definition.copy(sort = null)
        val updated = store.updateView(created.id, renamed.version, newestFirst)
        expectEqual(newestFirst, updated.definition, "updated definition")
        expectEqual(listOf(zhangFeng.id, zhang.id), store.runView(created.id).customers.map { it.id }, "newest first")
        expectEqual(
            "filter.birthday_months[0]",
            invalidField { store.updateView(created.id, updated.version, ViewDefinition(filter = CustomerFilter(birthdayMonths = listOf(0)))) },
            "bad definition",
        )
        view = store.getView(created.id)
        expectEqual(updated, view, "getView")
    }
    return view?.id ?: "no view was created"
}

private suspend fun duplicateAndMergeChecks(store: CrmStore, zhang: Customer) {
    val colleague = newCustomer("张三的同事", "+86 138-1234-5678").copy(
        contacts = listOf(mobile("+86 138-1234-5678").copy(primary = true), wechat("zs_colleague")),
        tags = listOf("同事"),
    )
    var duplicate: Customer? = null

    check("DuplicateContact carries the existing customer's id") {
        val e = expectThrows<CrmException.DuplicateContact> { store.createCustomer(colleague) }
        expectEqual("contacts[0].value", e.field, "field")
        expectEqual(zhang.id, e.existingId, "existingId")
    }

    check("checkDuplicates lists each contact someone has") {
        val found = store.checkDuplicates(listOf(wechat("nobody_here"), mobile("13812345678")))
        expectEqual(listOf(DuplicateContact("contacts[1].value", "+8613812345678", zhang.id, DuplicateHolder.Customer(zhang.id))), found, "found")
        expectEqual(emptyList<DuplicateContact>(), store.checkDuplicates(listOf(mobile("13900001234"))), "none")
        expectEqual("contacts[0].value", invalidField { store.checkDuplicates(listOf(mobile("123"))) }, "malformed")
    }

    check("allowDuplicates saves a shared contact") {
        duplicate = store.createCustomer(colleague, WriteOptions(allowDuplicates = true))
        expectEqual("+8613812345678", duplicate!!.contacts[0].key, "shared key")
        val edited = store.updateCustomer(
            duplicate!!.id,
            duplicate!!.version,
            CustomerPatch(contacts = colleague.contacts + mobile("13700001111")),
            WriteOptions(allowDuplicates = true),
        )
        expectEqual(3, edited.contacts.size, "contacts after update")
        expectThrows<CrmException.DuplicateContact> {
            store.updateCustomer(edited.id, edited.version, CustomerPatch(contacts = colleague.contacts + mobile("13955556666")))
        }
        duplicate = edited
    }

    check("merge folds the duplicate into the kept customer") {
        val other = duplicate ?: throw AssertionError("no duplicate was created")
        val keep = store.getCustomer(zhang.id)
        val merged = store.mergeCustomers(keep.id, keep.version, other.id, other.version)
        expectEqual(keep.id, merged.id, "kept id")
        expectEqual(keep.version + 1L, merged.version, "version")
        expectEqual("张三", merged.name, "kept name")
        expect(merged.contacts.any { it.key == "zs_colleague" }) { "contacts ${merged.contacts}" }
        expectEqual(1, merged.contacts.count { it.key == "+8613812345678" }, "shared phone once")
        expect("同事" in merged.tags && "VIP" in merged.tags) { "tags ${merged.tags}" }
        expectThrows<CrmException.NotFound> { store.getCustomer(other.id) }
        expectEqual(listOf(keep.id), store.checkDuplicates(listOf(wechat("zs_colleague"))).map { it.existingId }, "WeChat ID moved")
        expectEqual("other", invalidField { store.mergeCustomers(merged.id, merged.version, merged.id, merged.version) }, "self-merge")
    }
}
