// Live queries for Swift apps: AsyncSequences over CrmStore's change listener, compiled in the
// DealerCrm module with the generated bindings. A watched query yields its result now and
// again after each committed write that concerns it (through this store, a sync, or another
// CrmStore open on the same file in the process), like PowerSync's `watch` or Realm's
// observation. Hand-written; checked with the generated code by scripts/test-all.sh.

import Foundation

/// Forwards the library's change callbacks to a closure (the library keeps it until removed).
final class ChangeRelay: ChangeListener, @unchecked Sendable {
    private let forward: @Sendable (DataChange) -> Void

    init(_ forward: @escaping @Sendable (DataChange) -> Void) {
        self.forward = forward
    }

    func onChange(change: DataChange) {
        forward(change)
    }
}

extension CrmStore {
    /// What a list of customers shows: the records, their last contact and plans, their deals.
    static let customerKinds: [DataKind] = [.customers, .followUps, .deals]
    /// What the agenda reads: plans and follow-ups, new leads, the pipeline, care tasks.
    static let agendaKinds: [DataKind] = [.customers, .followUps, .deals, .care]
    /// What the care task list reads.
    static let careKinds: [DataKind] = [.care, .customers]

    /// Every committed write that changed one of `kinds` (any, when empty) and, when
    /// `customerId` is given, that customer's data (or no customer's in particular). The
    /// listener is removed when the sequence's consumer stops.
    public func changes(kinds: [DataKind] = [], customerId: CustomerId? = nil) -> AsyncStream<DataChange> {
        changes(kinds: kinds, customerId: customerId, buffering: .unbounded)
    }

    private func changes(
        kinds: [DataKind], customerId: CustomerId?,
        buffering: AsyncStream<DataChange>.Continuation.BufferingPolicy
    ) -> AsyncStream<DataChange> {
        AsyncStream(bufferingPolicy: buffering) { continuation in
            let id = self.addChangeListener(
                listener: ChangeRelay { continuation.yield($0) }, kinds: kinds, customerId: customerId)
            continuation.onTermination = { [weak self] _ in
                _ = self?.removeChangeListener(id: id)
            }
        }
    }

    /// `query`'s result now, then again after each committed write that concerns `kinds`
    /// (and `customerId`). Changes that come while the query runs are folded into one re-run
    /// (the newest is kept), and none is missed: the listener is registered before the first
    /// run. The sequence ends with the query's error, if it throws.
    public func watch<T: Sendable>(
        kinds: [DataKind], customerId: CustomerId? = nil,
        _ query: @escaping @Sendable (CrmStore) async throws -> T
    ) -> AsyncThrowingStream<T, Error> {
        let changed = changes(kinds: kinds, customerId: customerId, buffering: .bufferingNewest(1))
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    continuation.yield(try await query(self))
                    for await _ in changed {
                        continuation.yield(try await query(self))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// A page of the customer list (`listCustomers`), live.
    public func watchCustomers(query: ListQuery = ListQuery()) -> AsyncThrowingStream<CustomerPage, Error> {
        watch(kinds: Self.customerKinds) { try await $0.listCustomers(query: query) }
    }

    /// One customer (`getCustomer`), live; ends with `CrmError.NotFound` once deleted.
    public func watchCustomer(id: CustomerId) -> AsyncThrowingStream<Customer, Error> {
        watch(kinds: Self.customerKinds, customerId: id) { try await $0.getCustomer(id: id) }
    }

    /// The agenda of `owner` for `date` (`agenda`), live: today's is
    /// `DateComponents(crmDayOf: Date(), in: dealershipZone)`.
    public func watchAgenda(owner: String?, date: DateComponents) -> AsyncThrowingStream<[AgendaItem], Error> {
        watch(kinds: Self.agendaKinds) { try await $0.agenda(owner: owner, date: date) }
    }

    /// The care tasks `query` selects (`careTasks`), live.
    public func watchCareTasks(query: CareTaskQuery) -> AsyncThrowingStream<[CareTask], Error> {
        watch(kinds: Self.careKinds, customerId: query.customerId) { try await $0.careTasks(query: query) }
    }
}
