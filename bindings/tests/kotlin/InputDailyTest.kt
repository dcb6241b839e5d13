// Input through the generated Kotlin bindings, on a store of its own: the greeting a template
// fills from the customer, and phone search by the spellings people type. Called from
// BindingsTest.kt's main, which counts the checks (check, expect ... live there).

import com.dealercrm.core.*
import java.io.File

private suspend fun landline(value: String) = ContactInput(kind = ContactKind.LANDLINE, value = value)

internal suspend fun inputDailyChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        val ouyang = store.createCustomer(newCustomer("欧阳娜娜", "13900008001").copy(gender = Gender.FEMALE))
        val sima = store.createCustomer(newCustomer("司马光", "13900008002").copy(gender = Gender.MALE))
        val unsure = store.createCustomer(newCustomer("张伟", "13900008003"))
        val rest = mapOf("model" to "途观L", "salesperson_phone" to "13800000000", "store" to "天河4S店", "salesperson" to "李明")

        check("input: a starter template greets by surname and gender without a value passed") {
            suspend fun greeting(customer: Customer, language: TemplateLanguage) =
                store.renderTemplate("greeting.after_visit", language, customer.id, rest)
            val ouyangZh = greeting(ouyang, TemplateLanguage.ZH)
            expect(ouyangZh.startsWith("欧阳女士您好")) { ouyangZh }
            val simaZh = greeting(sima, TemplateLanguage.ZH)
            expect(simaZh.startsWith("司马先生您好")) { simaZh }
            expect(greeting(unsure, TemplateLanguage.ZH).startsWith("张伟您好")) { greeting(unsure, TemplateLanguage.ZH) }
            expect(greeting(ouyang, TemplateLanguage.EN).startsWith("Hello Ms Ouyang,")) { greeting(ouyang, TemplateLanguage.EN) }
        }

        check("input: a greeting passed in still wins") {
            val text = store.renderTemplate("greeting.after_visit", TemplateLanguage.ZH, ouyang.id, rest + ("客户称呼" to "娜娜姐"))
            expect(text.startsWith("娜娜姐您好")) { text }
        }

        check("input: phone search finds the spellings people type") {
            val wang = store.createCustomer(
                newCustomer("王五", "138 0013 8000").copy(
                    contacts = listOf(mobile("138 0013 8000").copy(primary = true), landline("010-6552 9988")),
                ),
            )
            for (typed in listOf("010-6552 9988", "01065529988", "8613800138000", "+86 138 0013 8000")) {
                val hits = store.searchCustomers(typed)
                expectEqual(wang.id, hits.firstOrNull()?.customer?.id, "first hit for $typed")
                expectEqual(MatchTier.EXACT, hits.first().tier, "tier for $typed")
            }
            expectEqual(MatchTier.PREFIX, store.searchCustomers("010-6552").single().tier, "a landline's start with its 0")
            expectEqual(wang.id, store.searchCustomers("9988").single().customer.id, "a fragment still matches")
        }

        check("input: a name of invisible characters is InvalidInput on name") {
            expectEqual("name", invalidField { store.createCustomer(newCustomer("\u200B\u200E\uFEFF", "13900008004")) }, "zero-width only")
            val e = expectThrows<CrmException.InvalidInput> { store.createCustomer(newCustomer("张\u202E三", "13900008004")) }
            expectEqual("contains bidirectional override characters", e.reason, "bidi override")
        }
    }
}
