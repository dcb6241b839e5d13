// The reports' daily-work figures through the generated Kotlin bindings, on a store of their
// own: the funnel's reached and skipped stages, the channel table's visits and test drives
// from the recorded visits, and the consultant report's first responses against the
// dealership's deadline. Called from BindingsTest.kt's main, which counts the checks (check,
// expect ... live there).

import com.dealercrm.core.*
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.time.temporal.ChronoUnit

private suspend fun today(): CalendarDate {
    val d = LocalDate.now(ZoneId.of("Asia/Shanghai"))
    return d
}

private suspend fun followUp(kind: FollowUpKind, by: String?) = NewFollowUp(
    method = FollowUpMethod.PHONE,
    kind = kind,
    at = Instant.now().truncatedTo(ChronoUnit.MILLIS),
    content = "约了看车",
    consultant = by,
)

internal suspend fun reportsDailyChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        val start = Instant.now().minusSeconds(60)
        val online = SourceChannel.OnlinePlatform(platform = "懂车帝")
        // A walk-in of u1's, received on the spot and ordering: never called, invited,
        // test-driven or negotiated with.
        val walkIn = store.createCustomer(newCustomer("周一", "13922220001").copy(owner = "u1"))
        // An online lead entered without an owner, handed to u2, who calls at once.
        val handed = store.createCustomer(newCustomer("周二", "13922220002").copy(source = online))
        // An online lead of u2's, invited by phone with an appointment for tomorrow.
        val invited = store.createCustomer(newCustomer("周三", "13922220003").copy(owner = "u2", source = online))

        check("reports daily: visits, an assignment, an invitation and an appointment recorded") {
            val visit = store.scheduleVisit(walkIn.id, NewVisit(kind = VisitKind.STORE_VISIT, scheduledAt = Instant.now()))
            store.completeVisit(visit.id, visit.version, Instant.now())
            store.placeOrder(walkIn.id, NewOrder(
                vehicle = OrderedVehicle(model = "2025款 330TSI", brand = "大众"),
                price = 20_000_000L, orderDate = today(), discount = 500_000L,
            ))
            val current = store.getCustomer(handed.id)
            store.updateCustomer(handed.id, current.version, CustomerPatch(owner = "u2"))
            store.logFollowUp(handed.id, followUp(FollowUpKind.FIRST_CONTACT, "u2"), next = null)
            store.logFollowUp(invited.id, followUp(FollowUpKind.STORE_VISIT_INVITATION, "u2"), next = null)
            store.scheduleVisit(invited.id, NewVisit(kind = VisitKind.STORE_VISIT,
                scheduledAt = Instant.now().plus(1, ChronoUnit.DAYS)))
            expectEqual(Stage.ORDERED, store.pipelineState(walkIn.id).stage, "the walk-in jumped to ordered")
        }

        // Three hours on: the walk-in's first response (60 minutes below) is overdue.
        val period = ReportPeriod(from = start, to = Instant.now().plus(3, ChronoUnit.HOURS))
        check("reports daily: the funnel shows reached and skipped apart") {
            val funnel = store.funnelReport(period)
            expectEqual(3L, funnel.cohort, "cohort")
            expectEqual(listOf(3L, 3L, 2L, 1L, 1L, 1L, 1L, 0L), funnel.rows.map { it.customers }, "got that far")
            expectEqual(listOf(3L, 2L, 1L, 1L, 0L, 0L, 1L, 0L), funnel.rows.map { it.reached }, "reached")
            expectEqual(listOf(0L, 1L, 1L, 0L, 1L, 1L, 0L, 0L), funnel.rows.map { it.skipped }, "skipped")
            funnel.rows.forEach {
                expectEqual(it.customers, it.reached + it.skipped, "${it.stage}: reached + skipped")
            }
        }

        check("reports daily: channel visits and test drives are the recorded ones") {
            val walkInRow = store.channelReport(period).rows.single { it.kind == SourceKind.SHOWROOM_WALK_IN }
            expectEqual(listOf(1L, 1L, 0L, 1L), walkInRow.let { listOf(it.leads, it.visits, it.testDrives, it.orders) },
                        "leads, visits, test drives, orders")
        }

        check("reports daily: first responses against the dealership's deadline") {
            store.setCadence(store.settings().cadence.copy(firstResponseMinutes = 60))
            val rows = store.consultantReport(period).associateBy { it.consultant }
            val u1 = rows.getValue("u1")
            expectEqual(listOf(1L, 1L, 0L), listOf(u1.newLeads, u1.firstResponsesDue, u1.firstResponsesInTime),
                        "u1: the walk-in, never called, is late")
            expectEqual(0, u1.firstResponseInTimeBp, "u1's share in time")
            expectEqual(null, u1.medianFirstResponseMinutes, "nothing answered")
            val u2 = rows.getValue("u2")
            expectEqual(listOf(2L, 2L, 2L), listOf(u2.newLeads, u2.firstResponsesDue, u2.firstResponsesInTime),
                        "u2: both answered at once")
            expectEqual(10_000, u2.firstResponseInTimeBp, "u2's share in time")
            expect(u2.medianFirstResponseMinutes.let { it != null && it >= 0.0 && it < 1.0 }) {
                "u2's median: ${u2.medianFirstResponseMinutes}"
            }
            // Right after they came, nothing is due yet: the share is null, not 0.
            val early = store.consultantReport(period.copy(to = Instant.now().plusSeconds(60), consultant = "u1"))
            expectEqual(null, early.single().firstResponseInTimeBp, "nothing due yet")
        }
    }
}
