// Times calls through the generated Kotlin bindings on a filled database: each operation is
// warmed up (as many calls as are timed, so the JIT has compiled the path), then timed call by
// call; prints p50 and p99 in microseconds. bindings/examples/bench_rust.rs times the same
// operations in Rust on the same file; the difference is what crossing the FFI costs.
//
// Arguments: <database> <iterations>. Run by scripts/bench-kotlin.sh, which prints both sides.
// Keep the operations, their order, the query choices and the call counts the same as in
// bench_rust.rs.

// A package of its own: BindingsTest.kt, compiled with it, has the default package's `main`.
package com.dealercrm.bench

import com.dealercrm.core.*
import kotlinx.coroutines.runBlocking
import kotlin.system.exitProcess

/** The p-th percentile (0 < p <= 100) of sorted [nanos], in microseconds. */
private fun percentileMicros(nanos: LongArray, p: Double): Double {
    val rank = kotlin.math.ceil(p / 100.0 * nanos.size).toInt().coerceIn(1, nanos.size)
    return nanos[rank - 1] / 1000.0
}

/** Runs [call] [calls] times untimed, then [calls] times timed; prints one result line. */
private suspend fun measure(op: String, calls: Int, call: suspend (Int) -> Unit) {
    repeat(calls) { call(it) }
    val nanos = LongArray(calls)
    for (i in 0 until calls) {
        val began = System.nanoTime()
        call(i)
        nanos[i] = System.nanoTime() - began
    }
    nanos.sort()
    println("%-36s %8d %10.1f %10.1f".format(op, calls, percentileMicros(nanos, 50.0), percentileMicros(nanos, 99.0)))
}

fun main(args: Array<String>): Unit = runBlocking {
    if (args.size != 2) {
        System.err.println("usage: Bench <database> <iterations>")
        exitProcess(2)
    }
    val iterations = args[1].toInt().coerceAtLeast(4)
    CrmStore(args[0]).use { store ->
        val total = store.countCustomers()
        val newest = store.listCustomers(ListQuery(limit = 1000)).customers
        if (newest.isEmpty()) {
            System.err.println("the database has no customers: fill it first (crm demo)")
            exitProcess(2)
        }
        // Queries from the newest customers: their names, and the last 4 digits of their phones.
        val sample = newest.take(50)
        val names = sample.map { it.name }
        val phoneEnds = sample.mapNotNull { s -> s.primaryContact?.key?.filter(Char::isDigit)?.takeLast(4)?.takeIf { it.length == 4 } }
        val ids = newest.map { it.id }
        var sink = 0L // results are used, so that no call is optimised away

        println("Kotlin (JVM, JNA) through the generated bindings: $total active customers, pages of ${newest.size}, library ${libraryVersion()}")
        println("%-36s %8s %10s %10s".format("op", "calls", "p50 µs", "p99 µs"))
        measure("trivial call (libraryVersion)", iterations * 10) { sink += libraryVersion().length }
        measure("getCustomer", iterations) { sink += store.getCustomer(ids[it % ids.size]).version.toLong() }
        measure("listCustomers 1000 summaries", iterations / 4) {
            sink += store.listCustomers(ListQuery(limit = 1000)).customers.size
        }
        measure("searchCustomers name", iterations / 2) { sink += store.searchCustomers(names[it % names.size]).size }
        if (phoneEnds.isNotEmpty()) {
            measure("searchCustomers phone last 4", iterations / 2) {
                sink += store.searchCustomers(phoneEnds[it % phoneEnds.size]).size
            }
        }
        measure("searchCustomers initials \"zw\"", iterations / 2) { sink += store.searchCustomers("zw").size }
        println("(checksum $sink)")
    }
}
