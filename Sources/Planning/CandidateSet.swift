import ReturnsNetwork

/// Every commodity of a scenario with its candidate paths.
public struct CandidateSet: Sendable {
    public let graph: ReturnsGraph
    public var commodities: [Commodity]
    public var paths: [[CandidatePath]]
    /// Under single-sourcing, commodities with equal numbers here share one hub; nil: those of one zone do.
    /// An aggregated set gives each cluster its zone group, so that every zone in it keeps to one hub.
    public var sourcingUnits: [Int]?

    public init(graph: ReturnsGraph, commodities: [Commodity], paths: [[CandidatePath]], sourcingUnits: [Int]? = nil) {
        self.graph = graph
        self.commodities = commodities
        self.paths = paths
        self.sourcingUnits = sourcingUnits
    }

    /// Enumerates the candidate paths of every commodity in the scenario's forecast.
    public init(_ scenario: Scenario) {
        let graph = ReturnsGraph(scenario)
        let generator = PathGenerator(graph)
        let commodities = Commodity.all(in: scenario)
        var routesByZone: [Int: [PathGenerator.Route]] = [:]
        var paths: [[CandidatePath]] = []
        paths.reserveCapacity(commodities.count)
        for commodity in commodities {
            let zone = graph.nodeIndex[commodity.zone] ?? 0
            if routesByZone[zone] == nil { routesByZone[zone] = generator.routes(from: zone) }
            paths.append(generator.paths(for: commodity, routes: routesByZone[zone] ?? []))
        }
        self.init(graph: graph, commodities: commodities, paths: paths)
    }

    /// Number of candidate paths over all commodities.
    public var pathCount: Int { paths.reduce(0) { $0 + $1.count } }
}
