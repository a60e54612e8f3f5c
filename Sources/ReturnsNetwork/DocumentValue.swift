import Foundation
import Yams

/// A scenario document reduced to what the reader needs: scalars, lists and maps, each with its place.
///
/// YAML, JSON and CSV rows all become this, so one reader checks them all the same way.
indirect enum DocumentValue {
    case scalar(String, isNull: Bool, SourceLocation)
    case list([DocumentValue], SourceLocation)
    case map([(key: String, keyLocation: SourceLocation, value: DocumentValue)], SourceLocation)

    var location: SourceLocation {
        switch self {
        case let .scalar(_, _, location), let .list(_, location), let .map(_, location): location
        }
    }

    var kindName: String {
        switch self {
        case let .scalar(_, isNull, _): isNull ? "nothing" : "a single value"
        case .list: "a list"
        case .map: "a mapping"
        }
    }

    /// Converts a composed YAML node (JSON is read as YAML too) into a document value.
    static func from(_ node: Yams.Node, file: String) -> DocumentValue {
        func place(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: mark?.line, column: mark?.column)
        }
        switch node {
        case let .scalar(scalar):
            let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            return .scalar(scalar.string, isNull: isNull, place(scalar.mark))
        case let .sequence(sequence):
            return .list(sequence.map { from($0, file: file) }, place(sequence.mark))
        case let .mapping(mapping):
            var entries: [(key: String, keyLocation: SourceLocation, value: DocumentValue)] = []
            var merged: [(key: String, keyLocation: SourceLocation, value: DocumentValue)] = []
            for pair in mapping {
                let value = from(pair.value, file: file)
                // YAML merge keys (`<<: *defaults`): the anchored mapping's keys, unless given here.
                if pair.key.string == "<<" {
                    let sources: [DocumentValue]
                    if case let .list(items, _) = value { sources = items } else { sources = [value] }
                    var isMerge = true
                    for source in sources {
                        if case let .map(inherited, _) = source { merged += inherited } else { isMerge = false }
                    }
                    if isMerge { continue }
                }
                entries.append((key: pair.key.string ?? "", keyLocation: place(pair.key.mark), value: value))
            }
            let explicit = Set(entries.map(\.key))
            var seen = Set<String>()
            for entry in merged where !explicit.contains(entry.key) && seen.insert(entry.key).inserted { entries.append(entry) }
            return .map(entries, place(mapping.mark))
        case let .alias(alias):
            return .scalar("", isNull: true, place(alias.mark))
        }
    }
}
