/// The one time limit of an aggregated plan, handed out to its stages (`AggregatedPlanner`): what is left after
/// building the model, less a reserve at the end for the polish. The first plan's seconds come out of the solve's,
/// and the polish gets its reserve plus whatever the stages before it left.
struct TimeBudget {
    /// Large networks are never solved without a limit: two minutes unless told otherwise.
    static let defaultSeconds = 120.0
    /// A few seconds at the end polish the plan (see `PlanPolish`): 5 % of the time, at most 2 s.
    static let polishShare = 0.05
    static let polishMostSeconds = 2.0
    /// The solver-free first plan: 10 % of the time, at most 5 s.
    static let constructShare = 0.1
    static let constructMostSeconds = 5.0
    /// Where the relaxation MIP bounds the plan, the plan gets half the solve's time and the relaxation the rest.
    static let planShareWithRelaxation = 0.5
    /// No stage before the polish gets less than a second, nor the polish less than half a second.
    static let leastSeconds = 1.0
    static let leastPolishSeconds = 0.5

    /// Seconds for all the stages: the time limit less the build.
    let total: Double
    /// Seconds kept for the polish at the end.
    let polishReserve: Double
    /// Seconds for the stages before the polish: the first plan, the solve and the bound.
    let beforePolish: Double
    /// When the stages started.
    let start: ContinuousClock.Instant

    init(timeLimit: Double?, buildSeconds: Double, start: ContinuousClock.Instant = .now) {
        total = max(Self.leastSeconds, (timeLimit ?? Self.defaultSeconds) - buildSeconds)
        polishReserve = min(Self.polishMostSeconds, total * Self.polishShare)
        beforePolish = max(Self.leastSeconds, total - polishReserve)
        self.start = start
    }

    /// Seconds since the stages started.
    var elapsed: Double { PlanModel.seconds(since: start) }

    /// The first plan's share.
    var construct: Double { min(Self.constructMostSeconds, total * Self.constructShare) }

    /// Seconds left before the polish's reserve, at least one: what the solve, the bound and the relaxation get.
    var remaining: Double { max(Self.leastSeconds, beforePolish - elapsed) }

    /// The plan's share of `seconds`: all of it, or half where the relaxation MIP takes the rest.
    func solve(of seconds: Double, sharedWithRelaxation: Bool) -> Double {
        sharedWithRelaxation ? seconds * Self.planShareWithRelaxation : seconds
    }

    /// The polish's share: its reserve and whatever the stages before it left.
    var polish: Double { max(Self.leastPolishSeconds, beforePolish + polishReserve - elapsed) }
}
