/// Whether a column may take any real value, any integer, or only 0 and 1.
public enum VariableKind: Sendable {
    /// Any real value between the bounds.
    case continuous
    /// Any integer between the (integral) bounds.
    case integer
    /// 0 or 1 (an integer with bounds inside [0, 1]).
    case binary
}

/// A handle to a column of a ``Model``; `index` is its 0-based position.
public struct Variable: Hashable, Sendable {
    /// The column's 0-based position in the model (and in ``Solution/values``).
    public let index: Int
    init(index: Int) { self.index = index }
}
