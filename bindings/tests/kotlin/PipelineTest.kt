// Vehicle intents, the catalogue, intent level history and the pipeline (lost / dormant
// requests, a manager's approval or rejection), visits, orders and the reports through the
// generated Kotlin bindings, each group on a store of its own. Called from BindingsTest.kt's main, which counts the
// checks.

import com.dealercrm.core.*
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.temporal.ChronoUnit
import java.time.ZoneId

private suspend fun tiguan() = CatalogueModel(
    id = "VW-TIGUANL-2025-330",
    brand = "大众",
    series = "途观L",
    model = "2025款 330TSI",
    bodyType = BodyType.SUV,
    powertrain = Powertrain.PETROL,
    price = AmountRange(min = 18_980_000L, max = 25_980_000L),
)

internal suspend fun pipelineChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        val walkIn = store.createCustomer(newCustomer("王五", "13900001111").copy(owner = "u1"))
        val leaving = store.createCustomer(newCustomer("赵六", "13900002222").copy(owner = "u1"))
        val kept = store.createCustomer(newCustomer("钱七", "13900003333").copy(owner = "u1"))

        check("catalogue: load, list, get; a bad model names its index and field") {
            expectEqual(1L, store.loadCatalogue(listOf(tiguan())), "loaded")
            expectEqual(listOf(tiguan()), store.listCatalogue(), "catalogue")
            expectEqual(tiguan(), store.getCatalogueModel("VW-TIGUANL-2025-330"), "model")
            val bad = tiguan().copy(price = AmountRange(min = 2L, max = 1L))
            expectEqual("catalogue[0].price", invalidField { store.loadCatalogue(listOf(bad)) }, "field")
            expectEqual(listOf(tiguan()), store.listCatalogue(), "kept")
        }

        check("intents: add with budget and trade-in, edit, second intent, remove") {
            val intent = store.addIntent(
                walkIn.id,
                NewVehicleIntent(
                    catalogueModel = "VW-TIGUANL-2025-330", brand = "大众", series = "途观L",
                    bodyType = BodyType.SUV, powertrain = Powertrain.PETROL,
                    colours = listOf("珍珠白"), budget = AmountRange(min = 18_000_000L, max = 22_000_000L),
                    timeframe = PurchaseTimeframe.WITHIN_MONTH, payment = PaymentMethod.LOAN,
                    tradeIn = TradeIn(brand = "大众", model = "朗逸", year = 2016, mileageKm = 98_000,
                                      appraisedValue = 3_500_000L),
                    competitors = listOf("丰田 RAV4"),
                ),
                actor = "u1",
            )
            expect(intent.primary) { "the first intent is primary" }
            expectEqual(1L, intent.version, "version")
            expectEqual(3_500_000L, intent.tradeIn?.appraisedValue, "appraised value in fen")
            val edited = store.updateIntent(intent.id, intent.version,
                VehicleIntentPatch(trim = "豪华版", clear = listOf(IntentField.TRADE_IN)))
            expectEqual("豪华版", edited.trim, "trim")
            expectEqual(null, edited.tradeIn, "trade-in cleared")
            val second = store.addIntent(walkIn.id, NewVehicleIntent(bodyType = BodyType.MPV))
            expectEqual(listOf(intent.id, second.id), store.intentsOf(walkIn.id).map { it.id }, "primary first")
            store.removeIntent(second.id, second.version)
            expectEqual(listOf(edited), store.intentsOf(walkIn.id), "after removal")
            expectEqual(edited, store.getIntent(intent.id), "get")
        }

        check("intents: a bad budget, nothing named, an unknown catalogue model name the field") {
            expectEqual("intent.budget", invalidField {
                store.addIntent(walkIn.id, NewVehicleIntent(brand = "大众", budget = AmountRange(min = 2L, max = 1L)))
            }, "budget")
            expectEqual("intent.brand", invalidField { store.addIntent(walkIn.id, NewVehicleIntent()) }, "nothing")
            expectEqual("intent.catalogue_model", invalidField {
                store.addIntent(walkIn.id, NewVehicleIntent(catalogueModel = "NOPE"))
            }, "catalogue")
            expectEqual(1, store.intentsOf(walkIn.id).size, "nothing written")
        }

        check("intent levels: history of who, from, to") {
            val c = store.getCustomer(walkIn.id)
            store.setIntentLevel(c.id, c.version, IntentLevel.H, "u2")
            val history = store.intentLevelHistory(c.id)
            val last = history.last()
            expectEqual("u2", last.who, "who")
            expectEqual(IntentLevel.N, last.from, "from")
            expectEqual(IntentLevel.H, last.to, "to")
        }

        check("pipeline: a walk-in is visited at once, then test-driven and negotiating") {
            val visited = store.advanceStage(walkIn.id, Stage.VISITED, actor = "u1")
            expectEqual(PipelineStatus.InStage(Stage.VISITED), visited.state.status, "visited")
            store.advanceStage(walkIn.id, Stage.TEST_DRIVEN)
            store.advanceStage(walkIn.id, Stage.NEGOTIATING)
            val state = store.pipelineState(walkIn.id)
            expectEqual(Stage.NEGOTIATING, state.stage, "stage")
            val history = store.stageHistory(walkIn.id)
            expectEqual(listOf(Stage.VISITED, Stage.TEST_DRIVEN, Stage.NEGOTIATING),
                        history.filter { it.kind == MoveKind.ADVANCE }.map { it.stage }, "history")
            expectEqual("u1", history.first { it.stage == Stage.VISITED }.actor, "actor")
        }

        check("pipeline: a refused move is InvalidInput on move and changes nothing") {
            expectEqual("move", invalidField { store.advanceStage(walkIn.id, Stage.DELIVERED) }, "no order")
            expectEqual("move", invalidField { store.advanceStage(walkIn.id, Stage.CONTACTED) }, "backwards")
            expectEqual(Stage.NEGOTIATING, store.pipelineState(walkIn.id).stage, "unchanged")
        }

        check("orders: a bad VIN names order.vin; place, set the VIN, deliver; delivering twice is refused") {
            val d = LocalDate.now(ZoneId.of("Asia/Shanghai"))
            val today = d
            val order = NewOrder(
                vehicle = OrderedVehicle(model = "2025款 330TSI", brand = "大众", colour = "珍珠白"),
                price = 21_980_000L, orderDate = today, discount = 1_000_000L, deposit = 500_000L,
                finance = true,
            )
            expectEqual("order.vin", invalidField {
                store.placeOrder(walkIn.id, order.copy(vin = "1M8GDM9A1KP042788"))
            }, "check digit")
            expectEqual(emptyList<Order>(), store.ordersOf(walkIn.id), "nothing written")
            val placed = store.placeOrder(walkIn.id, order, actor = "u1")
            expectEqual(20_980_000L, placed.netPrice, "net price in fen")
            val logged = store.timeline(walkIn.id).records.map { it.entry }
                .filterIsInstance<TimelineEntry.OrderPlaced>().single()
            expectEqual(placed.netPrice, logged.netPrice, "the timeline's net price is the order's")
            expectEqual(Stage.ORDERED, store.pipelineState(walkIn.id).stage, "ordered")
            val withVin = store.setOrderVin(placed.id, placed.version, "1m8gdm9axkp042788")
            expectEqual("1M8GDM9AXKP042788", withVin.vin, "VIN normalised")
            val delivered = store.deliverOrder(withVin.id, withVin.version, NewDelivery(date = today, odometerKm = 12))
            expectEqual(OrderStatus.Delivered(Delivery(today, "1M8GDM9AXKP042788", 12)), delivered.status, "status")
            expectEqual(Stage.DELIVERED, store.pipelineState(walkIn.id).stage, "won")
            expectEqual(Stage.DELIVERED, store.stageHistory(walkIn.id).last().stage, "history")
            expectEqual("order_id", invalidField {
                store.deliverOrder(delivered.id, delivered.version, NewDelivery(date = today, odometerKm = 12))
            }, "twice")
            expectEqual(listOf(delivered), store.ordersOf(walkIn.id), "orders of")
            expectEqual(delivered, store.getOrder(delivered.id), "get")
        }

        check("pipeline: a lost request names its competitor, waits, and is approved") {
            expectEqual("competitor", invalidField {
                store.requestLost(leaving.id, LostRequest(reason = LostReason.BOUGHT_COMPETITOR))
            }, "competitor required")
            val asked = store.requestLost(leaving.id,
                LostRequest(reason = LostReason.BOUGHT_COMPETITOR, competitor = "比亚迪 宋PLUS"), actor = "u1")
            expectEqual(PipelineStatus.LostRequested, asked.state.status, "pending")
            store.requestDormant(kept.id, DormantRequest(reason = DormantReason.POSTPONED), actor = "u1")
            val pending = store.pendingRequests()
            expectEqual(listOf(leaving.id, kept.id), pending.map { it.customerId }, "pending, oldest first")
            expectEqual("u1", pending.first().requestedBy, "requested by")
            expectEqual("比亚迪 宋PLUS", pending.first().state.lost?.competitor, "competitor")
            expectEqual(emptyList<PendingRequest>(), store.pendingRequests(owner = "u9"), "someone else's")
            val approved = store.approveRequest(leaving.id, "店长")
            expectEqual(PipelineStatus.Lost, approved.state.status, "lost")
            expectEqual("店长", approved.record.actor, "manager")
            expectEqual(listOf(kept.id), store.pendingRequests().map { it.customerId }, "left pending")
        }

        check("pipeline: a rejection with reassignment changes the owner; reopen a lost one") {
            val rejected = store.rejectRequest(kept.id, "店长", reassignTo = "u2", note = "再跟一跟")
            expectEqual(PipelineStatus.InStage(Stage.NEW_LEAD), rejected.state.status, "back")
            expectEqual("u2", rejected.newOwner, "new owner")
            expectEqual("u2", store.getCustomer(kept.id).owner, "owner changed")
            expectEqual(emptyList<PendingRequest>(), store.pendingRequests(), "none pending")
            expectEqual("move", invalidField { store.approveRequest(kept.id, "店长") }, "nothing to approve")
            val reopened = store.reopen(leaving.id, actor = "u1")
            expectEqual(PipelineStatus.InStage(Stage.CONTACTED), reopened.state.status, "reopened")
        }
    }

    check("team rules: a consultant's book refuses deciding a request, with Forbidden") {
        CrmStore.openInMemory().use { book ->
            val mine = book.createCustomer(newCustomer("孙八", "13900004444"))
            book.requestDormant(mine.id, DormantRequest(reason = DormantReason.POSTPONED))
            book.setSyncUser("c01", "王建国", UserRole.CONSULTANT, "一组")
            try {
                book.approveRequest(mine.id, "c01")
                throw AssertionError("a consultant approved")
            } catch (e: CrmException.Forbidden) {
                expectEqual("decide_request", e.action, "action")
                expectEqual("consultant", e.role, "role")
            }
            expectEqual(listOf(mine.id), book.pendingRequests().map { it.customerId }, "still pending")
            try {
                book.withdrawRequest(mine.id, actor = "c02")
                throw AssertionError("acted as someone else")
            } catch (e: CrmException.Forbidden) {
                expectEqual("act_as", e.action, "action")
            }
            val withdrawn = book.withdrawRequest(mine.id)
            expectEqual("c01", withdrawn.record.actor, "recorded as the book's user")
        }
    }
}

/** Today in the dealership's zone (the store's default, Asia/Shanghai) as a CalendarDate. */
private suspend fun shanghaiToday(): CalendarDate {
    val d = LocalDate.now(ZoneId.of("Asia/Shanghai"))
    return d
}

private suspend fun order(price: Long, discount: Long) = NewOrder(
    vehicle = OrderedVehicle(model = "2025款 330TSI", brand = "大众"),
    price = price, orderDate = shanghaiToday(), discount = discount,
)

/**
 * Visits (scheduled, moved, done with feedback, a no-show), order edits and cancelling, then
 * the funnel and the channel table over exactly the customers built here, on a store of its
 * own so that every figure is known.
 */
internal suspend fun visitAndReportChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        val start = Instant.now().minusSeconds(60)
        val online = SourceChannel.OnlinePlatform(platform = "汽车之家")
        // c1 walks in, visits, test-drives, orders and takes delivery; c2 (online) misses a
        // test drive and is contacted; c3 (referral) orders and cancels; c4 (online) is new.
        val c1 = store.createCustomer(newCustomer("孙一", "13911110001").copy(owner = "u1"))
        val c2 = store.createCustomer(newCustomer("孙二", "13911110002").copy(owner = "u1", source = online))
        val c3 = store.createCustomer(newCustomer("孙三", "13911110003").copy(
            owner = "u2", source = SourceChannel.Referral(referrerId = null, referrerName = "老李")))
        store.createCustomer(newCustomer("孙四", "13911110004").copy(owner = "u2", source = online))

        check("visits: schedule, reschedule, complete with feedback; the customer is visited") {
            val tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
            val visit = store.scheduleVisit(c1.id,
                NewVisit(kind = VisitKind.STORE_VISIT, scheduledAt = tomorrow, consultant = "u1"), actor = "u1")
            expectEqual(VisitStatus.Scheduled, visit.status, "scheduled")
            expectEqual(1L, visit.version, "version")
            val later = tomorrow.plus(2, ChronoUnit.HOURS)
            val moved = store.rescheduleVisit(visit.id, visit.version, later)
            expectEqual(later, moved.scheduledAt, "moved")
            expectEqual(2L, moved.version, "version after the move")
            val conflict = expectThrows<CrmException.Conflict> {
                store.rescheduleVisit(visit.id, visit.version, tomorrow)
            }
            expectEqual(2L, conflict.actualVersion, "actual version")
            val at = Instant.now().truncatedTo(ChronoUnit.SECONDS)
            val done = store.completeVisit(moved.id, moved.version, at, feedback = "喜欢内饰，嫌油耗高")
            expectEqual(VisitStatus.Done(at, "喜欢内饰，嫌油耗高"), done.status, "done with feedback")
            expectEqual(Stage.VISITED, store.pipelineState(c1.id).stage, "visited")
            expectEqual("visit_id", invalidField { store.noShowVisit(done.id, done.version) }, "closed")
            expectEqual(done, store.getVisit(done.id), "get")
        }

        check("visits: a test drive needs its model; done, it makes the customer test-driven") {
            val now = Instant.now()
            expectEqual("visit.model", invalidField {
                store.scheduleVisit(c1.id, NewVisit(kind = VisitKind.TEST_DRIVE, scheduledAt = now))
            }, "model required")
            val drive = store.scheduleVisit(c1.id,
                NewVisit(kind = VisitKind.TEST_DRIVE, scheduledAt = now, model = "途观L 330TSI"))
            store.completeVisit(drive.id, drive.version, Instant.now())
            expectEqual(Stage.TEST_DRIVEN, store.pipelineState(c1.id).stage, "test-driven")
            expectEqual(listOf(VisitKind.STORE_VISIT, VisitKind.TEST_DRIVE).sorted(),
                        store.visitsOf(c1.id).map { it.kind }.sorted(), "visits of c1")
            expectEqual("visit.scheduled_at", invalidField {
                store.scheduleVisit(c1.id, NewVisit(kind = VisitKind.STORE_VISIT,
                    scheduledAt = now.plus(400, ChronoUnit.DAYS)))
            }, "more than a year ahead")
        }

        check("visits: a no-show only once the time has passed; the customer stays put") {
            val soon = store.scheduleVisit(c2.id, NewVisit(kind = VisitKind.TEST_DRIVE,
                scheduledAt = Instant.now().plus(1, ChronoUnit.DAYS), model = "途观L"))
            expectEqual("visit.scheduled_at", invalidField { store.noShowVisit(soon.id, soon.version) }, "not due")
            val missed = store.scheduleVisit(c2.id, NewVisit(kind = VisitKind.TEST_DRIVE,
                scheduledAt = Instant.now().minusSeconds(30), model = "途观L"))
            val noShow = store.noShowVisit(missed.id, missed.version, actor = "u1")
            expect(noShow.status is VisitStatus.NoShow) { "no-show: ${noShow.status}" }
            expectEqual(Stage.NEW_LEAD, store.pipelineState(c2.id).stage, "still a new lead")
            expectEqual(listOf(missed.id, soon.id), store.visitsOf(c2.id).map { it.id }, "by scheduled time")
            store.advanceStage(c2.id, Stage.CONTACTED)
        }

        check("orders: edit the discount and clear the expected delivery; a bad discount names it") {
            store.advanceStage(c3.id, Stage.VISITED)
            val placed = store.placeOrder(c3.id, order(15_000_000L, 500_000L).copy(
                expectedDelivery = shanghaiToday(), consultant = "u2"))
            expectEqual("order.discount", invalidField {
                store.updateOrder(placed.id, placed.version, OrderPatch(discount = 16_000_000L))
            }, "discount above the price")
            expectEqual("expected_delivery", invalidField {
                store.updateOrder(placed.id, placed.version, OrderPatch(
                    expectedDelivery = shanghaiToday(), clear = listOf(OrderField.EXPECTED_DELIVERY)))
            }, "set and cleared")
            val edited = store.updateOrder(placed.id, placed.version,
                OrderPatch(discount = 1_000_000L, clear = listOf(OrderField.EXPECTED_DELIVERY)), actor = "u2")
            expectEqual(14_000_000L, edited.netPrice, "net price")
            expectEqual(null, edited.expectedDelivery, "cleared")
            expectEqual("u2", edited.consultant, "kept")
            expectEqual(placed.version + 1L, edited.version, "version")
            expectThrows<CrmException.Conflict> {
                store.updateOrder(placed.id, placed.version, OrderPatch(finance = true))
            }
        }

        check("orders: cancelling needs a note for OTHER; cancelled, the customer negotiates again") {
            val active = store.ordersOf(c3.id).single()
            expectEqual("cancel.note", invalidField {
                store.cancelOrder(active.id, active.version, CancelReason.OTHER)
            }, "note required")
            val cancelled = store.cancelOrder(active.id, active.version, CancelReason.PRICE, note = "等降价")
            val status = cancelled.status
            expect(status is OrderStatus.Cancelled && status.reason == CancelReason.PRICE && status.note == "等降价") {
                "cancelled: $status"
            }
            expectEqual(Stage.NEGOTIATING, store.pipelineState(c3.id).stage, "back to negotiating")
            expectEqual("order_id", invalidField {
                store.updateOrder(cancelled.id, cancelled.version, OrderPatch(finance = true))
            }, "a cancelled order cannot change")
            expectEqual("order_id", invalidField {
                store.setOrderVin(cancelled.id, cancelled.version, "1M8GDM9AXKP042788")
            }, "nor get a VIN")
        }

        val revenue = 21_980_000L - 1_000_000L
        check("orders: c1 orders and takes delivery") {
            val placed = store.placeOrder(c1.id, order(21_980_000L, 1_000_000L).copy(vin = "1M8GDM9AXKP042788"))
            store.deliverOrder(placed.id, placed.version, NewDelivery(date = shanghaiToday(), odometerKm = 8))
            expectEqual(Stage.DELIVERED, store.pipelineState(c1.id).stage, "won")
        }

        val period = ReportPeriod(from = start, to = Instant.now().plusSeconds(60))
        check("reports: the funnel counts each stage reached, its conversion and median days") {
            val funnel = store.funnelReport(period)
            expectEqual(4L, funnel.cohort, "cohort")
            // c1 booked a visit (an invitation), came, test-drove and ordered; c2 booked a test
            // drive it missed and was contacted; c3 was moved to visited, ordered and
            // cancelled: got that far never shrinks.
            val sofar = funnel.rows.associate { it.stage to it.customers }
            expectEqual(mapOf(
                Stage.NEW_LEAD to 4L, Stage.CONTACTED to 3L, Stage.INVITED to 3L, Stage.VISITED to 2L,
                Stage.TEST_DRIVEN to 2L, Stage.NEGOTIATING to 2L, Stage.ORDERED to 2L, Stage.DELIVERED to 1L,
            ), sofar, "customers per stage")
            expectEqual(listOf(null, 7_500, 10_000, 6_667, 10_000, 10_000, 10_000, 5_000),
                        funnel.rows.map { it.conversionBp }, "conversion in basis points")
            expectEqual(null, funnel.rows.first().medianDaysFromPrevious, "no median for the first stage")
            funnel.rows.drop(1).forEach {
                val days = it.medianDaysFromPrevious
                expect(days != null && days >= 0.0 && days < 0.01) { "${it.stage}: median $days days" }
            }
            expectEqual(0L, funnel.lost, "lost")
            expectEqual(0L, funnel.pending, "pending")
            val u2 = store.funnelReport(period.copy(consultant = "u2"))
            expectEqual(2L, u2.cohort, "u2's cohort")
            expectEqual("to", invalidField { store.funnelReport(period.copy(to = period.from)) }, "empty period")
        }

        check("reports: the channel table counts leads to deliveries and the revenue in fen") {
            val channels = store.channelReport(period)
            expectEqual(SourceKind.values().toList(), channels.rows.map { it.kind }, "every kind, in order")
            val byKind = channels.rows.associateBy { it.kind }
            val walkIn = byKind.getValue(SourceKind.SHOWROOM_WALK_IN)
            expectEqual(listOf(1L, 1L, 1L, 1L, 1L),
                        listOf(walkIn.leads, walkIn.visits, walkIn.testDrives, walkIn.orders, walkIn.deliveries), "walk-in")
            expectEqual(10_000, walkIn.conversionBp, "walk-in conversion")
            expectEqual(revenue, walkIn.revenueFen, "walk-in revenue")
            expect(walkIn.medianDaysToClose.let { it != null && it < 0.01 }) { "close: ${walkIn.medianDaysToClose}" }
            val referral = byKind.getValue(SourceKind.REFERRAL)
            expectEqual(listOf(1L, 1L, 0L, 1L, 0L),
                        listOf(referral.leads, referral.visits, referral.testDrives, referral.orders, referral.deliveries),
                        "referral: a cancelled order is still an order; ordering is no test drive")
            expectEqual(0, referral.conversionBp, "referral conversion")
            expectEqual(0L, referral.revenueFen, "no revenue from a cancelled order")
            expectEqual(null, referral.medianDaysToClose, "nothing closed")
            val onlineRow = byKind.getValue(SourceKind.ONLINE_PLATFORM)
            expectEqual(2L, onlineRow.leads, "online leads")
            expectEqual(0L, onlineRow.visits, "a no-show is no visit")
            expectEqual(null, byKind.getValue(SourceKind.AUTO_SHOW).conversionBp, "no leads, no conversion")
            expectEqual("total", channels.total.channel, "total's name")
            expectEqual(listOf(4L, 2L, 1L, 2L, 1L), channels.total.let {
                listOf(it.leads, it.visits, it.testDrives, it.orders, it.deliveries) }, "total")
            expectEqual(2_500, channels.total.conversionBp, "total conversion")
            expectEqual(revenue, channels.total.revenueFen, "total revenue")
        }

        check("reports: a customer filter narrows the funnel and the channel table") {
            val closing = CustomerFilter(stages = listOf(
                PipelineStatus.InStage(Stage.NEGOTIATING), PipelineStatus.InStage(Stage.DELIVERED)))
            val funnel = store.funnelReport(period.copy(customers = closing))
            expectEqual(2L, funnel.cohort, "c1 (delivered) and c3 (negotiating again)")
            expectEqual(listOf(2L, 2L, 2L, 2L, 2L, 2L, 2L, 1L), funnel.rows.map { it.customers }, "reached")
            expectEqual(listOf(null, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 5_000),
                        funnel.rows.map { it.conversionBp }, "conversion")
            val u1 = store.channelReport(period.copy(customers = CustomerFilter(owners = listOf("u1"))))
            val byKind = u1.rows.associateBy { it.kind }
            expectEqual(1L, byKind.getValue(SourceKind.SHOWROOM_WALK_IN).deliveries, "u1's walk-in delivered")
            expectEqual(1L, byKind.getValue(SourceKind.ONLINE_PLATFORM).leads, "u1's online lead")
            expectEqual(0L, byKind.getValue(SourceKind.REFERRAL).leads, "the referral is u2's")
            expectEqual(listOf(2L, 1L, 1L, 1L, 1L), u1.total.let {
                listOf(it.leads, it.visits, it.testDrives, it.orders, it.deliveries) }, "u1's total")
            expectEqual(5_000, u1.total.conversionBp, "u1's conversion")
            expectEqual(revenue, u1.total.revenueFen, "u1's revenue")
            expectEqual("customers.birthday_months[0]", invalidField {
                store.channelReport(period.copy(customers = CustomerFilter(birthdayMonths = listOf(13))))
            }, "a bad filter is named within customers")
        }

        check("reports: consultants, losses and intent levels over the same period") {
            val consultants = store.consultantReport(period).associateBy { it.consultant }
            expectEqual(2L, consultants.getValue("u1").newLeads, "u1's new leads")
            expectEqual(1L, consultants.getValue("u1").deliveries, "u1's deliveries")
            expectEqual(revenue, consultants.getValue("u1").revenueFen, "u1's revenue")
            val lost = store.lostReport(period)
            expectEqual(0L, lost.total, "no loss")
            expectEqual(LostReason.values().size, lost.byReason.size, "every reason listed")
            val intents = store.intentReport(period)
            expectEqual(3L, intents.openCustomers, "open: all but the delivered one")
            expectEqual(IntentLevel.values().toList(), intents.distribution.map { it.level }, "every level")
        }
    }
}
