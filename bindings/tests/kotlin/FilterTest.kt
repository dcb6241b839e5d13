// The customer filter's deal dimensions (intent level, pipeline status, intended vehicle,
// budget, trade-in, lost reason, order dates) through the generated Kotlin bindings, on a
// store of their own. Called from BindingsTest.kt's main, which counts the checks.

import com.dealercrm.core.*
import java.io.File
import java.time.LocalDate
import java.time.ZoneId


/** The names of every customer [filter] finds. */
private suspend fun CrmStore.namesMatching(filter: CustomerFilter): Set<String> =
    queryCustomers(CustomerQuery(filter = filter, limit = 100)).customers.map { it.name }.toSet()

internal suspend fun filterChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        // The store's default zone is Asia/Shanghai: order dates are its days.
        val today = LocalDate.now(ZoneId.of("Asia/Shanghai"))
        store.loadCatalogue(listOf(CatalogueModel(
            id = "LI-L6", brand = "理想", series = "L6", model = "2025款 Pro",
            bodyType = BodyType.SUV, powertrain = Powertrain.EREV,
            price = AmountRange(min = 24_980_000L, max = 27_980_000L),
        )))
        // 甲: H, wants a sedan within ¥150,000-¥200,000 and an SUV, negotiating.
        val jia = store.createCustomer(newCustomer("甲", "13600000001"))
        // 乙: points at the catalogue's L6 (an SUV by the catalogue) with a trade-in; ordered today.
        val yi = store.createCustomer(newCustomer("乙", "13600000002"))
        // 丙: no intent; a lost request on price, pending.
        val bing = store.createCustomer(newCustomer("丙", "13600000003"))

        check("filters: customers with intents, stages, an order and a lost request") {
            store.setIntentLevel(jia.id, jia.version, IntentLevel.H)
            store.addIntent(jia.id, NewVehicleIntent(brand = "BMW", series = "3系", bodyType = BodyType.SEDAN,
                budget = AmountRange(min = 15_000_000L, max = 20_000_000L)))
            store.addIntent(jia.id, NewVehicleIntent(bodyType = BodyType.SUV, powertrain = Powertrain.BEV))
            listOf(Stage.VISITED, Stage.TEST_DRIVEN, Stage.NEGOTIATING).forEach { store.advanceStage(jia.id, it) }
            store.addIntent(yi.id, NewVehicleIntent(catalogueModel = "LI-L6",
                tradeIn = TradeIn(brand = "本田", model = "雅阁", year = 2017)))
            store.advanceStage(yi.id, Stage.VISITED)
            store.placeOrder(yi.id, NewOrder(
                vehicle = OrderedVehicle(model = "2025款 Pro", brand = "理想", series = "L6"),
                price = 25_980_000L, orderDate = today,
            ))
            store.requestLost(bing.id, LostRequest(reason = LostReason.PRICE, note = "差两万"))
            expectEqual(setOf("甲", "乙", "丙"), store.namesMatching(CustomerFilter()), "everyone")
        }

        check("filters: intent level and pipeline status, pending requests included") {
            expectEqual(setOf("甲"), store.namesMatching(CustomerFilter(levels = listOf(IntentLevel.H, IntentLevel.A))), "H or A")
            expectEqual(setOf("甲"), store.namesMatching(
                CustomerFilter(stages = listOf(PipelineStatus.InStage(Stage.NEGOTIATING)))), "negotiating")
            expectEqual(setOf("丙"), store.namesMatching(
                CustomerFilter(stages = listOf(PipelineStatus.LostRequested))), "lost requested")
            expectEqual(setOf("丙"), store.namesMatching(CustomerFilter(lostReasons = listOf(LostReason.PRICE))), "price")
            expectEqual(1L, store.countMatching(CustomerFilter(stages = listOf(PipelineStatus.InStage(Stage.ORDERED)))), "count")
        }

        check("filters: any intent, the catalogue's body type, one intent for every vehicle dimension") {
            expectEqual(setOf("甲", "乙"), store.namesMatching(CustomerFilter(bodyTypes = listOf(BodyType.SUV))), "SUV")
            expectEqual(setOf("乙"), store.namesMatching(CustomerFilter(powertrains = listOf(Powertrain.EREV))), "EREV")
            expectEqual(setOf("甲"), store.namesMatching(CustomerFilter(brands = listOf("bmw"))), "brand, any case")
            expectEqual(setOf("乙"), store.namesMatching(CustomerFilter(series = listOf("L6"))), "series")
            val budget = AmountRange(min = 18_000_000L, max = 30_000_000L)
            expectEqual(setOf("甲"), store.namesMatching(CustomerFilter(budget = budget)), "budget overlap")
            expectEqual(emptySet<String>(), store.namesMatching(
                CustomerFilter(bodyTypes = listOf(BodyType.SUV), budget = budget)), "an SUV in budget: nobody")
            expectEqual(setOf("乙"), store.namesMatching(CustomerFilter(hasTradeIn = true)), "trade-in")
            expectEqual(setOf("甲", "丙"), store.namesMatching(CustomerFilter(hasTradeIn = false)), "no trade-in")
        }

        check("filters: ordered between; a bad date or budget names its field") {
            val from = today.minusDays(1)
            val to = today.plusDays(1)
            expectEqual(setOf("乙"), store.namesMatching(CustomerFilter(orderedFrom = from, orderedTo = to)), "ordered")
            expectEqual(emptySet<String>(), store.namesMatching(CustomerFilter(orderedTo = today)), "before today")
            expectEqual(emptySet<String>(), store.namesMatching(CustomerFilter(deliveredFrom = from)), "nobody delivered")
            expectEqual("ordered_to", invalidField { store.countMatching(CustomerFilter(orderedFrom = to, orderedTo = from)) }, "range")
            expectEqual("birthday_months[1]", invalidField {
                store.countMatching(CustomerFilter(birthdayMonths = listOf(3, -1)))
            }, "negative month")
            expectEqual("budget.min", invalidField {
                store.countMatching(CustomerFilter(budget = AmountRange(min = -1L)))
            }, "budget")
            expectEqual("filter.ordered_to", invalidField {
                store.createView("坏的", ViewDefinition(filter = CustomerFilter(orderedFrom = to, orderedTo = from)))
            }, "in a view")
            expectEqual(emptyList<SavedView>(), store.listViews(), "nothing saved")
        }

        check("filters: a saved view keeps the deal dimensions") {
            val filter = CustomerFilter(levels = listOf(IntentLevel.H), bodyTypes = listOf(BodyType.SUV),
                stages = listOf(PipelineStatus.InStage(Stage.NEGOTIATING)), hasTradeIn = false,
                orderedFrom = LocalDate.of(2026, 1, 1))
            val view = store.createView("H级SUV", ViewDefinition(filter = filter))
            expectEqual(filter, store.getView(view.id).definition.filter, "read back")
        }
    }
}
