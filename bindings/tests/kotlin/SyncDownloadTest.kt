// The server's answers through the generated Kotlin bindings, as an app with its own
// transport passes them: a download applied (twice, older, malformed), an upload's answer
// with a refused change undone and kept until dismissed, the book's user owning new
// customers. Called from BindingsTest.kt's main, which counts the checks.

import com.dealercrm.core.*
import java.io.File

private const val CUSTOMER_ID = "0190a0b1-0000-7000-8000-0000000000a1"

/** A download with one customer (王芳, owned by c01) and their phone, at [checkpoint]. */
private suspend fun downloadJson(checkpoint: Int, name: String = "王芳") = """
    {"rows": [
      {"version": 1, "entity": "customers", "id": "$CUSTOMER_ID", "customer_id": "$CUSTOMER_ID",
       "fields": {"name": "$name", "gender": "female", "source_kind": "showroom_walk_in",
                  "importance": 1, "owner": "c01", "created_at": 1796000000000,
                  "updated_at": 1796000000000, "version": 1}},
      {"version": 2, "entity": "contacts", "id": "$CUSTOMER_ID", "customer_id": "$CUSTOMER_ID",
       "fields": {"items": [{"position": 0, "kind": "mobile", "value": "13800138000",
                             "label": null, "is_primary": 1}]}}
    ], "evicted": [], "checkpoint": $checkpoint, "has_more": false}
""".trimIndent()

internal suspend fun syncDownloadChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        check("sync: a download is applied with its checkpoint") {
            val summary = store.applyDownload(downloadJson(5))
            expectEqual(DownloadSummary(applied = 2L, keptLocal = 0L, evicted = 0L, checkpoint = 5L), summary, "summary")
            val customer = store.getCustomer(CUSTOMER_ID)
            expectEqual("王芳", customer.name, "name")
            expectEqual("c01", customer.owner, "owner")
            expectEqual(listOf(CUSTOMER_ID), store.searchCustomers("8000", SearchOptions()).map { it.customer.id }, "found by phone")
        }
        check("sync: the same batch again changes nothing, an older one is ignored") {
            store.applyDownload(downloadJson(5))
            expectEqual(1L, store.getCustomer(CUSTOMER_ID).version, "version")
            val stale = store.applyDownload(downloadJson(4, name = "改名"))
            expectEqual(0L, stale.applied, "nothing applied")
            expectEqual(5L, stale.checkpoint, "the book's checkpoint")
            expectEqual("王芳", store.getCustomer(CUSTOMER_ID).name, "name kept")
        }
        check("sync: malformed JSON and bad rows name the field, nothing written") {
            expectEqual("rows[1].entity", invalidField { store.applyDownload(downloadJson(6).replace("\"contacts\"", "\"bogus\"")) }, "entity")
            expectEqual("rows[0].fields.bogus", invalidField { store.applyDownload(downloadJson(6).replace("\"gender\"", "\"bogus\"")) }, "column")
            expectEqual("json", invalidField { store.applyDownload("not json") }, "not JSON")
            expectEqual("acknowledged_through", invalidField { store.acknowledge("{}") }, "acknowledge")
            expectEqual(5L, store.applyDownload(downloadJson(4)).checkpoint, "checkpoint unchanged")
        }
        check("sync: a refused change is undone and kept until dismissed") {
            val local = store.createCustomer(newCustomer("李雷", "13900139000"))
            store.acknowledge(
                """{"acknowledged_through": 1000000, "rejected": [{"op_id": 77, "entity": "customers",
                    "id": "${local.id}", "reason": "公海客户", "current": null}]}""",
            )
            expectThrows<CrmException.NotFound> { store.getCustomer(local.id) }
            val refused = store.syncRejections().single()
            expectEqual(77L, refused.opId, "op id")
            expectEqual("customers", refused.entity, "entity")
            expectEqual(local.id, refused.id, "id")
            expectEqual("公海客户", refused.reason, "reason")
            store.dismissRejection(77L)
            expectEqual(emptyList<SyncRejection>(), store.syncRejections(), "dismissed")
            expectThrows<CrmException.NotFound> { store.dismissRejection(77L) }
        }
        check("sync: the book's user owns new customers entered without an owner") {
            expectEqual(null, store.syncUser(), "no user before")
            val user = store.setSyncUser("c07", "王建国", UserRole.CONSULTANT, "一组")
            expectEqual(SyncUser(id = "c07", name = "王建国", role = UserRole.CONSULTANT, team = "一组"), user, "set")
            expectEqual(user, store.syncUser(), "read back")
            expectEqual("c07", store.createCustomer(newCustomer("韩梅梅", "13700137000")).owner, "owner")
            expectEqual("user_id", invalidField { store.setSyncUser(" ", "x", UserRole.ADMIN, null) }, "user id")
        }
    }
}
