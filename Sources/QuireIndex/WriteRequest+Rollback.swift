extension WriteRequest.Operation {
    /// Create, update and delete do every check and every git write before they touch the
    /// state, so a failure leaves it as it was and no copy is needed to roll it back. Keep it so.
    var failsOnlyBeforeChanging: Bool {
        switch self {
        case .create, .update, .delete: true
        default: false
        }
    }
}
