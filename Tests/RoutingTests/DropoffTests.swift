import Foundation
import Testing
import Planning
import ReturnsNetwork
import Routing

/// The drop-off points a decision offers (`CustomerPlaces`): the customer's country only, nearest first from the
/// postcode's position (else the zone's), and only on routes that start at a drop-off network.
@Suite struct DropoffTests {
    /// Berlin walks to a kiosk on the way to the hub; Dublin is collected by courier. Paris's kiosk is nearer to
    /// nobody's country.
    static let yaml = """
        name: drop-off points
        merchant: {country: GB}
        currency: GBP
        policy: {freeReturns: true}
        categories:
          - {id: apparel, recovery: {restock: 0.5}}
        customs:
          - {id: GB, brokeragePerEntry: 0, deMinimis: 135, duty: {apparel: 0.12}, returnedGoodsRelief: true}
          - {id: EU, countries: [EU], brokeragePerEntry: 0, duty: {apparel: 0}}
        nodes:
          - {id: berlin, kind: zone, country: DE, lat: 52.52, lon: 13.40}
          - {id: dublin, kind: zone, country: IE, lat: 53.35, lon: -6.26}
          - {id: dp-mitte, kind: dropoff, name: Mitte kiosk, country: DE, lat: 52.52, lon: 13.41}
          - {id: dp-spandau, kind: dropoff, country: DE, lat: 52.54, lon: 13.20}
          - {id: dp-paris, kind: dropoff, country: FR, lat: 48.86, lon: 2.35}
          - {id: H, kind: hub, country: DE, lat: 51.34, lon: 12.37, handling: 1}
          - {id: O, kind: origin, country: GB, lat: 52.48, lon: -1.89}
        lanes:
          - {id: walk-in, from: berlin, to: dp-mitte, mode: parcel, perParcel: 1, transitDays: 1}
          - {id: kiosk-hub, from: dp-mitte, to: H, mode: parcel, perParcel: 1, transitDays: 1}
          - {id: hub-home, from: H, to: O, mode: parcel, perParcel: 3, transitDays: 2}
          - {id: courier, from: dublin, to: O, mode: parcel, perParcel: 6, transitDays: 3}
          - {id: paris-hub, from: dp-paris, to: H, mode: parcel, perParcel: 1, transitDays: 2}
        demand:
          - {zone: berlin, category: apparel, parcels: 10, meanWeightKg: 1, meanValue: 100, resellableShare: 1}
          - {zone: dublin, category: apparel, parcels: 10, meanWeightKg: 1, meanValue: 100, resellableShare: 1}
        postcodes:
          - {country: DE, prefix: "13", zone: berlin, lat: 52.535, lon: 13.20}
          - {country: DE, prefix: "10", zone: berlin}
        """

    static func router() throws -> Router {
        let scenario = try ScenarioLoader.parse(yaml)
        return try Router(scenario: scenario, plan: try Planner.plan(scenario))
    }

    static func request(zone: String? = nil, country: String? = nil, postcode: String? = nil) -> ParcelRequest {
        ParcelRequest(id: "R1", zone: zone, country: country, postcode: postcode, category: "apparel", weightKg: 1, value: 100, currency: "GBP", condition: .new, deliveredOn: "2026-11-01", requestedOn: "2026-11-10")
    }

    static func km(_ lat: Double, _ lon: Double, _ lat2: Double, _ lon2: Double) -> Double {
        (Geo.kilometres(lat, lon, lat2, lon2) * 10).rounded() / 10
    }

    @Test func aZoneIsOfferedItsCountrysPointsNearestFirst() throws {
        let record = try Self.router().route(Self.request(zone: "berlin"))
        #expect(record.legs.map(\.lane) == ["walk-in", "kiosk-hub", "hub-home"])
        #expect(record.dropoffs == [
            .init(id: "dp-mitte", name: "Mitte kiosk", km: Self.km(52.52, 13.40, 52.52, 13.41)),
            .init(id: "dp-spandau", km: Self.km(52.52, 13.40, 52.54, 13.20)),
        ])
        #expect(record.dropoffs.map(\.km) == [0.7, 13.7])
    }

    @Test func aPostcodeWithAPositionIsMeasuredFromThere() throws {
        let router = try Self.router()
        let spandau = try router.route(Self.request(country: "DE", postcode: "13597"))
        #expect(spandau.zone == "berlin")
        #expect(spandau.dropoffs.map(\.id) == ["dp-spandau", "dp-mitte"])
        #expect(spandau.dropoffs.map(\.km) == [Self.km(52.535, 13.20, 52.54, 13.20), Self.km(52.535, 13.20, 52.52, 13.41)])
        // A postcode row without a position stands at its zone.
        let mitte = try router.route(Self.request(country: "DE", postcode: "10115"))
        #expect(mitte.dropoffs.map(\.id) == ["dp-mitte", "dp-spandau"])
    }

    @Test func aRouteThatDoesNotStartAtADropOffNetworkOffersNone() throws {
        // Ireland has no drop-off network; the courier collects. France's kiosk is never offered to an Irish customer.
        let record = try Self.router().route(Self.request(zone: "dublin"))
        #expect(record.legs.map(\.lane) == ["courier"])
        #expect(record.dropoffs.isEmpty)
    }

    @Test func theBulkRouterWritesTheSamePoints() throws {
        let router = try Self.router()
        let csv = """
            id,zone,country,postcode,category,weightKg,value,currency,condition,deliveredOn,requestedOn,freeReturns
            A,berlin,,,apparel,1,100,GBP,new,2026-11-01,2026-11-10,
            B,,DE,13597,apparel,1,100,GBP,new,2026-11-01,2026-11-10,
            C,dublin,,,apparel,1,100,GBP,new,2026-11-01,2026-11-10,

            """
        let rows = String(decoding: BulkRouter(router: router).route(csv: Array(csv.utf8), threads: 1).output, as: UTF8.self).split(separator: "\n").map(String.init)
        let header = rows[0].split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: "dropoffs"))
        let written = rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)[column] }
        let expected = try [Self.request(zone: "berlin"), Self.request(country: "DE", postcode: "13597"), Self.request(zone: "dublin")].map {
            DecisionRecord.Dropoff.csv(try router.route($0).dropoffs)
        }
        #expect(written == expected)
        #expect(written == ["dp-mitte:0.7;dp-spandau:13.7", "dp-spandau:0.6;dp-mitte:14.3", ""])
    }

    @Test func aPostcodePositionNeedsBothCoordinates() throws {
        let broken = Self.yaml.replacingOccurrences(of: "lat: 52.535, lon: 13.20}", with: "lat: 52.535}")
        #expect {
            try ScenarioLoader.parse(broken)
        } throws: { error in
            "\(error)".contains("postcodes[0].lat") && "\(error)".contains("lat without lon")
        }
    }
}
