import MIP

/// A plan's decisions as plain numbers: flows per commodity and path, which hubs open, dispatches per lane.
public struct PlanDecisions: Sendable {
    public var flows: [[Double]]
    /// Open or not, per candidate hub node index.
    public var open: [Int: Bool]
    /// Dispatches per consolidated lane index that has a dispatch variable.
    public var dispatches: [Int: Int]

    public init(flows: [[Double]], open: [Int: Bool], dispatches: [Int: Int]) {
        self.flows = flows
        self.open = open
        self.dispatches = dispatches
    }

    /// Reads the decisions of a solved plan model.
    public init(_ planModel: PlanModel, _ solution: Solution) {
        let has = !solution.values.isEmpty
        flows = planModel.flow.map { row in row.map { has ? max(0, solution[$0]) : 0 } }
        open = planModel.open.mapValues { has && solution[$0] > 0.5 }
        dispatches = planModel.dispatches.mapValues { has ? Int(solution[$0].rounded()) : 0 }
    }
}
