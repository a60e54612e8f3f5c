import Foundation

/// Fits longitude/latitude into a box: an equirectangular projection with its standard parallel at the
/// middle of the extent, so a regional map keeps its shapes.
struct Projection {
    let minLon: Double, maxLon: Double, minLat: Double, maxLat: Double
    let width: Double, height: Double
    let scale: Double, cosine: Double

    init(points: [(lon: Double, lat: Double)], width: Double) {
        var minLon = points.map(\.lon).min() ?? -10, maxLon = points.map(\.lon).max() ?? 30
        var minLat = points.map(\.lat).min() ?? 35, maxLat = points.map(\.lat).max() ?? 60
        let padLon = max(3, (maxLon - minLon) * 0.08), padLat = max(2, (maxLat - minLat) * 0.08)
        minLon = max(-180, minLon - padLon); maxLon = min(180, maxLon + padLon)
        minLat = max(-85, minLat - padLat); maxLat = min(85, maxLat + padLat)
        self.minLon = minLon; self.maxLon = maxLon; self.minLat = minLat; self.maxLat = maxLat
        cosine = cos((minLat + maxLat) / 2 * .pi / 180)
        self.width = width
        scale = width / max(1e-6, (maxLon - minLon) * cosine)
        height = (maxLat - minLat) * scale
    }

    func x(_ lon: Double) -> Double { (lon - minLon) * cosine * scale }
    func y(_ lat: Double) -> Double { (maxLat - lat) * scale }

    func intersects(_ b: (minLon: Double, minLat: Double, maxLon: Double, maxLat: Double)) -> Bool {
        b.maxLon >= minLon && b.minLon <= maxLon && b.maxLat >= minLat && b.minLat <= maxLat
    }
}
