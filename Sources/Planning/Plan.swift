import ReturnsNetwork

/// The result of planning a scenario: which hubs open, how lanes consolidate, where returns go, and what it costs.
///
/// Its JSON form (`boomerang plan --format json`) is a stable, documented schema (see `docs/plan-schema.md`)
/// that later tools read back.
public struct Plan: Codable, Sendable, Equatable {
    /// Bumped when a field changes meaning or disappears.
    public static let currentSchemaVersion = 1

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
}
