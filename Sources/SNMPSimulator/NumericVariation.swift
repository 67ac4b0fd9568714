#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SNMPCodec

/// snmpsim's `numeric` variation module: a number that moves with time.
///
/// A line `OID|TAG:numeric|k=v,k=v,...` is computed at each lookup as snmpsim 1.2.2 does:
///
///     t = elapsed seconds since start (or Unix time with `atime`)
///     v = function(t * rate)              (identity without `function`)
///     v = v * scale + offset              (when given)
///     v += a whole number in [-deviation, deviation)
///     v += initial                        (default: min)
///     v < min → min; v > max → wrap ? v mod max + min : max
///
/// `min` defaults to 0, `max` to 2^64-1 for Counter64 and 2^32-1 otherwise, `rate` to 1.
/// Counters with `rate` thus count up at `rate` per second from `initial`; TimeTicks recorded by
/// snmpsim carry `rate=100`. Two departures keep answers a pure function of the time: the
/// deviation is pseudo-random from the OID and the elapsed whole second instead of
/// `random.randrange`, and `cumulative` (whose state depends on every earlier request) is served
/// as if absent, with a warning at load.
struct NumericVariation: Sendable {
    enum Output: UInt8, Sendable {
        case integer, counter32, gauge32, timeTicks, counter64
    }

    enum Function: Sendable {
        case unary(@Sendable (Double) -> Double)
        case binary(@Sendable (Double, Double) -> Double)
    }

    enum Argument: Sendable {
        case time
        case constant(Double)
    }

    var output: Output
    var initial: Double
    var minimum: Double
    var maximum: Double
    var rate: Double
    var scale: Double?
    var offset: Double?
    /// Whole-number deviation bound; 0 for none.
    var deviation: Int64
    var wrap: Bool
    var absoluteTime: Bool
    var function: Function?
    var arguments: [Argument]
    /// Seeds the deviation; derived from the OID so it does not depend on the file's order.
    var seed: UInt64

    func value(at time: SimulationTime) -> SNMPValue {
        let t = absoluteTime ? time.unixTime : time.elapsedSeconds
        let x = t * rate
        var v: Double
        switch function {
        case nil: v = x
        case .unary(let f): v = f(argument(0, x))
        case .binary(let f): v = f(argument(0, x), argument(1, x))
        }
        if let scale { v *= scale }
        if let offset { v += offset }
        if deviation > 0 {
            let second = UInt64(bitPattern: time.elapsed.components.seconds)
            let random = NumericVariation.mix(seed ^ (second &* 0x9E37_79B9_7F4A_7C15))
            v += Double(Int64(random % UInt64(2 * deviation)) - deviation)
        }
        v += initial
        if v < minimum {
            v = minimum
        } else if v > maximum {
            if wrap && maximum != 0 {
                // Python's float modulo: the result takes the divisor's sign.
                v -= (v / maximum).rounded(.down) * maximum
                v += minimum
            } else {
                v = maximum
            }
        }
        if v.isNaN { v = minimum }
        return NumericVariation.convert(v, to: output)
    }

    @inline(__always)
    private func argument(_ index: Int, _ x: Double) -> Double {
        guard index < arguments.count else { return x }
        switch arguments[index] {
        case .time: return x
        case .constant(let c): return c
        }
    }

    /// Truncates toward zero, as Python's int() does, and clamps into the type's range.
    static func convert(_ v: Double, to output: Output) -> SNMPValue {
        switch output {
        case .integer: return .integer(Int32(clamping: v))
        case .counter32: return .counter32(UInt32(clamping: v))
        case .gauge32: return .gauge32(UInt32(clamping: v))
        case .timeTicks: return .timeTicks(UInt32(clamping: v))
        case .counter64:
            if v.isNaN || v <= 0 { return .counter64(0) }
            if v >= 18_446_744_073_709_551_616.0 { return .counter64(.max) }
            return .counter64(UInt64(v))
        }
    }

    /// splitmix64's finaliser.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Int32 {
    init(clamping v: Double) {
        if v.isNaN { self = 0 } else if v <= -2_147_483_648 { self = .min } else if v >= 2_147_483_647 { self = .max } else { self = Int32(v) }
    }
}

extension UInt32 {
    init(clamping v: Double) {
        if v.isNaN || v <= 0 { self = 0 } else if v >= 4_294_967_295 { self = .max } else { self = UInt32(v) }
    }
}

// MARK: - Parsing

extension NumericVariation {
    /// The functions of Python's `math` module that a `function=` may name.
    static func function(named name: Substring) -> Function? {
        switch name {
        case "sin": .unary { sin($0) }
        case "cos": .unary { cos($0) }
        case "tan": .unary { tan($0) }
        case "asin": .unary { asin($0) }
        case "acos": .unary { acos($0) }
        case "atan": .unary { atan($0) }
        case "sinh": .unary { sinh($0) }
        case "cosh": .unary { cosh($0) }
        case "tanh": .unary { tanh($0) }
        case "asinh": .unary { asinh($0) }
        case "acosh": .unary { acosh($0) }
        case "atanh": .unary { atanh($0) }
        case "exp": .unary { exp($0) }
        case "expm1": .unary { expm1($0) }
        case "log": .unary { log($0) }
        case "log2": .unary { log2($0) }
        case "log10": .unary { log10($0) }
        case "log1p": .unary { log1p($0) }
        case "sqrt": .unary { sqrt($0) }
        case "fabs": .unary { Swift.abs($0) }
        case "floor": .unary { $0.rounded(.down) }
        case "ceil": .unary { $0.rounded(.up) }
        case "trunc": .unary { $0.rounded(.towardZero) }
        case "degrees": .unary { $0 * 180 / Double.pi }
        case "radians": .unary { $0 * Double.pi / 180 }
        case "erf": .unary { erf($0) }
        case "erfc": .unary { erfc($0) }
        case "gamma": .unary { tgamma($0) }
        case "lgamma": .unary { lgamma($0) }
        case "pow": .binary { pow($0, $1) }
        case "atan2": .binary { atan2($0, $1) }
        case "hypot": .binary { hypot($0, $1) }
        case "fmod": .binary { fmod($0, $1) }
        case "copysign": .binary { copysign($0, $1) }
        default: nil
        }
    }

    /// Builds a variation from a `numeric` line's value field.
    ///
    /// - Parameters:
    ///   - parameters: The value field, `k=v` pairs separated by commas.
    ///   - output: The type the tag names.
    ///   - seed: Seeds the deviation.
    ///   - ignored: Collects parameters that are accepted but not honoured.
    /// - Returns: The variation, or a reason why snmpsim could not serve the line either.
    static func parse(_ parameters: Substring, output: Output, seed: UInt64,
                      ignored: inout [String]) -> Result<NumericVariation, VariationError> {
        var settings: [Substring: Substring] = [:]
        for item in snmpsimSplit(parameters, ",") {
            let pair = snmpsimSplit(item, "=")
            guard pair.count == 2 else { return .failure(.init("parameter '\(item)' is not key=value")) }
            settings[pair[0]] = pair[1]
        }
        var numbers: [Substring: Double] = [:]
        for (key, text) in settings where key != "function" {
            guard let number = pythonFloat(text) else {
                return .failure(.init("parameter \(key)='\(text)' is not a number"))
            }
            numbers[key] = number
        }
        let known: Set<Substring> = ["min", "max", "initial", "rate", "scale", "offset", "deviation", "wrap",
                                     "atime", "function", "cumulative"]
        for key in settings.keys where !known.contains(key) { ignored.append("unknown parameter '\(key)'") }
        if settings["cumulative"] != nil { ignored.append("'cumulative' is stateful; served as if absent") }

        let minimum = numbers["min"] ?? 0
        let maximum = numbers["max"] ?? (output == .counter64 ? 18_446_744_073_709_551_615.0 : 4_294_967_295.0)
        var deviation: Int64 = 0
        if let d = numbers["deviation"], d != 0 {
            guard d > 0, d.rounded(.towardZero) == d, d < 1e15 else {
                return .failure(.init("deviation=\(d) is not a positive whole number"))
            }
            deviation = Int64(d)
        }
        var function: Function?
        var arguments: [Argument] = []
        if let text = settings["function"] {
            let parts = snmpsimSplit(text, "%")
            guard let f = NumericVariation.function(named: parts[0]) else {
                return .failure(.init("unknown function '\(parts[0])'"))
            }
            for argument in parts.dropFirst() {
                if argument == "<time>" {
                    arguments.append(.time)
                } else if let c = pythonFloat(argument) {
                    arguments.append(.constant(c))
                } else {
                    return .failure(.init("function argument '\(argument)' is not a number"))
                }
            }
            let arity: Int
            switch f {
            case .unary: arity = 1
            case .binary: arity = 2
            }
            guard arguments.isEmpty ? arity == 1 : arguments.count == arity else {
                return .failure(.init("function '\(parts[0])' takes \(arity) argument(s)"))
            }
            function = f
        }
        return .success(NumericVariation(
            output: output, initial: numbers["initial"] ?? minimum, minimum: minimum, maximum: maximum,
            rate: numbers["rate"] ?? 1, scale: numbers["scale"], offset: numbers["offset"],
            deviation: deviation, wrap: settings["wrap"] != nil, absoluteTime: settings["atime"] != nil,
            function: function, arguments: arguments, seed: seed))
    }
}

struct VariationError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// snmpsim's `utils.split`: splits on the separator tripled if present, else doubled, else single.
func snmpsimSplit(_ text: Substring, _ separator: Character) -> [Substring] {
    for times in [3, 2] {
        let run = String(repeating: separator, count: times)
        if text.contains(run) {
            var result: [Substring] = []
            var rest = text
            while let range = rest.firstRange(of: run) {
                result.append(rest[rest.startIndex..<range.lowerBound])
                rest = rest[range.upperBound...]
            }
            result.append(rest)
            return result
        }
    }
    return text.split(separator: separator, omittingEmptySubsequences: false)
}

/// Python's float() on text: surrounding whitespace, `inf`, `nan` and underscores between digits.
func pythonFloat(_ text: Substring) -> Double? {
    var trimmed = text.drop { $0.isWhitespace }
    while let last = trimmed.last, last.isWhitespace { trimmed = trimmed.dropLast() }
    guard !trimmed.isEmpty else { return nil }
    if trimmed.contains("_") {
        // Python allows one underscore between two digits only.
        let chars = Array(trimmed)
        for (i, c) in chars.enumerated() where c == "_" {
            guard i > 0, i < chars.count - 1, chars[i - 1].isASCII, chars[i - 1].isNumber,
                  chars[i + 1].isASCII, chars[i + 1].isNumber else { return nil }
        }
        return Double(String(trimmed.filter { $0 != "_" }))
    }
    let lower = trimmed.lowercased()
    switch lower {
    case "inf", "+inf", "infinity", "+infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    case "nan", "+nan", "-nan": return .nan
    default: break
    }
    // Swift's Double(String) also takes hex floats, which Python's float() does not.
    guard !lower.contains("x") else { return nil }
    return Double(String(trimmed))
}
