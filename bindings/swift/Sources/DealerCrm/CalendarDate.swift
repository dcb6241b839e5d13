// Calendar dates for DealerCrm: a birthday or a delivery day is a `DateComponents` holding
// year, month and day in the Gregorian calendar, with no time and no zone (never a `Date`,
// which is an instant). The generated bindings call the two conversions below (see
// bindings/uniffi.toml); apps use `DateComponents(crmYear:month:day:)` and `crmIsoDate`.

import Foundation

/// A date text the library did not write (it always writes ISO 8601 `1990-05-17`).
public struct CalendarDateError: Error, CustomStringConvertible {
    /// The text that is not a calendar date.
    public let text: String
    public var description: String { "not a calendar date: \(text)" }
}

extension DateComponents {
    /// The calendar date `year`-`month`-`day` in the Gregorian calendar (1990, 5, 17).
    public init(crmYear year: Int, month: Int, day: Int) {
        self.init(calendar: Calendar(identifier: .gregorian), year: year, month: month, day: day)
    }

    /// The calendar date of a `Date` in `timeZone` (the user's day, by default the device's).
    public init(crmDayOf date: Date, in timeZone: TimeZone = .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(crmYear: parts.year ?? 1, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The date from ISO 8601 text (`1990-05-17`, `-0001-12-31`, `+10000-01-01`).
    public init(crmIsoDate text: String) throws {
        let negative = text.hasPrefix("-")
        let body = (negative || text.hasPrefix("+")) ? String(text.dropFirst()) : text
        let parts = body.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
              let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
        else { throw CalendarDateError(text: text) }
        self.init(crmYear: negative ? -year : year, month: month, day: day)
    }

    /// The date as ISO 8601 text, as the library reads it (year, month and day; a missing
    /// part counts as 1, so set all three).
    public var crmIsoDate: String {
        let y = year ?? 1, m = month ?? 1, d = day ?? 1
        let sign = y < 0 ? "-" : (y > 9999 ? "+" : "")
        let digits = String(abs(y))
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        return sign + padded + "-" + (m < 10 ? "0" : "") + String(m) + "-" + (d < 10 ? "0" : "") + String(d)
    }
}
