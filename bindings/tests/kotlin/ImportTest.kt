// Spreadsheet import through the bindings: a sheet's bytes with a progress listener, the
// report's records, a re-import that does nothing, the imports listed and undone.

import com.dealercrm.core.*
import java.io.File

/** Collects the progress the store reports. */
private class Progress : ImportProgressListener {
    val seen = mutableListOf<Pair<Long, Long>>()
    override fun onProgress(done: Long, total: Long) {
        synchronized(seen) { seen.add(done to total) }
    }
}

internal suspend fun importChecks(db: File) {
    listOf("", "-wal", "-shm").forEach { File(db.path + it).delete() }
    val sheet = "姓名,手机,生日,意向级别\n张三,138 1234 5678,1990/3/5,H\n李四,12345,,\n张三,13812345678,,\n"
    CrmStore(db.path).use { store ->
        lateinit var id: String
        check("import: a sheet's bytes give a report with the refused row named") {
            val progress = Progress()
            val report = store.importCustomerSheetBytes(
                "客户.csv",
                sheet.toByteArray(Charsets.UTF_8),
                SheetImportOptions(onDuplicate = DuplicatePolicy.MERGE),
                progress,
            )
            expectEqual(3L, report.rows, "rows")
            expectEqual(1L, report.created, "created")
            expectEqual(0L, report.merged, "merged (nothing new on the second row)")
            expectEqual(1L, report.skippedDuplicates, "skipped")
            expectEqual(1, report.errors.size, "errors")
            expectEqual(3L, report.errors[0].row, "row")
            expectEqual("手机", report.errors[0].column, "column")
            expectEqual("12345", report.errors[0].value, "value")
            expect(report.written) { "written" }
            expectEqual(3L to 3L, progress.seen.last(), "last progress")
            id = report.importId!!
        }
        check("import: the same bytes again do nothing") {
            val again = store.importCustomerSheetBytes("客户.csv", sheet.toByteArray(), SheetImportOptions(onDuplicate = DuplicatePolicy.SKIP), null)
            expect(again.alreadyImported) { "alreadyImported" }
            expectEqual(id, again.importId, "importId")
        }
        check("import: a bad mapping names mappingJson") {
            val e = expectThrows<CrmException.InvalidInput> {
                store.importCustomerSheetBytes("x.csv", sheet.toByteArray(), SheetImportOptions(onDuplicate = DuplicatePolicy.SKIP, mappingJson = "[1]"), null)
            }
            expectEqual("mapping_json", e.field, "field")
        }
        check("import: listed and undone") {
            val listed = store.listImports()
            expectEqual(listOf(id), listed.map { it.id }, "ids")
            expectEqual(1L, listed[0].refused, "refused")
            val undone = store.undoImport(id)
            expectEqual(1L, undone.removed, "removed")
            expectEqual(0L, store.countCustomers(true), "customers")
            expect(store.listImports()[0].undoneAt != null) { "undoneAt" }
        }
    }
}
