/// What a message reports, as far as Netwarden cares.
public enum EventClass: String, Hashable, Sendable, CaseIterable {
    /// An interface or link went down (operationally or administratively).
    case linkDown
    /// An interface or link came up.
    case linkUp
    /// The configuration was changed, committed or saved.
    case configChanged
    /// The device restarted or was asked to.
    case reboot
    /// A login or authentication attempt failed.
    case loginFailure
    /// A power supply, fan, temperature or other hardware fault.
    case hardwareFault
    /// Anything else.
    case other
}
