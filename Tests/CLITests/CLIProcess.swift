import Foundation

/// Runs the built `couplinglab` binary as a child process, as a user would, and collects its output.
enum CLIProcess {
    typealias Result = (status: Int32, stdout: String, stderr: String)

    /// The binary beside the test bundle (SwiftPM puts products and test bundles in one folder).
    static var executable: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("couplinglab")
        }
        #endif
        return Bundle.main.bundleURL.appendingPathComponent("couplinglab")
    }

    /// A started process; `finish()` reads both pipes to the end and waits for the exit.
    final class Running {
        let process = Process()
        let out = Pipe(), err = Pipe()

        init(_ arguments: [String]) throws {
            process.executableURL = CLIProcess.executable
            process.arguments = arguments
            process.standardOutput = out
            process.standardError = err
            try process.run()
        }

        func finish() -> Result {
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
        }
    }

    /// Runs `couplinglab ARGUMENTS` to the end.
    static func run(_ arguments: [String]) throws -> Result { try Running(arguments).finish() }
}
