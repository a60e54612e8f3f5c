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
    let zoneDropoffs: [[UInt8]]
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
        zoneDropoffs = table.zoneNodes.indices.map { zone in
            Array(table.dropoffs(zone: zone).map { graph.nodes[$0].id }.joined(separator: ";").utf8)
        }
        messages = RouteDecision.Reason.allCases.map { reason in
            Array(BulkRouter.csvField(DecisionRecord.message(RouteDecision(kind: .route, reason: reason), scenario: graph.scenario)).utf8)
        }
    }

    /// Routes CSV `input` (the header of `boomerang generate parcels`) into CSV decisions, using `threads` cores.
    public func route(csv input: [UInt8], threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> (output: [UInt8], summary: Summary) {
        guard let headerEnd = input.firstIndex(of: UInt8(ascii: "\n")) else {
            var summary = Summary()
            summary.failed = input.isEmpty ? 0 : 1
            return (Array((Self.header + "\n" + (input.isEmpty ? "" : ",error,invalid_row,,,,,,,,,,,,line 1: the file has a header row only\n")).utf8), summary)
        }
        let header = String(decoding: input[..<headerEnd], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let columns = Dictionary(header.split(separator: ",").enumerated().map { (String($1), $0) }, uniquingKeysWith: { a, _ in a })
        var out = Array((Self.header + "\n").utf8)
        var summary = Summary()
        let required = ["id", "category", "weightKg", "value", "currency", "condition", "deliveredOn", "requestedOn"]
        let missing = required.filter { columns[$0] == nil }
        if !missing.isEmpty {
            summary.failed = 1
            out += Array(",error,invalid_row,,,,,,,,,,,,\(Self.csvField("line 1: the header has no column \(missing.joined(separator: ", "))"))\n".utf8)
            return (out, summary)
        }
        let layout = Layout(columns: columns)

        // Split the body at line starts into one chunk per thread.
        let body = headerEnd + 1
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
        let results = UnsafeMutableBufferPointer<(output: [UInt8], summary: Summary)>.allocate(capacity: parts)
        results.initialize(repeating: ([], Summary()))
        defer { results.deallocate() }
        let chunkStarts = starts, chunkLines = firstLines
        nonisolated(unsafe) let slots = results
        input.withUnsafeBufferPointer { bytes in
            nonisolated(unsafe) let source = bytes
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                // Each part writes only its own slot.
                slots[part] = routeChunk(source, from: chunkStarts[part], to: chunkStarts[part + 1], firstLine: chunkLines[part], layout: layout)
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

    struct Layout {
        var id, zone, country, postcode, category, weight, value, currency, condition, delivered, requested, free: Int
        var count: Int

        init(columns: [String: Int]) {
            id = columns["id"] ?? -1
            zone = columns["zone"] ?? -1
            country = columns["country"] ?? -1
            postcode = columns["postcode"] ?? -1
            category = columns["category"] ?? -1
            weight = columns["weightKg"] ?? -1
            value = columns["value"] ?? -1
            currency = columns["currency"] ?? -1
            condition = columns["condition"] ?? -1
            delivered = columns["deliveredOn"] ?? -1
            requested = columns["requestedOn"] ?? -1
            free = columns["freeReturns"] ?? -1
            count = (columns.values.max() ?? 0) + 1
        }
    }

    func routeChunk(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, firstLine: Int, layout: Layout) -> (output: [UInt8], summary: Summary) {
        var out: [UInt8] = []
        out.reserveCapacity((end - start) * 2)
        var summary = Summary()
        var counts = Array(repeating: 0, count: 3 * RouteDecision.Reason.allCases.count)
        var fieldStart = Array(repeating: 0, count: max(layout.count, 12) + 1)
        var fieldEnd = fieldStart
        let table = router.table
        let rates = table.graph.scenario.exchangeRates
        var currencyCache: (text: [UInt8], rate: Double)? = nil
        var line = firstLine
        var position = start
        while position < end {
            var lineEnd = position
            while lineEnd < end, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            defer { position = lineEnd + 1; line += 1 }
            var contentEnd = lineEnd
            if contentEnd > position, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            if contentEnd == position { continue }

            // Fields; a quoted line takes the general reader.
            var count = 0
            var cellStart = position
            var quoted = false
            var i = position
            while i <= contentEnd {
                if i == contentEnd || bytes[i] == UInt8(ascii: ",") {
                    if count < fieldStart.count { fieldStart[count] = cellStart; fieldEnd[count] = i }
                    count += 1
                    cellStart = i + 1
                } else if bytes[i] == UInt8(ascii: "\"") {
                    quoted = true
                }
                i += 1
            }
            func slice(_ column: Int) -> UnsafeBufferPointer<UInt8> {
                guard column >= 0, column < count, column < fieldStart.count else { return UnsafeBufferPointer(start: bytes.baseAddress, count: 0) }
                return UnsafeBufferPointer(rebasing: bytes[fieldStart[column]..<fieldEnd[column]])
            }
            func fail(_ field: String, _ message: String) {
                summary.failed += 1
                let id = quoted ? "" : String(decoding: slice(layout.id), as: UTF8.self)
                out += Array("\(Self.csvField(id)),error,invalid_row,,,,,,,,,,,,\(Self.csvField("line \(line): \(field): \(message)"))\n".utf8)
            }
            if quoted {
                // Rare: hand the line to the general path.
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<contentEnd]), as: UTF8.self)
                fail("row", "quoted cells are not supported in bulk routing; use --format jsonl input (\(text.prefix(40)))")
                continue
            }
            guard count >= layout.count else { fail("row", "has \(count) cells, the header \(layout.count)"); continue }

            let idText = slice(layout.id)
            guard idText.count > 0 else { fail("id", "missing id"); continue }
            guard let weight = Self.number(slice(layout.weight)), weight.isFinite, weight > 0 else { fail("weightKg", "must be a positive number of kg"); continue }
            guard let rawValue = Self.number(slice(layout.value)), rawValue.isFinite, rawValue >= 0 else { fail("value", "must be a number ≥ 0"); continue }
            let currency = slice(layout.currency)
            let rate: Double
            if let cached = currencyCache, cached.text.elementsEqual(currency) {
                rate = cached.rate
            } else {
                let code = String(decoding: currency, as: UTF8.self)
                guard rates.knows(code) else { fail("currency", "no exchange rate for '\(code)'"); continue }
                rate = rates.convert(Money(1, code))
                currencyCache = (Array(currency), rate)
            }
            let condition: ItemCondition
            switch Self.firstByte(slice(layout.condition)) {
            case UInt8(ascii: "n") where slice(layout.condition).count == 3: condition = .new
            case UInt8(ascii: "o") where slice(layout.condition).count == 6: condition = .opened
            case UInt8(ascii: "d") where slice(layout.condition).count == 7: condition = .damaged
            default: fail("condition", "not new, opened or damaged"); continue
            }
            guard let delivered = Self.day(slice(layout.delivered)) else { fail("deliveredOn", "not a date YYYY-MM-DD"); continue }
            guard let requested = Self.day(slice(layout.requested)) else { fail("requestedOn", "not a date YYYY-MM-DD"); continue }
            guard requested >= delivered else { fail("requestedOn", "is before deliveredOn"); continue }
            let freeText = slice(layout.free)
            let free = freeText.count > 0 && (freeText[0] == UInt8(ascii: "t") || freeText[0] == UInt8(ascii: "1") || freeText[0] == UInt8(ascii: "y"))

            var zone: Int32 = -1
            let zoneText = slice(layout.zone)
            if zoneText.count > 0 {
                zone = table.zoneNumber[String(decoding: zoneText, as: UTF8.self)] ?? -1
            } else if slice(layout.country).count > 0, slice(layout.postcode).count > 0 {
                zone = table.zoneForPostcode(country: String(decoding: slice(layout.country), as: UTF8.self), postcode: String(decoding: slice(layout.postcode), as: UTF8.self))
            } else {
                fail("zone", "give zone, or country and postcode")
                continue
            }
            let categoryText = slice(layout.category)
            let category = table.categoryNumber[String(decoding: categoryText, as: UTF8.self)] ?? -1
            let value = rawValue * rate
            let parcel = Parcel(zone: zone, category: category, weightKg: weight, value: value, condition: condition, deliveredDay: delivered, requestedDay: requested, freeReturns: free)
            let decision = table.decide(parcel)
            summary.decided += 1
            counts[Int(decision.kind.rawValue) * RouteDecision.Reason.allCases.count + Int(decision.reason.rawValue)] += 1

            // id,decision,reason,zone,category,disposition,destination,cost,fee,duty,transit_days,eta,lanes,dropoffs,message
            out.append(contentsOf: idText)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: Self.kindText[Int(decision.kind.rawValue)])
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: Self.reasonText[Int(decision.reason.rawValue)])
            out.append(UInt8(ascii: ","))
            if zone >= 0 { out.append(contentsOf: self.zoneText[Int(zone)]) } else { out.append(contentsOf: zoneText) }
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: categoryText)
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
                var duty = 0.0
                var d = Int(candidate.dutyStart)
                while d < Int(candidate.dutyStart) + Int(candidate.dutyCount) {
                    let term = table.dutyTerms[d]
                    if value > term.threshold { duty += term.rate * value }
                    d += 1
                }
                Self.appendFixed(duty, to: &out)
                out.append(UInt8(ascii: ","))
                Self.appendFixed(candidate.transitDays, to: &out)
                out.append(UInt8(ascii: ","))
                Self.appendDate(requested + Int32(candidate.transitDays.rounded(.up)), to: &out)
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: candidateLanes[index])
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: zoneDropoffs[Int(zone)])
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

    static func firstByte(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 { bytes.count > 0 ? bytes[0] : 0 }

    /// Parses `[-]digits[.digits]` exactly as `Double(String)` would; other forms go through `Double(String)`.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count > 0 else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var decimals = 0
        var seenPoint = false
        while i < bytes.count {
            let c = bytes[i]
            if c >= 48, c <= 57 {
                mantissa = mantissa &* 10 &+ UInt64(c - 48)
                digits += 1
                if seenPoint { decimals += 1 }
            } else if c == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return Double(String(decoding: bytes, as: UTF8.self))
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        guard digits <= 15, decimals <= 22 else { return Double(String(decoding: bytes, as: UTF8.self)) }
        var value = Double(mantissa)
        if decimals > 0 { value /= powersOfTen[decimals] }
        return negative ? -value : value
    }

    static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        var parts = (0, 0, 0)
        for (index, range) in [(0, 0..<4), (1, 5..<7), (2, 8..<10)] {
            var value = 0
            for i in range {
                let digit = Int(bytes[i]) - 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            switch index {
            case 0: parts.0 = value
            case 1: parts.1 = value
            default: parts.2 = value
            }
        }
        guard (1...12).contains(parts.1), parts.2 >= 1, parts.2 <= CivilDate.daysInMonth(parts.0, parts.1) else { return nil }
        return Int32(CivilDate.daysFromCivil(parts.0, parts.1, parts.2))
    }

    /// A number with four decimals, as the decisions file writes it.
    public static func fixed(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendFixed(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
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
