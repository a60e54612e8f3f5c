// libFuzzer target: the CSV tables a scenario loads (`nodes`, `lanes`, `demand: {csv: FILE}`), read by
// `ScenarioLoader.load` from files, as a user's would be. The first byte of an input picks the table
// (`n`odes, `l`anes, `d`emand, anything else by its value mod 3); the rest is that table's file, the other
// two stay valid. Built and run by Scripts/fuzz.sh.
import Foundation
import ReturnsNetwork

private let scenario = """
    name: csv tables
    merchant: {country: GB}
    currency: GBP
    exchangeRates: {EUR: 0.85}
    categories:
      - {id: apparel, recovery: {restock: 0.8, refurbish: 0.5, liquidate: 0.1}}
    customs:
      - {id: GB, brokeragePerEntry: 18, deMinimis: 135, duty: {apparel: 0.12}, returnedGoodsRelief: true}
      - {id: EU, countries: [EU], brokeragePerEntry: 25 EUR, deMinimis: 150 EUR, duty: {apparel: 0.12}}
    nodes: {csv: nodes.csv}
    lanes: {csv: lanes.csv}
    demand: {csv: demand.csv}

    """

private let tables: [(file: String, valid: String)] = [
    ("nodes.csv", """
        id,kind,name,country,lat,lon,handling,fixedCost,capacity,dispositions
        de-berlin,zone,"Berlin, Mitte",DE,52.52,13.40,,,,
        hub-lej,hub,Leipzig hub,DE,51.34,12.37,0.9 EUR,4200 EUR,4500,
        origin,origin,Northampton,GB,52.23,-0.90,,,,

        """),
    ("lanes.csv", """
        id,from,to,mode,carrier,perParcel,perKg,perDispatch,capacityKg,capacityParcels,maxDispatches,transitDays
        direct,de-berlin,origin,parcel,"Royal Mail, Tracked",11 EUR,0.6 EUR,,,,,4
        to-hub,de-berlin,hub-lej,parcel,DHL,3.2 EUR,,,,,,1
        truck,hub-lej,origin,consolidated,,,,1900 EUR,12000,3300,3,2

        """),
    ("demand.csv", """
        zone,category,parcels,meanWeightKg,meanValue,resellableShare
        de-berlin,apparel,900,0.8,55 EUR,0.8

        """),
]

private let folder: String = {
    let path = NSTemporaryDirectory() + "boomerang-fuzz-csv-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try? scenario.write(toFile: path + "/scenario.yaml", atomically: false, encoding: .utf8)
    for table in tables { try? table.valid.write(toFile: path + "/" + table.file, atomically: false, encoding: .utf8) }
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: start, count: count)
    guard let first = bytes.first else { return 0 }
    let chosen = switch first {
    case UInt8(ascii: "n"): 0
    case UInt8(ascii: "l"): 1
    case UInt8(ascii: "d"): 2
    default: Int(first) % 3
    }
    let table = tables[chosen]
    let path = folder + "/" + table.file
    FileManager.default.createFile(atPath: path, contents: Data(bytes.dropFirst()))
    defer { try? table.valid.write(toFile: path, atomically: false, encoding: .utf8) }
    do {
        let loaded = try ScenarioLoader.load(path: folder + "/scenario.yaml")
        _ = loaded.warnings.map(\.description)
    } catch {
        _ = error.description
    }
    return 0
}
