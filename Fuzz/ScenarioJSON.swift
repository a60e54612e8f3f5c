// libFuzzer target: scenario text in its JSON form through the loader. The entry point is the YAML
// target's (JSON is read by the same parser); the seeds and the dictionary are JSON, so the search
// stays in JSON's grammar. Built and run by Scripts/fuzz.sh.
import Foundation
import ReturnsNetwork

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        let scenario = try ScenarioLoader.parse(text, file: "fuzz.json", baseDirectory: "/nonexistent")
        _ = scenario.warnings.map(\.description)
    } catch {
        _ = error.description
    }
    return 0
}
