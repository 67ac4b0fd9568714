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
    private let unkeyed: [Int]

    /// Compiles a table.
    public init(rules: [ClassificationRule]) {
        self.rules = rules
        var compiled: [CompiledRule] = []
        var exact: [UInt64: [Int]] = [:]
        var prefixed: [Int] = []
        var unkeyed: [Int] = []
        for rule in rules {
            let c = CompiledRule(rule)
            let index = compiled.count
            compiled.append(c)
            if c.kind == .any {
                unkeyed.append(index)
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
        m.eventClass = .other
        m.interfaceSpan = nil
        m.matchedRuleID = nil
        let raw = m.raw
        var ctx = MatchContext(raw: raw, message: m)

        // 1. Exact keys.
        if let f = m.mnemonicFacilitySpan, let n = m.mnemonicNameSpan {
            var h = Bytes.hash(kind: KeyKind.mnemonic.rawValue, raw, f.lower, f.upper)
            h = (h ^ UInt64(Bytes.dash)) &* 0x100_0000_01b3
            for i in n.lower..<n.upper { h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3 }
            if let list = exact[h], apply(list, &m, &ctx, matches: { c in c.matchesMnemonic(raw, f, n) }) { return }
        }
        if m.asaMessageID != nil, let n = m.mnemonicNameSpan {
            // The ID's digits are the mnemonic's bytes (`%ASA-6-302013`): hash them in place.
            if let list = exact[Bytes.hash(kind: KeyKind.asa.rawValue, raw, n.lower, n.upper)],
                apply(list, &m, &ctx, matches: { c in Bytes.equal(raw, n, c.keyBytes) })
            {
                return
            }
        }
        if let e = m.eventIDSpan {
            if let list = exact[Bytes.hash(kind: KeyKind.eventID.rawValue, raw, e.lower, e.upper)],
                apply(list, &m, &ctx, matches: { c in Bytes.equal(raw, e, c.keyBytes) })
            {
                return
            }
        }
        if let a = m.appNameSpan {
            if let list = exact[Bytes.hash(kind: KeyKind.appName.rawValue, raw, a.lower, a.upper)],
                apply(list, &m, &ctx, matches: { c in Bytes.equal(raw, a, c.keyBytes) })
            {
                return
            }
        }
        // 2. Prefix keys.
        if !prefixed.isEmpty {
            let mnemonic = m.mnemonicFacilitySpan.flatMap { f in m.mnemonicNameSpan.map { (f, $0) } }
            let eventID = m.eventIDSpan
            if apply(
                prefixed, &m, &ctx,
                matches: { c in
                    switch c.kind {
                    case .mnemonic: mnemonic.map { c.matchesMnemonic(raw, $0.0, $0.1) } ?? false
                    case .eventID: eventID.map { c.matchesPrefix(raw, $0) } ?? false
                    default: false
                    }
                })
            {
                return
            }
        }
        // 3. Unkeyed.
        _ = apply(unkeyed, &m, &ctx, matches: { _ in true })
    }

    /// Classifies a copy.
    public func classified(_ message: SyslogMessage) -> SyslogMessage {
        var m = message
        classify(&m)
        return m
    }

    private func apply(
        _ list: [Int], _ m: inout SyslogMessage, _ ctx: inout MatchContext, matches: (CompiledRule) -> Bool
    ) -> Bool {
        for index in list {
            let rule = compiled[index]
            guard rule.dialects.isEmpty || rule.dialects.contains(m.dialect), matches(rule),
                rule.conditions.allSatisfy({ ctx.holds($0) })
            else { continue }
            m.eventClass = rule.eventClass
            m.matchedRuleID = rule.id
            for locator in rule.interface {
                if let s = ctx.locate(locator) {
                    m.interfaceSpan = s
                    break
                }
            }
            return true
        }
        return false
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

struct CompiledRule: Sendable {
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
struct MatchContext {
    let raw: [UInt8]
    let message: SyslogMessage
    let textLo: Int
    let textHi: Int

    init(raw: [UInt8], message: SyslogMessage) {
        self.raw = raw
        self.message = message
        textLo = message.messageSpan?.lower ?? 0
        textHi = message.messageSpan?.upper ?? 0
    }

    func named(_ key: [UInt8]) -> ByteSpan? {
        if let s = key.withUnsafeBufferPointer({ message.fieldSpan(named: $0) }) { return s }
        for p in message.sdParamSpans where Bytes.equal(raw, p.name, key) { return p.value }
        return nil
    }

    func holds(_ c: CompiledCondition) -> Bool {
        switch c {
        case .text(let terms):
            for t in terms where Bytes.find(raw, textLo, textHi, folded: t) != nil { return true }
            return false
        case .notText(let t):
            return Bytes.find(raw, textLo, textHi, folded: t) == nil
        case .field(let k, let v):
            guard let s = named(k) else { return false }
            return Bytes.find(raw, s.lower, s.upper, folded: v) != nil
        case .fieldEquals(let k, let v):
            guard let s = named(k) else { return false }
            return Bytes.equalFolded(raw, s, v)
        case .severityAtMost(let max):
            let sev: UInt8? =
                message.mnemonicNameSpan != nil ? message.mnemonicSeverity : message.priority?.severity.rawValue
            return sev.map { $0 <= max } ?? false
        }
    }

    func locate(_ l: CompiledLocator) -> ByteSpan? {
        switch l {
        case .after(let term):
            guard let at = Bytes.find(raw, textLo, textHi, folded: term) else { return nil }
            return word(at + term.count, textHi)
        case .before(let term):
            guard let at = Bytes.find(raw, textLo, textHi, folded: term) else { return nil }
            var lo = at
            while lo > textLo, raw[lo - 1] != Bytes.space { lo -= 1 }
            return lo < at ? ByteSpan(lo, at) : nil
        case .firstWord:
            return word(textLo, textHi)
        case .field(let k):
            guard let s = named(k), !s.isEmpty else { return nil }
            return s
        }
    }

    /// The word at `i` (after spaces), stopping at space, quote, comma, semicolon or parenthesis; trailing `.:`
    /// removed.
    func word(_ start: Int, _ hi: Int) -> ByteSpan? {
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
