import MIP
import ReturnsNetwork

/// Reads a `Plan` out of a solved plan model, or out of decisions for a candidate set.
struct PlanExtractor {
    let candidates: CandidateSet
    let decisions: PlanDecisions
    let summary: SolveSummary
    var graph: ReturnsGraph { candidates.graph }
    var scenario: Scenario { graph.scenario }

    init(planModel: PlanModel, solution: Solution) {
        candidates = CandidateSet(graph: planModel.graph, commodities: planModel.commodities, paths: planModel.paths)
        decisions = PlanDecisions(planModel, solution)
        let model = planModel.model
        summary = SolveSummary(
            status: PlanStatus(solution.status), objective: solution.objective,
            bestBound: solution.bestBound, gap: solution.gap, buildSeconds: planModel.buildSeconds,
            solveSeconds: solution.solveSeconds, nodes: solution.nodes, variables: model.variableCount,
            constraints: model.constraintCount, nonzeros: model.nonzeroCount,
            commodities: planModel.commodities.count, paths: planModel.paths.reduce(0) { $0 + $1.count }
        )
    }

    init(candidates: CandidateSet, decisions: PlanDecisions, summary: SolveSummary) {
        self.candidates = candidates
        self.decisions = decisions
        self.summary = summary
    }

    static let tiny = 1e-7

    func plan() -> Plan {
        let costing = RouteCosting(graph)
        var costs = CostBreakdown()
        var flows: [CommodityFlow] = []
        var nodeLoad = Array(repeating: 0.0, count: graph.nodes.count)
        var laneParcels = Array(repeating: 0.0, count: graph.lanes.count)
        var laneKg = Array(repeating: 0.0, count: graph.lanes.count)
        var laneCosts = Array(repeating: CostBreakdown(), count: graph.lanes.count)
        var dispositionParcels: [String: [DispositionKind: Double]] = [:]
        var travelling = 0.0, transitSum = 0.0, transitMax = 0.0, consolidated = 0.0, kept = 0.0, total = 0.0

        for (k, commodity) in candidates.commodities.enumerated() {
            total += commodity.parcels
            var pathFlows: [PathFlow] = []
            for (p, path) in candidates.paths[k].enumerated() {
                let amount = decisions.flows[k][p]
                guard amount > Self.tiny else { continue }
                // The breakdown is the sum of what each lane and disposition costs, so lanes' parts add up to it.
                if !path.isKeep {
                    costs = costs + costing.dispositionCosts(path.disposition, category: commodity.category, value: commodity.meanValue) * amount
                }
                for node in path.nodes.dropFirst() { nodeLoad[node] += amount }
                for lane in path.lanes {
                    laneParcels[lane] += amount
                    laneKg[lane] += amount * commodity.meanWeightKg
                    let parcel = costing.laneCosts(lane: lane, category: commodity.category, resellable: commodity.resellable, weightKg: commodity.meanWeightKg, value: commodity.meanValue)
                    laneCosts[lane] = laneCosts[lane] + parcel * amount
                }
                dispositionParcels[commodity.category, default: [:]][path.disposition, default: 0] += amount
                if path.isKeep {
                    kept += amount
                } else {
                    travelling += amount
                    transitSum += amount * path.transitDays
                    transitMax = max(transitMax, path.transitDays)
                    if path.lanes.contains(where: { graph.lanes[$0].mode == .consolidated }) { consolidated += amount }
                }
                pathFlows.append(PathFlow(
                    nodes: path.nodes.map { graph.nodes[$0].id }, lanes: path.lanes.map { graph.lanes[$0].id },
                    disposition: path.disposition, parcels: amount, share: amount / commodity.parcels,
                    costPerParcel: path.unitCosts.net, transitDays: path.transitDays
                ))
            }
            flows.append(CommodityFlow(zone: commodity.zone, category: commodity.category, condition: commodity.resellable ? "resellable" : "other", parcels: commodity.parcels, paths: pathFlows))
        }

        var hubs: [HubPlan] = []
        for (index, node) in graph.nodes.enumerated() where node.kind == .hub {
            let isOpen = decisions.open[index] ?? true
            // A hub that is not a candidate is always open and pays its fixed cost (ReturnsGraph.standingHubCost).
            let fixed = isOpen ? scenario.value(node.fixedCost) : 0
            costs.hubFixed += fixed
            hubs.append(HubPlan(
                id: node.id, name: node.name, country: node.country, candidate: node.isCandidate, open: isOpen,
                fixedCost: scenario.value(node.fixedCost), parcels: nodeLoad[index], capacity: node.capacityParcels,
                utilisation: node.capacityParcels.map { $0 > 0 ? nodeLoad[index] / $0 : 0 }
            ))
        }

        var lanes: [LanePlan] = []
        for (index, lane) in graph.lanes.enumerated() {
            let count = decisions.dispatches[index]
            guard laneParcels[index] > Self.tiny || (count ?? 0) > 0 else { continue }
            var fill: Double?
            var dispatchCost: Double?
            if let count {
                dispatchCost = Double(count) * costing.dispatchCost(lane: index)
                laneCosts[index].dispatch += Double(count) * costing.dispatchCost(lane: index)
                laneCosts[index].brokerage += Double(count) * costing.brokeragePerEntry(lane: index)
                if count > 0 {
                    var rate = 0.0
                    if let kg = lane.capacityKg, kg > 0 { rate = max(rate, laneKg[index] / (kg * Double(count))) }
                    if let parcels = lane.capacityParcels, parcels > 0 { rate = max(rate, laneParcels[index] / (parcels * Double(count))) }
                    fill = rate
                }
            }
            costs = costs + laneCosts[index]
            lanes.append(LanePlan(
                id: lane.id, from: lane.from, to: lane.to, mode: lane.mode, crossesBorder: graph.crossesBorder[index],
                parcels: laneParcels[index], weightKg: laneKg[index], dispatches: count,
                capacityKg: lane.capacityKg, capacityParcels: lane.capacityParcels, fillRate: fill,
                dispatchCost: dispatchCost, freightCost: laneCosts[index].freight, brokerageCost: laneCosts[index].brokerage,
                dutyCost: laneCosts[index].duty, transitDays: lane.transitDays, maxParcels: lane.maxParcels, maxKg: lane.maxKg
            ))
        }

        let dispositions = dispositionParcels.keys.sorted().flatMap { category in
            (dispositionParcels[category] ?? [:]).keys.sorted().map { kind in
                DispositionSummary(category: category, disposition: kind, parcels: dispositionParcels[category]?[kind] ?? 0)
            }
        }
        let service = ServiceSummary(
            parcels: total, meanTransitDays: travelling > 0 ? transitSum / travelling : 0, maxTransitDays: transitMax,
            consolidatedShare: total > 0 ? consolidated / total : 0, keptShare: total > 0 ? kept / total : 0
        )
        var plan = Plan(
            scenario: scenario.name, currency: scenario.currency, solve: summary, hubs: hubs, lanes: lanes,
            flows: flows, dispositions: dispositions, costs: costs, service: service, excluded: scenario.excludedDemand
        )
        plan.warnings = Plan.planWarnings(scenario: scenario, service: service)
        return plan
    }

}
