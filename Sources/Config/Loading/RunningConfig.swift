import Foundation

/// The config a daemon runs on, and its reload (SIGHUP): a file that fails to load leaves
/// the running config in place and returns the problems.
public final class RunningConfig: @unchecked Sendable {
    public enum ReloadResult: Sendable {
        /// The new config is in place.
        case reloaded(previous: NetwardenConfig, current: NetwardenConfig)
        /// The file loads to the same config.
        case unchanged(NetwardenConfig)
        /// The file has problems; the running config (`kept`) stays.
        case rejected(problems: [ConfigProblem], kept: NetwardenConfig)
    }

    private let lock = NSLock()
    private var config: NetwardenConfig
    private let loader: ConfigLoader
    /// The file reloads read.
    public let file: String

    public init(_ config: NetwardenConfig, file: String? = nil, loader: ConfigLoader = ConfigLoader()) {
        self.config = config
        self.file = file ?? config.file
        self.loader = loader
    }

    /// Loads the file named, or throws every problem in it.
    public static func load(file: String, loader: ConfigLoader = ConfigLoader()) throws(ConfigErrors) -> RunningConfig {
        switch loader.load(file: file) {
        case .success(let config): return RunningConfig(config, file: file, loader: loader)
        case .failure(let errors): throw errors
        }
    }

    public var current: NetwardenConfig {
        lock.withLock { config }
    }

    /// Reads the file again; swaps the config in only when it loads without a problem.
    @discardableResult
    public func reload() -> ReloadResult {
        let result = loader.load(file: file)
        return lock.withLock {
            switch result {
            case .failure(let errors):
                return .rejected(problems: errors.problems, kept: config)
            case .success(let fresh):
                if fresh == config { return .unchanged(config) }
                let previous = config
                config = fresh
                return .reloaded(previous: previous, current: fresh)
            }
        }
    }
}
