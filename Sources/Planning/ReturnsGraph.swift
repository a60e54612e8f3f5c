import ReturnsNetwork

/// The scenario's network with string ids resolved to integer indices, built once per plan.
public struct ReturnsGraph: Sendable {
    public let scenario: Scenario
    public let nodes: [Node]
    public let lanes: [Lane]
    public let nodeIndex: [String: Int]
    public let categoryIndex: [String: Int]
    /// Outgoing lane indices per node index.
    public let outgoing: [[Int]]
    /// Customs territory per node index.
    public let territory: [String]
    /// Whether each lane crosses a customs border.
    public let crossesBorder: [Bool]

    public init(_ scenario: Scenario) {
        self.scenario = scenario
        nodes = scenario.nodes
        lanes = scenario.lanes
        nodeIndex = Dictionary(scenario.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        categoryIndex = Dictionary(scenario.categories.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var outgoing = Array(repeating: [Int](), count: scenario.nodes.count)
        let territory = scenario.nodes.map { scenario.territory(ofCountry: $0.country) }
        var crosses: [Bool] = []
        let index = nodeIndex
        for (laneIndex, lane) in scenario.lanes.enumerated() {
            let from = index[lane.from] ?? 0, to = index[lane.to] ?? 0
            outgoing[from].append(laneIndex)
            crosses.append(territory[from] != territory[to])
        }
        self.outgoing = outgoing
        self.territory = territory
        self.crossesBorder = crosses
    }

    public func from(_ lane: Int) -> Int { nodeIndex[lanes[lane].from] ?? 0 }
    public func to(_ lane: Int) -> Int { nodeIndex[lanes[lane].to] ?? 0 }
}
