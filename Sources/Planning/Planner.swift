import Foundation
import MIP
import ReturnsNetwork

/// Plans a scenario: builds the plan MIP, solves it with GLPK and reads the plan back.
///
/// ```swift
/// let plan = try Planner.plan(scenario, options: PlanOptions(timeLimit: 60))
/// print(plan.netCost, plan.solve.status)
/// ```
public enum Planner {
    /// Builds and solves the plan MIP. A plan is returned for every outcome; `plan.solve.status` says
    /// whether it is optimal, stopped with a gap, or has no flows because none was found.
    public static func plan(_ scenario: Scenario, options: PlanOptions = PlanOptions()) throws(PlanningError) -> Plan {
        let started = ContinuousClock.now
        if let limit = options.aggregateAbove, Commodity.all(in: scenario).count > limit {
            return try planAggregated(CommodityAggregation(scenario), options: options, started: started)
        }
        let planModel = PlanModel(candidates: CandidateSet(scenario), options: options, started: started)
        return try solve(planModel, options: options)
    }

    /// Plans on clusters of like commodities (see `CommodityAggregation`) and splits the flows back: a feasible
    /// plan of the full model, at the cost the aggregated MIP reports.
    ///
    /// The two cores work at once. This thread plans the aggregated model: with GLPK's branch-and-cut where the
    /// `AggregatedRelaxation` is small enough for GLPK to solve in the time (up to ~8,000 plan columns; the plan
    /// gets half the time and the relaxation's MIP the rest), else with `PlanDive`. Another thread runs
    /// `LagrangianBound` over every route of the scenario, aiming at the best plan found so far, so the bound
    /// holds for every plan of the scenario. The higher of the bounds is reported, with its source.
    ///
    /// The stages (`AggregatedPlanner`) share one `TimeBudget`: construct a first plan, solve the aggregated model
    /// (with the Lagrangian bound alongside), bound by the relaxation, split back and polish, extract.
    public static func planAggregated(_ aggregation: CommodityAggregation, options: PlanOptions = PlanOptions(), started: ContinuousClock.Instant = .now) throws(PlanningError) -> Plan {
        let stages = AggregatedPlanner(aggregation, options: options, started: started)
        let first = stages.constructFirstPlan()
        // The first plan's seconds come out of the solve's; the bound's thread gets the same seconds as the solve.
        let seconds = stages.budget.remaining
        let bounding = stages.startLagrangianBound(seconds: seconds)
        let solved: AggregatedPlanner.Solved
        let relaxationBound: Double?
        do {
            solved = try stages.solveAggregated(seconds: seconds)
            relaxationBound = try stages.boundByRelaxation(after: solved)
        } catch {
            stages.incumbent.abandon()
            _ = bounding?.wait()
            throw .solver(error)
        }
        // The plan stopped at its limit (or GLPK at its gap); the second core may still be at work until the limit.
        let lagrangian = bounding?.wait()
        let plan = stages.polish(stages.splitBack(solved, first: first))
        return stages.extract(plan, solved: solved, lagrangian: lagrangian, relaxationBound: relaxationBound)
    }

    /// The plan that `decisions` describe for `candidates`: for heuristics, tests and tools that decide
    /// flows, hubs and dispatches themselves.
    public static func describe(_ candidates: CandidateSet, _ decisions: PlanDecisions, status: PlanStatus = .feasible) -> Plan {
        let summary = SolveSummary(status: status, objective: nil, bestBound: nil, gap: nil, buildSeconds: 0, solveSeconds: 0, nodes: 0, variables: 0, constraints: 0, nonzeros: 0, commodities: candidates.commodities.count, paths: candidates.pathCount)
        var plan = PlanExtractor(candidates: candidates, decisions: decisions, summary: summary).plan()
        plan.solve.objective = plan.costs.net
        return plan
    }

    static func solveOptions(_ options: PlanOptions) -> SolveOptions {
        var solveOptions = SolveOptions()
        solveOptions.timeLimit = options.timeLimit
        solveOptions.relativeGap = options.relativeGap
        solveOptions.verbose = options.verbose
        solveOptions.progress = options.progress
        return solveOptions
    }

    /// Solves an already built plan model.
    public static func solve(_ planModel: PlanModel, options: PlanOptions = PlanOptions()) throws(PlanningError) -> Plan {
        let solution: Solution
        do {
            solution = try Solvers.default.solve(planModel.model, options: solveOptions(options))
        } catch {
            throw .solver(error)
        }
        var plan = PlanExtractor(planModel: planModel, solution: solution).plan()
        if options.explain {
            do {
                plan.sensitivity = try PlanSensitivity.compute(planModel, solution, options: options)
            } catch {
                throw .solver(error)
            }
        }
        return plan
    }
}
