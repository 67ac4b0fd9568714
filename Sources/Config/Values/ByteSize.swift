import Foundation

/// Sizes as written in the config: `4MiB`, `64KiB`, `65536`, `1MB`.
struct ByteSize: ConfigScalar {
    var bytes: Int
    static var expected: String { "a size" }

    static let units: [(String, Int)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1),
    ]

    static func parse(_ text: String) -> Result<ByteSize, ScalarError> {
        let trimmed = text.replacingOccurrences(of: " ", with: "")
        let digits = trimmed.prefix { $0.isNumber }
        let unit = trimmed.dropFirst(digits.count)
        guard let number = Int(digits) else {
            return .failure(ScalarError("expected a size like 4MiB, 64KiB or 65536; found '\(text)'"))
        }
        if unit.isEmpty { return .success(ByteSize(bytes: number)) }
        guard let scale = units.first(where: { $0.0.caseInsensitiveCompare(unit) == .orderedSame })?.1 else {
            return .failure(ScalarError("unknown size unit '\(unit)'; use B, KiB, MiB, GiB, KB, MB or GB"))
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow ? .failure(ScalarError("size too large: '\(text)'")) : .success(ByteSize(bytes: bytes))
    }
}
