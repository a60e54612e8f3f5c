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

/// How the plan was found, and how good it is proven to be.
public struct SolveSummary: Codable, Sendable, Equatable {
    /// `optimal`, `feasible` (stopped with a gap), `infeasible`, `unbounded` or `noSolutionFound`.
    public var status: PlanStatus
    public var objective: Double?
    /// The proven lower bound on the cost.
    public var bestBound: Double?
    /// Relative gap between `objective` and `bestBound` (0 when optimal).
    public var gap: Double?
    public var buildSeconds: Double
    public var solveSeconds: Double
    public var nodes: Int
    public var variables: Int
    public var constraints: Int
    public var nonzeros: Int
    public var commodities: Int
    public var paths: Int
    /// `exact` (the full path MIP) or `aggregated` (clusters of like commodities, split back in proportion).
    public var method: PlanMethod? = .exact
    /// Clusters the aggregated model planned on.
    public var clusters: Int?
    /// What `bestBound` bounds: `model` (the MIP solved), `lagrangian, every route` (every plan of the scenario),
    /// `full relaxation` (a relaxation of the full model), or nil.
    public var boundSource: BoundSource? = .model
    /// How the plan was found: `branch-and-cut` (GLPK) or `lp local search` (`PlanDive`, large aggregated plans).
    public var search: PlanSearch? = .branchAndCut
    /// LP solves the local search made.
    public var lpSolves: Int?
}

/// A hub and whether the plan opens it.
public struct HubPlan: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var country: String
    public var candidate: Bool
    public var open: Bool
    public var fixedCost: Double
    /// Parcels through the hub per period.
    public var parcels: Double
    public var capacity: Double?
    /// parcels / capacity, when it has one.
    public var utilisation: Double?
}

/// A lane's planned use per period: its load and, for consolidated lanes, the batches dispatched.
public struct LanePlan: Codable, Sendable, Equatable {
    public var id: String
    public var from: String
    public var to: String
    public var mode: LaneMode
    public var crossesBorder: Bool
    public var parcels: Double
    public var weightKg: Double
    /// Consolidation batches per period (consolidated lanes).
    public var dispatches: Int?
    public var capacityKg: Double?
    public var capacityParcels: Double?
    /// Load over dispatched capacity, the tighter of kg and parcels (consolidated lanes).
    public var fillRate: Double?
    /// Dispatch cost plus per-dispatch brokerage (consolidated lanes).
    public var dispatchCost: Double?
    public var transitDays: Double
    /// The lane's own capacity per period, where the scenario sets one (`maxParcels`, `maxKg`); `parcels` and
    /// `weightKg` are its load against it.
    public var maxParcels: Double?
    public var maxKg: Double?
}

/// Where one commodity's returns go.
public struct CommodityFlow: Codable, Sendable, Equatable {
    public var zone: String
    public var category: String
    /// `resellable` (unchanged) or `other`.
    public var condition: String
    public var parcels: Double
    public var paths: [PathFlow]
}

/// One path a commodity uses, with the parcels and share on it.
public struct PathFlow: Codable, Sendable, Equatable {
    public var nodes: [String]
    public var lanes: [String]
    public var disposition: DispositionKind
    public var parcels: Double
    public var share: Double
    /// Per-parcel cost excluding dispatch costs (those are shared by the batch).
    public var costPerParcel: Double
    public var transitDays: Double
}

/// Parcels per category and disposition.
public struct DispositionSummary: Codable, Sendable, Equatable {
    public var category: String
    public var disposition: DispositionKind
    public var parcels: Double
}

/// Service figures over parcels that travel (kept items excluded from transit times).
public struct ServiceSummary: Codable, Sendable, Equatable {
    public var parcels: Double
    public var meanTransitDays: Double
    public var maxTransitDays: Double
    /// Share of all parcels that travel on at least one consolidated lane.
    public var consolidatedShare: Double
    /// Share of all parcels refunded without being sent back.
    public var keptShare: Double
}

/// A forecast row the plan does not route.
public struct ExcludedDemand: Codable, Sendable, Equatable {
    public var zone: String
    public var category: String
    public var parcels: Double
    public var reason: String
    /// The refused condition, when that is why (nil for final-sale categories).
    public var condition: ItemCondition?

    public init(zone: String, category: String, parcels: Double, reason: String, condition: ItemCondition? = nil) {
        self.zone = zone
        self.category = category
        self.parcels = parcels
        self.reason = reason
        self.condition = condition
    }
}
