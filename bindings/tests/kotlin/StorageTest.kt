// The book's file through the generated Kotlin bindings: a read-only store reads and refuses
// writes, a backup opens as a complete book, foreign and empty files are refused untouched,
// and the batch imports load customers and follow-ups in one call each. Called from
// BindingsTest.kt's main, which counts the checks (check, expect ... live there).

import com.dealercrm.core.*
import java.io.File
import java.time.Instant
import java.time.temporal.ChronoUnit

internal suspend fun storageChecks(dbFile: File) {
    val backup = File(dbFile.path + ".backup")
    listOf(dbFile.path, backup.path).forEach { base ->
        listOf("", "-wal", "-shm").forEach { File(base + it).delete() }
    }
    val now = Instant.now().truncatedTo(ChronoUnit.MILLIS)
    lateinit var ids: List<String>

    CrmStore(dbFile.path).use { store ->
        check("importCustomers stores a list in one call and names a bad row") {
            ids = store.importCustomers(
                (0 until 50).map { i ->
                    CustomerImport(
                        customer = newCustomer("导入客户$i", "139%08d".format(i)),
                        createdAt = now.minus(i.toLong(), ChronoUnit.DAYS),
                    )
                },
            )
            expectEqual(50, ids.size, "ids")
            expectEqual(50L, store.countCustomers(), "count")
            val field = invalidField {
                store.importCustomers(
                    listOf(
                        CustomerImport(newCustomer("好", "13700000001"), now),
                        CustomerImport(newCustomer(" ", "13700000002"), now),
                    ),
                )
            }
            expectEqual("customers[1].name", field, "bad row")
            expectEqual(50L, store.countCustomers(), "nothing written")
        }

        check("importFollowUps logs a day's follow-ups with their plans in one call") {
            val at = now.minus(2, ChronoUnit.HOURS)
            val logged = store.importFollowUps(
                ids.take(20).map { id ->
                    FollowUpImport(
                        customerId = id,
                        followUp = NewFollowUp(
                            method = FollowUpMethod.PHONE,
                            kind = FollowUpKind.NEEDS_DISCOVERY,
                            at = at,
                            content = "问了预算",
                        ),
                        next = NewPlan(
                            time = PlanTime.At(at = now.plus(3, ChronoUnit.DAYS)),
                            method = FollowUpMethod.WECHAT,
                            purpose = "邀约到店",
                        ),
                        loggedAt = at,
                    )
                },
            )
            expectEqual(20, logged.size, "follow-ups")
            expectEqual(1, store.followUpsOf(ids[0]).size, "first customer's follow-ups")
            expect(store.openPlan(ids[0]) != null) { "the plan is pending" }
            val field = invalidField {
                store.importFollowUps(
                    listOf(
                        FollowUpImport(
                            ids[30],
                            NewFollowUp(FollowUpMethod.PHONE, FollowUpKind.NEEDS_DISCOVERY, at, " "),
                            null,
                            at,
                        ),
                    ),
                )
            }
            expectEqual("follow_ups[0].content", field, "bad follow-up")
        }

        check("backupTo writes a copy that opens as a complete book, and never overwrites") {
            store.backupTo(backup.path)
            expect(backup.length() > 0) { "no backup written" }
            CrmStore.openReadOnly(backup.path).use { copy ->
                expectEqual(50L, copy.countCustomers(), "customers in the copy")
                expectEqual(1, copy.followUpsOf(ids[0]).size, "follow-ups in the copy")
            }
            expectEqual("path", invalidField { store.backupTo(backup.path) }, "existing file")
        }

        check("a malformed id is InvalidInput naming it, a missing one NotFound") {
            expectEqual("customer_id", invalidField { store.getCustomer("01a24bcb") }, "typo")
            expectThrows<CrmException.NotFound> {
                store.getCustomer("01900000-0000-7000-8000-000000000000")
            }
        }
    }

    check("openInMemory is a book of its own that leaves no file") {
        CrmStore.openInMemory().use { memory ->
            val c = memory.createCustomer(newCustomer("内存客户", "13600000001"))
            expectEqual("内存客户", memory.getCustomer(c.id).name, "read back")
            CrmStore.openInMemory().use { other ->
                expectEqual(0L, other.countCustomers(false), "another book")
            }
        }
        expect(!File(":memory:").exists()) { "a file named :memory: was made" }
    }

    check("openReadOnly reads the book and refuses every write without touching it") {
        val before = dbFile.readBytes()
        CrmStore.openReadOnly(dbFile.path).use { store ->
            expectEqual("导入客户0", store.getCustomer(ids[0]).name, "read")
            val e = expectThrows<CrmException.Storage> {
                store.createCustomer(newCustomer("不该写入", "13600000000"))
            }
            expect(e.detail.contains("read-only")) { "detail: ${e.detail}" }
        }
        expect(before.contentEquals(dbFile.readBytes())) { "the file changed" }
    }

    check("openReadOnly refuses another application's database and an empty file, untouched") {
        val foreign = File(dbFile.path + ".foreign")
        foreign.delete()
        // An empty file and a text file stand in for other programs' files (the Rust tests
        // cover a SQLite file with another application's tables).
        foreign.writeBytes(ByteArray(0))
        val e = expectThrows<CrmException.Storage> { CrmStore.openReadOnly(foreign.path) }
        expect(e.detail.contains("not a dealer-crm book")) { "detail: ${e.detail}" }
        expectEqual(0L, foreign.length(), "the empty file stays empty")
        foreign.writeText("name,phone\n张三,13800138000\n")
        val before = foreign.readBytes()
        expectThrows<CrmException.Storage> { CrmStore(foreign.path) }
        expect(before.contentEquals(foreign.readBytes())) { "the text file changed" }
    }

    check("closing the last store leaves no log with data in it") {
        val log = File(dbFile.path + "-wal")
        expect(!log.exists() || log.length() == 0L) { "log of ${log.length()} bytes" }
    }
}
