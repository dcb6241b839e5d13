// Personal data on request through the generated Kotlin bindings: a customer's export is one
// JSON document with their data and nobody else's; an erasure leaves none of it in the files. Called from BindingsTest.kt's main.

import com.dealercrm.core.*
import java.io.File
import java.time.Instant
import java.time.temporal.ChronoUnit

internal suspend fun privacyChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        check("privacy: exportCustomer is one JSON document of the person's data, nobody else's") {
            val wang = store.createCustomer(newCustomer("王导出", "13800138123").copy(notes = "想要白色的车"))
            store.createCustomer(newCustomer("李别人", "13900139123"))
            val at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS)
            store.logFollowUp(
                wang.id,
                NewFollowUp(method = FollowUpMethod.PHONE, kind = FollowUpKind.NEEDS_DISCOVERY, at = at, content = "问了预算"),
            )
            val json = store.exportCustomer(wang.id)
            expect(json.contains("\"format\": \"dealer-crm.customer-export\"")) { json.take(200) }
            expect(json.contains("\"format_version\": 1")) { json.take(200) }
            for (own in listOf("王导出", "13800138123", "想要白色的车", "问了预算")) {
                expect(json.contains(own)) { "$own missing" }
            }
            for (other in listOf("李别人", "13900139123")) {
                expect(!json.contains(other)) { "$other leaked" }
            }
            try {
                store.exportCustomer("0190a0b1-0000-7000-8000-000000000099")
                throw AssertionError("an unknown customer was exported")
            } catch (e: CrmException.NotFound) {
            }
        }
    }

    check("privacy: eraseCustomer leaves no byte of the customer, a tombstone with the reason; retention") {
        val erasedFile = File(dbFile.parentFile, "kotlin-erase.sqlite3")
        listOf("", "-wal", "-shm").forEach { File(erasedFile.path + it).delete() }
        CrmStore(erasedFile.path).use { store ->
            val wang = store.createCustomer(newCustomer("王清除", "13800138555").copy(notes = "想要白色的途观L"))
            val li = store.createCustomer(newCustomer("李留下", "13900139555"))
            try {
                store.eraseCustomer(wang.id, "  ")
                throw AssertionError("an empty reason was taken")
            } catch (e: CrmException.InvalidInput) {
                expectEqual("reason", e.field, "field")
            }
            try {
                store.eraseCustomer("0190a0b1-0000-7000-8000-000000000099", "客户要求删除")
                throw AssertionError("an unknown customer was erased")
            } catch (e: CrmException.NotFound) {
            }
            val erasure = store.eraseCustomer(wang.id, "客户要求删除")
            expectEqual(wang.id, erasure.customerId, "erased id")
            expect(erasure.fileCleaned) { "file not cleaned" }
            val bytes = listOf("", "-wal", "-shm").map { File(erasedFile.path + it) }.filter { it.exists() }
                .map { String(it.readBytes(), Charsets.ISO_8859_1) }
            for (secret in listOf("王清除", "13800138555", "想要白色的途观L")) {
                val utf8 = String(secret.toByteArray(Charsets.UTF_8), Charsets.ISO_8859_1)
                expect(bytes.none { it.contains(utf8) }) { "$secret still in the files" }
            }
            val tombstone = store.deletions(10, null).deletions.first { it.id == wang.id }
            expectEqual(DeletionKind.ERASED, tombstone.kind, "kind")
            expectEqual("客户要求删除", tombstone.reason, "reason")
            expectEqual("李留下", store.getCustomer(li.id).name, "the other customer")

            expectEqual(null, store.settings().retention.eraseLostOrDormantAfterMonths, "retention off")
            val settings = store.setRetention(RetentionPolicy(eraseLostOrDormantAfterMonths = 24))
            expectEqual(24, settings.retention.eraseLostOrDormantAfterMonths, "retention set")
            expectEqual(emptyList<String>(), store.retentionDue(Instant.now()), "nobody lost")
            expectEqual(emptyList<String>(), store.runRetention(Instant.now()).erased, "nobody erased")
            try {
                store.setRetention(RetentionPolicy(eraseLostOrDormantAfterMonths = 0))
                throw AssertionError("0 months was taken")
            } catch (e: CrmException.InvalidInput) {
                expectEqual("erase_lost_or_dormant_after_months", e.field, "field")
            }
        }
    }

    check("privacy: an encrypted book hides its text, refuses a wrong key untouched, takes a new key") {
        val encrypted = File(dbFile.parentFile, "kotlin-encrypted.sqlite3")
        listOf("", "-wal", "-shm").forEach { File(encrypted.path + it).delete() }
        val key = ByteArray(32) { 7 }
        val newKey = ByteArray(32) { 9 }
        CrmStore.openEncrypted(encrypted.path, key).use { book ->
            book.createCustomer(newCustomer("王加密", "13812345678").copy(notes = "想要白色的途观"))
        }
        val bytes = encrypted.readBytes()
        expect(!String(bytes.copyOfRange(0, 16), Charsets.ISO_8859_1).startsWith("SQLite format 3")) { "plain header" }
        val text = String(bytes, Charsets.ISO_8859_1)
        for (secret in listOf("王加密", "13812345678", "想要白色")) {
            expect(!text.contains(String(secret.toByteArray(Charsets.UTF_8), Charsets.ISO_8859_1))) { "$secret readable" }
        }
        try {
            CrmStore.openEncrypted(encrypted.path, ByteArray(32) { 8 }).close()
            throw AssertionError("a wrong key opened the book")
        } catch (e: CrmException.WrongKey) {
        }
        expect(encrypted.readBytes().contentEquals(bytes)) { "a wrong key changed the file" }
        CrmStore.openEncrypted(encrypted.path, key).use { it.rekey(newKey) }
        try {
            CrmStore.openEncrypted(encrypted.path, key).close()
            throw AssertionError("the old key still opens the book")
        } catch (e: CrmException.WrongKey) {
        }
        CrmStore.openEncrypted(encrypted.path, newKey).use { book ->
            expectEqual(1L, book.countCustomers(true), "customers after rekey")
        }
        // A plain book encrypted by copy.
        val copy = File(dbFile.parentFile, "kotlin-encrypted-copy.sqlite3")
        listOf("", "-wal", "-shm").forEach { File(copy.path + it).delete() }
        CrmStore(dbFile.path).use { plain -> plain.encryptedCopyTo(copy.path, key) }
        CrmStore.openEncrypted(copy.path, key).use { book ->
            expectEqual(2L, book.countCustomers(true), "customers in the encrypted copy")
        }
        try {
            CrmStore.openEncrypted(copy.path, ByteArray(5))
            throw AssertionError("a 5-byte key was taken")
        } catch (e: CrmException.InvalidInput) {
            expectEqual("key", e.field, "field")
        }
    }
}
