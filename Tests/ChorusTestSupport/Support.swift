import Foundation
import Testing

public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    public static func sampleFeeds() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path("Feeds")).filter { $0.hasSuffix(".xml") }.sorted().map { path("Feeds/" + $0) }
    }
}

public struct ProcessResult: Sendable {
    public let status: Int32
    public let output: String
    public let error: String

    public var lines: [String] { output.split(separator: "\n").map(String.init) }
}

public enum Run {
    /// The `chorus` binary built beside the test bundle.
    public static var chorus: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("chorus").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return Repository.path(".build/debug/chorus")
    }

    /// `program`, waited for on a Dispatch thread rather than one of Swift's few cooperative threads, which an
    /// in-process server under test needs free to answer the program.
    @discardableResult
    public static func programAside(_ executable: String, _ arguments: [String], input: String? = nil) async throws -> ProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try program(executable, arguments, input: input) }) }
        }
    }

    @discardableResult
    public static func program(_ executable: String, _ arguments: [String], input: String? = nil, in directory: String? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe(), error = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }

    /// Runs the binary off Swift's cooperative threads, for tests whose own in-process servers must keep answering it.
    @discardableResult
    public static func chorusAsync(_ arguments: String..., in directory: String? = nil) async throws -> ProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try program(chorus, arguments, in: directory) })
            }
        }
    }

    @discardableResult
    public static func chorus(_ arguments: String..., input: String? = nil, in directory: String? = nil) throws -> ProcessResult {
        try program(chorus, arguments, input: input, in: directory)
    }
}

/// Finds an outside program. Where it is missing, a developer's run skips with a printed reason;
/// under `CI=true` the test fails, so CI can never pass by skipping.
public enum ExternalTool {
    public static func find(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        if let found = paths.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(name) is not installed, and CI must run this test (.ci/run installs it)", sourceLocation: sourceLocation)
        } else {
            print("SKIPPED: \(name) is not installed here; install it to run this test (apt-get install \(name == "xmllint" ? "libxml2-utils" : name))")
        }
        return nil
    }
}

extension ExternalTool {
    /// A Python module for a test that drives a third-party checker; same skip-or-fail rule as programs.
    public static func pythonModule(_ module: String, package: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard let python = find("python3", sourceLocation: sourceLocation) else { return false }
        if let result = try? Run.program(python, ["-c", "import \(module)"]), result.status == 0 { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("the Python package \(package) is not installed, and CI must run this test (.ci/run installs it)", sourceLocation: sourceLocation)
        } else {
            print("SKIPPED: the Python package \(package) is not installed here; pip install \(package) to run this test")
        }
        return false
    }
}

/// A fresh directory under the system temporary folder.
public func scratchDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

public func copy(_ source: String, into directory: String, as name: String? = nil) throws -> String {
    let target = directory + "/" + (name ?? URL(fileURLWithPath: source).lastPathComponent)
    try FileManager.default.copyItem(atPath: source, toPath: target)
    return target
}
