// The upload queue through the generated Kotlin bindings, on a store of their own: the device
// id, the JSON of the next upload after writes, the count of changes waiting, and a limit out
// of range. Called from BindingsTest.kt's main, which counts the checks (check, expect ...
// live there). Kotlin's standard library has no JSON parser: the checks read the JSON text.

import com.dealercrm.core.*
import java.io.File

/** The `"key":"value"` pairs of [json] for [key], in order. */
private suspend fun stringsOf(json: String, key: String): List<String> =
    Regex("\"$key\":\"([^\"]*)\"").findAll(json).map { it.groupValues[1] }.toList()

internal suspend fun syncOutboxChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        val deviceId = store.deviceId()

        check("sync: a book has one device id, 32 hex digits, kept across opens") {
            expect(Regex("[0-9a-f]{32}").matches(deviceId)) { "device id: $deviceId" }
            CrmStore(dbFile.path).use { again -> expectEqual(deviceId, again.deviceId(), "reopened") }
        }

        check("sync: an empty book has nothing to upload") {
            expectEqual(0L, store.pendingCount(), "pendingCount")
            val upload = store.pendingUpload(100)
            expectEqual(listOf(deviceId), stringsOf(upload, "device_id"), "device_id")
            expect(upload.contains("\"changes\":[]")) { upload }
        }

        val customer = store.createCustomer(newCustomer("同步甲", "13900008001"))

        check("sync: a new customer is queued whole, oldest first") {
            val count = store.pendingCount()
            expect(count >= 2L) { "customer and contacts queued: $count" }
            val first = store.pendingUpload(1)
            expectEqual(listOf("customers"), stringsOf(first, "entity"), "first entity")
            expectEqual(listOf("put"), stringsOf(first, "op"), "first op")
            expect(first.contains("\"name\":\"同步甲\"")) { first }
            expect(first.contains("\"id\":\"${customer.id}\"")) { first }
            expectEqual(count, store.pendingCount(), "reading the queue keeps it")
            val all = store.pendingUpload(10000)
            expect(stringsOf(all, "entity").contains("contacts")) { all }
        }

        check("sync: an edit queues only the fields it changed, with its base version") {
            val before = store.pendingCount()
            store.updateCustomer(customer.id, customer.version, CustomerPatch(occupation = "教师"))
            expect(store.pendingCount() > before) { "the edit is queued" }
            val all = store.pendingUpload(10000)
            // The changes, one chunk each; the customer's last one is the edit (the timeline's
            // entry for it follows).
            val last = all.split("{\"op_id\"").last { it.contains("\"entity\":\"customers\"") }
            expect(last.contains("\"occupation\":\"教师\"")) { last }
            expect(!last.contains("\"name\"")) { "unchanged name sent: $last" }
            expect(last.contains("\"base_version\":1")) { last }
        }

        check("sync: a limit out of range is InvalidInput on limit") {
            expectEqual("limit", invalidField { store.pendingUpload(0) }, "0")
            expectEqual("limit", invalidField { store.pendingUpload(10001) }, "10001")
        }
    }
}
