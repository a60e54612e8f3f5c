import Planning
import ReturnsNetwork

/// Where customers are, and the drop-off points nearest them: the one rule for the drop-off points a decision
/// suggests, used by `Router.describe` and `BulkRouter` alike.
///
/// A place is a zone (at the zone's coordinates, in the zone's country) or a postcode row that gives `lat` and
/// `lon` (there, in the row's country). A parcel addressed by postcode stands at its row's place; by zone, or by a
/// postcode row without coordinates, at its zone's. The drop-off points of a place are the drop-off nodes in its
/// country, nearest first by great-circle distance — never another country's. A decision lists them only when its
/// route's first leg goes to a drop-off network (`startsAtDropoff`): a parcel a carrier collects, or one sent
/// straight to a hub, has none to walk to.
public struct CustomerPlaces: Sendable {
    /// A drop-off node and its distance from the place.
    public struct Dropoff: Sendable, Equatable {
        public var node: Int
        public var kilometres: Double
    }

    /// Entry per "COUNTRY PREFIX" (postcodes normalised), and the longest prefix, for longest-prefix matching.
    let postcodeEntries: [String: Int32]
    let postcodeLongest: Int
    /// Per postcode entry: its zone and its place.
    let entryZone: [Int32]
    let entryPlace: [Int32]
    /// Drop-off points of each place: `dropoffNode[dropoffStart[p] ..< dropoffStart[p + 1]]`, nearest first.
    let dropoffStart: [Int32]
    let dropoffNode: [Int32]
    let dropoffKilometres: [Double]
    /// How many drop-off points a place lists at most.
    public let perPlace: Int

    /// The places of `graph`'s zones (numbered as `zoneNodes`) and of the scenario's postcode rows.
    init(graph: ReturnsGraph, zoneNodes: [Int], zoneNumber: [String: Int32], perPlace: Int) {
        self.perPlace = perPlace
        var points: [(country: String, latitude: Double, longitude: Double)] = zoneNodes.map {
            let node = graph.nodes[$0]
            return (node.country, node.latitude, node.longitude)
        }
        var entries: [String: Int32] = [:]
        var entryZone: [Int32] = [], entryPlace: [Int32] = []
        var longest = 0
        for entry in graph.scenario.postcodes {
            let prefix = Self.normalised(entry.prefix)
            let key = "\(entry.country) \(prefix)"
            guard let zone = zoneNumber[entry.zone], !prefix.isEmpty, entries[key] == nil else { continue }
            entries[key] = Int32(entryZone.count)
            entryZone.append(zone)
            if let latitude = entry.latitude, let longitude = entry.longitude {
                entryPlace.append(Int32(points.count))
                points.append((entry.country, latitude, longitude))
            } else {
                entryPlace.append(zone)
            }
            longest = max(longest, prefix.count)
        }
        postcodeEntries = entries
        postcodeLongest = longest
        self.entryZone = entryZone
        self.entryPlace = entryPlace

        var byCountry: [String: [Int]] = [:]
        for node in graph.nodes.indices where graph.nodes[node].kind == .dropoff { byCountry[graph.nodes[node].country, default: []].append(node) }
        var start: [Int32] = [0], nodes: [Int32] = [], kilometres: [Double] = []
        for point in points {
            let ranked = (byCountry[point.country] ?? [])
                .map { Dropoff(node: $0, kilometres: Geo.kilometres(point.latitude, point.longitude, graph.nodes[$0].latitude, graph.nodes[$0].longitude)) }
                .sorted { ($0.kilometres, $0.node) < ($1.kilometres, $1.node) }
                .prefix(perPlace)
            nodes += ranked.map { Int32($0.node) }
            kilometres += ranked.map(\.kilometres)
            start.append(Int32(nodes.count))
        }
        dropoffStart = start
        dropoffNode = nodes
        dropoffKilometres = kilometres
    }

    /// Number of places (zones first, then postcode rows with coordinates).
    public var count: Int { dropoffStart.count - 1 }

    /// The postcode entry whose prefix is the longest match for this address, or nil.
    func entry(country: String, postcode: String) -> Int? {
        let compact = Self.normalised(postcode)
        var length = min(compact.count, postcodeLongest)
        while length > 0 {
            if let entry = postcodeEntries["\(country) \(compact.prefix(length))"] { return Int(entry) }
            length -= 1
        }
        return nil
    }

    /// The zone a postcode entry maps to, and the place a parcel addressed by it stands at.
    func zoneAndPlace(entry: Int) -> (zone: Int32, place: Int32) {
        (entryZone[entry], entryPlace[entry])
    }

    /// The drop-off points of a place, nearest first.
    public func dropoffs(place: Int) -> [Dropoff] {
        guard place >= 0, place < count else { return [] }
        return (Int(dropoffStart[place])..<Int(dropoffStart[place + 1])).map { Dropoff(node: Int(dropoffNode[$0]), kilometres: dropoffKilometres[$0]) }
    }

    static func normalised(_ postcode: String) -> String {
        postcode.replacingOccurrences(of: " ", with: "").uppercased()
    }
}
