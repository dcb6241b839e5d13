// Live queries for Kotlin apps: Flows over CrmStore's change listener, in the generated
// package. A Flow re-runs its query after each committed write that concerns it (through this
// store, a sync, or another CrmStore open on the same file in the process), as Room's and
// SQLDelight's Flow queries do. Hand-written; compiled with the generated bindings.

package com.dealercrm.core

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.flow.channelFlow
import java.time.LocalDate

/** What a list of customers shows: the records, their last contact and plans, their deals. */
private val CUSTOMER_KINDS = listOf(DataKind.CUSTOMERS, DataKind.FOLLOW_UPS, DataKind.DEALS)

/** What the agenda reads: plans and follow-ups, new leads, the pipeline, care tasks. */
private val AGENDA_KINDS = listOf(DataKind.CUSTOMERS, DataKind.FOLLOW_UPS, DataKind.DEALS, DataKind.CARE)

/** What the care task list reads. */
private val CARE_KINDS = listOf(DataKind.CARE, DataKind.CUSTOMERS)

/**
 * Every committed write that changed one of [kinds] (any, when empty) and, when
 * [customerId] is given, that customer's data (or no customer's in particular). None is
 * dropped; the listener is removed when the collector stops.
 */
fun CrmStore.changes(kinds: List<DataKind> = emptyList(), customerId: CustomerId? = null): Flow<DataChange> =
    callbackFlow {
        val id = addChangeListener(
            object : ChangeListener {
                override fun onChange(change: DataChange) {
                    trySend(change)
                }
            },
            kinds,
            customerId,
        )
        awaitClose { removeChangeListener(id) }
    }.buffer(Channel.UNLIMITED)

/**
 * [query]'s result now, then again after each committed write that concerns [kinds] (and
 * [customerId]). Changes that come while the query runs are folded into one re-run, so a
 * burst of writes costs one query, and none is missed: the listener is registered before the
 * first run.
 */
fun <T> CrmStore.watch(
    kinds: List<DataKind>,
    customerId: CustomerId? = null,
    query: suspend CrmStore.() -> T,
): Flow<T> = channelFlow {
    val changed = Channel<Unit>(Channel.CONFLATED)
    val id = addChangeListener(
        object : ChangeListener {
            override fun onChange(change: DataChange) {
                changed.trySend(Unit)
            }
        },
        kinds,
        customerId,
    )
    try {
        send(query())
        for (unit in changed) send(query())
    } finally {
        removeChangeListener(id)
    }
}

/** A page of the customer list ([CrmStore.listCustomers]), live. */
fun CrmStore.watchCustomers(query: ListQuery = ListQuery()): Flow<CustomerPage> =
    watch(CUSTOMER_KINDS) { listCustomers(query) }

/** One customer ([CrmStore.getCustomer]), live; ends with `CrmException.NotFound` once deleted. */
fun CrmStore.watchCustomer(id: CustomerId): Flow<Customer> =
    watch(CUSTOMER_KINDS, id) { getCustomer(id) }

/** The agenda of [owner] for [date] ([CrmStore.agenda]), live: today's is `LocalDate.now(zone)`. */
fun CrmStore.watchAgenda(owner: String?, date: LocalDate): Flow<List<AgendaItem>> =
    watch(AGENDA_KINDS) { agenda(owner, date) }

/** The care tasks [query] selects ([CrmStore.careTasks]), live. */
fun CrmStore.watchCareTasks(query: CareTaskQuery): Flow<List<CareTask>> =
    watch(CARE_KINDS, query.customerId) { careTasks(query) }
