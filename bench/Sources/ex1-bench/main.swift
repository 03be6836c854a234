#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

// ex1-bench: times FlowCore's Example 1 training and prints one JSON line (see bench/README.md).
do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    let result = try Ex1Benchmark(options: options).run()
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(result), as: UTF8.self))
} catch BenchError.help {
    print(BenchOptions.usage)
} catch let error as BenchError {
    FileHandle.standardError.write(Data("\(error)\n".utf8))   // its description names ex1-bench already
    exit(2)
} catch {
    FileHandle.standardError.write(Data("ex1-bench: \(error)\n".utf8))
    exit(1)
}
