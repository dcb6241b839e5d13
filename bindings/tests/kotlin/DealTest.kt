// Deals (销售机会) through the generated Kotlin bindings: a delivered customer opens a
// replacement deal and buys a second car; two open deals need the deal id. Called from
// BindingsTest.kt's main, which counts the checks.

import com.dealercrm.core.*
import java.io.File
import java.time.LocalDate
import java.time.ZoneId

internal suspend fun dealChecks(dbFile: File) {
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    CrmStore(dbFile.path).use { store ->
        val c = store.createCustomer(newCustomer("周八", "13900004444").copy(owner = "u1"))
        val today = LocalDate.now(ZoneId.of("Asia/Shanghai"))
        val order = NewOrder(
            vehicle = OrderedVehicle(model = "2025款 330TSI", brand = "大众"),
            price = 21_980_000L, orderDate = today, vin = "1M8GDM9AXKP042788",
        )

        check("deals: the first deal is the customer's pipeline, named by the customer's id") {
            val deals = store.dealsOf(c.id)
            expectEqual(1, deals.size, "one deal")
            expectEqual(c.id, deals[0].id, "the customer's id")
            expectEqual(DealStatus.OPEN, deals[0].status, "open")
        }

        check("deals: a second purchase through a replacement deal") {
            val first = store.placeOrder(c.id, order, actor = "u1")
            store.deliverOrder(first.id, first.version, NewDelivery(date = today, odometerKm = 12))
            expectEqual(DealStatus.WON, store.getDeal(c.id).status, "first deal won")
            val second = store.openDeal(c.id, NewDeal(source = DealSource.REPLACEMENT), actor = "u1")
            expectEqual("u1", second.owner, "the customer's owner")
            expectEqual(Stage.NEW_LEAD, store.pipelineState(c.id).stage, "back in the funnel")
            val again = store.placeOrder(c.id, order.copy(vin = null), actor = "u1")
            store.deliverOrder(again.id, again.version,
                NewDelivery(date = today, vin = "LSVAU2A30N2000001".let { fixVin(it) }, odometerKm = 5))
            val deals = store.dealsOf(c.id)
            expectEqual(listOf(DealStatus.WON, DealStatus.WON), deals.map { it.status }, "both won")
            expectEqual(listOf(DealSource.NEW_LEAD, DealSource.REPLACEMENT), deals.map { it.source }, "sources")
            val opened = store.timeline(c.id).records.map { it.entry }
                .filterIsInstance<TimelineEntry.DealOpened>().single()
            expectEqual(second.id, opened.dealId, "the timeline names the deal")
        }

        check("deals: two open deals with two owners need the deal id") {
            val mine = store.openDeal(c.id, NewDeal(source = DealSource.ADDITIONAL_CAR, owner = "u1"))
            expectEqual("owner", invalidField {
                store.openDeal(c.id, NewDeal(source = DealSource.ADDITIONAL_CAR, owner = "u1"))
            }, "one open deal per owner")
            val theirs = store.openDeal(c.id, NewDeal(source = DealSource.REFERRAL, owner = "u2"))
            expectEqual("deal_id", invalidField { store.advanceStage(c.id, Stage.CONTACTED) }, "several open")
            store.moveDeal(mine.id, DealMove.Advance(Stage.INVITED), actor = "u1")
            store.moveDeal(theirs.id, DealMove.Advance(Stage.VISITED), actor = "u2")
            expectEqual(Stage.INVITED, store.getDeal(mine.id).stage, "mine")
            expectEqual(Stage.VISITED, store.getDeal(theirs.id).stage, "theirs")
            store.setDealRules(DealRules(severalOpenPerOwner = true))
            expectEqual(true, store.dealRules().severalOpenPerOwner, "rules kept")
        }
    }
}

/// The VIN with its check digit (position 9) set.
private fun fixVin(vin: String): String {
    val values = mapOf(
        'A' to 1, 'B' to 2, 'C' to 3, 'D' to 4, 'E' to 5, 'F' to 6, 'G' to 7, 'H' to 8,
        'J' to 1, 'K' to 2, 'L' to 3, 'M' to 4, 'N' to 5, 'P' to 7, 'R' to 9,
        'S' to 2, 'T' to 3, 'U' to 4, 'V' to 5, 'W' to 6, 'X' to 7, 'Y' to 8, 'Z' to 9,
    )
    val weights = listOf(8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
    val sum = vin.mapIndexed { i, ch -> (if (ch.isDigit()) ch - '0' else values.getValue(ch)) * weights[i] }.sum()
    val digit = sum % 11
    return vin.substring(0, 8) + (if (digit == 10) 'X' else '0' + digit) + vin.substring(9)
}
