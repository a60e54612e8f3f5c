import Foundation
import Planning
import ReturnsNetwork
import Routing

/// What the service routes with: a scenario, its plan, the compiled router and the batching rules of the
/// plan's consolidated lanes. Immutable; a reload builds a new one and swaps it in.
public final class ServiceModel: Sendable {
    public let scenario: Scenario
    public let plan: Plan
    public let router: Router
    /// Decides every return as the plan splits its commodity, counting per period (`PlanFollower`).
    public let follower: PlanFollower
    /// Batching rules per graph lane index, for consolidated lanes the plan dispatches on.
    public let batchLanes: [Int: BatchLane]
    /// Where the plan came from: `planned at start-up`, a file, or `POST /v1/plan`.
    public let source: String
    public let loadedAt: Date

    public init(scenario: Scenario, plan: Plan, source: String) throws {
        self.scenario = scenario
        self.plan = plan
        self.source = source
        loadedAt = Date()
        // A plan from a file or a client is held to the rules a planned one keeps (capacities, dispatches,
        // every commodity routed over the scenario's lanes), so no return lands on a lane with no batch.
        let rulesGraph = ReturnsGraph(scenario)
        var violations = PlanRules(rulesGraph).violations(of: plan).map(\.description)
        let scenarioLanes = Dictionary(rulesGraph.lanes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for lane in plan.lanes {
            guard let own = scenarioLanes[lane.id] else { continue } // reported above as not in the scenario
            if lane.capacityKg != own.capacityKg { violations.append("lane \(lane.id): capacityKg \(lane.capacityKg.map { "\($0)" } ?? "none") is not the scenario's \(own.capacityKg.map { "\($0)" } ?? "none")") }
            if lane.capacityParcels != own.capacityParcels { violations.append("lane \(lane.id): capacityParcels \(lane.capacityParcels.map { "\($0)" } ?? "none") is not the scenario's \(own.capacityParcels.map { "\($0)" } ?? "none")") }
        }
        guard violations.isEmpty else {
            throw ServiceError.plan("the plan breaks the scenario's rules: " + violations.prefix(5).joined(separator: "; ") + (violations.count > 5 ? "; and \(violations.count - 5) more" : ""))
        }
        do {
            router = try Router(scenario: scenario, plan: plan)
        } catch {
            throw ServiceError.plan("the plan does not fit the scenario: \(error)")
        }
        follower = PlanFollower(table: router.table, periodDays: scenario.settings.periodDays)
        let graph = router.table.graph
        let laneIndex = Dictionary(graph.lanes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let periodSeconds = scenario.settings.periodDays * 86_400
        var batchLanes: [Int: BatchLane] = [:]
        for lane in plan.lanes where lane.mode == .consolidated {
            guard let index = laneIndex[lane.id], let dispatches = lane.dispatches, dispatches > 0 else { continue }
            // The capacities are the scenario's: the plan's copies of them are not trusted.
            let scenarioLane = graph.lanes[index]
            batchLanes[index] = BatchLane(
                lane: lane.id, from: scenarioLane.from, to: scenarioLane.to, capacityKg: scenarioLane.capacityKg,
                capacityParcels: scenarioLane.capacityParcels.flatMap { $0.isFinite && $0 >= 0 ? Int(min($0, 1e15).rounded(.down)) : nil },
                cutoffSeconds: periodSeconds / Double(dispatches)
            )
        }
        self.batchLanes = batchLanes
    }

    /// Loads a scenario, and a plan file or a fresh plan. Planning runs on its own thread (GLPK keeps a
    /// problem on one thread), so the server keeps answering meanwhile.
    public static func load(scenarioPath: String, planPath: String?, timeLimit: Double = 60) async throws -> ServiceModel {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: scenarioPath)
        } catch {
            throw ServiceError.scenario("\(error)")
        }
        if let planPath {
            let plan: Plan
            do {
                plan = try JSONDecoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: planPath)))
            } catch {
                throw ServiceError.plan("\(planPath): not a plan JSON (\(error.localizedDescription))")
            }
            return try ServiceModel(scenario: scenario, plan: plan, source: planPath)
        }
        let plan = try await planOnThread(scenario, timeLimit: timeLimit)
        return try ServiceModel(scenario: scenario, plan: plan, source: "planned from \(scenarioPath)")
    }

    public static func planOnThread(_ scenario: Scenario, timeLimit: Double) async throws -> Plan {
        let result: Result<Plan, PlanningError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                do throws(PlanningError) {
                    continuation.resume(returning: .success(try Planner.plan(scenario, options: PlanOptions(timeLimit: timeLimit))))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        let plan: Plan
        switch result {
        case let .success(value): plan = value
        case let .failure(error): throw ServiceError.plan("\(error)")
        }
        guard plan.solve.status.hasPlan else {
            throw ServiceError.plan("the scenario has no plan (\(plan.solve.status))")
        }
        return plan
    }

    /// The consolidated lane a routed decision joins a batch on: the one that crosses a border (the batch is
    /// then one customs entry with one manifest), else the first consolidated lane of its route.
    public func batchLane(candidate: Int32) -> BatchLane? {
        guard candidate >= 0 else { return nil }
        let graph = router.table.graph
        var first: BatchLane?
        for lane in router.table.lanes(of: Int(candidate)) {
            guard let batch = batchLanes[lane] else { continue }
            if graph.crossesBorder[lane] { return batch }
            if first == nil { first = batch }
        }
        return first
    }
}
