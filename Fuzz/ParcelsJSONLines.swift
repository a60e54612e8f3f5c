// libFuzzer target: a parcels JSON-lines file as `boomerang route` reads it, each row through
// `ParcelReader`, then resolved and routed; every line is also given to the fast reader `ParcelJSON`,
// which must never accept what `JSONDecoder` refuses, nor read it differently.
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
public func fuzzParcelsJSONLines(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let router else { return 0 }
    let data = Data(UnsafeBufferPointer(start: start, count: count))
    ParcelReader.read(data, format: .jsonl) { row in
        if case let .success(request) = row.result { _ = try? router.route(request) }
    }
    for line in data.split(separator: UInt8(ascii: "\n")) {
        let bytes = Data(line)
        guard let fast = bytes.withUnsafeBytes(ParcelJSON.parse) else { continue }
        // The fast reader's promise: what it accepts, JSONDecoder reads the same.
        guard let slow = try? JSONDecoder().decode(ParcelRequest.self, from: bytes), slow == fast else {
            print("fuzz: ParcelJSON accepted a line JSONDecoder reads otherwise")
            abort()
        }
    }
    return 0
}
