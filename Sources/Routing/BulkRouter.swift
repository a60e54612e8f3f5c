import Dispatch
import Foundation
import ReturnsNetwork

/// Routes a whole CSV file of parcels to CSV decisions at full speed: bytes in, bytes out, every id resolved
/// through prebuilt tables, and the file split across cores. Rows it cannot read become error rows with their
/// line number; the rest are routed.
public struct BulkRouter: Sendable {
    public let router: Router
    let zoneText: [[UInt8]]
    let categoryText: [[UInt8]]
    let candidateLanes: [[UInt8]]
    let candidateDestination: [[UInt8]]
    /// The `dropoffs` column per place (`CustomerPlaces`).
    let placeDropoffs: [[UInt8]]
    let messages: [[UInt8]]

    /// The header of the decisions file.
    public static let header = "id,decision,reason,zone,category,disposition,destination,cost,fee,duty,transit_days,eta,lanes,dropoffs,message"

    /// Counts of what was decided.
    public struct Summary: Sendable {
        public var decided = 0
        public var failed = 0
        /// Decisions by kind and reason, e.g. `route none`, `keep cost_exceeds_recovery`.
        public var counts: [String: Int] = [:]
    }

    public init(router: Router) {
        self.router = router
        let table = router.table
        let graph = table.graph
        zoneText = table.zoneNodes.map { Array(graph.nodes[$0].id.utf8) }
        categoryText = graph.scenario.categories.map { Array($0.id.utf8) }
        candidateLanes = table.candidates.indices.map { index in
            Array(table.lanes(of: index).map { graph.lanes[$0].id }.joined(separator: ";").utf8)
        }
        candidateDestination = table.candidates.indices.map { index in
            Array((table.lanes(of: index).last.map { graph.lanes[$0].to } ?? "").utf8)
        }
        placeDropoffs = (0..<table.places.count).map { place in
            Array(BulkRouter.csvField(DecisionRecord.Dropoff.csv(table.places.dropoffs(place: place).map { DecisionRecord.Dropoff($0, graph: graph) })).utf8)
        }
        messages = RouteDecision.Reason.allCases.map { reason in
            Array(BulkRouter.csvField(DecisionRecord.message(RouteDecision(kind: .route, reason: reason), scenario: graph.scenario)).utf8)
        }
    }

    /// Routes CSV `input` (the header of `boomerang generate parcels`) into CSV decisions, using `threads` cores.
    /// Rows are read by `ParcelCSV` and resolved by `RouteTable.resolve`, as `ParcelReader` does.
    public func route(csv input: [UInt8], threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> (output: [UInt8], summary: Summary) {
        var out = Array((Self.header + "\n").utf8)
        var summary = Summary()
        var headerEnd = 0
        while headerEnd < input.count, input[headerEnd] != UInt8(ascii: "\n") { headerEnd += 1 }
        if input.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return (out, summary) }
        let header = input.withUnsafeBufferPointer { bytes in
            var end = headerEnd
            if end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return ParcelCSV.header(UnsafeBufferPointer(rebasing: bytes[0..<end]))
        }
        let csv: ParcelCSV
        switch header {
        case let .failure(error):
            summary.failed = 1
            Self.appendError(error, to: &out)
            return (out, summary)
        case let .success(reader):
            csv = reader
        }

        // Split the body at line starts into one chunk per thread.
        let body = min(input.count, headerEnd + 1)
        let parts = max(1, min(threads, (input.count - body) / 65_536 + 1))
        var starts = [body]
        for part in 1..<parts {
            var cut = body + (input.count - body) * part / parts
            while cut < input.count, input[cut - 1] != UInt8(ascii: "\n") { cut += 1 }
            starts.append(cut)
        }
        starts.append(input.count)
        // Line number of each chunk's first line.
        var firstLines = [2]
        for part in 1..<parts {
            var count = 0
            for i in starts[part - 1]..<starts[part] where input[i] == UInt8(ascii: "\n") { count += 1 }
            firstLines.append(firstLines[part - 1] + count)
        }
        // An array, not a buffer allocated by hand: a deallocated buffer does not release the outputs it holds.
        var results = [(output: [UInt8], summary: Summary)](repeating: ([], Summary()), count: parts)
        let chunkStarts = starts, chunkLines = firstLines
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            input.withUnsafeBufferPointer { bytes in
                nonisolated(unsafe) let source = bytes
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    // Each part writes only its own slot.
                    slots[part] = routeChunk(source, from: chunkStarts[part], to: chunkStarts[part + 1], firstLine: chunkLines[part], csv: csv)
                }
            }
        }
        for part in 0..<parts {
            out += results[part].output
            summary.decided += results[part].summary.decided
            summary.failed += results[part].summary.failed
            for (key, count) in results[part].summary.counts { summary.counts[key, default: 0] += count }
        }
        return (out, summary)
    }

    /// An error row: `id,error,invalid_row,…,line N: field: message`, as `boomerang route` writes it on every path.
    static func appendError(_ error: ParcelReader.RowError, to out: inout [UInt8]) {
        out += Array("\(csvField(error.id ?? "")),error,invalid_row,,,,,,,,,,,,\(csvField(errorMessage(error)))\n".utf8)
    }

    /// The message of an error row: `line N: field: message`.
    public static func errorMessage(_ error: ParcelReader.RowError) -> String {
        "line \(error.line): \(error.field.map { "\($0): " } ?? "")\(error.message)"
    }

    func routeChunk(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, firstLine: Int, csv: ParcelCSV) -> (output: [UInt8], summary: Summary) {
        var out: [UInt8] = []
        out.reserveCapacity((end - start) * 2)
        var summary = Summary()
        var counts = Array(repeating: 0, count: 3 * RouteDecision.Reason.allCases.count)
        let table = router.table
        csv.rows(bytes, from: start, to: end, firstLine: firstLine) { line, row in
            let request: ParcelRequest
            switch row {
            case let .failure(error):
                summary.failed += 1
                Self.appendError(error, to: &out)
                return
            case let .success(read):
                request = read
            }
            let parcel: Parcel
            do throws(RouteTable.ParcelError) {
                parcel = try table.resolve(request)
            } catch {
                summary.failed += 1
                Self.appendError(ParcelReader.RowError(line: line, id: request.id, field: error.field, message: error.message), to: &out)
                return
            }
            let decision = table.decide(parcel)
            summary.decided += 1
            counts[Int(decision.kind.rawValue) * RouteDecision.Reason.allCases.count + Int(decision.reason.rawValue)] += 1

            // id,decision,reason,zone,category,disposition,destination,cost,fee,duty,transit_days,eta,lanes,dropoffs,message
            out += Array(Self.csvField(request.id).utf8)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: Self.kindText[Int(decision.kind.rawValue)])
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: Self.reasonText[Int(decision.reason.rawValue)])
            out.append(UInt8(ascii: ","))
            if parcel.zone >= 0 { out.append(contentsOf: self.zoneText[Int(parcel.zone)]) } else { out += Array(Self.csvField(request.zone ?? "").utf8) }
            out.append(UInt8(ascii: ","))
            out += Array(Self.csvField(request.category).utf8)
            out.append(UInt8(ascii: ","))
            if decision.kind == .route {
                let index = Int(decision.candidate)
                let candidate = table.candidates[index]
                out.append(contentsOf: Self.dispositionText[Int(candidate.disposition == .restock ? 0 : candidate.disposition == .refurbish ? 1 : candidate.disposition == .liquidate ? 2 : 3)])
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: candidateDestination[index])
                out.append(UInt8(ascii: ","))
                Self.appendFixed(decision.cost, to: &out)
                out.append(UInt8(ascii: ","))
                Self.appendFixed(decision.fee, to: &out)
                out.append(UInt8(ascii: ","))
                Self.appendFixed(table.duty(candidate: index, value: parcel.value, reliefLapsed: parcel.reliefLapsed), to: &out)
                out.append(UInt8(ascii: ","))
                Self.appendFixed(candidate.transitDays, to: &out)
                out.append(UInt8(ascii: ","))
                Self.appendDate(parcel.requestedDay + Int32(candidate.transitDays.rounded(.up)), to: &out)
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: candidateLanes[index])
                out.append(UInt8(ascii: ","))
                if parcel.place >= 0, table.startsAtDropoff(candidate: index) { out.append(contentsOf: placeDropoffs[Int(parcel.place)]) }
            } else {
                out.append(contentsOf: Self.emptyRoute)
            }
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: messages[Int(decision.reason.rawValue)])
            out.append(UInt8(ascii: "\n"))
        }
        for (index, count) in counts.enumerated() where count > 0 {
            let kind = index / RouteDecision.Reason.allCases.count, reason = index % RouteDecision.Reason.allCases.count
            summary.counts["\(String(decoding: Self.kindText[kind], as: UTF8.self)) \(RouteDecision.Reason.allCases[reason].code)"] = count
        }
        return (out, summary)
    }

    static let emptyRoute: [UInt8] = Array(",,0.0000,0.0000,0.0000,0.0000,,,".utf8)
    static let kindText: [[UInt8]] = [Array("route".utf8), Array("keep".utf8), Array("refused".utf8)]
    static let reasonText: [[UInt8]] = RouteDecision.Reason.allCases.map { Array($0.code.utf8) }
    static let dispositionText: [[UInt8]] = [Array("restock".utf8), Array("refurbish".utf8), Array("liquidate".utf8), Array("keep".utf8)]

    /// A number with four decimals, as the decisions file writes it.
    public static func fixed(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendFixed(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A distance in km with one decimal, as the `dropoffs` column writes it.
    public static func kilometres(_ km: Double) -> String {
        let tenths = Int((km * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Appends a number with four decimals.
    static func appendFixed(_ value: Double, to out: inout [UInt8]) {
        let scaled = (value * 10_000).rounded()
        guard scaled.isFinite, abs(scaled) < 9e15 else { out += Array(String(value).utf8); return }
        var integer = Int64(scaled)
        if integer < 0 { out.append(UInt8(ascii: "-")); integer = -integer }
        appendInteger(integer / 10_000, to: &out)
        out.append(UInt8(ascii: "."))
        let fraction = integer % 10_000
        out.append(UInt8(48 + fraction / 1000))
        out.append(UInt8(48 + fraction / 100 % 10))
        out.append(UInt8(48 + fraction / 10 % 10))
        out.append(UInt8(48 + fraction % 10))
    }

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value >= 10 { appendInteger(value / 10, to: &out) }
        out.append(UInt8(48 + value % 10))
    }

    static func appendDate(_ day: Int32, to out: inout [UInt8]) {
        let (y, m, d) = CivilDate.civilFromDays(Int(day))
        out.append(UInt8(48 + y / 1000 % 10)); out.append(UInt8(48 + y / 100 % 10)); out.append(UInt8(48 + y / 10 % 10)); out.append(UInt8(48 + y % 10))
        out.append(UInt8(ascii: "-"))
        out.append(UInt8(48 + m / 10)); out.append(UInt8(48 + m % 10))
        out.append(UInt8(ascii: "-"))
        out.append(UInt8(48 + d / 10)); out.append(UInt8(48 + d % 10))
    }

    /// Quotes a CSV cell when it needs it.
    public static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
