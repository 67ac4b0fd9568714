import Foundation

/// Reads the kernel's per-socket UDP receive-queue drop counter.
///
/// NIO does not surface SO_RXQ_OVFL's control messages and keeps the descriptor to itself, so the
/// count comes from /proc/net/udp and /proc/net/udp6 (the `drops` column of the socket bound to
/// our port, in this process's network namespace). Zero where there is no /proc (macOS).
enum UDPDropCounter {
    /// Sum of `drops` over the sockets bound to `port` in a /proc/net/udp{,6} table.
    static func drops(inTable text: String, localPort port: Int) -> Int {
        var total = 0
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 13, let colon = fields[1].lastIndex(of: ":"),
                  let p = Int(fields[1][fields[1].index(after: colon)...], radix: 16), p == port,
                  let d = Int(fields[12]) else { continue }
            total += d
        }
        return total
    }

    static func drops(localPort port: Int, ipv6: Bool) -> Int {
        let path = ipv6 ? "/proc/net/udp6" : "/proc/net/udp"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        return drops(inTable: text, localPort: port)
    }
}
