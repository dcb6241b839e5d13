// Trustworthy daily care work through the generated Kotlin bindings, on a store of its own:
// odometer readings checked against the daily limit (a setting), corrected and deleted;
// consent that is conservative (a customer never asked gets no marketing SMS, a refused
// greeting is not moved to a channel the customer lacks) and the run's count of tasks blocked
// by consent. Called from BindingsTest.kt's main, which counts the checks.

import com.dealercrm.core.*
import java.io.File
import java.time.LocalDate
import java.time.ZoneId

private const val ZONE = "Asia/Shanghai"


private val MARKETING = setOf(
    CareTaskKind.BIRTHDAY,
    CareTaskKind.HOLIDAY,
    CareTaskKind.PURCHASE_ANNIVERSARY,
    CareTaskKind.REFERRAL_INVITATION,
    CareTaskKind.INSURANCE_RENEWAL,
)

internal suspend fun careDailyChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        store.setTimeZone(ZONE)
        val today = LocalDate.now(ZoneId.of(ZONE))
        val delivered = today.minusDays(60)
        val from = today.minusDays(30)
        val to = today.plusDays(365)

        suspend fun deliver(customer: Customer): Car {
            val car = store.recordCar(customer.id, NewCar(brand = "大众", model = "ID.4", deliveredOn = delivered, deliveryKm = 10))
            store.setInsuranceEnds(car.id, listOf(today.plusDays(90)))
            return car
        }

        suspend fun tasksOf(customer: Customer) =
            store.careTasks(CareTaskQuery(customerId = customer.id, status = CareTaskStatusKind.OPEN, limit = 1000))

        // Never asked about anything; a mobile number only.
        val quiet = store.createCustomer(
            newCustomer("车主丙", "13900007101").copy(birthday = LocalDate.of(1990, 3, 15)),
        )
        val car = deliver(quiet)

        check("care daily: a 500,000 km typo is refused naming km; nothing is stored") {
            val first = store.recordOdometer(car.id, today.minusDays(2), 5_000, OdometerSource.CUSTOMER)
            expectEqual(car.id, first.carId, "the reading's car")
            expectEqual("km", invalidField {
                store.recordOdometer(car.id, today.minusDays(1), 500_000, OdometerSource.CUSTOMER)
            }, "500,000 km a day after 5,000")
            expectEqual("km", invalidField {
                store.recordOdometer(car.id, today.minusDays(1), 4_000, OdometerSource.CUSTOMER)
            }, "lower than the day before")
            expectEqual(listOf(first), store.odometerReadingsOf(car.id), "only the first reading")
        }

        check("care daily: the daily limit is a setting") {
            expectEqual(1_500, store.settings().odometer.maxDailyKm, "default")
            val strict = store.setOdometerLimits(OdometerLimits(maxDailyKm = 100))
            expectEqual(100, strict.odometer.maxDailyKm, "set")
            expectEqual("km", invalidField {
                store.recordOdometer(car.id, today.minusDays(1), 5_150, OdometerSource.CUSTOMER)
            }, "150 km in a day under a 100 km limit")
            expectEqual("max_daily_km", invalidField { store.setOdometerLimits(OdometerLimits(maxDailyKm = 10)) }, "too low")
            expectEqual(100, store.settings().odometer.maxDailyKm, "nothing stored on a bad limit")
            store.setOdometerLimits(OdometerLimits(maxDailyKm = 1_500))
        }

        check("care daily: a reading is corrected, then deleted") {
            val reading = store.odometerReadingsOf(car.id).single()
            val fixed = store.correctOdometer(reading.id, reading.on, 4_900, OdometerSource.SERVICE_VISIT)
            expectEqual(reading.id, fixed.id, "same reading")
            expectEqual(4_900, fixed.km, "km corrected")
            expectEqual(OdometerSource.SERVICE_VISIT, fixed.source, "source corrected")
            expectEqual(listOf(fixed), store.odometerReadingsOf(car.id), "read back")
            expectEqual("km", invalidField {
                store.correctOdometer(reading.id, reading.on, 900_000, OdometerSource.CUSTOMER)
            }, "a correction is checked too")
            store.deleteOdometer(reading.id)
            expectEqual(emptyList<OdometerRecord>(), store.odometerReadingsOf(car.id), "deleted")
            expectThrows<CrmException.NotFound> { store.deleteOdometer(reading.id) }
            expectThrows<CrmException.NotFound> {
                store.correctOdometer(reading.id, reading.on, 4_900, OdometerSource.CUSTOMER)
            }
        }

        check("care daily: a customer never asked gets no marketing SMS; the run counts what consent blocked") {
            val run = store.generateCare(from, to)
            expect(run.blockedByConsent > 0L) { "blocked: $run" }
            val tasks = tasksOf(quiet)
            expect(tasks.none { it.kind in MARKETING }) { "no greeting nor offer: ${tasks.map { it.kind }}" }
            expect(tasks.none { it.channel == ConsentChannel.SMS && it.needsConsent }) { "no marketing SMS" }
            val services = tasks.filter { it.kind == CareTaskKind.MAINTENANCE }
            expect(services.isNotEmpty() && services.all { it.channel == ConsentChannel.PHONE }) { "service reminders by phone: $services" }
            expectEqual(emptyList<ConsentChannel>(), store.careRules().consent.unknownAllowsMarketing, "the default")
        }

        check("care daily: a dealership may open a channel to customers never asked") {
            val rules = store.careRules()
            store.setCareRules(rules.copy(consent = rules.consent.copy(unknownAllowsMarketing = listOf(ConsentChannel.SMS))))
            store.generateCare(from, to)
            val greetings = tasksOf(quiet).filter { it.kind in MARKETING }
            expect(greetings.isNotEmpty() && greetings.all { it.channel == ConsentChannel.SMS }) { "by SMS: $greetings" }
            store.setCareRules(rules)
            store.generateCare(from, to)
            expect(tasksOf(quiet).none { it.kind in MARKETING }) { "closed again" }
        }

        check("care daily: a refused greeting is not moved to a channel the customer lacks") {
            // A mobile number and a WeChat id, no e-mail address; agreed to WeChat and e-mail.
            val fan = store.createCustomer(
                newCustomer("车主丁", "13900007102").copy(
                    birthday = LocalDate.of(1991, 4, 20),
                    contacts = listOf(mobile("13900007102").copy(primary = true), ContactInput(kind = ContactKind.WECHAT, value = "dingding_88")),
                ),
            )
            deliver(fan)
            for (channel in listOf(ConsentChannel.WECHAT, ConsentChannel.EMAIL)) {
                store.setConsent(fan.id, ConsentChange(channel, ConsentState.GRANTED, ConsentSource.PAPER_FORM))
            }
            store.generateCare(from, to)
            val birthdays = tasksOf(fan).filter { it.kind == CareTaskKind.BIRTHDAY }
            expect(birthdays.isNotEmpty() && birthdays.all { it.channel == ConsentChannel.WECHAT }) { "by WeChat: $birthdays" }
            val before = store.generateCare(from, to).blockedByConsent
            store.setConsent(fan.id, ConsentChange(ConsentChannel.WECHAT, ConsentState.WITHDRAWN, ConsentSource.MESSAGE))
            val run = store.generateCare(from, to)
            expect(tasksOf(fan).none { it.kind == CareTaskKind.BIRTHDAY }) {
                "not moved to e-mail (no address) nor SMS (never asked): ${tasksOf(fan).filter { it.kind == CareTaskKind.BIRTHDAY }}"
            }
            expect(run.blockedByConsent > before) { "blocked $before then ${run.blockedByConsent}" }
            expect(tasksOf(fan).all { it.channel != ConsentChannel.WECHAT && it.channel != ConsentChannel.EMAIL }) { "never WeChat or e-mail" }
        }
    }
}
