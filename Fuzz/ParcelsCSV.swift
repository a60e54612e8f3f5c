// libFuzzer target: a parcels CSV file as `boomerang route` reads it — row by row through
// `ParcelReader` (then resolved and routed), and whole through `BulkRouter`, the CSV-to-CSV path.
// The router is compiled once from Scenarios/eu-uk-returns.yaml (or BOOMERANG_FUZZ_SCENARIO).
// Built and run by Scripts/fuzz.sh.
import Foundation
import Planning
import ReturnsNetwork
import Routing

private let router: Router? = {
    do {
        let scenario = try ScenarioLoader.load(path: ProcessInfo.processInfo.environment["BOOMERANG_FUZZ_SCENARIO"] ?? "Scenarios/eu-uk-returns.yaml")
        return try Router(scenario: scenario, plan: try Planner.plan(scenario))
    } catch {
        print("fuzz: cannot plan the scenario: \(error)")
        exit(1)
    }
}()

/// Plans before the first input, so planning's seconds do not count against an input's time limit.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = router
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParcelsCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let router else { return 0 }
    let data = Data(UnsafeBufferPointer(start: start, count: count))
    ParcelReader.read(data, format: .csv) { row in
        if case let .success(request) = row.result { _ = try? router.route(request) }
    }
    let (output, summary) = BulkRouter(router: router).route(csv: [UInt8](data), threads: 1)
    if summary.decided + summary.failed > 0, output.isEmpty { abort() }
    return 0
}
