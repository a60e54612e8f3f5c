// libFuzzer target: the service's request bodies — `POST /v1/returns` (fast reader, duplicate-key scan,
// JSONDecoder with field errors, id checks) and `POST /v1/plan`'s plan JSON — decoded as the service
// decodes them. Any error must be a `Problem` (a 4xx the client can act on). Built and run by Scripts/fuzz.sh.
import Foundation
import Planning
import HTTPTypes
@testable import ReturnsService

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServiceRequest(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let body = Data(UnsafeBufferPointer(start: start, count: count))
    do {
        _ = try ReturnsService.decode(body)
    } catch let problem as Problem {
        if problem.status.code >= 500 { abort() }
    } catch {
        print("fuzz: decoding threw \(type(of: error)), not a Problem")
        abort()
    }
    _ = try? JSONDecoder().decode(Plan.self, from: body)
    return 0
}
