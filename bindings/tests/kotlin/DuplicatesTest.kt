// One customer, one owner (撞单) through the bindings: the offline warning from the
// dealership's hashed keys, and a duplicate claim through a running crm-server (the same
// phone registered by two consultants; the manager's queue settles it). scripts/test-all.sh
// gives a second consultant's and a manager's tokens (team K) in CRM_SYNC_TOKEN_C and
// CRM_SYNC_TOKEN_M.

import com.dealercrm.core.*
import java.io.File
import java.security.MessageDigest

/** `crm_core::sync::contact_key_hash`: SHA-256 of the salt, a colon and the key, in hex. */
private suspend fun keyHash(salt: String, key: String): String =
    MessageDigest.getInstance("SHA-256").digest("$salt:$key".toByteArray())
        .joinToString("") { "%02x".format(it) }

internal suspend fun duplicateChecks(scratch: File) {
    val offline = File(scratch, "kotlin-duplicates-offline.sqlite3")
    listOf("", "-wal", "-shm").forEach { File(offline.path + it).delete() }
    CrmStore(offline.path).use { store ->
        check("duplicates: a phone the dealership's keys hold warns offline, as another consultant's") {
            expect(store.checkDuplicates(listOf(mobile("13800138000"))).isEmpty()) { "no keys yet" }
            val salt = "5a17"
            val json = """{"salt": "$salt", "changes": [
                {"hash": "${keyHash(salt, "+8613800138000")}", "live": true}],
                "through": 3, "has_more": false}"""
            store.applyContactKeys(json)
            expectEqual(3L, store.contactKeyCheckpoint(), "checkpoint")
            val found = store.checkDuplicates(listOf(mobile("139 0000 0000"), mobile("+86 138 0013 8000")))
            expectEqual(1, found.size, "one warning")
            expectEqual("contacts[1].value", found[0].field, "field")
            expectEqual(null, found[0].existingId, "no customer of this book")
            expect(found[0].holder is DuplicateHolder.AnotherConsultant) { "holder: ${found[0].holder}" }
        }
        check("duplicates: a malformed key batch names the argument") {
            val e = expectThrows<CrmException.InvalidInput> { store.applyContactKeys("{}") }
            expectEqual("keys", e.field, "field")
        }
    }

    val server = System.getenv("CRM_SYNC_SERVER")
    val tokenA = System.getenv("CRM_SYNC_TOKEN_A")
    val tokenC = System.getenv("CRM_SYNC_TOKEN_C")
    val tokenM = System.getenv("CRM_SYNC_TOKEN_M")
    check("duplicates: the test command gave a running server and the team's tokens") {
        expect(listOf(server, tokenA, tokenC, tokenM).none { it.isNullOrEmpty() }) {
            "CRM_SYNC_SERVER, CRM_SYNC_TOKEN_A, CRM_SYNC_TOKEN_C and CRM_SYNC_TOKEN_M must be set (scripts/test-all.sh)"
        }
    }
    if (listOf(server, tokenA, tokenC, tokenM).any { it.isNullOrEmpty() }) return
    val files = listOf("a", "c", "m").map { File(scratch, "kotlin-duplicates-$it.sqlite3") }
    for (f in files) listOf("", "-wal", "-shm").forEach { File(f.path + it).delete() }
    CrmStore(files[0].path).use { a ->
        CrmStore(files[1].path).use { c ->
            CrmStore(files[2].path).use { m ->
                check("duplicates: the same phone registered by a second consultant becomes a claim in the manager's queue") {
                    a.sync(server!!, tokenA!!)
                    c.sync(server, tokenC!!)
                    val kept = a.createCustomer(newCustomer("撞单客户", "13900009777"))
                    Thread.sleep(5)
                    val later = c.createCustomer(newCustomer("撞单客户", "13900009777"))
                    a.sync(server, tokenA)
                    val refused = c.sync(server, tokenC)
                    expect(refused.rejected.any { it.reason.startsWith("duplicate: 撞单客户 is 同步顾问's (k01) customer") }) {
                        "rejections: ${refused.rejected}"
                    }
                    expectThrows<CrmException.NotFound> { c.getCustomer(later.id) }
                    // The consultant's book now warns offline, without the other's data.
                    val warned = c.checkDuplicates(listOf(mobile("13900009777")))
                    expect(warned.single().holder is DuplicateHolder.AnotherConsultant) { "warning: $warned" }
                    // The queue is the manager's: a consultant's book is refused before asking.
                    val forbidden = expectThrows<CrmException.Forbidden> { c.duplicateClaims(server, tokenC) }
                    expectEqual("resolve_duplicates", forbidden.action, "action")
                    m.sync(server, tokenM!!)
                    val claim = m.duplicateClaims(server, tokenM).single { it.customerId == later.id }
                    expectEqual(kept.id, claim.ownerCustomerId, "owner's customer")
                    expectEqual("k01", claim.owner, "owner")
                    val settled = m.resolveDuplicateClaim(server, tokenM, claim.id, ClaimResolution.MERGE)
                    expectEqual("merged", settled.status, "status")
                    val again = expectThrows<CrmException.Sync> {
                        m.resolveDuplicateClaim(server, tokenM, claim.id, ClaimResolution.DISMISS)
                    }
                    expectEqual(409, again.status, "settled once")
                }
            }
        }
    }
}
