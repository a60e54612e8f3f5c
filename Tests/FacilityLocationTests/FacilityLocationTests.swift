import FacilityLocation
import Foundation
import MIP
import Testing

// MARK: - Reading OR-Library files

/// Broken files fail with a typed error that says where and what was expected.
struct ORLibraryParseErrorTests {
    /// Parses `text`, expecting an error; returns it (or records an issue).
    func error(parsing text: String, name: String = "broken.txt") -> ORLibraryError? {
        do {
            let instance = try CapacitatedFacilityLocation.parse(text, name: name)
            Issue.record("parsed '\(name)' into \(instance.facilities) × \(instance.customers) although it is broken")
            return nil
        } catch {
            return error
        }
    }

    @Test func aShortFileSaysWhatWasExpectedNextAndHowManyNumbersItNeeds() {
        // 2 facilities, 3 customers: 2 + 4 + 3 + 6 = 15 numbers, but the costs are missing.
        let text = "2 3\n10 5\n10 5\n1 2 3\n"
        #expect(error(parsing: text, name: "short.txt") == .truncated(
            file: "short.txt", expected: "the cost of serving customer 1 from facility 1",
            numbersRead: 9, numbersNeeded: 15, line: 4
        ))
    }

    @Test func aFileCutInsideTheHeaderIsTruncatedToo() {
        #expect(error(parsing: "16", name: "cut.txt") == .truncated(
            file: "cut.txt", expected: "the number of customers n (second number of the file)",
            numbersRead: 1, numbersNeeded: nil, line: 1
        ))
        #expect(error(parsing: "  \n", name: "empty.txt") == .truncated(
            file: "empty.txt", expected: "the number of facilities m (first number of the file)",
            numbersRead: 0, numbersNeeded: nil, line: 1
        ))
    }

    /// The original OR-Library `capa` file writes the word "capacity" where the number goes.
    @Test func theCapacityPlaceholderIsLocatedAndExplained() throws {
        let text = "2 3\ncapacity 7500.0\ncapacity 7500.0\n1 2 3\n1 1 1\n1 1 1\n"
        let found = try #require(error(parsing: text, name: "capa.txt"))
        #expect(found == .notANumber(
            token: "capacity", expected: "the capacity of facility 1",
            at: .init(file: "capa.txt", line: 2, column: 1, token: 3)
        ))
        #expect(found.description.hasPrefix("capa.txt:2:1 (number 3): expected the capacity of facility 1, found 'capacity'"))
        #expect(found.description.contains("replace it with the capacity"))
    }

    @Test func nonNumbersAnywhereAreLocatedByLineColumnAndPosition() {
        // The cost row wraps over two lines; the bad token is the 2nd cost of facility 2.
        let text = "2 3\n10 5\n10 5\n1 2 3\n1 1 1\n4\n  x7 4\n"
        #expect(error(parsing: text) == .notANumber(
            token: "x7", expected: "the cost of serving customer 2 from facility 2",
            at: .init(file: "broken.txt", line: 7, column: 3, token: 14)
        ))
        // Swift's Double(_:) would accept these; a file must not.
        for token in ["nan", "inf", "-infinity"] {
            #expect(error(parsing: "1 1\n5 \(token)\n1\n1\n") == .notANumber(
                token: token, expected: "the fixed cost of facility 1",
                at: .init(file: "broken.txt", line: 2, column: 3, token: 4)
            ))
        }
    }

    @Test func negativeValuesAreRejectedWithTheirPlace() {
        #expect(error(parsing: "1 2\n5 1\n3 -2\n1 1\n") == .negative(
            token: "-2", expected: "the demand of customer 2",
            at: .init(file: "broken.txt", line: 3, column: 3, token: 6)
        ))
    }

    @Test func theHeaderMustHoldTwoPositiveWholeNumbers() {
        #expect(error(parsing: "2.5 3\n") == .notACount(
            token: "2.5", expected: "the number of facilities m (first number of the file)",
            at: .init(file: "broken.txt", line: 1, column: 1, token: 1)
        ))
        #expect(error(parsing: "2 0\n") == .notACount(
            token: "0", expected: "the number of customers n (second number of the file)",
            at: .init(file: "broken.txt", line: 1, column: 3, token: 2)
        ))
        // Too large for GLPK's indices, and must not trap when converted to Int.
        if case .notACount = error(parsing: "1e30 2\n") {} else { Issue.record("1e30 facilities accepted") }
    }

    @Test func numbersBeyondWhatTheHeaderAnnouncesAreAnError() {
        // 1 facility, 1 customer: 2 + 2 + 1 + 1 = 6 numbers; the 7th is one too many.
        #expect(error(parsing: "1 1\n5 1\n2\n3\n4\n") == .extraToken(
            token: "4", numbersNeeded: 6, at: .init(file: "broken.txt", line: 5, column: 1, token: 7)
        ))
    }

    @Test func aMissingFileIsUnreadableNotACrash() {
        let path = "/nonexistent-boomerang/cap61.txt"
        #expect(throws: ORLibraryError.unreadable(file: path, reason: "no such file")) {
            try CapacitatedFacilityLocation.read(path: path)
        }
    }

    @Test func instancesBuiltInCodeAreChecked() {
        #expect(throws: ORLibraryError.invalidInstance(name: "bad", reason: "cost row of facility 2 has 1 entries, expected one per customer (2)")) {
            try CapacitatedFacilityLocation(name: "bad", capacity: [1, 1], fixedCost: [0, 0], demand: [1, 1], cost: [[1, 1], [1]])
        }
        #expect(throws: ORLibraryError.invalidInstance(name: "bad", reason: "demand of customer 1 is -1.0; it must be a finite number ≥ 0")) {
            try CapacitatedFacilityLocation(name: "bad", capacity: [1], fixedCost: [0], demand: [-1], cost: [[1]])
        }
    }

    /// Numbers may wrap anywhere; layout does not change the instance.
    @Test func wrappedAndOneLineLayoutsParseAlike() throws {
        let lines = "2 3\n10 5\n12 6\n1 2 3\n4 5 6\n7 8 9\n"
        let wrapped = "2\n3 10\n5 12 6 1\n\n2\t3 4\r\n5 6 7 8\n9"
        let a = try CapacitatedFacilityLocation.parse(lines, name: "x")
        let b = try CapacitatedFacilityLocation.parse(wrapped, name: "x")
        #expect(a == b)
        #expect(a.capacity == [10, 12] && a.fixedCost == [5, 6] && a.demand == [1, 2, 3])
        #expect(a.cost == [[4, 5, 6], [7, 8, 9]])
    }

    @Test func aFixtureReadsWithTheFileNameAsInstanceName() throws {
        let cap61 = try CapacitatedFacilityLocation.read(path: ORLibraryFixtures.path("cap61"))
        #expect(cap61.name == "cap61")
        #expect(cap61.facilities == 16 && cap61.customers == 50)
        #expect(cap61.capacity.allSatisfy { $0 == 15000 })
        #expect(cap61.fixedCost[10] == 0 && cap61.fixedCost[0] == 7500)
        #expect(cap61.demand.first == 146 && cap61.demand.last == 222)
        #expect(cap61.totalDemand == 58268)
    }
}

// MARK: - A model small enough to check by hand

/// Three facilities of capacity 10 and four customers with demands 7, 7, 5, 1 (20 in all).
///
/// Facilities 1 and 2 open for 100 each and serve at 1 per unit of demand; facility 3 opens for
/// 150 and serves at 2 per unit. Costs are for a customer's whole demand, so `cost[i][j] = unit · d_j`.
///
/// Multi-sourcing: every facility holds 10 < 20, so two must open (fixed ≥ 200), and serving
/// costs at least 1 per unit (≥ 20). Opening 1 and 2 reaches 200 + 20 = **220**: their 20 units
/// of capacity take all 20 units of demand, customer 3 split between them.
///
/// Single-sourcing: the two 7s cannot share a facility (14 > 10), nor can the 5 join a 7 (12 > 10),
/// so 7, 7 and 5 need three facilities: all open, fixed 350. One of them sits at facility 3 at
/// 2 per unit; the cheapest is the 5 (extra 5), and the 1 joins a 7 (8 ≤ 10). Serving costs
/// 20 + 5 = 25, total **375**.
enum HandInstance {
    static let text = """
        3 4
        10 100
        10 100
        10 150
        7 7 5 1
        7 7 5 1
        7 7 5 1
        14 14 10 2
        """
    static let multiOptimum = 220.0
    static let singleOptimum = 375.0

    static func instance() throws -> CapacitatedFacilityLocation {
        try CapacitatedFacilityLocation.parse(text, name: "hand-3x4")
    }
}

struct HandCheckedSolveTests {
    static let strategies: [FacilityLocationSolver.Strategy] = [
        .init(), .plain, .init(warmStartFromPairs: 0), .init(reduction: false, warmStartFromPairs: 0),
    ]

    @Test(arguments: strategies.indices)
    func multiSourcingOpensTheTwoCheapFacilitiesAndSplitsACustomer(strategy: Int) throws {
        let instance = try HandInstance.instance()
        let result = try FacilityLocationSolver.solve(instance, sourcing: .multi, strategy: Self.strategies[strategy])
        #expect(result.status == "optimal")
        #expect(abs(try #require(result.objective) - HandInstance.multiOptimum) < 1e-6)
        #expect(result.open == [0, 1])
        try expectConsistent(result, instance)
        // Two facilities of 10 cannot take 7, 7, 5, 1 whole (the single-source argument), so someone is split.
        #expect(result.assignment.contains { $0.count > 1 })
    }

    @Test(arguments: strategies.indices)
    func singleSourcingNeedsAllThreeAndCostsMore(strategy: Int) throws {
        let instance = try HandInstance.instance()
        let result = try FacilityLocationSolver.solve(instance, sourcing: .single, strategy: Self.strategies[strategy])
        #expect(result.status == "optimal")
        #expect(abs(try #require(result.objective) - HandInstance.singleOptimum) < 1e-6)
        #expect(result.open == [0, 1, 2])
        try expectConsistent(result, instance)
        #expect(result.assignment[2] == [.init(facility: 2, share: 1)], "the 5 goes to the dear facility 3")
        #expect(Set(result.assignment[0...1].map { $0[0].facility }) == [0, 1])
        #expect(try #require(result.objective) > HandInstance.multiOptimum)
    }

    @Test func tooLittleCapacityIsInfeasibleNotAnError() throws {
        let instance = try CapacitatedFacilityLocation.parse("2 2\n3 1\n3 1\n4 4\n1 1\n1 1\n", name: "tight")
        for sourcing in Sourcing.allCases {
            let result = try FacilityLocationSolver.solve(instance, sourcing: sourcing)
            #expect(result.status == "infeasible")
            #expect(result.objective == nil && result.open.isEmpty)
        }
    }

    @Test(arguments: [0, -1, Double.infinity, Double.nan])
    func anInvalidTimeLimitIsAnErrorNotACrash(limit: Double) throws {
        do {
            _ = try FacilityLocationSolver.solve(try HandInstance.instance(), sourcing: .single, timeLimit: limit)
            Issue.record("accepted timeLimit \(limit)")
        } catch let error as SolverError {
            guard case .invalidModel(.invalidOption(let why)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(why.contains("timeLimit"))
        }
    }

    @Test func resultsRoundTripThroughJSON() throws {
        let result = try FacilityLocationSolver.solve(try HandInstance.instance(), sourcing: .multi)
        let data = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(FacilityLocationResult.self, from: data) == result)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"sourcing\":\"multi\""))
    }

    @Test func theFullModelHasOneColumnPerPairAndFacility() throws {
        let model = FacilityLocationSolver.model(try HandInstance.instance(), sourcing: .single)
        #expect(model.variableCount == 3 + 3 * 4)
        // demand rows + capacity rows + link rows + the aggregate capacity row
        #expect(model.constraintCount == 4 + 3 + 12 + 1)
        #expect(model.isMIP)
    }
}

/// Every customer is fully served by open facilities, and no open facility is over capacity.
func expectConsistent(_ result: FacilityLocationResult, _ instance: CapacitatedFacilityLocation) throws {
    try #require(result.assignment.count == instance.customers)
    var load = [Double](repeating: 0, count: instance.facilities)
    var cost = result.open.reduce(0) { $0 + instance.fixedCost[$1] }
    for (j, shares) in result.assignment.enumerated() {
        #expect(abs(shares.reduce(0) { $0 + $1.share } - 1) < 1e-6, "customer \(j) is not fully served")
        if result.sourcing == .single { #expect(shares.count == 1) }
        for share in shares {
            #expect(result.open.contains(share.facility), "customer \(j) served from closed facility \(share.facility)")
            load[share.facility] += share.share * instance.demand[j]
            cost += share.share * instance.cost[share.facility][j]
        }
    }
    for i in 0 ..< instance.facilities {
        #expect(load[i] <= instance.capacity[i] * (1 + 1e-9) + 1e-6, "facility \(i) carries \(load[i]) > \(instance.capacity[i])")
    }
    let objective = try #require(result.objective)
    #expect(abs(cost - objective) <= 1e-6 * max(1, objective), "the plan costs \(cost), the solver says \(objective)")
}

// MARK: - OR-Library instances against the published optima

enum ORLibraryFixtures {
    static func path(_ name: String) throws -> String {
        let resources = try #require(Bundle.module.resourceURL, "the test bundle has no resources")
        return resources.appending(path: "Fixtures/\(name).txt").path
    }

    /// Published optima (single-source, multi-source), from shared/data/orlib-cflp/optima.csv:
    /// single-source from the OR-Datasets collection, multi-source from Beasley's `capopt` list.
    static let optima: [String: (single: Double, multi: Double)] = [
        "cap61": (932615.75, 932615.75), "cap62": (977799.40, 977799.4),
        "cap63": (1014099.61, 1014062.05), "cap64": (1053197.44, 1045650.25),
        "cap71": (932615.75, 932615.75), "cap72": (977799.40, 977799.4),
        "cap73": (1010641.45, 1010641.45), "cap74": (1034976.97, 1034976.975),
        "cap91": (796648.44, 796648.438), "cap92": (858109.32, 855733.5),
        "cap93": (900760.11, 896617.538), "cap94": (950608.42, 946051.325),
        "cap101": (796648.44, 796648.437), "cap102": (854704.20, 854704.2),
        "cap103": (893782.11, 893782.112), "cap104": (928941.75, 928941.75),
        "cap121": (793439.56, 793439.563), "cap122": (854900.45, 852524.625),
        "cap123": (898266.08, 895302.325), "cap124": (950608.43, 946051.325),
        "cap131": (793439.56, 793439.562), "cap132": (851495.32, 851495.325),
        "cap133": (893076.71, 893076.712), "cap134": (928941.75, 928941.75),
    ]

    static let names = optima.keys.sorted { ($0.count, $0) < ($1.count, $1) }
}

struct PublishedOptimaTests {
    /// All 24 small instances (16–50 facilities × 50 customers), each with both sourcing rules.
    @Test(arguments: ORLibraryFixtures.names, Sourcing.allCases)
    func reachesThePublishedOptimum(name: String, sourcing: Sourcing) throws {
        let instance = try CapacitatedFacilityLocation.read(path: ORLibraryFixtures.path(name))
        let published = try #require(ORLibraryFixtures.optima[name])
        let expected = sourcing == .single ? published.single : published.multi
        // A generous limit: these take well under a second; hitting it would fail the status check.
        let result = try FacilityLocationSolver.solve(instance, sourcing: sourcing, timeLimit: 30)
        #expect(result.status == "optimal", "\(name) \(sourcing): \(result.status) after \(result.seconds) s")
        let objective = try #require(result.objective)
        #expect(abs(objective - expected) <= 1e-6 * expected, "\(name) \(sourcing): \(objective) vs published \(expected)")
        try expectConsistent(result, instance)
        // The Lagrangian bound is a lower bound, and the removed columns did not cut off the optimum.
        if let lagrangian = result.lagrangianBound { #expect(lagrangian <= objective * (1 + 1e-9)) }
    }

    /// The full model with plain GLPK agrees, so the column removal is not what makes the numbers match.
    @Test(arguments: ["cap64", "cap94", "cap124"])
    func plainGLPKOnTheFullModelAgreesForSingleSourcing(name: String) throws {
        let instance = try CapacitatedFacilityLocation.read(path: ORLibraryFixtures.path(name))
        let reduced = try FacilityLocationSolver.solve(instance, sourcing: .single)
        let plain = try FacilityLocationSolver.solve(instance, sourcing: .single, strategy: .plain)
        #expect(plain.status == "optimal" && reduced.status == "optimal")
        #expect(plain.serveColumns == instance.facilities * instance.customers)
        #expect(reduced.serveColumns < plain.serveColumns)
        #expect(abs(try #require(plain.objective) - (try #require(reduced.objective))) <= 1e-6 * (plain.objective ?? 1))
    }

    /// A time limit far too short still returns the heuristic plan with an honest bound and gap.
    @Test func aTinyTimeLimitReturnsAPlanWithABound() throws {
        let instance = try CapacitatedFacilityLocation.read(path: ORLibraryFixtures.path("cap124"))
        let optimum = try #require(ORLibraryFixtures.optima["cap124"]).single
        let result = try FacilityLocationSolver.solve(instance, sourcing: .single, timeLimit: 0.002)
        #expect(result.status == "feasible" || result.status == "optimal")
        let objective = try #require(result.objective)
        #expect(objective >= optimum * (1 - 1e-6))
        try expectConsistent(result, instance)
        if let bound = result.bestBound { #expect(bound <= optimum * (1 + 1e-6)) }
        if let gap = result.gap, let bound = result.bestBound { #expect(abs(gap - (objective - bound) / objective) < 1e-9) }
    }
}
