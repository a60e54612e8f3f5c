import Foundation

/// Reads typed fields out of document values and collects every problem instead of stopping at the first.
final class DocumentReader {
    private(set) var issues: [ScenarioIssue] = []
    /// Planning currency, once known: bare numbers in money fields are read in it.
    var currency: String?
    /// Exchange rates, once known: money in a currency without a rate is reported where it is written.
    var rates: ExchangeRates?

    /// What loads but will likely not do what was meant (see `ScenarioIssue.Severity`).
    private(set) var warnings: [ScenarioIssue] = []

    func report(_ location: SourceLocation, _ path: String, _ message: String, hint: String? = nil) {
        issues.append(ScenarioIssue(location: location, keyPath: path, message: message, hint: hint))
    }

    func warn(_ location: SourceLocation, _ path: String, _ message: String, hint: String? = nil) {
        warnings.append(ScenarioIssue(location: location, keyPath: path, message: message, hint: hint, severity: .warning))
    }

    /// A mapping's fields, checked against the keys it may have.
    struct Fields {
        var path: String
        var location: SourceLocation
        var values: [String: DocumentValue]
        /// How a field's place is written in messages (CSV rows say "row N, column X").
        var describe: (String) -> String
    }

    /// Opens a mapping, reporting unknown and duplicate keys (with a suggestion for typos).
    func fields(_ value: DocumentValue, path: String, allowed: [String]) -> Fields? {
        guard case let .map(entries, location) = value else {
            report(value.location, path, "expected a mapping of keys to values, found \(value.kindName)", hint: "write it as 'key: value' lines or {key: value, …}")
            return nil
        }
        var values: [String: DocumentValue] = [:]
        for entry in entries {
            if values[entry.key] != nil {
                report(entry.keyLocation, join(path, entry.key), "the key appears twice", hint: "keep one of them")
                continue
            }
            if !allowed.contains(entry.key) {
                let hint = suggestion(entry.key, among: allowed).map { "did you mean '\($0)'?" } ?? "allowed keys: \(allowed.joined(separator: ", "))"
                report(entry.keyLocation, join(path, entry.key), "unknown key '\(entry.key)'", hint: hint)
                continue
            }
            values[entry.key] = entry.value
        }
        return Fields(path: path, location: location, values: values, describe: { key in self.join(path, key) })
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw text of a scalar field; nil (with a report when required) if missing.
    func text(_ fields: Fields, _ key: String, required: Bool = false) -> String? {
        guard let value = fields.values[key], !isNull(value) else {
            if required { report(fields.values[key]?.location ?? fields.location, fields.describe(key), "required field '\(key)' is missing", hint: "add '\(key)'") }
            return nil
        }
        guard case let .scalar(text, _, _) = value else {
            report(value.location, fields.describe(key), "expected a single value, found \(value.kindName)", hint: "write one value here")
            return nil
        }
        return text.trimmedOfBlanks()
    }

    func location(_ fields: Fields, _ key: String) -> SourceLocation {
        fields.values[key]?.location ?? fields.location
    }

    /// Whether a field is written at all (an empty CSV cell, like a YAML null, is not).
    func isGiven(_ fields: Fields, _ key: String) -> Bool {
        guard let value = fields.values[key] else { return false }
        return !isNull(value)
    }

    func string(_ fields: Fields, _ key: String, required: Bool = false) -> String? {
        guard let text = text(fields, key, required: required) else { return nil }
        if text.isEmpty {
            if required { report(location(fields, key), fields.describe(key), "'\(key)' is empty", hint: "give it a value") }
            return nil
        }
        return text
    }

    /// A finite number, optionally bounded; YAML's `.nan`/`.inf` and their spellings are rejected.
    func number(_ fields: Fields, _ key: String, required: Bool = false, min: Double? = 0, max: Double? = nil, unit: String = "") -> Double? {
        guard let text = text(fields, key, required: required), !text.isEmpty else {
            if required, case let .scalar(raw, false, _)? = fields.values[key], raw.trimmedOfBlanks().isEmpty {
                report(location(fields, key), fields.describe(key), "'\(key)' is empty", hint: "give it a number")
            }
            return nil
        }
        return parseNumber(text, at: location(fields, key), path: fields.describe(key), min: min, max: max, unit: unit)
    }

    func parseNumber(_ text: String, at location: SourceLocation, path: String, min: Double?, max: Double?, unit: String = "") -> Double? {
        let lowered = text.lowercased()
        if [".nan", "nan", ".inf", "+.inf", "-.inf", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(lowered) {
            report(location, path, "'\(text)' is not a finite number", hint: "write a plain number")
            return nil
        }
        guard let value = Double(text) ?? (text.contains("_") ? Double(text.replacingOccurrences(of: "_", with: "")) : nil), value.isFinite else {
            report(location, path, "'\(text)' is not a number", hint: "write a plain number\(unit.isEmpty ? "" : " of \(unit)") such as 12.5")
            return nil
        }
        if let min, value < min {
            report(location, path, "\(text) is below the smallest allowed value \(formatAmount(min))", hint: min == 0 ? "it cannot be negative" : allowedRange(min, max))
            return nil
        }
        if let max, value > max {
            report(location, path, "\(text) is above the largest allowed value \(formatAmount(max))", hint: allowedRange(min, max))
            return nil
        }
        return value
    }

    private func allowedRange(_ min: Double?, _ max: Double?) -> String {
        switch (min, max) {
        case let (min?, max?): "give a value from \(formatAmount(min)) to \(formatAmount(max))"
        case let (min?, nil): "give a value of at least \(formatAmount(min))"
        case let (nil, max?): "give a value of at most \(formatAmount(max))"
        case (nil, nil): "give another value"
        }
    }

    func integer(_ fields: Fields, _ key: String, required: Bool = false, min: Int = 0) -> Int? {
        guard let value = number(fields, key, required: required, min: Double(min)) else { return nil }
        guard value == value.rounded(), abs(value) < 1e12 else {
            report(location(fields, key), fields.describe(key), "\(formatAmount(value)) is not a whole number", hint: "write a whole number")
            return nil
        }
        return Int(value)
    }

    func bool(_ fields: Fields, _ key: String) -> Bool? {
        guard let text = text(fields, key), !text.isEmpty else { return nil }
        guard let flag = parseFlag(text) else {
            report(location(fields, key), fields.describe(key), "'\(text)' is not true or false", hint: "write true or false")
            return nil
        }
        return flag
    }

    /// Money as `"25 EUR"`, `{amount: 25, currency: EUR}` or a bare number in the planning currency.
    func money(_ fields: Fields, _ key: String, required: Bool = false) -> Money? {
        guard let value = fields.values[key], !isNull(value) else {
            if required { report(fields.location, fields.describe(key), "required field '\(key)' is missing", hint: "add '\(key)', e.g. \(key): 12.50 EUR") }
            return nil
        }
        let path = fields.describe(key)
        if case .map = value {
            guard let inner = self.fields(value, path: path, allowed: ["amount", "currency"]) else { return nil }
            guard let amount = number(inner, "amount", required: true), let currency = string(inner, "currency", required: true) else { return nil }
            return checkedCurrency(Money(amount, currency), at: value.location, path: path)
        }
        guard let text = text(fields, key), !text.isEmpty else { return nil }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if parts.count == 1 {
            guard let amount = parseNumber(parts[0], at: value.location, path: path, min: 0, max: nil) else { return nil }
            guard let currency else {
                report(value.location, path, "'\(text)' has no currency", hint: "write it as '\(text) EUR' or set the scenario's currency")
                return nil
            }
            return checkedRate(Money(amount, currency), at: value.location, path: path)
        }
        if parts.count == 2 {
            let (a, b) = (parts[0], parts[1])
            let currencyFirst = Double(a) == nil && Double(b) != nil
            let amountText = currencyFirst ? b : a
            let code = currencyFirst ? a : b
            guard let amount = parseNumber(amountText, at: value.location, path: path, min: 0, max: nil) else { return nil }
            return checkedCurrency(Money(amount, code), at: value.location, path: path)
        }
        report(value.location, path, "'\(text)' is not an amount of money", hint: "write it as '12.50 EUR'")
        return nil
    }

    private func checkedCurrency(_ money: Money, at location: SourceLocation, path: String) -> Money? {
        let code = money.currency
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            report(location, path, "'\(code)' is not a currency code", hint: "use an ISO 4217 code such as EUR, GBP or USD")
            return nil
        }
        return checkedRate(money, at: location, path: path)
    }

    /// Every amount must be convertible to the planning currency.
    private func checkedRate(_ money: Money, at location: SourceLocation, path: String) -> Money? {
        guard let rates, !rates.knows(money.currency) else { return money }
        report(location, path, "no exchange rate for \(money.currency)", hint: "add exchangeRates: {\(money.currency): …} (\(rates.planningCurrency) per \(money.currency))")
        return nil
    }

    /// A list of scalars: a YAML list, or in CSV a `;`-separated cell.
    func stringList(_ fields: Fields, _ key: String) -> [String]? {
        guard let value = fields.values[key], !isNull(value) else { return nil }
        switch value {
        case let .list(items, _):
            var result: [String] = []
            for (index, item) in items.enumerated() {
                guard case let .scalar(text, _, _) = item else {
                    report(item.location, "\(fields.describe(key))[\(index)]", "expected a single value, found \(item.kindName)", hint: "write a flat list such as [a, b, c]")
                    continue
                }
                result.append(text.trimmedOfBlanks())
            }
            return result
        case let .scalar(text, _, _):
            return text.split(separator: ";").map { $0.trimmedOfBlanks() }.filter { !$0.isEmpty }
        case .map:
            report(value.location, fields.describe(key), "expected a list, found a mapping", hint: "write [a, b, c]")
            return nil
        }
    }

    func isNull(_ value: DocumentValue) -> Bool {
        if case let .scalar(_, isNull, _) = value { return isNull }
        return false
    }

    /// A value of a fixed set of names, e.g. a node kind.
    func choice<T: RawRepresentable & CaseIterable>(_ fields: Fields, _ key: String, as type: T.Type, required: Bool = false) -> T? where T.RawValue == String {
        guard let text = string(fields, key, required: required) else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        let hint = suggestion(text, among: names).map { "did you mean '\($0)'? " } ?? ""
        report(location(fields, key), fields.describe(key), "'\(text)' is not one of \(names.joined(separator: ", "))", hint: hint + "use one of those")
        return nil
    }

    /// The closest name within a small edit distance, for "did you mean" hints.
    func suggestion(_ word: String, among names: [String]) -> String? {
        var best: (String, Int)?
        for name in names {
            let distance = editDistance(word.lowercased(), name.lowercased())
            if distance <= max(1, name.count / 3), distance < (best?.1 ?? .max) { best = (name, distance) }
        }
        return best?.0
    }

    /// Insertions, deletions, replacements and swaps of neighbours that turn `a` into `b`.
    private func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious: [Int] = []
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}

/// A yes/no value as scenario files and parcel files write it: `true`/`false`, `yes`/`no`, `on`/`off`, `1`/`0`, in any
/// letter case; nil for anything else.
public func parseFlag(_ text: some StringProtocol) -> Bool? {
    switch text.lowercased() {
    case "true", "yes", "on", "1": true
    case "false", "no", "off", "0": false
    default: nil
    }
}
