import Foundation

/// Where and how a report was made: commit, toolchain, machine, plus caller-supplied entries.
public struct Provenance: Sendable, Codable {
    /// `git rev-parse HEAD`, or "unknown".
    public var commit: String
    /// Whether `git status --porcelain` reported changes (nil when git is unavailable).
    public var dirty: Bool?
    public var swiftVersion: String
    public var operatingSystem: String
    public var cpu: String
    /// Extra entries from the caller, e.g. `["Cairo": "1.18.0"]` (Report does not link Cairo).
    public var extra: [String: String]

    public init(commit: String, dirty: Bool?, swiftVersion: String, operatingSystem: String,
                cpu: String, extra: [String: String]) {
        self.commit = commit
        self.dirty = dirty
        self.swiftVersion = swiftVersion
        self.operatingSystem = operatingSystem
        self.cpu = cpu
        self.extra = extra
    }

    /// Collects provenance for the repository at `repository` (git runs there).
    public static func collect(repository: URL, extra: [String: String] = [:]) -> Provenance {
        let commit = run("/usr/bin/env", ["git", "-C", repository.path, "rev-parse", "HEAD"])
        // `--no-optional-locks`: reading provenance must never take the index lock or rewrite it.
        let status = commit == nil ? nil
            : run("/usr/bin/env", ["git", "--no-optional-locks", "-C", repository.path, "status", "--porcelain"])
        return Provenance(
            commit: commit ?? "unknown",
            dirty: status.map { !$0.isEmpty },
            swiftVersion: compiledSwiftVersion,
            operatingSystem: ProcessInfo.processInfo.operatingSystemVersionString,
            cpu: cpuModel(),
            extra: extra)
    }

    /// The Swift language version this binary was compiled with (no need to run `swift`).
    static var compiledSwiftVersion: String {
        // `compiler(...)` tests the compiler, unlike `swift(...)`, which tests the language mode (5 here).
        #if compiler(>=6.4)
        return "Swift compiler ≥ 6.4"
        #elseif compiler(>=6.3)
        return "Swift compiler 6.3"
        #elseif compiler(>=6.2)
        return "Swift compiler 6.2"
        #elseif compiler(>=6.1)
        return "Swift compiler 6.1"
        #else
        return "Swift compiler < 6.1"
        #endif
    }

    /// The CPU model from /proc/cpuinfo (Linux) or `sysctl` (macOS), with the core count.
    static func cpuModel() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let name = line.split(separator: ":", maxSplits: 1).last {
            return "\(name.trimmingCharacters(in: .whitespaces)) (\(cores) cores)"
        }
        if let name = run("/usr/sbin/sysctl", ["-n", "machdep.cpu.brand_string"]) {
            return "\(name) (\(cores) cores)"
        }
        return "unknown (\(cores) cores)"
    }

    /// Runs a command and returns its trimmed standard output, or nil on any failure.
    static func run(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
