/// The batching rule both stores apply: whether a parcel still fits the lane's open batch.
public enum BatchRule {
    /// Why the open batch must close before this parcel joins, or nil when it fits.
    public static func closeReason(parcels: Int, weightKg: Double, cutoffAt: Double, adding weight: Double, lane: BatchLane, now: Double) -> String? {
        if now >= cutoffAt { return "cutoff" }
        if let capacity = lane.capacityKg, weightKg + weight > capacity + 1e-9 { return "capacity_kg" }
        if let capacity = lane.capacityParcels, parcels + 1 > capacity { return "capacity_parcels" }
        return nil
    }

    /// Whether a parcel can travel consolidated at all: alone, it must fit an empty batch.
    public static func fitsEmpty(weight: Double, lane: BatchLane) -> Bool {
        if let capacity = lane.capacityKg, weight > capacity + 1e-9 { return false }
        if let capacity = lane.capacityParcels, capacity < 1 { return false }
        return true
    }

    public static func batchID(lane: String, sequence: Int) -> String { "\(lane)-\(sequence)" }
}
