/// An amount of money in a named currency (ISO 4217 code such as `EUR`).
///
/// Scenario files write money as `"25 EUR"`, as `{amount: 25, currency: EUR}`, or as a bare
/// number in the scenario's planning currency.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    public var amount: Double
    public var currency: String

    public init(_ amount: Double, _ currency: String) {
        self.amount = amount
        self.currency = currency
    }

    public var description: String { "\(formatAmount(amount)) \(currency)" }
}

/// Converts money into the scenario's planning currency.
public struct ExchangeRates: Hashable, Sendable, Codable {
    /// The currency every plan figure is expressed in.
    public var planningCurrency: String
    /// Units of the planning currency that one unit of each other currency buys.
    public var rates: [String: Double]

    public init(planningCurrency: String, rates: [String: Double] = [:]) {
        self.planningCurrency = planningCurrency
        self.rates = rates
    }

    /// Whether `currency` can be converted.
    public func knows(_ currency: String) -> Bool {
        currency == planningCurrency || rates[currency] != nil
    }

    /// The amount in the planning currency; 0 for a currency with no rate (validation rejects those).
    public func convert(_ money: Money) -> Double {
        if money.currency == planningCurrency { return money.amount }
        return money.amount * (rates[money.currency] ?? 0)
    }
}

/// Formats an amount without a trailing `.0` and with at most two decimals.
public func formatAmount(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    let rounded = (value * 100).rounded() / 100
    return String(rounded)
}
