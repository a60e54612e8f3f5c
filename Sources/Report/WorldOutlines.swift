import Foundation

/// Country outlines from the bundled Natural Earth 1:110m GeoJSON (public domain).
struct WorldOutlines {
    struct Country {
        var name: String
        /// Polygons, each a list of rings, each a list of (longitude, latitude).
        var polygons: [[[(Double, Double)]]]
        var bounds: (minLon: Double, minLat: Double, maxLon: Double, maxLat: Double)
    }

    let countries: [Country]

    static let shared: WorldOutlines = WorldOutlines.load()

    static func load() -> WorldOutlines {
        guard let url = Bundle.module.url(forResource: "world-countries-110m", withExtension: "geojson"),
              let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = root["features"] as? [[String: Any]] else { return WorldOutlines(countries: []) }
        var countries: [Country] = []
        for feature in features {
            let name = (feature["properties"] as? [String: Any])?["name"] as? String ?? ""
            guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String else { continue }
            let raw: [Any]
            switch type {
            case "Polygon": raw = [geometry["coordinates"] ?? []]
            case "MultiPolygon": raw = geometry["coordinates"] as? [Any] ?? []
            default: continue
            }
            var polygons: [[[(Double, Double)]]] = []
            var bounds = (minLon: 180.0, minLat: 90.0, maxLon: -180.0, maxLat: -90.0)
            for polygon in raw {
                var rings: [[(Double, Double)]] = []
                for ring in polygon as? [[[Double]]] ?? [] {
                    let points = ring.compactMap { $0.count >= 2 ? ($0[0], $0[1]) : nil }
                    for (lon, lat) in points {
                        bounds = (min(bounds.minLon, lon), min(bounds.minLat, lat), max(bounds.maxLon, lon), max(bounds.maxLat, lat))
                    }
                    rings.append(points)
                }
                polygons.append(rings)
            }
            countries.append(Country(name: name, polygons: polygons, bounds: bounds))
        }
        return WorldOutlines(countries: countries)
    }
}
