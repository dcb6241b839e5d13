// Care after the sale through the generated Kotlin bindings, on a store of their own: record a
// delivered car, generate its care tasks for a window, list, complete, skip and snooze them,
// odometer and insurance facts, consent, and the care rules as JSON and as typed records. Called from
// BindingsTest.kt's main, which counts the checks (check, expect ... live there).
//
// The store's "today" is the dealership's: the zone is set to Asia/Shanghai and the dates
// below are taken there.

import com.dealercrm.core.*
import java.io.File
import java.time.LocalDate
import java.time.ZoneId

private const val ZONE = "Asia/Shanghai"



private val GREETINGS = setOf(CareTaskKind.BIRTHDAY, CareTaskKind.HOLIDAY, CareTaskKind.PURCHASE_ANNIVERSARY)

internal suspend fun careChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        store.setTimeZone(ZONE)
        val today = LocalDate.now(ZoneId.of(ZONE))
        val delivered = today.minusDays(10)
        val from = delivered
        val to = delivered.plusYears(1)
        val customer = store.createCustomer(newCustomer("车主甲", "13900007001"))
        val other = store.createCustomer(newCustomer("车主乙", "13900007002"))
        lateinit var car: Car
        var firstRun = 0L

        suspend fun openTasks(who: Customer = customer) =
            store.careTasks(CareTaskQuery(customerId = who.id, status = CareTaskStatusKind.OPEN, limit = 1000))

        suspend fun call(key: String) = openTasks().single { (it.detail as? CareDetail.DeliveryCall)?.call == key }

        check("care: record a delivered car and read it back") {
            car = store.recordCar(
                customer.id,
                NewCar(vin = " 1m8gdm9axkp042788 ", brand = " 大众 ", model = "ID.4 CROZZ", deliveredOn = delivered, deliveryKm = 12),
            )
            expectEqual("1M8GDM9AXKP042788", car.vin, "VIN normalised")
            expectEqual("大众", car.brand, "brand trimmed")
            expectEqual(listOf(car), store.carsOf(customer.id), "carsOf")
            expectEqual(car, store.getCar(car.id), "getCar")
            expectEqual(emptyList<Car>(), store.carsOf(other.id), "no car for the other customer")
        }

        check("care: a car with a VIN already recorded is DuplicateContact naming its owner") {
            val e = expectThrows<CrmException.DuplicateContact> {
                store.recordCar(other.id, NewCar(vin = "1M8GDM9AXKP042788", brand = "大众", model = "ID.4", deliveredOn = delivered))
            }
            expectEqual("vin", e.field, "field")
            expectEqual(customer.id, e.existingId, "owner")
        }

        check("care: generate a year of tasks; the same window again adds nothing") {
            // Agreed on the purchase contract to calls and SMS: greetings need consent given.
            for (channel in listOf(ConsentChannel.PHONE, ConsentChannel.SMS)) {
                store.setConsent(customer.id, ConsentChange(channel, ConsentState.GRANTED, ConsentSource.PAPER_FORM))
            }
            val run = store.generateCare(from, to)
            expect(run.added > 0L) { "added $run" }
            expectEqual(0L, run.blockedByConsent, "every task has a channel")
            firstRun = run.added
            val again = store.generateCare(from, to)
            expectEqual(
                CareRunSummary(blockedByConsent = 0L, added = 0L, updated = 0L, removed = 0L, unchanged = firstRun, erasedByRetention = 0L),
                again,
                "second run",
            )
        }

        check("care: list a customer's open tasks by due date, with their details") {
            val tasks = openTasks()
            expectEqual(firstRun.toInt(), tasks.size, "every task is the customer's and open")
            expect(tasks.zipWithNext().all { (a, b) -> a.dueOn <= b.dueOn }) { "by due date" }
            val d3 = call("d3")
            expectEqual(delivered.plusDays(3), d3.dueOn, "d3 due")
            expectEqual(car.id, d3.carId, "d3's car")
            expectEqual(CareTaskKind.DELIVERY_CALL, d3.kind, "kind")
            expectEqual(CareTaskStatus.Open, d3.status, "status")
            expectEqual(CareAssignee.MANAGER, call("d7").assignee, "d7 is the manager's")
            expect(tasks.any { it.kind == CareTaskKind.MAINTENANCE && it.detail is CareDetail.Maintenance }) { "a service" }
            expect(tasks.any { it.kind == CareTaskKind.HOLIDAY && it.needsConsent }) { "a holiday greeting" }
            expectEqual(d3, store.getCareTask(d3.key), "getCareTask")
            val window = store.careTasks(CareTaskQuery(dueFrom = today, dueTo = today.plusDays(30)))
            expect(window.all { it.dueOn in today..today.plusDays(30) }) { "window filter" }
            expectEqual(emptyList<CareTask>(), openTasks(other), "the other customer has none")
        }

        check("care: complete a task; it is in the timeline and cannot close again") {
            val d3 = call("d3")
            val done = store.completeCareTask(d3.key, "客户满意，已约首保")
            val status = done.status as CareTaskStatus.Done
            expectEqual("客户满意，已约首保", status.outcome, "outcome")
            val entry = store.timeline(customer.id, null, null).records.first().entry
            val logged = entry as TimelineEntry.CareTaskDone
            expectEqual(d3.key, logged.taskKey, "timeline entry's task")
            expectEqual("key", invalidField { store.skipCareTask(d3.key, "重复") }, "closed task")
            expectEqual(d3.key, store.careTasks(CareTaskQuery(status = CareTaskStatusKind.DONE)).single().key, "listed as done")
        }

        check("care: skip a task, snooze another") {
            val skipped = store.skipCareTask(call("d7").key, "经理出差")
            expectEqual("经理出差", (skipped.status as CareTaskStatus.Skipped).reason, "reason")
            expect(store.timeline(customer.id, null, null).records.first().entry is TimelineEntry.CareTaskSkipped) { "skip in the timeline" }
            val until = today.plusDays(40)
            val snoozed = store.snoozeCareTask(call("d30").key, until)
            expectEqual(CareTaskStatus.Snoozed(until), snoozed.status, "snoozed")
            expect(openTasks().none { (it.detail as? CareDetail.DeliveryCall)?.call == "d30" }) { "no longer open" }
        }

        check("care: a run keeps done, skipped and snoozed tasks as they are") {
            val run = store.generateCare(from, to)
            expectEqual(0L, run.added + run.removed, "nothing added or removed: $run")
            val closed = store.careTasks(CareTaskQuery(customerId = customer.id, limit = 1000)).filter { it.status != CareTaskStatus.Open }
            expectEqual(3, closed.size, "done, skipped, snoozed")
        }

        check("care: odometer readings and insurance dates feed the next run") {
            val reading = store.recordOdometer(car.id, today, 3000, OdometerSource.CUSTOMER)
            expectEqual(3000, reading.km, "km")
            expectEqual(listOf(reading), store.odometerReadingsOf(car.id), "readings")
            val policyEnds = today.plusDays(90)
            val insured = store.setInsuranceEnds(car.id, listOf(policyEnds))
            expectEqual(listOf(policyEnds), insured.insuranceEndsOn, "insurance ends")
            val run = store.generateCare(from, to)
            expect(run.updated > 0L) { "services move with the pace: $run" }
            val renewal = openTasks().first { it.kind == CareTaskKind.INSURANCE_RENEWAL }
            expectEqual(policyEnds, (renewal.detail as CareDetail.InsuranceRenewal).policyEndsOn, "policy")
            expectEqual(policyEnds.minusDays(30), renewal.dueOn, "30 days ahead")
        }

        check("care: withdrawn consent drops the greetings at the next run") {
            expect(openTasks().any { it.kind in GREETINGS }) { "greetings before" }
            expectEqual(2, store.consentOf(customer.id).size, "calls and SMS agreed to")
            for (channel in listOf(ConsentChannel.WECHAT, ConsentChannel.SMS, ConsentChannel.EMAIL)) {
                store.setConsent(customer.id, ConsentChange(channel, ConsentState.WITHDRAWN, ConsentSource.PHONE, note = "电话里说不要发"))
            }
            val consent = store.consentOf(customer.id).filter { it.channel != ConsentChannel.PHONE }
            expectEqual(3, consent.size, "three records")
            expect(consent.all { it.state == ConsentState.WITHDRAWN && it.note == "电话里说不要发" }) { "$consent" }
            val entry = store.timeline(customer.id, null, null).records.first().entry
            expect(entry is TimelineEntry.ConsentChanged) { "timeline: $entry" }
            val run = store.generateCare(from, to)
            expect(run.removed > 0L) { "removed: $run" }
            expect(run.blockedByConsent > 0L) { "blocked: $run" }
            expect(openTasks().none { it.kind in GREETINGS }) { "greetings after" }
            expect(openTasks().any { it.kind == CareTaskKind.MAINTENANCE }) { "service reminders stay" }
        }

        check("care: the rules as JSON, read and set") {
            val json = store.careRulesJson()
            expect(json.contains("\"delivery_calls\"") && json.contains("\"d3\"")) { "defaults: $json" }
            val noReferral = json.replace(Regex("(\"referral\":\\s*\\{\\s*\"enabled\":\\s*)true"), "$1false")
            expect(noReferral != json) { "referral switch found" }
            val stored = store.setCareRulesJson(noReferral)
            expectEqual(noReferral, stored, "stored as given")
            expectEqual(stored, store.careRulesJson(), "read back")
            store.generateCare(from, to)
            expect(openTasks().none { it.kind == CareTaskKind.REFERRAL_INVITATION }) { "referral gone" }
        }

        check("care: bad input names the field") {
            expectEqual("brand", invalidField {
                store.recordCar(other.id, NewCar(brand = " ", model = "ID.4", deliveredOn = delivered))
            }, "blank brand")
            expectEqual("delivered_on", invalidField {
                store.recordCar(other.id, NewCar(brand = "大众", model = "ID.4", deliveredOn = today.plusDays(1)))
            }, "delivery tomorrow")
            expectEqual("delivery_km", invalidField {
                store.recordCar(other.id, NewCar(brand = "大众", model = "ID.4", deliveredOn = delivered, deliveryKm = -5))
            }, "negative km")
            expectEqual("to", invalidField { store.generateCare(to, from) }, "window backwards")
            expectEqual("limit", invalidField { store.careTasks(CareTaskQuery(limit = 0)) }, "limit 0")
            val open = openTasks().first()
            expectEqual("outcome", invalidField { store.completeCareTask(open.key, "  ") }, "blank outcome")
            expectEqual("until", invalidField { store.snoozeCareTask(open.key, today.minusDays(1)) }, "snooze to the past")
            expectEqual("on", invalidField { store.recordOdometer(car.id, delivered.minusDays(1), 5, OdometerSource.OTHER) }, "reading before delivery")
            expectEqual("km", invalidField { store.recordOdometer(car.id, today, 3_000_000, OdometerSource.OTHER) }, "km")
            expectEqual("insurance_ends_on[0]", invalidField { store.setInsuranceEnds(car.id, listOf(delivered.minusDays(1))) }, "policy before delivery")
            expectEqual("rules", invalidField { store.setCareRulesJson("{") }, "not JSON")
            val badLead = store.careRulesJson().replaceFirst("\"lead_days\": 30", "\"lead_days\": 100000")
            expectEqual("insurance.lead_days", invalidField { store.setCareRulesJson(badLead) }, "lead days")
            expectThrows<CrmException.NotFound> { store.getCareTask("birthday:nobody:2027") }
            expectThrows<CrmException.NotFound> { store.carsOf(MISSING_ID) }
        }

        check("care: the rules as typed records: change the insurance lead, set, generate") {
            val rules = store.careRules()
            expectEqual(30, rules.insurance.leadDays, "default insurance lead")
            expectEqual(CareOffset(months = 0, days = 3), rules.deliveryCalls.single { it.key == "d3" }.after, "d3's offset")
            expectEqual(CareAssignee.MANAGER, rules.deliveryCalls.single { it.key == "d7" }.by, "d7's caller")
            expect(rules.holidays.list.any { it.date == HolidayDate.Lunar(8, 15) }) { "mid-autumn: ${rules.holidays.list}" }
            expectEqual(false, rules.referral.enabled, "the JSON change is seen typed")
            val stored = store.setCareRules(rules.copy(insurance = rules.insurance.copy(leadDays = 45)))
            expectEqual(45, stored.insurance.leadDays, "stored")
            expectEqual(stored, store.careRules(), "read back")
            expect(store.careRulesJson().contains("\"lead_days\": 45")) { "the JSON form agrees" }
            val run = store.generateCare(from, to)
            expect(run.updated > 0L) { "the renewal moved: $run" }
            val renewal = openTasks().first { it.kind == CareTaskKind.INSURANCE_RENEWAL }
            val ends = (renewal.detail as CareDetail.InsuranceRenewal).policyEndsOn
            expectEqual(ends.minusDays(45), renewal.dueOn, "45 days ahead")
            val tooLong = stored.copy(insurance = stored.insurance.copy(leadDays = 400))
            expectEqual("insurance.lead_days", invalidField { store.setCareRules(tooLong) }, "typed lead days")
            val noChannels = stored.copy(birthday = stored.birthday.copy(outreach = stored.birthday.outreach.copy(channels = emptyList())))
            expectEqual("birthday.outreach.channels", invalidField { store.setCareRules(noChannels) }, "no channel")
            expectEqual(stored, store.careRules(), "nothing stored on a bad rule")
        }
    }
}
