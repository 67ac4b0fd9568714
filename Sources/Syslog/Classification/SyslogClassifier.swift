/// Maps parsed messages to ``EventClass``es through a table of ``ClassificationRule``s.
///
/// The table is compiled once into hash maps keyed by FNV-1a over the key bytes, so a message costs a few hash
/// lookups on spans of its own bytes, with no allocation. Rules are tried in this order, each group in table order,
/// and the first whose dialects and conditions hold wins:
/// 1. exact ``ClassificationRule/Key/mnemonic(_:)``, ``ClassificationRule/Key/asaMessageID(_:)``,
///    ``ClassificationRule/Key/eventID(_:)``, ``ClassificationRule/Key/appName(_:)`` matches, in that order;
/// 2. prefix keys (`*`);
/// 3. ``ClassificationRule/Key/any`` rules.
public struct SyslogClassifier: Sendable {
    /// The table, as given.
    public let rules: [ClassificationRule]

    private let compiled: [CompiledRule]
    private let exact: [UInt64: [Int]]
    private let prefixed: [Int]
    /// Unkeyed rules per dialect, so a message only walks the rules that can apply to it.
    private let unkeyed: [SyslogDialect: [Int]]

    /// Compiles a table.
    public init(rules: [ClassificationRule]) {
        self.rules = rules
        var compiled: [CompiledRule] = []
        var exact: [UInt64: [Int]] = [:]
        var prefixed: [Int] = []
        var unkeyed: [SyslogDialect: [Int]] = [:]
        for rule in rules {
            let c = CompiledRule(rule)
            let index = compiled.count
            compiled.append(c)
            if c.kind == .any {
                for d in SyslogDialect.allCases where c.dialects.isEmpty || c.dialects.contains(d) {
                    unkeyed[d, default: []].append(index)
                }
            } else if c.isPrefix {
                prefixed.append(index)
            } else {
                exact[Bytes.hash(kind: c.kind.rawValue, c.keyBytes), default: []].append(index)
            }
        }
        self.compiled = compiled
        self.exact = exact
        self.prefixed = prefixed
        self.unkeyed = unkeyed
    }

    /// The built-in table (``ClassificationRule/defaultRules``).
    public static let `default` = SyslogClassifier(rules: ClassificationRule.defaultRules)

    /// Sets ``SyslogMessage/eventClass``, ``SyslogMessage/interface`` and ``SyslogMessage/matchedRuleID``.
    public func classify(_ m: inout SyslogMessage) {
        if let (rule, interface) = match(m) {
            m.eventClass = rule.eventClass
            m.matchedRuleID = rule.id
            m.interfaceSpan = interface
        } else {
            m.eventClass = .other
            m.matchedRuleID = nil
            m.interfaceSpan = nil
        }
    }

    /// Classifies a copy.
    public func classified(_ message: SyslogMessage) -> SyslogMessage {
        var m = message
        classify(&m)
        return m
    }

    /// The first rule that holds for `m`, and the interface it locates.
    private func match(_ m: SyslogMessage) -> (CompiledRule, ByteSpan?)? {
        let raw = m.raw
        // 1. Exact keys.
        if let f = m.mnemonicFacilitySpan, let n = m.mnemonicNameSpan {
            var h = Bytes.hash(kind: KeyKind.mnemonic.rawValue, raw, f.lower, f.upper)
            h = (h ^ UInt64(Bytes.dash)) &* 0x100_0000_01b3
            for i in n.lower..<n.upper { h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3 }
            if let list = exact[h], let r = first(list, m, where: { $0.matchesMnemonic(raw, f, n) }) { return r }
            if m.asaMessageID != nil {
                // The ID's digits are the mnemonic's bytes (`%ASA-6-302013`): hash them in place.
                if let list = exact[Bytes.hash(kind: KeyKind.asa.rawValue, raw, n.lower, n.upper)],
                    let r = first(list, m, where: { Bytes.equal(raw, n, $0.keyBytes) })
                {
                    return r
                }
            }
        }
        if let e = m.eventIDSpan, let list = exact[Bytes.hash(kind: KeyKind.eventID.rawValue, raw, e.lower, e.upper)],
            let r = first(list, m, where: { Bytes.equal(raw, e, $0.keyBytes) })
        {
            return r
        }
        if let a = m.appNameSpan, let list = exact[Bytes.hash(kind: KeyKind.appName.rawValue, raw, a.lower, a.upper)],
            let r = first(list, m, where: { Bytes.equal(raw, a, $0.keyBytes) })
        {
            return r
        }
        // 2. Prefix keys.
        if !prefixed.isEmpty, m.mnemonicNameSpan != nil || m.eventIDSpan != nil,
            let r = first(
                prefixed, m,
                where: { c in
                    switch c.kind {
                    case .mnemonic:
                        guard let f = m.mnemonicFacilitySpan, let n = m.mnemonicNameSpan else { return false }
                        return c.matchesMnemonic(raw, f, n)
                    case .eventID:
                        guard let e = m.eventIDSpan else { return false }
                        return c.matchesPrefix(raw, e)
                    default:
                        return false
                    }
                })
        {
            return r
        }
        // 3. Unkeyed.
        guard let list = unkeyed[m.dialect] else { return nil }
        return first(list, m, where: { _ in true })
    }

    private func first(_ list: [Int], _ m: SyslogMessage, where keyMatches: (CompiledRule) -> Bool)
        -> (CompiledRule, ByteSpan?)?
    {
        for index in list {
            let rule = compiled[index]
            guard rule.dialects.isEmpty || rule.dialects.contains(m.dialect), keyMatches(rule) else { continue }
            var holds = true
            for c in rule.conditions where !Matcher.holds(c, m) {
                holds = false
                break
            }
            guard holds else { continue }
            var interface: ByteSpan?
            for locator in rule.interface {
                if let s = Matcher.locate(locator, m) {
                    interface = s
                    break
                }
            }
            return (rule, interface)
        }
        return nil
    }
}

// MARK: - Compiled form

enum KeyKind: UInt8 {
    case mnemonic = 1, asa, eventID, appName, any
}

enum CompiledCondition: Sendable {
    case text([[UInt8]])
    case notText([UInt8])
    case field([UInt8], contains: [UInt8])
    case fieldEquals([UInt8], [UInt8])
    case severityAtMost(UInt8)
}

enum CompiledLocator: Sendable {
    case after([UInt8])
    case before([UInt8])
    case firstWord
    case field([UInt8])
}

/// A rule in matching form; a class so the hot loop copies a reference, not five arrays.
final class CompiledRule: Sendable {
    let id: String
    let kind: KeyKind
    let keyBytes: [UInt8]
    let isPrefix: Bool
    let dialects: [SyslogDialect]
    let conditions: [CompiledCondition]
    let interface: [CompiledLocator]
    let eventClass: EventClass

    init(_ r: ClassificationRule) {
        func folded(_ s: String) -> [UInt8] { s.utf8.map(Bytes.lower) }
        id = r.id
        dialects = r.dialects
        eventClass = r.eventClass
        var key: String
        switch r.key {
        case .mnemonic(let s): kind = .mnemonic; key = s
        case .asaMessageID(let n): kind = .asa; key = String(n)
        case .eventID(let s): kind = .eventID; key = s
        case .appName(let s): kind = .appName; key = s
        case .any: kind = .any; key = ""
        }
        isPrefix = key.hasSuffix("*")
        if isPrefix { key.removeLast() }
        keyBytes = Array(key.utf8)
        conditions = r.conditions.map { c in
            switch c {
            case .text(let s): .text([folded(s)])
            case .anyText(let list): .text(list.map(folded))
            case .notText(let s): .notText(folded(s))
            case .field(let k, let v): .field(Array(k.utf8), contains: folded(v))
            case .fieldEquals(let k, let v): .fieldEquals(Array(k.utf8), folded(v))
            case .severityAtMost(let s): .severityAtMost(s.rawValue)
            }
        }
        interface = r.interface.map { l in
            switch l {
            case .after(let s): .after(folded(s))
            case .before(let s): .before(folded(s))
            case .firstWord: .firstWord
            case .field(let k): .field(Array(k.utf8))
            }
        }
    }

    /// `FACILITY-MNEMONIC` against the two spans, exactly or as a prefix.
    func matchesMnemonic(_ raw: [UInt8], _ f: ByteSpan, _ n: ByteSpan) -> Bool {
        let total = f.count + 1 + n.count
        if isPrefix ? total < keyBytes.count : total != keyBytes.count { return false }
        var k = 0
        for i in f.lower..<f.upper {
            guard k < keyBytes.count else { return true }
            if raw[i] != keyBytes[k] { return false }
            k += 1
        }
        guard k < keyBytes.count else { return true }
        if keyBytes[k] != Bytes.dash { return false }
        k += 1
        for i in n.lower..<n.upper {
            guard k < keyBytes.count else { return true }
            if raw[i] != keyBytes[k] { return false }
            k += 1
        }
        return k == keyBytes.count
    }

    func matchesPrefix(_ raw: [UInt8], _ s: ByteSpan) -> Bool {
        guard s.count >= keyBytes.count else { return false }
        var i = s.lower
        for b in keyBytes {
            if raw[i] != b { return false }
            i += 1
        }
        return true
    }
}

/// What conditions and locators look at: the message text and named values.
enum Matcher {
    static func named(_ key: [UInt8], _ m: SyslogMessage) -> ByteSpan? {
        if let s = key.withUnsafeBufferPointer({ m.fieldSpan(named: $0) }) { return s }
        for p in m.sdParamSpans where Bytes.equal(m.raw, p.name, key) { return p.value }
        return nil
    }

    static func holds(_ c: CompiledCondition, _ m: SyslogMessage) -> Bool {
        let raw = m.raw
        let lo = m.messageSpan?.lower ?? 0, hi = m.messageSpan?.upper ?? 0
        switch c {
        case .text(let terms):
            for t in terms where Bytes.find(raw, lo, hi, folded: t) != nil { return true }
            return false
        case .notText(let t):
            return Bytes.find(raw, lo, hi, folded: t) == nil
        case .field(let k, let v):
            guard let s = named(k, m) else { return false }
            return Bytes.find(raw, s.lower, s.upper, folded: v) != nil
        case .fieldEquals(let k, let v):
            guard let s = named(k, m) else { return false }
            return Bytes.equalFolded(raw, s, v)
        case .severityAtMost(let max):
            let sev: UInt8? = m.mnemonicNameSpan != nil ? m.mnemonicSeverity : m.priority?.severity.rawValue
            return sev.map { $0 <= max } ?? false
        }
    }

    static func locate(_ l: CompiledLocator, _ m: SyslogMessage) -> ByteSpan? {
        let raw = m.raw
        let lo = m.messageSpan?.lower ?? 0, hi = m.messageSpan?.upper ?? 0
        switch l {
        case .after(let term):
            guard let at = Bytes.find(raw, lo, hi, folded: term) else { return nil }
            return word(raw, at + term.count, hi)
        case .before(let term):
            guard let at = Bytes.find(raw, lo, hi, folded: term) else { return nil }
            var start = at
            while start > lo, raw[start - 1] != Bytes.space { start -= 1 }
            return start < at ? ByteSpan(start, at) : nil
        case .firstWord:
            return word(raw, lo, hi)
        case .field(let k):
            guard let s = named(k, m), !s.isEmpty else { return nil }
            return s
        }
    }

    /// The word at `start` (after spaces), stopping at space, quote, comma, semicolon or parenthesis; trailing `.:`
    /// removed.
    static func word(_ raw: [UInt8], _ start: Int, _ hi: Int) -> ByteSpan? {
        var i = start
        while i < hi, raw[i] == Bytes.space { i += 1 }
        let lo = i
        while i < hi {
            let b = raw[i]
            if b == Bytes.space || b == Bytes.comma || b == Bytes.quote || b == UInt8(ascii: ";")
                || b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: "'") || b < 0x20
            {
                break
            }
            i += 1
        }
        while i > lo, raw[i - 1] == Bytes.colon || raw[i - 1] == UInt8(ascii: ".") { i -= 1 }
        return i > lo ? ByteSpan(lo, i) : nil
    }
}
