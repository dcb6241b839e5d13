// The async API from coroutines: every CrmStore method is a `suspend fun` whose SQLite work
// runs on the library's own threads. Checks that 1,000 calls in flight from 8 coroutines on
// one dispatcher thread all complete, that the dispatcher thread is only ever held for a
// moment by a store call (measured and printed), and that a cancelled coroutine leaves each
// write applied whole or not at all.

import com.dealercrm.core.*
import kotlinx.coroutines.*
import java.io.File
import java.time.Instant
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.Executors
import kotlin.coroutines.CoroutineContext

/**
 * A one-thread dispatcher that records how long each task it runs holds its thread: a task is
 * a coroutine's step between two suspensions, so a store call that blocked would show up as
 * a long one.
 */
private class TimedDispatcher : CoroutineDispatcher(), AutoCloseable {
    private val executor = Executors.newSingleThreadExecutor { Thread(it, "test-dispatcher") }
    val stepNanos = ConcurrentLinkedQueue<Long>()

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        executor.execute {
            val began = System.nanoTime()
            block.run()
            stepNanos.add(System.nanoTime() - began)
        }
    }

    override fun close() = executor.shutdown()
}

private fun importRow(name: String, phone: String) =
    CustomerImport(customer = newCustomer(name, phone), createdAt = Instant.now().minusSeconds(86_400))

internal suspend fun asyncChecks(scratch: File) {
    val dbFile = File(scratch, "kotlin-async.sqlite3")
    listOf("", "-wal", "-shm").forEach { File(dbFile.path + it).delete() }

    CrmStore(dbFile.path).use { store ->
        check("async: 1,000 suspended calls from 8 coroutines on one dispatcher thread complete") {
            TimedDispatcher().use { dispatcher ->
                val perCoroutine = 125
                val results = withContext(dispatcher) {
                    (0 until 8).map { c ->
                        async {
                            var done = 0
                            var last: Customer? = null
                            repeat(perCoroutine) { i ->
                                when (i % 5) {
                                    0 -> last = store.createCustomer(newCustomer("协程$c-$i", "139%04d%04d".format(c, i)))
                                    1 -> last?.let { expectEqual(it.id, store.getCustomer(it.id).id, "read back") }
                                    2 -> store.searchCustomers("协程$c")
                                    3 -> store.listCustomers(ListQuery(limit = 20))
                                    else -> last?.let {
                                        last = store.updateCustomer(it.id, it.version, CustomerPatch(occupation = "工程师$i"))
                                    }
                                }
                                done++
                            }
                            done
                        }
                    }.awaitAll()
                }
                expectEqual(1_000, results.sum(), "calls completed")
                expectEqual(8L * perCoroutine / 5, store.countCustomers(), "customers created")
                val steps = dispatcher.stepNanos.sorted()
                val maxMs = steps.last() / 1e6
                val p99Ms = steps[(steps.size * 99 / 100).coerceAtMost(steps.size - 1)] / 1e6
                println("  dispatcher thread: ${steps.size} steps, p99 %.2f ms, longest %.2f ms".format(p99Ms, maxMs))
                // A blocking call would hold the thread for its whole SQLite work; the steps
                // only queue a call or take its result. The bound is loose for loaded machines.
                expect(maxMs < 250.0) { "the dispatcher thread was held for $maxMs ms" }
            }
        }

        check("async: the dispatcher thread keeps running while a long write is in flight") {
            TimedDispatcher().use { dispatcher ->
                val rows = (0 until 2_000).map { importRow("批量$it", "137%08d".format(it)) }
                withContext(dispatcher) {
                    var ticks = 0
                    val ticker = launch {
                        while (isActive) {
                            ticks++
                            yield()
                        }
                    }
                    val began = System.nanoTime()
                    val ids = store.importCustomers(rows)
                    val tookMs = (System.nanoTime() - began) / 1e6
                    ticker.cancelAndJoin()
                    expectEqual(rows.size, ids.size, "imported")
                    println("  import of ${rows.size} customers: %.0f ms, the same thread ran %d other steps meanwhile".format(tookMs, ticks))
                    expect(ticks > 10) { "the dispatcher thread ran only $ticks steps during the import" }
                }
            }
        }

        check("async: a cancelled write is applied whole or not at all") {
            val batch = 40
            val before = store.countCustomers()
            var cancelled = 0
            coroutineScope {
                repeat(30) { round ->
                    val rows = (0 until batch).map { importRow("取消$round-$it", "136%04d%04d".format(round, it)) }
                    val job = launch(Dispatchers.Default) { store.importCustomers(rows) }
                    delay((round % 6).toLong())
                    job.cancelAndJoin()
                    if (job.isCancelled) cancelled++
                }
            }
            val added = store.countCustomers() - before
            println("  30 imports of $batch, $cancelled cancelled: ${added / batch} applied whole")
            expectEqual(0L, added % batch, "customers added come in whole imports")
            // A write that outlives its cancelled caller still ran alone: the book answers.
            expectEqual(store.countCustomers(), store.listCustomers(ListQuery(limit = 10_000)).customers.size.toLong(), "book consistent")
        }

        check("async: withTimeout around a call either returns its result or nothing changed") {
            val before = store.countCustomers()
            val created = withTimeoutOrNull(1) { store.createCustomer(newCustomer("超时", "13500001111")) }
            val after = store.countCustomers()
            if (created == null) {
                expect(after == before || after == before + 1) { "count moved by ${after - before}" }
            } else {
                expectEqual(before + 1, after, "created")
            }
        }
    }
}
