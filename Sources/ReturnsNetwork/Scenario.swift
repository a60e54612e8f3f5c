/// Limits on the candidate paths the planner considers.
public struct PlanningSettings: Hashable, Sendable, Codable {
    /// Longest path, in lanes, from a zone to where a return ends.
    public var maxLegs: Int
    /// Slowest path allowed, in transit days.
    public var maxTransitDays: Double
    /// Candidate paths kept per commodity (the cheapest by estimated unit cost), besides `keep`.
    public var pathsPerCommodity: Int
    /// Whether every zone sends all its hub-bound returns to a single hub.
    public var singleSourcing: Bool
    /// Days in one planning period (demand and capacities are per period).
    public var periodDays: Double
    /// What parcel and consolidated lanes carry per item (`ModeLimits`).
    public var parcelLimits: ModeLimits = .parcel
    public var consolidatedLimits: ModeLimits = .consolidated

    /// The years a parcel's dates may fall in (`earliestYear`…`latestYear`): outside them a date is a mistake (0000,
    /// 9999), and an ETA computed from one stays a four-digit year.
    public var plausibleYears: ClosedRange<Int> = 2000...2100
    /// The widest window the settings may give `plausibleYears`.
    public static let yearLimits = 1900...9000
    /// Kept share of returns above which a plan warns (most returns refunded where they are is rarely meant).
    public var keptShareWarning: Double = 0.25

    /// Whether a route that has taken `legs` lanes and arrives after `days` is within the limits: the one rule for
    /// the planner's routes and the loader's reachability checks.
    public func admits(legs: Int, days: Double) -> Bool { legs <= maxLegs && days <= maxTransitDays + 1e-9 }

    public init(maxLegs: Int = 4, maxTransitDays: Double = 21, pathsPerCommodity: Int = 8, singleSourcing: Bool = false, periodDays: Double = 7) {
        self.maxLegs = maxLegs
        self.maxTransitDays = maxTransitDays
        self.pathsPerCommodity = pathsPerCommodity
        self.singleSourcing = singleSourcing
        self.periodDays = periodDays
    }
}

/// A returns network with its forecast, policy and customs rules: everything a plan is made from.
public struct Scenario: Sendable {
    public var name: String
    public var description: String?
    /// The merchant's home country: returned-goods relief applies to goods re-entering its territory.
    public var merchantCountry: String
    public var exchangeRates: ExchangeRates
    public var policy: ReturnsPolicy
    public var settings: PlanningSettings
    public var categories: [ProductCategory]
    public var nodes: [Node]
    public var lanes: [Lane]
    public var territories: [CustomsTerritory]
    public var demand: [DemandEntry]
    public var postcodes: [PostcodeZone]
    /// The file it was read from, if any.
    public var sourceFile: String?
    /// What the loader found that loads but likely does not do what was meant (`ScenarioIssue.Severity.warning`).
    public var warnings: [ScenarioIssue] = []

    public init(
        name: String, description: String? = nil, merchantCountry: String, exchangeRates: ExchangeRates,
        policy: ReturnsPolicy = .init(), settings: PlanningSettings = .init(), categories: [ProductCategory],
        nodes: [Node], lanes: [Lane], territories: [CustomsTerritory], demand: [DemandEntry],
        postcodes: [PostcodeZone] = [], sourceFile: String? = nil
    ) {
        self.name = name
        self.description = description
        self.merchantCountry = merchantCountry
        self.exchangeRates = exchangeRates
        self.policy = policy
        self.settings = settings
        self.categories = categories
        self.nodes = nodes
        self.lanes = lanes
        self.territories = territories
        self.demand = demand
        self.postcodes = postcodes
        self.sourceFile = sourceFile
    }

    /// The planning currency.
    public var currency: String { exchangeRates.planningCurrency }

    /// The customs territory of `country`: the territory listing it, or the country itself.
    public func territory(ofCountry country: String) -> String {
        for territory in territories where territory.countries.contains(country) { return territory.id }
        return country
    }

    /// The customs rules of a territory, when the scenario has them.
    public func customs(_ territoryID: String) -> CustomsTerritory? {
        territories.first { $0.id == territoryID }
    }

    /// The merchant's home customs territory.
    public var homeTerritory: String { territory(ofCountry: merchantCountry) }

    /// The most an item may be worth, in the planning currency, for the merchant to refund it without a return
    /// because returning it costs more than it recovers: −∞ when the policy never does, +∞ without a
    /// `returnlessRefundMaxValue`. The one rule for plan (which offers `keep` to a commodity only at or under it, by
    /// its mean value) and router (by the parcel's value). Refunds under `returnlessRefundBelow` are the policy's own
    /// and not capped (the threshold may not exceed the cap).
    public var returnlessRefundCeiling: Double {
        guard policy.allowReturnlessRefunds else { return -.infinity }
        return policy.returnlessRefundMaxValue.map { value($0) } ?? .infinity
    }

    /// Money in the planning currency.
    public func value(_ money: Money?) -> Double {
        guard let money else { return 0 }
        return exchangeRates.convert(money)
    }
}
