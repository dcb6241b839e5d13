// Exports through the generated Kotlin bindings, on a store of their own: customers to CSV
// (BOM, headers, count) and xlsx, a saved view's columns, the report workbook, the calendar
// text with its stable UIDs, and bad input named. Called from BindingsTest.kt's main, which
// counts the checks (check, expect ... live there).

import com.dealercrm.core.*
import java.io.File
import java.time.Instant
import java.time.LocalDate

internal suspend fun exportChecks(dir: File) {
    dir.mkdirs()
    val dbFile = File(dir, "kotlin-export.sqlite3")
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        val key = store.createCustomer(
            newCustomer("导出甲", "13900008001").copy(importance = Importance.KEY, owner = "c01"),
        )
        store.createCustomer(newCustomer("导出乙", "13900008002").copy(owner = "c01"))

        check("export: customers to CSV with the BOM, the Chinese headers and every customer") {
            val file = File(dir, "kotlin-export.csv")
            expectEqual(2L, store.exportCustomers(SpreadsheetFormat.CSV, file.path, null, null, null, null), "count")
            val bytes = file.readBytes()
            expect(bytes.take(3) == listOf(0xEF.toByte(), 0xBB.toByte(), 0xBF.toByte())) { "BOM" }
            val lines = String(bytes, 3, bytes.size - 3, Charsets.UTF_8).split("\r\n")
            expect(lines[0].startsWith("姓名,手机,微信,邮箱")) { lines[0] }
            expectEqual(setOf("导出甲", "导出乙"), lines.drop(1).filter { it.isNotEmpty() }.map { it.substringBefore(',') }.toSet(), "names")
        }

        check("export: a saved view's columns; xlsx is a zip file; a view with a filter is refused") {
            val view = store.createView(
                "导出重点",
                ViewDefinition(
                    filter = CustomerFilter(importance = listOf(Importance.KEY)),
                    columns = listOf(ListColumn.NAME, ListColumn.IMPORTANCE),
                ),
            )
            val csv = File(dir, "kotlin-export-view.csv")
            expectEqual(1L, store.exportCustomers(SpreadsheetFormat.CSV, csv.path, null, null, view.id, ExportLanguage.EN), "count")
            expectEqual("\uFEFFname,importance\r\n导出甲,key\r\n", csv.readText(), "view file")
            val xlsx = File(dir, "kotlin-export.xlsx")
            expectEqual(2L, store.exportCustomers(SpreadsheetFormat.XLSX, xlsx.path, null, null, null, null), "xlsx count")
            expectEqual("PK", String(xlsx.readBytes().copyOf(2), Charsets.US_ASCII), "zip")
            expectEqual("view_id", invalidField {
                store.exportCustomers(SpreadsheetFormat.CSV, csv.path, CustomerFilter(), null, view.id, null)
            }, "view with a filter")
        }

        check("export: the reports workbook") {
            val file = File(dir, "kotlin-export-reports.xlsx")
            store.exportReports(ReportPeriod(from = Instant.now().minusSeconds(86_400), to = Instant.now().plusSeconds(3_600)), file.path, null)
            expectEqual("PK", String(file.readBytes().copyOf(2), Charsets.US_ASCII), "zip")
        }

        check("export: the calendar names the plan's customer and keeps its UID") {
            val day = LocalDate.now().plusDays(2)
            val plan = store.setPlan(key.id, NewPlan(time = PlanTime.OnDate(day), method = FollowUpMethod.PHONE, purpose = "报价"))
            val from = LocalDate.now()
            val to = from.plusDays(30)
            val first = store.exportCalendar("c01", from, to, null)
            val uid = "UID:plan-${plan.id}@dealer-crm"
            expect(first.contains(uid)) { first }
            expect(first.contains("SUMMARY:跟进 导出甲 (电话)")) { first }
            expect(store.exportCalendar("c01", from, to, ExportLanguage.EN).contains(uid)) { "same UID" }
            expectEqual("to", invalidField { store.exportCalendar("c01", to, from, null) }, "backwards")
        }
    }
}
