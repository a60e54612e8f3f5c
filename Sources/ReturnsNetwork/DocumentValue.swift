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
            let entries = mapping.map { pair in
                (key: pair.key.string ?? "", keyLocation: place(pair.key.mark), value: from(pair.value, file: file))
            }
            return .map(entries, place(mapping.mark))
        case let .alias(alias):
            return .scalar("", isNull: true, place(alias.mark))
        }
    }
}
