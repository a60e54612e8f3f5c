import Foundation
import Planning
import ReturnsNetwork
import Routing

/// The plan's flows as CSV, one row per commodity and path used.
enum PlanCSV {
    static func flows(_ plan: Plan) -> String {
        var lines = ["zone,category,condition,disposition,parcels,share,cost_per_parcel,transit_days,nodes,lanes"]
        for flow in plan.flows {
            for path in flow.paths {
                let fields = [flow.zone, flow.category, flow.condition, path.disposition.rawValue,
                              String(format: "%.4f", path.parcels), String(format: "%.6f", path.share),
                              String(format: "%.4f", path.costPerParcel), String(format: "%.2f", path.transitDays),
                              path.nodes.joined(separator: ">"), path.lanes.joined(separator: ";")]
                lines.append(fields.map(csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String { BulkRouter.csvField(text) }
}
