/// The condition a returned item arrives in.
///
/// `new` and `opened` items are unchanged: they can be restocked and claim returned-goods relief. `damaged`
/// items are changed goods: refurbished, liquidated or kept. That split (`isUnchanged`) is the one rule the
/// plan's commodities, the route table, the customs manifest and the demand export all read.
public enum ItemCondition: String, Sendable, CaseIterable, Codable {
    case new, opened, damaged

    /// Unchanged goods: resellable, and eligible for returned-goods relief.
    @inlinable public var isUnchanged: Bool { self != .damaged }

    /// Reads a condition as every parcel reader does: `new`, `opened` or `damaged`, in any letter case; nothing else.
    public init?(text: some StringProtocol) {
        self.init(utf8: text.utf8)
    }

    /// Reads a condition from UTF-8 bytes (the byte-level form of `init(text:)`); no allocation.
    public init?(utf8 bytes: some Collection<UInt8>) {
        func matches(_ word: StaticString) -> Bool {
            guard bytes.count == word.utf8CodeUnitCount else { return false }
            var i = 0
            for byte in bytes {
                let lowered = byte >= 65 && byte <= 90 ? byte + 32 : byte
                guard lowered == word.utf8Start[i] else { return false }
                i += 1
            }
            return true
        }
        if matches("new") { self = .new } else if matches("opened") { self = .opened } else if matches("damaged") { self = .damaged } else { return nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let condition = ItemCondition(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not new, opened or damaged")
        }
        self = condition
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The shares of a forecast's returns that arrive new, opened and damaged (summing to 1).
public struct ConditionShares: Hashable, Sendable, Codable {
    public var new: Double
    public var opened: Double
    public var damaged: Double

    public init(new: Double, opened: Double, damaged: Double) {
        self.new = new
        self.opened = opened
        self.damaged = damaged
    }

    /// The shorthand `resellableShare: s`: unchanged returns split 70 % new and 30 % opened, the rest damaged.
    public init(resellable share: Double) {
        self.init(new: share * Self.newPartOfUnchanged, opened: share * (1 - Self.newPartOfUnchanged), damaged: 1 - share)
    }

    /// Of the unchanged returns given by `resellableShare` alone, the part that is new (the rest is opened).
    public static let newPartOfUnchanged = 0.7

    public subscript(_ condition: ItemCondition) -> Double {
        switch condition {
        case .new: new
        case .opened: opened
        case .damaged: damaged
        }
    }

    /// The share of unchanged (new or opened) returns.
    public var unchanged: Double { new + opened }
}
