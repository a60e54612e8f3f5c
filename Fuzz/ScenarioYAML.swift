// libFuzzer target: scenario text (YAML) through the loader, as `boomerang validate` reads it.
// Built and run by Scripts/fuzz.sh.
import Foundation
import ReturnsNetwork

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioYAML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        let scenario = try ScenarioLoader.parse(text, file: "fuzz.yaml", baseDirectory: "/nonexistent")
        _ = scenario.warnings.map(\.description)
    } catch {
        // Every problem must render as a located message.
        _ = error.description
    }
    return 0
}
