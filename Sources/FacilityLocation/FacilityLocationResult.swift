/// Whether a customer may be split across facilities.
public enum Sourcing: String, Sendable, Codable, CaseIterable {
    /// A customer's demand may be split over several open facilities (`0 ≤ x_ij ≤ 1`).
    case multi
    /// Each customer is served wholly by one open facility (`x_ij ∈ {0, 1}`).
    case single
}

/// A solved (or partly solved) facility location plan: which facilities open and who serves whom.
///
/// Facility and customer numbers are 0-based positions in the instance's arrays. Encodes to
/// JSON as plain numbers and strings, e.g. for a README table or a regression file.
public struct FacilityLocationResult: Sendable, Codable, Equatable {
    /// One facility's part in serving a customer.
    public struct Share: Sendable, Codable, Equatable {
        /// 0-based facility index.
        public var facility: Int
        /// Fraction of the customer's demand served from it (exactly 1 for single sourcing).
        public var share: Double

        /// Creates a share.
        public init(facility: Int, share: Double) {
            self.facility = facility
            self.share = share
        }
    }

    /// The instance name.
    public var instance: String
    /// The sourcing rule that was solved.
    public var sourcing: Sourcing
    /// "optimal", "feasible" (stopped early with a plan), "infeasible", "unbounded" or "noSolutionFound".
    public var status: String
    /// Total cost `Σ f_i y_i + Σ c_ij x_ij` of the plan; `nil` when there is none.
    public var objective: Double?
    /// A proven lower bound on the optimum; equals ``objective`` when optimal, `nil` when nothing was proven.
    public var bestBound: Double?
    /// `(objective − bestBound) / objective` when both are known; 0 when optimal.
    public var gap: Double?
    /// Branch-and-bound nodes GLPK created.
    public var nodes: Int
    /// Wall-clock seconds for the whole call (model building, heuristic and GLPK).
    public var seconds: Double
    /// Cost of the plan built before GLPK ran (greedy + local search, also started from the Lagrangian open sets), if any.
    public var heuristicObjective: Double?
    /// The Lagrangian lower bound computed before GLPK ran, if the relaxation was run.
    public var lagrangianBound: Double?
    /// Serving columns `x_ij` in the model GLPK solved, out of `m·n` (the rest were proven useless or cannot fit).
    public var serveColumns: Int
    /// 0-based indices of the open facilities, ascending.
    public var open: [Int]
    /// `assignment[j]`: the facilities serving customer `j` and their shares (one entry of share 1 when single-sourced).
    public var assignment: [[Share]]

    /// Creates a result (the solver makes these; tests and tools may build their own).
    public init(
        instance: String, sourcing: Sourcing, status: String, objective: Double?, bestBound: Double?, gap: Double?,
        nodes: Int, seconds: Double, heuristicObjective: Double? = nil, lagrangianBound: Double? = nil,
        serveColumns: Int, open: [Int], assignment: [[Share]]
    ) {
        self.instance = instance
        self.sourcing = sourcing
        self.status = status
        self.objective = objective
        self.bestBound = bestBound
        self.gap = gap
        self.nodes = nodes
        self.seconds = seconds
        self.heuristicObjective = heuristicObjective
        self.lagrangianBound = lagrangianBound
        self.serveColumns = serveColumns
        self.open = open
        self.assignment = assignment
    }

    /// True when the plan is proven optimal.
    public var isOptimal: Bool { status == "optimal" }
}
