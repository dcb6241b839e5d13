// The agenda's daily work through the generated Kotlin bindings, on a store of its own: a
// manager's approval of a lost or dormant request takes the customer's plan off the agenda and
// its reminder out of the sync; a dormant customer with a wake-up date comes back on that
// day; a delivered H customer is not due by cadence. Called from BindingsTest.kt's main, which
// counts the checks (check, expect ... live there).
//
// The store's "today" is the dealership's: the zone is set to Asia/Shanghai and the dates
// below are taken there.

import com.dealercrm.core.*
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.time.temporal.ChronoUnit

private const val ZONE = "Asia/Shanghai"
private const val OWNER = "u7"


/** The reasons `OWNER`'s agenda of [on] gives for [customer]. */
private suspend fun CrmStore.reasonsFor(customer: Customer, on: LocalDate): List<AgendaReason> =
    agenda(OWNER, on).filter { it.customerId == customer.id }.map { it.reason }

/** A customer of `OWNER` at level H, last called three days ago: cadence-due (H: 2 days). */
private suspend fun CrmStore.hotCustomer(name: String, phone: String): Customer {
    val created = createCustomer(newCustomer(name, phone).copy(owner = OWNER))
    val threeDaysAgo = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS)
    logFollowUp(
        created.id,
        NewFollowUp(method = FollowUpMethod.PHONE, kind = FollowUpKind.NEEDS_DISCOVERY, at = threeDaysAgo, content = "问了预算"),
    )
    val current = getCustomer(created.id)
    return setIntentLevel(current.id, current.version, IntentLevel.H)
}

internal suspend fun agendaDailyChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        store.setTimeZone(ZONE)
        val today = LocalDate.now(ZoneId.of(ZONE))

        check("agenda: approving lost and dormant cancels the plan and its reminder; reopening does not bring it back") {
            for ((i, lost) in listOf(true, false).withIndex()) {
                val customer = store.createCustomer(newCustomer("战败$i", "1390000710$i").copy(owner = OWNER))
                val plan = store.setPlan(
                    customer.id,
                    NewPlan(time = PlanTime.OnDate(today), method = FollowUpMethod.PHONE, purpose = "再问一次"),
                )
                val reminderId = "${plan.id}@${plan.version}"
                val token = store.reminderChangesSince().token
                expect(store.reasonsFor(customer, today).any { it is AgendaReason.PlanDue || it is AgendaReason.PlanOverdue }) {
                    "the plan is on the agenda first"
                }
                if (lost) {
                    store.requestLost(customer.id, LostRequest(reason = LostReason.PRICE), actor = OWNER)
                } else {
                    store.requestDormant(customer.id, DormantRequest(reason = DormantReason.BUDGET), actor = OWNER)
                }
                expectEqual(PlanStatus.Open, store.getPlan(plan.id).status, "pending request keeps the plan")
                store.approveRequest(customer.id, "店长")
                val status = store.getPlan(plan.id).status
                expect(status is PlanStatus.Cancelled && status.reason.startsWith(if (lost) "lost" else "dormant")) {
                    "cancelled with the reason: $status"
                }
                expectEqual(emptyList<AgendaReason>(), store.reasonsFor(customer, today), "off the agenda")
                val changes = store.reminderChangesSince(token)
                expectEqual(listOf(reminderId), changes.cancelled, "reminder cancelled in the sync")
                expectEqual(emptyList<String>(), changes.added, "nothing added")
                val now = Instant.now()
                expect(store.reminders(now.minus(2, ChronoUnit.DAYS), now.plus(2, ChronoUnit.DAYS), owner = OWNER)
                    .none { it.customerId == customer.id }) { "no reminder left" }

                store.reopen(customer.id, actor = OWNER)
                expectEqual(null, store.openPlan(customer.id), "no plan after reopening")
                expectEqual(emptyList<String>(), store.reminderChangesSince(changes.token).added, "no reminder comes back")
                expect(store.reasonsFor(customer, today).none { it is AgendaReason.PlanDue || it is AgendaReason.PlanOverdue }) {
                    "the old plan stays off the agenda"
                }
            }
        }

        check("agenda: a dormant customer with a wake-up date comes back on that day as wake-up due") {
            val sleeper = store.hotCustomer("休眠甲", "13900007110")
            expectEqual("wake_on", invalidField {
                store.requestDormant(sleeper.id, DormantRequest(reason = DormantReason.POSTPONED, wakeOn = today.minusDays(1)))
            }, "a wake-up date in the past")
            val wakeOn = today.plusDays(3)
            val asked = store.requestDormant(
                sleeper.id,
                DormantRequest(reason = DormantReason.POSTPONED, note = "下个月再看", wakeOn = wakeOn),
                actor = OWNER,
            )
            expectEqual(wakeOn, asked.record.wakeOn, "kept with the move")
            val approved = store.approveRequest(sleeper.id, "店长")
            expectEqual(wakeOn, approved.state.dormant?.wakeOn, "kept in the state")
            for (days in 0L..2L) {
                expectEqual(emptyList<AgendaReason>(), store.reasonsFor(sleeper, today.plusDays(days)), "asleep on day $days")
            }
            expectEqual(
                listOf<AgendaReason>(AgendaReason.WakeUpDue(wakeOn = wakeOn, daysOverdue = 0)),
                store.reasonsFor(sleeper, wakeOn),
                "on the wake-up day",
            )
            expectEqual(wakeOn, store.stageHistory(sleeper.id).last().wakeOn, "in the history")
        }

        check("agenda: a delivered H customer is not due by cadence; a still-open one is") {
            val open = store.hotCustomer("热客甲", "13900007120")
            val won = store.hotCustomer("热客乙", "13900007121")
            expect(store.reasonsFor(won, today).single() is AgendaReason.CadenceDue) { "cadence-due before the sale" }
            val order = store.placeOrder(
                won.id,
                NewOrder(vehicle = OrderedVehicle(model = "2025款 330TSI", brand = "大众"), price = 20_000_000L, orderDate = today),
            )
            store.deliverOrder(order.id, order.version, NewDelivery(date = today, vin = "LSVAU2A33N2000001", odometerKm = 10))
            expectEqual(Stage.DELIVERED, store.pipelineState(won.id).stage, "won")
            expectEqual(IntentLevel.H, store.getCustomer(won.id).intentLevel, "still graded H")
            for (days in 0L..4L) {
                expectEqual(emptyList<AgendaReason>(), store.reasonsFor(won, today.plusDays(days)), "day $days")
            }
            expect(store.reasonsFor(open, today).single() is AgendaReason.CadenceDue) { "the open one is still due" }
        }
    }
}
