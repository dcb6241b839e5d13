// Who did what through the generated Kotlin bindings, on a store of their own: a timeline
// record's author, device and old → new values, and the deletions log after a delete and a
// merge. Called from BindingsTest.kt's main, which counts the checks (check, expect ... live
// there).

import com.dealercrm.core.*
import java.io.File

internal suspend fun auditChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        check("audit: an edit names its author, its device, and each field old → new") {
            store.setSyncUser("u-c01", "张伟", UserRole.CONSULTANT, "t1")
            val c = store.createCustomer(newCustomer("审计甲", "13900009001"))
            store.updateCustomer(c.id, c.version, CustomerPatch(name = "审计乙"))
            val newest = store.timeline(c.id, 1, null).records[0]
            expectEqual("u-c01", newest.author, "author")
            expectEqual(store.deviceId(), newest.device, "device")
            val entry = newest.entry
            expect(entry is TimelineEntry.CustomerChanged) { "entry: $entry" }
            val change = (entry as TimelineEntry.CustomerChanged).changes.single()
            expectEqual("name", change.field, "field")
            expectEqual(FieldValue.Text("审计甲"), change.oldValue, "old")
            expectEqual(FieldValue.Text("审计乙"), change.newValue, "new")
        }

        check("audit: a deleted and a merged customer stay in the deletions log") {
            expectEqual(0, store.deletions(null, null).deletions.size, "empty at first")
            val gone = store.createCustomer(newCustomer("审计丙", "13900009002"))
            val keep = store.createCustomer(newCustomer("审计丁", "13900009003"))
            val other = store.createCustomer(newCustomer("审计戊", "13900009004"))
            store.deleteCustomer(gone.id)
            store.mergeCustomers(keep.id, keep.version, other.id, other.version)
            val page = store.deletions(10, null)
            expectEqual(null, page.nextCursor, "one page")
            val byId = page.deletions.associateBy { it.id }
            expectEqual(setOf(gone.id, other.id), byId.keys, "ids")
            expectEqual(DeletionKind.DELETED, byId.getValue(gone.id).kind, "deleted")
            expectEqual(DeletionKind.MERGED, byId.getValue(other.id).kind, "merged")
            expectEqual(keep.id, byId.getValue(other.id).mergedInto, "merged into")
            page.deletions.forEach {
                expectEqual(DeletedEntity.CUSTOMER, it.entity, "entity")
                expectEqual("u-c01", it.author, "author")
                expectEqual(store.deviceId(), it.device, "device")
            }
        }
    }
}
