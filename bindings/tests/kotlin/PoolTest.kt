// The public pool (公海) through a running crm-server: a manager puts a customer in the pool,
// two consultants claim it offline and exactly one owns it after both sync, the manager
// transfers it to the other. scripts/test-all.sh gives the server's address and the tokens
// (CRM_SYNC_SERVER, CRM_SYNC_TOKEN_A of consultant k01, CRM_SYNC_TOKEN_K02 of consultant k02,
// CRM_SYNC_TOKEN_MANAGER of their manager); without them these checks fail.

import com.dealercrm.core.*
import java.io.File

internal suspend fun poolChecks(scratch: File) {
    val server = System.getenv("CRM_SYNC_SERVER")
    val k01 = System.getenv("CRM_SYNC_TOKEN_A")
    val k02 = System.getenv("CRM_SYNC_TOKEN_K02")
    val manager = System.getenv("CRM_SYNC_TOKEN_MANAGER")
    check("pool: the test command gave a running server and the tokens") {
        expect(listOf(server, k01, k02, manager).all { !it.isNullOrEmpty() }) {
            "CRM_SYNC_SERVER, CRM_SYNC_TOKEN_A, CRM_SYNC_TOKEN_K02 and CRM_SYNC_TOKEN_MANAGER must be set (scripts/test-all.sh)"
        }
    }
    if (listOf(server, k01, k02, manager).any { it.isNullOrEmpty() }) return
    val files = listOf("m", "a", "b").map { File(scratch, "kotlin-pool-$it.sqlite3") }
    for (f in files) listOf("", "-wal", "-shm").forEach { File(f.path + it).delete() }

    CrmStore(files[0].path).use { m ->
        CrmStore(files[1].path).use { a ->
            CrmStore(files[2].path).use { b ->
                var id = ""
                check("pool: two phones claim offline, exactly one owns the customer") {
                    id = m.createCustomer(newCustomer("公海顾客", "13900009201")).id
                    m.releaseCustomer(id, "长期未跟进")
                    m.sync(server, manager)
                    a.sync(server, k01)
                    b.sync(server, k02)
                    val seen = a.poolCustomers(100).customers.single { it.id == id }
                    expectEqual("139****9201", seen.primaryContact?.value, "masked in the pool")
                    expectEqual(20, a.poolStatus().rules.dailyClaimLimit, "the team's rules")
                    expectEqual("k01", a.claimCustomer(id).owner, "claimed on phone a")
                    expectEqual("k02", b.claimCustomer(id).owner, "claimed on phone b")
                    expect(a.sync(server, k01).rejected.isEmpty()) { "the first claim wins" }
                    val lost = b.sync(server, k02).rejected.filter { it.entity == "customers" }
                    expectEqual(listOf("forbidden: claimed by 同步顾问 (k01)"), lost.map { it.reason }, "refusal")
                    b.sync(server, k02)
                    expectThrows<CrmException.NotFound> { b.getCustomer(id) }
                    val owned = a.getCustomer(id)
                    expectEqual("k01", owned.owner, "owner")
                    expectEqual("13900009201", owned.contacts[0].value, "contacts whole once claimed")
                }

                check("pool: a consultant may not assign or transfer: Forbidden, nothing sent") {
                    val queued = a.pendingCount()
                    val assign = expectThrows<CrmException.Forbidden> { a.assignCustomer(id, "k02") }
                    expectEqual("assign", assign.action, "action")
                    expectEqual("consultant", assign.role, "role")
                    val transfer = expectThrows<CrmException.Forbidden> {
                        a.transferCustomers(server, k01, "k02", listOf(id), null)
                    }
                    expectEqual("transfer", transfer.action, "action")
                    expectEqual(queued, a.pendingCount(), "nothing queued")
                }

                check("pool: a claim of a customer someone holds is refused on the device") {
                    m.sync(server, manager)
                    val refused = expectThrows<CrmException.ClaimRefused> { m.claimCustomer(id) }
                    expectEqual("claimed_by", refused.rule, "rule")
                    expectEqual("k01", refused.holder, "holder")
                }

                check("pool: the manager transfers the customer, the old phone drops it") {
                    m.sync(server, manager)
                    val result = m.transferCustomers(server, manager, "k02", listOf(id), null)
                    expectEqual(1L, result.transferred, "transferred")
                    expectEqual("k02", m.getCustomer(id).owner, "the manager's book synced")
                    a.sync(server, k01)
                    expectThrows<CrmException.NotFound> { a.getCustomer(id) }
                    b.sync(server, k02)
                    expectEqual("k02", b.getCustomer(id).owner, "the new owner has it")
                }
            }
        }
    }
}
