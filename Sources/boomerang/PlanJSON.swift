import Foundation
import Planning
import ReturnsNetwork
import Routing

/// The plan as JSON (the stable schema in docs/plan-schema.md).
enum PlanJSON {
    static func encode(_ plan: Plan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(plan), as: UTF8.self) + "\n"
    }
}
