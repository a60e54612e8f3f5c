import Foundation

/// A capacitated facility location problem: which hubs to open, and which hub serves each customer.
///
/// Opening facility `i` costs `fixedCost[i]` and gives it `capacity[i]` units; customer `j`
/// needs `demand[j]` units, and `cost[i][j]` is the cost of serving *all* of `j`'s demand from
/// `i` (so serving a share `x` of it costs `x · cost[i][j]`). Instances come from Beasley's
/// OR-Library files through ``read(path:)`` or ``parse(_:name:)``, or are built in code.
///
/// ```swift
/// let cap61 = try CapacitatedFacilityLocation.read(path: "cap61.txt")
/// let plan = try FacilityLocationSolver.solve(cap61, sourcing: .single)
/// print(plan.objective ?? .nan, plan.open)   // 932615.75 [...]
/// ```
public struct CapacitatedFacilityLocation: Sendable, Equatable {
    /// The instance name used in messages and results (the file name without extension when read from a file).
    public let name: String
    /// Capacity `s_i` of each facility.
    public let capacity: [Double]
    /// Fixed cost `f_i` of opening each facility.
    public let fixedCost: [Double]
    /// Demand `d_j` of each customer.
    public let demand: [Double]
    /// `cost[i][j]`: the cost of serving all of customer `j`'s demand from facility `i`.
    public let cost: [[Double]]

    /// The number of facilities `m`.
    public var facilities: Int { capacity.count }
    /// The number of customers `n`.
    public var customers: Int { demand.count }
    /// `Σ_j d_j`.
    public var totalDemand: Double { demand.reduce(0, +) }
    /// `Σ_i s_i`; below ``totalDemand`` the instance is infeasible.
    public var totalCapacity: Double { capacity.reduce(0, +) }

    /// The fewest facilities whose capacities can hold the total demand (the largest ones);
    /// `facilities + 1` when even all of them cannot.
    public var minimumOpenFacilities: Int {
        var held = 0.0, count = 0
        for s in capacity.sorted(by: >) where held < totalDemand {
            held += s
            count += 1
        }
        return held >= totalDemand ? count : facilities + 1
    }

    /// Creates an instance, checking that the dimensions agree and every value is finite and ≥ 0.
    public init(name: String, capacity: [Double], fixedCost: [Double], demand: [Double], cost: [[Double]]) throws(ORLibraryError) {
        func fail(_ reason: String) -> ORLibraryError { .invalidInstance(name: name, reason: reason) }
        let m = capacity.count, n = demand.count
        guard m > 0 else { throw fail("there must be at least one facility") }
        guard n > 0 else { throw fail("there must be at least one customer") }
        guard fixedCost.count == m else { throw fail("\(m) capacities but \(fixedCost.count) fixed costs") }
        guard cost.count == m else { throw fail("\(m) facilities but \(cost.count) cost rows") }
        for (i, row) in cost.enumerated() where row.count != n {
            throw fail("cost row of facility \(i + 1) has \(row.count) entries, expected one per customer (\(n))")
        }
        func check(_ values: [Double], _ what: String) throws(ORLibraryError) {
            if let k = values.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                throw fail("\(what) \(k + 1) is \(values[k]); it must be a finite number ≥ 0")
            }
        }
        try check(capacity, "capacity of facility")
        try check(fixedCost, "fixed cost of facility")
        try check(demand, "demand of customer")
        for (i, row) in cost.enumerated() { try check(row, "cost from facility \(i + 1) to customer") }
        self.init(unchecked: name, capacity, fixedCost, demand, cost)
    }

    private init(unchecked name: String, _ capacity: [Double], _ fixedCost: [Double], _ demand: [Double], _ cost: [[Double]]) {
        self.name = name
        self.capacity = capacity
        self.fixedCost = fixedCost
        self.demand = demand
        self.cost = cost
    }

    /// Reads an OR-Library file; the instance is named after the file (`cap61.txt` → "cap61").
    ///
    /// Layout (whitespace-separated, lines may wrap anywhere): `m n`, then `m` pairs
    /// `capacity fixedCost`, then `n` demands, then `m` rows of `n` costs (facility-major).
    public static func read(path: String) throws(ORLibraryError) -> Self {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let reason = !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) ? "no such file"
                : isDirectory.boolValue ? "it is a directory" : "permission denied or I/O error"
            throw .unreadable(file: path, reason: reason)
        }
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(bytes: [UInt8](data), file: path, name: base)
    }

    /// Parses the text of an OR-Library file; `name` names the instance and the file in error messages.
    public static func parse(_ text: String, name: String) throws(ORLibraryError) -> Self {
        try parse(bytes: Array(text.utf8), file: name, name: name)
    }

    private static func parse(bytes: [UInt8], file: String, name: String) throws(ORLibraryError) -> Self {
        var reader = NumberReader(bytes: bytes, file: file)
        let m = try reader.count("the number of facilities m (first number of the file)")
        let n = try reader.count("the number of customers n (second number of the file)")
        // m·n fits easily: count() caps each at Int32.max.
        let needed = 2 + 2 * m + n + m * n
        reader.numbersNeeded = needed
        // A number takes at least two bytes (digit + separator), so a header promising more than
        // the file can hold fails at the end of the data without reserving absurd amounts first.
        let plausible = bytes.count / 2 + 1

        var capacity: [Double] = [], fixedCost: [Double] = []
        capacity.reserveCapacity(min(m, plausible))
        fixedCost.reserveCapacity(min(m, plausible))
        for i in 1 ... m {
            capacity.append(try reader.value("the capacity of facility \(i)"))
            fixedCost.append(try reader.value("the fixed cost of facility \(i)"))
        }
        var demand: [Double] = []
        demand.reserveCapacity(min(n, plausible))
        for j in 1 ... n { demand.append(try reader.value("the demand of customer \(j)")) }
        var cost: [[Double]] = []
        cost.reserveCapacity(min(m, plausible))
        for i in 1 ... m {
            var row: [Double] = []
            row.reserveCapacity(min(n, plausible))
            for j in 1 ... n { row.append(try reader.value("the cost of serving customer \(j) from facility \(i)")) }
            cost.append(row)
        }
        if let extra = reader.nextToken() {
            throw .extraToken(token: extra.text, numbersNeeded: needed, at: extra.location)
        }
        return Self(unchecked: name, capacity, fixedCost, demand, cost)
    }
}

/// Splits bytes into whitespace-separated tokens, keeping line and column for error messages.
private struct NumberReader {
    struct Token {
        var text: String
        var location: ORLibraryError.Location
    }

    let bytes: [UInt8]
    let file: String
    var numbersNeeded: Int?
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var tokensRead = 0
    private var lastTokenLine = 1

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
    }

    mutating func nextToken() -> Token? {
        while position < bytes.count, Self.isSpace(bytes[position]) {
            if bytes[position] == 0x0A {
                line += 1
                lineStart = position + 1
            }
            position += 1
        }
        guard position < bytes.count else { return nil }
        let start = position
        while position < bytes.count, !Self.isSpace(bytes[position]) { position += 1 }
        tokensRead += 1
        lastTokenLine = line
        let text = String(decoding: bytes[start ..< position], as: UTF8.self)
        return Token(text: text, location: .init(file: file, line: line, column: start - lineStart + 1, token: tokensRead))
    }

    private mutating func require(_ expected: String) throws(ORLibraryError) -> Token {
        guard let token = nextToken() else {
            throw .truncated(file: file, expected: expected, numbersRead: tokensRead, numbersNeeded: numbersNeeded, line: lastTokenLine)
        }
        return token
    }

    /// A finite number ≥ 0.
    mutating func value(_ expected: String) throws(ORLibraryError) -> Double {
        let token = try require(expected)
        // Double(_:) also accepts "nan", "inf" and hexadecimal; only finite values are numbers here.
        guard let value = Double(token.text), value.isFinite else {
            throw .notANumber(token: token.text, expected: expected, at: token.location)
        }
        guard value >= 0 else { throw .negative(token: token.text, expected: expected, at: token.location) }
        return value
    }

    /// A positive whole number small enough for GLPK's 32-bit indices ("16" and "16.0" both count).
    mutating func count(_ expected: String) throws(ORLibraryError) -> Int {
        let token = try require(expected)
        guard let value = Double(token.text), value.isFinite, value >= 1, value.rounded() == value,
              value <= Double(Int32.max)
        else { throw .notACount(token: token.text, expected: expected, at: token.location) }
        return Int(value)
    }
}
