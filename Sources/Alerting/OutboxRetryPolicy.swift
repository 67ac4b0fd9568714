public import Store

/// The store's retry schedule for notifications, named apart from SNMP's request RetryPolicy
/// (the module `Store` and its protocol `Store` make `Store.RetryPolicy` unusable).
public typealias OutboxRetryPolicy = RetryPolicy
