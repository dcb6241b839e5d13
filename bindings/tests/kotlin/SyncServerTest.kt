// Two books syncing through a running crm-server on PostgreSQL. scripts/test-all.sh starts
// the server and gives its address and two device tokens of one consultant in
// CRM_SYNC_SERVER, CRM_SYNC_TOKEN_A and CRM_SYNC_TOKEN_B; without them these checks fail.

import com.dealercrm.core.*
import java.io.File

internal suspend fun syncServerChecks(scratch: File) {
    val server = System.getenv("CRM_SYNC_SERVER")
    val tokenA = System.getenv("CRM_SYNC_TOKEN_A")
    val tokenB = System.getenv("CRM_SYNC_TOKEN_B")
    check("sync: the test command gave a running server and two tokens") {
        expect(!server.isNullOrEmpty() && !tokenA.isNullOrEmpty() && !tokenB.isNullOrEmpty()) {
            "CRM_SYNC_SERVER, CRM_SYNC_TOKEN_A and CRM_SYNC_TOKEN_B must be set (scripts/test-all.sh)"
        }
    }
    if (server.isNullOrEmpty() || tokenA.isNullOrEmpty() || tokenB.isNullOrEmpty()) return
    val fileA = File(scratch, "kotlin-sync-phone-a.sqlite3")
    val fileB = File(scratch, "kotlin-sync-phone-b.sqlite3")
    for (f in listOf(fileA, fileB)) listOf("", "-wal", "-shm").forEach { File(f.path + it).delete() }

    CrmStore(fileA.path).use { a ->
        CrmStore(fileB.path).use { b ->
            var id = ""
            check("sync: a customer made on one phone reaches the other") {
                val first = a.sync(server, tokenA)
                expectEqual(0L, first.uploaded, "an empty book sends nothing")
                val created = a.createCustomer(newCustomer("两机同步", "13900009001"))
                id = created.id
                val sent = a.sync(server, tokenA)
                expect(sent.uploaded >= 2L) { "customer and contacts sent: ${sent.uploaded}" }
                expect(sent.rejected.isEmpty()) { "refused: ${sent.rejected}" }
                expectEqual(0L, a.pendingCount(), "queue emptied")
                val got = b.sync(server, tokenB)
                expect(got.downloaded >= 2L) { "rows received: ${got.downloaded}" }
                val there = b.getCustomer(id)
                expectEqual("两机同步", there.name, "name on phone b")
                expectEqual(a.syncUser()?.id, there.owner, "owned by the book's user")
            }

            check("sync: edits of different fields on two phones are both kept") {
                val onA = a.getCustomer(id)
                a.updateCustomer(id, onA.version, CustomerPatch(notes = "想要白色"), WriteOptions())
                val onB = b.getCustomer(id)
                b.updateCustomer(id, onB.version, CustomerPatch(occupation = "教师"), WriteOptions())
                a.sync(server, tokenA)
                b.sync(server, tokenB)
                a.sync(server, tokenA)
                for ((name, phone) in listOf("a" to a, "b" to b)) {
                    val c = phone.getCustomer(id)
                    expectEqual("想要白色", c.notes, "notes on $name")
                    expectEqual("教师", c.occupation, "occupation on $name")
                }
            }

            check("sync: an unknown token is a Sync error with status 401, and nothing changes") {
                val before = a.pendingCount()
                val e = expectThrows<CrmException.Sync> { a.sync(server, "0".repeat(64)) }
                expectEqual(401, e.status, "status")
                expectEqual(before, a.pendingCount(), "queue kept")
            }

            check("sync: an unreachable server is a Sync error without a status") {
                val e = expectThrows<CrmException.Sync> { a.sync("http://127.0.0.1:9", tokenA) }
                expectEqual(null, e.status, "status")
            }

            check("sync: a server address that is not http(s) names the field") {
                val e = expectThrows<CrmException.InvalidInput> { a.sync("ftp://example.com", tokenA) }
                expectEqual("server", e.field, "field")
            }
        }
    }
}
