/// The merchant's returns policy: what is accepted and who pays.
public struct ReturnsPolicy: Hashable, Sendable, Codable {
    /// Days after delivery within which a return is accepted.
    public var windowDays: Int
    /// Categories that cannot be returned.
    public var finalSaleCategories: [String]
    /// Conditions accepted for a return.
    public var acceptedConditions: [ItemCondition]
    /// Whether the merchant pays return shipping.
    public var freeReturns: Bool
    /// What the customer pays per return when returns are not free.
    public var customerFee: Money?
    /// Items worth less than this are refunded without being sent back.
    public var returnlessRefundBelow: Money?
    /// Whether the merchant may also refund without a return when sending an item back costs more than it recovers.
    public var allowReturnlessRefunds: Bool = true
    /// Items worth more than this always travel back, however much the return costs (none: no cap).
    public var returnlessRefundMaxValue: Money?

    /// Whether returns in `condition` are accepted: the one rule the plan (which leaves refused conditions out), the
    /// router (which refuses them) and the service share.
    public func accepts(_ condition: ItemCondition) -> Bool { acceptedConditions.contains(condition) }

    /// What the customer pays per return under the policy, in the policy's money: nothing when returns are free.
    public var chargedFee: Money? { freeReturns ? nil : customerFee }

    public init(
        windowDays: Int = 30, finalSaleCategories: [String] = [], acceptedConditions: [ItemCondition] = ItemCondition.allCases,
        freeReturns: Bool = true, customerFee: Money? = nil, returnlessRefundBelow: Money? = nil
    ) {
        self.windowDays = windowDays
        self.finalSaleCategories = finalSaleCategories
        self.acceptedConditions = acceptedConditions
        self.freeReturns = freeReturns
        self.customerFee = customerFee
        self.returnlessRefundBelow = returnlessRefundBelow
    }
}
