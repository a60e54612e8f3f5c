/// What a plan's `bestBound` bounds (`solve.boundSource`).
public enum BoundSource: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// The MIP that was solved.
    case model
    /// `LagrangianBound` over every route of the network: no plan of the scenario costs less.
    case lagrangianEveryRoute = "lagrangian, every route"
    /// `AggregatedRelaxation`: a relaxation MIP of the full model on the aggregated clusters (small aggregated plans).
    case fullRelaxation = "full relaxation"

    public var description: String { rawValue }
}
