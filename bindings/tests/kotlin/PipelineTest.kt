// Vehicle intents, the catalogue, intent level history and the pipeline (lost / dormant
// requests, a manager's approval or rejection) through the generated Kotlin bindings, on a
// store of their own. Called from BindingsTest.kt's main, which counts the checks.

import com.dealercrm.core.*
import java.io.File
import java.time.LocalDate
import java.time.ZoneId

private fun tiguan() = CatalogueModel(
    id = "VW-TIGUANL-2025-330",
    brand = "大众",
    series = "途观L",
    model = "2025款 330TSI",
    bodyType = BodyType.SUV,
    powertrain = Powertrain.PETROL,
    price = AmountRange(min = 18_980_000L, max = 25_980_000L),
)

internal fun pipelineChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        val walkIn = store.createCustomer(newCustomer("王五", "13900001111").copy(owner = "u1"))
        val leaving = store.createCustomer(newCustomer("赵六", "13900002222").copy(owner = "u1"))
        val kept = store.createCustomer(newCustomer("钱七", "13900003333").copy(owner = "u1"))

        check("catalogue: load, list, get; a bad model names its index and field") {
            expectEqual(1uL, store.loadCatalogue(listOf(tiguan())), "loaded")
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
                    tradeIn = TradeIn(brand = "大众", model = "朗逸", year = 2016, mileageKm = 98_000u,
                                      appraisedValue = 3_500_000L),
                    competitors = listOf("丰田 RAV4"),
                ),
                actor = "u1",
            )
            expect(intent.primary) { "the first intent is primary" }
            expectEqual(1uL, intent.version, "version")
            expectEqual(3_500_000L, intent.tradeIn?.appraisedValue, "appraised value in fen")
            val edited = store.editIntent(intent.id, intent.version,
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
            store.setIntentLevelBy(c.id, c.version, IntentLevel.H, "u2")
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
            val today = CalendarDate(d.year, d.monthValue.toUInt(), d.dayOfMonth.toUInt())
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
            expectEqual(Stage.ORDERED, store.pipelineState(walkIn.id).stage, "ordered")
            val withVin = store.setOrderVin(placed.id, placed.version, "1m8gdm9axkp042788")
            expectEqual("1M8GDM9AXKP042788", withVin.vin, "VIN normalised")
            val delivered = store.deliverOrder(withVin.id, withVin.version, NewDelivery(date = today, odometerKm = 12u))
            expectEqual(OrderStatus.Delivered(Delivery(today, "1M8GDM9AXKP042788", 12u)), delivered.status, "status")
            expectEqual(Stage.DELIVERED, store.pipelineState(walkIn.id).stage, "won")
            expectEqual(Stage.DELIVERED, store.stageHistory(walkIn.id).last().stage, "history")
            expectEqual("order_id", invalidField {
                store.deliverOrder(delivered.id, delivered.version, NewDelivery(date = today, odometerKm = 12u))
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
}
