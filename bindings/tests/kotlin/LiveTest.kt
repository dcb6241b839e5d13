// Live queries through the companion Flows (bindings/kotlin/): the agenda Flow re-emits soon
// after a follow-up logged from another thread through a second CrmStore on the same file (a
// background worker), and not for a write that does not touch the agenda; the change
// listener says where each write came from.

import com.dealercrm.core.*
import kotlinx.coroutines.*
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId

internal suspend fun liveChecks(scratch: File) {
    val dbFile = File(scratch, "kotlin-live.sqlite3")
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }
    val owner = "live-u1"
    val today = LocalDate.now(ZoneId.of("Asia/Shanghai")) // the store's default zone

    CrmStore(dbFile.path).use { app ->
        CrmStore(dbFile.path).use { worker ->
            val customer = app.createCustomer(newCustomer("实时", "13900005555").copy(owner = owner))

            check("live: the agenda Flow re-emits within 100 ms of a follow-up logged from another thread, not for an unrelated write") {
                coroutineScope {
                    val emissions = Channel<Pair<Long, List<AgendaItem>>>(Channel.UNLIMITED)
                    val collector = launch {
                        app.watchAgenda(owner, today).collect { emissions.send(System.nanoTime() to it) }
                    }
                    val first = withTimeout(10_000) { emissions.receive() }.second
                    expect(first.any { it.customerId == customer.id }) { "the new lead is on the agenda: $first" }

                    app.setStoreInfo(StoreInfo(name = "天河4S店"))
                    worker.setStoreInfo(StoreInfo(name = "天河4S店", address = "天河路1号"))
                    val unrelated = withTimeoutOrNull(300) { emissions.receive() }
                    expectEqual(null, unrelated, "an emission for settings writes")

                    val logged = withContext(Dispatchers.Default) {
                        worker.logFollowUp(
                            customer.id,
                            NewFollowUp(
                                method = FollowUpMethod.PHONE, kind = FollowUpKind.FIRST_CONTACT,
                                at = Instant.now().minusSeconds(60), content = "首次电话",
                            ),
                            next = NewPlan(time = PlanTime.OnDate(today), method = FollowUpMethod.WECHAT, purpose = "发车型资料"),
                        )
                        System.nanoTime()
                    }
                    val (at, items) = withTimeout(10_000) { emissions.receive() }
                    val ms = (at - logged) / 1e6
                    println("  agenda re-emitted %.1f ms after the follow-up was logged (negative: before the call returned)".format(ms))
                    expect(items != first) { "the agenda changed: $items" }
                    expect(ms < 100.0) { "re-emitted after $ms ms" }
                    collector.cancel()
                }
            }

            check("live: a change listener hears its own writes as LOCAL and the worker's as OTHER_STORE") {
                coroutineScope {
                    val heard = async { app.changes(listOf(DataKind.CUSTOMERS), customer.id).take(2).toList() }
                    yield()
                    delay(50) // the listener is registered when the collector starts
                    app.updateCustomer(customer.id, app.getCustomer(customer.id).version, CustomerPatch(occupation = "教师"))
                    worker.addTemplateIfAny()
                    worker.updateCustomer(customer.id, worker.getCustomer(customer.id).version, CustomerPatch(occupation = "医生"))
                    val changes = withTimeout(10_000) { heard.await() }
                    expectEqual(listOf(ChangeSource.LOCAL, ChangeSource.OTHER_STORE), changes.map { it.source }, "sources")
                    expectEqual(listOf(customer.id), changes[0].customerIds, "the customer")
                }
            }

            check("live: a removed listener is told nothing more") {
                var told = 0
                val id = app.addChangeListener(object : ChangeListener {
                    override fun onChange(change: DataChange) { told++ }
                })
                app.setStoreInfo(StoreInfo(name = "一"))
                expect(app.removeChangeListener(id)) { "removed" }
                expect(!app.removeChangeListener(id)) { "removed once only" }
                app.setStoreInfo(StoreInfo(name = "二"))
                expectEqual(1, told, "changes heard")
            }
        }
    }
}

/** A write the customer listener must not hear: a settings change on the worker. */
private suspend fun CrmStore.addTemplateIfAny() {
    setStoreInfo(StoreInfo(name = "另一家店"))
}
