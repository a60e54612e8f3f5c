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
    /// Start and end node index per lane.
    public let laneFrom: [Int]
    public let laneTo: [Int]

    public init(_ scenario: Scenario) {
        self.scenario = scenario
        nodes = scenario.nodes
        lanes = scenario.lanes
        nodeIndex = Dictionary(scenario.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        categoryIndex = Dictionary(scenario.categories.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var outgoing = Array(repeating: [Int](), count: scenario.nodes.count)
        let territory = scenario.nodes.map { scenario.territory(ofCountry: $0.country) }
        var crosses: [Bool] = []
        var laneFrom: [Int] = [], laneTo: [Int] = []
        let index = nodeIndex
        for (laneIndex, lane) in scenario.lanes.enumerated() {
            let from = index[lane.from] ?? 0, to = index[lane.to] ?? 0
            outgoing[from].append(laneIndex)
            crosses.append(territory[from] != territory[to])
            laneFrom.append(from)
            laneTo.append(to)
        }
        self.laneFrom = laneFrom
        self.laneTo = laneTo
        self.outgoing = outgoing
        self.territory = territory
        self.crossesBorder = crosses
    }

    /// The fixed cost per period of hubs that are always open: a hub that is not a candidate (`candidate: false`) is
    /// part of the network, open in every plan, and pays its `fixedCost`. Every plan's cost and bound include it.
    public var standingHubCost: Double {
        nodes.filter { $0.kind == .hub && !$0.isCandidate }.reduce(0) { $0 + scenario.value($1.fixedCost) }
    }

    public func from(_ lane: Int) -> Int { laneFrom[lane] }
    public func to(_ lane: Int) -> Int { laneTo[lane] }

    /// A chain of lanes from a zone to a node that performs some disposition.
    public struct Route: Sendable {
        public var lanes: [Int]
        public var nodes: [Int]
        public var transitDays: Double
    }

    /// Every simple chain of lanes from `zone` within the scenario's leg and transit-day limits that ends at
    /// a node performing some disposition; `allowed`, when given, says which lanes may be used.
    public func routes(from zone: Int, allowed: [Bool]? = nil) -> [Route] {
        let settings = scenario.settings
        var result: [Route] = []
        var lanes: [Int] = []
        var path: [Int] = [zone]
        var onPath = Array(repeating: false, count: nodes.count)
        onPath[zone] = true
        func extend(_ node: Int, _ days: Double) {
            guard lanes.count < settings.maxLegs else { return }
            for lane in outgoing[node] {
                if let allowed, !allowed[lane] { continue }
                let next = to(lane)
                let arrival = days + self.lanes[lane].transitDays
                guard !onPath[next], settings.admits(legs: lanes.count + 1, days: arrival) else { continue }
                lanes.append(lane)
                path.append(next)
                onPath[next] = true
                if !nodes[next].dispositions.isEmpty {
                    result.append(Route(lanes: lanes, nodes: path, transitDays: arrival))
                }
                extend(next, arrival)
                onPath[next] = false
                path.removeLast()
                lanes.removeLast()
            }
        }
        extend(zone, 0)
        return result
    }
}

extension Array where Element: Hashable {
    /// The elements in order, without repeats (deterministic, unlike iterating a `Set`).
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
