/// The keys the decoder accepts, as (kind of object, key) pairs: found by running the decoder
/// over no document at all ("probing"), so the list cannot drift from what loading accepts.
public struct ConfigSchema: Sendable {
    public struct Key: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The kind of object holding the key: `polling`, `tenant`, `channel (email)`.
        public var kind: String
        public var key: String

        public static func < (a: Key, b: Key) -> Bool { (a.kind, a.key) < (b.kind, b.key) }
        public var description: String { "\(kind).\(key)" }
    }

    /// Every key the model accepts, with one path where it may be written.
    public var keys: [Key: ConfigKeyPath]

    /// The keys a loaded file actually wrote (non-null), with one path where each was written.
    public static func keysAccepted() -> ConfigSchema {
        let context = DecodingContext(file: "<schema>", environment: [:], baseDirectory: "/", probing: true)
        _ = NetwardenConfig.decode(ConfigNode(node: nil, path: .root, context: context))
        return ConfigSchema(keys: context.askedKeys)
    }
}
