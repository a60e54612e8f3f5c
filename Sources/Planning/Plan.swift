import ReturnsNetwork

/// The result of planning a scenario: which hubs open, how lanes consolidate, where returns go, and what it costs.
///
/// Its JSON form (`boomerang plan --format json`) is a stable, documented schema (see `docs/plan-schema.md`)
/// that later tools read back.
public struct Plan: Codable, Sendable, Equatable {
    /// Bumped when a field changes meaning or disappears. 2: credits negative in `costs` (which gains `net`),
    /// `parcelFreight` renamed `freight`, lanes' `dispatchCost` without brokerage and lanes' own cost parts.
    /// Version 1 plans still read.
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int = Plan.currentSchemaVersion
    public var scenario: String
    public var currency: String
    public var solve: SolveSummary
    public var hubs: [HubPlan]
    public var lanes: [LanePlan]
    public var flows: [CommodityFlow]
    public var dispositions: [DispositionSummary]
    public var costs: CostBreakdown
    /// `costs.net`, repeated so readers need not recompute it.
    public var netCost: Double
    public var service: ServiceSummary
    /// Forecast rows left out of the plan, with why (e.g. final-sale categories are never returned).
    public var excluded: [ExcludedDemand]
    /// What binding capacities are worth and what closed hubs would need (with `--explain`).
    public var sensitivity: PlanSensitivity?
    /// The scenario's warnings and the plan's own (`Plan.planWarnings(scenario:service:)`); absent in older plans.
    public var warnings: [ScenarioIssue] = []

    public init(scenario: String, currency: String, solve: SolveSummary, hubs: [HubPlan], lanes: [LanePlan], flows: [CommodityFlow], dispositions: [DispositionSummary], costs: CostBreakdown, service: ServiceSummary, excluded: [ExcludedDemand]) {
        self.scenario = scenario
        self.currency = currency
        self.solve = solve
        self.hubs = hubs
        self.lanes = lanes
        self.flows = flows
        self.dispositions = dispositions
        self.costs = costs
        self.netCost = costs.net
        self.service = service
        self.excluded = excluded
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, scenario, currency, solve, hubs, lanes, flows, dispositions, costs, netCost, service, excluded, sensitivity, warnings
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        scenario = try c.decode(String.self, forKey: .scenario)
        currency = try c.decode(String.self, forKey: .currency)
        solve = try c.decode(SolveSummary.self, forKey: .solve)
        hubs = try c.decode([HubPlan].self, forKey: .hubs)
        lanes = try c.decode([LanePlan].self, forKey: .lanes)
        flows = try c.decode([CommodityFlow].self, forKey: .flows)
        dispositions = try c.decode([DispositionSummary].self, forKey: .dispositions)
        costs = try schemaVersion < 2 ? c.decode(CostBreakdown.SchemaVersion1.self, forKey: .costs).current : c.decode(CostBreakdown.self, forKey: .costs)
        netCost = try c.decode(Double.self, forKey: .netCost)
        service = try c.decode(ServiceSummary.self, forKey: .service)
        excluded = try c.decode([ExcludedDemand].self, forKey: .excluded)
        sensitivity = try c.decodeIfPresent(PlanSensitivity.self, forKey: .sensitivity)
        warnings = try c.decodeIfPresent([ScenarioIssue].self, forKey: .warnings) ?? []
    }

    /// The scenario's warnings, and the plan's own: a kept share above `settings.keptShareWarning`.
    public static func planWarnings(scenario: Scenario, service: ServiceSummary) -> [ScenarioIssue] {
        var warnings = scenario.warnings
        let threshold = scenario.settings.keptShareWarning
        if service.keptShare > threshold + 1e-9 {
            let percent = { (share: Double) in "\(Figures.grouped(share * 100, decimals: 1)) %" }
            warnings.append(ScenarioIssue(
                location: SourceLocation(file: scenario.sourceFile ?? scenario.name), keyPath: "settings.keptShareWarning",
                message: "the plan refunds \(percent(service.keptShare)) of returns without a return, above the \(percent(threshold)) warning level",
                hint: "returns stay with the customer where no route meets settings.maxTransitDays and maxLegs or returning costs more than it recovers; check those limits, lane prices and policy.returnlessRefundBelow, or raise settings.keptShareWarning",
                severity: .warning
            ))
        }
        return warnings
    }
}
