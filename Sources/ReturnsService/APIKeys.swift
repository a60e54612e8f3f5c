import Crypto
import Foundation

/// Bearer API keys. Only SHA-256 hashes are configured and kept: a key file (or `BOOMERANG_API_KEYS`)
/// holds lines `NAME SCOPE sha256:HEX`, and `boomerang apikey` makes a key and its line.
///
/// Scopes: `read` (every GET) and `write` (also records returns, dispatches batches and loads plans).
public struct APIKeys: Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        case read, write

        func allows(_ needed: Scope) -> Bool { self == .write || needed == .read }
    }

    public struct Identity: Sendable, Equatable {
        public var name: String
        public var scope: Scope
    }

    struct Entry: Sendable {
        var identity: Identity
        var digest: [UInt8]
    }

    let entries: [Entry]

    public var count: Int { entries.count }

    /// Parses key lines; `source` names the file (or variable) in errors, with the line.
    public static func parse(_ text: String, source: String) throws(ServiceError) -> APIKeys {
        var entries: [Entry] = []
        for (offset, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == ";" }).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let where_ = "\(source):\(offset + 1)"
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count == 3 else { throw .configuration("\(where_): error: expected 'NAME SCOPE sha256:HEX', found \(fields.count) fields") }
            guard let scope = Scope(rawValue: fields[1]) else { throw .configuration("\(where_): error: scope '\(fields[1])' is not read or write") }
            guard fields[2].hasPrefix("sha256:"), let digest = hex(String(fields[2].dropFirst(7))), digest.count == 32 else {
                throw .configuration("\(where_): error: '\(fields[2].prefix(12))…' is not sha256: and 64 hex digits — keys are configured hashed; `boomerang apikey` makes one")
            }
            entries.append(Entry(identity: Identity(name: fields[0], scope: scope), digest: digest))
        }
        return APIKeys(entries: entries)
    }

    /// The identity a bearer token belongs to, compared in constant time against every hash.
    public func identify(token: String) -> Identity? {
        let digest = Array(SHA256.hash(data: Array(token.utf8)))
        var found: Identity?
        for entry in entries {
            var difference: UInt8 = 0
            for i in 0..<32 { difference |= entry.digest[i] ^ digest[i] }
            if difference == 0 { found = entry.identity }
        }
        return found
    }

    /// `sha256:HEX` of a key, as the key file holds it.
    public static func hash(_ key: String) -> String {
        "sha256:" + hexString(SHA256.hash(data: Array(key.utf8)))
    }

    /// A new random key: `bk_` and 64 hex digits.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return "bk_" + hexString((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func hex(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var i = 0
        while i < bytes.count {
            guard let high = nibble(bytes[i]), let low = nibble(bytes[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }
}

/// Lower-case hex of some bytes.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}
