#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

// deep-bench: times FlowCore training steps of a deep coupling flow and prints one JSON line (bench/README.md).
do {
    let result = try runDeep(DeepOptions.parse(Array(CommandLine.arguments.dropFirst())))
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(result), as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
