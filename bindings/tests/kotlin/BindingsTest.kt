// Runs the generated Kotlin bindings against the real libcrm_ffi.so: one line per check, then
// "N passed, M failed"; exits non-zero on any failure.
//
// Arguments: <scratch directory> <path of a database whose user_version is 999>.
// Run by scripts/test-all.sh.

import com.dealercrm.core.*
import java.io.File
import java.time.Instant
import java.time.temporal.ChronoUnit
import kotlin.system.exitProcess

private var passed = 0
private var failed = 0

/** Runs one named check; an exception or a false assertion fails it. */
private fun check(name: String, body: () -> Unit) {
    try {
        body()
        passed++
        println("PASS $name")
    } catch (e: Throwable) {
        failed++
        println("FAIL $name: $e")
    }
}

private fun expect(condition: Boolean, what: () -> String) {
    if (!condition) throw AssertionError(what())
}

private fun <T> expectEqual(expected: T, actual: T, what: String) =
    expect(expected == actual) { "$what: expected <$expected>, got <$actual>" }

/** Runs [body], which must throw an [E]; returns it. */
private inline fun <reified E : Throwable> expectThrows(body: () -> Unit): E {
    try {
        body()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionError("expected ${E::class.simpleName}, got $e")
    }
    throw AssertionError("expected ${E::class.simpleName}, nothing was thrown")
}

private fun mobile(value: String) = ContactInput(kind = ContactKind.MOBILE, value = value)

/** A valid new customer; only the required fields are given, the rest take their defaults. */
private fun newCustomer(name: String, phone: String) = NewCustomer(
    name = name,
    gender = Gender.UNSPECIFIED,
    contacts = listOf(mobile(phone)),
    source = SourceChannel.ShowroomWalkIn,
    importance = Importance.NORMAL,
)

/** The field named by an InvalidInput thrown by [body]. */
private fun invalidField(body: () -> Unit): String =
    expectThrows<CrmException.InvalidInput>(body).field

fun main(args: Array<String>) {
    require(args.size == 2) { "usage: BindingsTest <scratch dir> <too-new database>" }
    val scratch = File(args[0]).apply { mkdirs() }
    val tooNew = args[1]
    val dbFile = File(scratch, "kotlin.sqlite3")
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }

    CrmStore(dbFile.path).use { store ->
        // Millisecond precision: the store keeps milliseconds.
        val metAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS)
        val birthday = CalendarDate(year = 1990, month = 5u, day = 17u)
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
            expectEqual(1uL, zhang.version, "version")
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

        check("CalendarDate round trip") {
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
            expectEqual(2uL, updated.version, "version")
            expectEqual("教师", updated.occupation, "occupation")
            expectEqual(null, updated.notes, "notes")
            expectEqual(null, updated.birthday, "birthday")
            expectEqual(zhang.name, updated.name, "untouched name")
            zhang = updated
        }

        check("Conflict on a stale version") {
            val e = expectThrows<CrmException.Conflict> {
                store.updateCustomer(zhang.id, 1uL, CustomerPatch(name = "张三丰"))
            }
            expectEqual(1uL, e.expectedVersion, "expectedVersion")
            expectEqual(2uL, e.actualVersion, "actualVersion")
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
            expectEqual(
                "birthday",
                invalidField {
                    store.createCustomer(newCustomer("王五", "13712345678").copy(birthday = CalendarDate(2000, 2u, 30u)))
                },
                "February 30",
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
            expectEqual("limit", invalidField { store.listCustomers(ListQuery(limit = 0u)) }, "limit")
            val e = expectThrows<CrmException.InvalidInput> { store.createCustomer(newCustomer("", "13812345678")) }
            expect(e.reason.isNotEmpty()) { "empty reason" }
        }

        val ids = mutableListOf(zhang.id)
        check("list pages through every customer with the cursor") {
            repeat(6) { i -> ids += store.createCustomer(newCustomer("客户$i", "1380000000$i")).id }
            val seen = mutableListOf<CustomerSummary>()
            var query = ListQuery(limit = 3u)
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
            expectEqual(7uL, store.countCustomers(), "count")
            expectEqual(ids.size, store.listCustomers().customers.size, "default query")
        }

        check("archive hides, restore brings back") {
            val archived = store.archiveCustomer(zhang.id, zhang.version)
            expect(archived.archivedAt != null) { "archivedAt not set" }
            expectEqual(6uL, store.countCustomers(), "active count")
            expectEqual(7uL, store.countCustomers(includeArchived = true), "count with archived")
            expect(store.listCustomers().customers.none { it.id == zhang.id }) { "archived customer listed" }
            val withArchived = store.listCustomers(ListQuery(includeArchived = true)).customers
            expect(withArchived.any { it.id == zhang.id && it.archivedAt == archived.archivedAt }) { "archived summary" }
            val restored = store.restoreCustomer(archived.id, archived.version)
            expectEqual(null, restored.archivedAt, "archivedAt after restore")
            expectEqual(archived.version + 1uL, restored.version, "version after restore")
            expectEqual(7uL, store.countCustomers(), "count after restore")
        }

        check("delete, then NotFound with the id") {
            store.deleteCustomer(ids.last())
            val e = expectThrows<CrmException.NotFound> { store.getCustomer(ids.last()) }
            expectEqual(ids.last(), e.id, "id")
            expectThrows<CrmException.NotFound> { store.deleteCustomer(ids.last()) }
            expectThrows<CrmException.NotFound> { store.archiveCustomer("no-such-id", 1uL) }
        }

        check("one store shared by threads") {
            val threads = (0 until 4).map { t ->
                Thread { repeat(5) { i -> store.createCustomer(newCustomer("线程$t-$i", "1391111${t}00$i")) } }
            }
            threads.forEach { it.start() }
            threads.forEach { it.join() }
            expectEqual(26uL, store.countCustomers(), "count")
        }
    }

    check("DatabaseTooNew for a file from a newer app") {
        val e = expectThrows<CrmException.DatabaseTooNew> { CrmStore(tooNew) }
        expectEqual(999u, e.found, "found")
        expect(e.supported in 1u until 999u) { "supported ${e.supported}" }
    }

    check("Storage for a file that is not a database") {
        val garbage = File(scratch, "garbage.sqlite3").apply { writeText("this is not a database, it is text ".repeat(200)) }
        val e = expectThrows<CrmException.Storage> { CrmStore(garbage.path) }
        expect(e.detail.isNotEmpty()) { "empty detail" }
    }

    println("$passed passed, $failed failed")
    exitProcess(if (failed == 0 && passed > 0) 0 else 1)
}
