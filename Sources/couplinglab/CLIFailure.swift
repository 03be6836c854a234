import ArgumentParser
import CouplingTheory
import FlowCore
import Foundation

/// The toolkit commands' error style: one `error: …` line on stderr naming the file and problem, exit 1.
enum CLIFailure {
    static func fail(_ message: String) -> Error {
        FileHandle.standardError.write(Data("error: \(message.replacingOccurrences(of: "\n", with: " "))\n".utf8))
        return ExitCode.failure
    }

    /// The text of `path`, or a one-line failure.
    static func readText(_ path: String) throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw fail("cannot read '\(path)': no such file or not readable UTF-8 text")
        }
    }

    /// Runs `body`, turning library errors into one-line failures prefixed with `file`.
    static func reporting<T>(file: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ModelFileError {
            throw fail(error.description)
        } catch let error as TheoryError {
            throw fail("\(file): \(error)")
        } catch let error as FlowCoreError {
            throw fail("\(file): \(error)")
        }
    }

    /// CSV text of a matrix: a header line, then one row per line in shortest round-trip form.
    static func csv(header: [String], rows: Int, _ value: (Int, Int) -> Double) -> String {
        var out = header.joined(separator: ",") + "\n"
        for r in 0..<rows {
            out += (0..<header.count).map { "\(value(r, $0))" }.joined(separator: ",") + "\n"
        }
        return out
    }
}
