import ChorusTestSupport
import Foundation
import Testing

/// The fuzz targets' seed corpora and every input a campaign found crashing, replayed through the same code
/// (`chorus-fuzz TARGET FILE…`, built without the fuzzer): a crash that was fixed stays fixed.
@Suite struct FuzzCorpusTests {
    static let targets = ["feed", "signed-feed", "charter", "key", "signature", "search", "gazetteer", "push"]

    @Test(arguments: targets)
    func everySeedAndEveryOnceCrashingInputIsReadWithoutACrash(target: String) throws {
        let binary = Run.chorus.replacingOccurrences(of: "/chorus", with: "/chorus-fuzz", options: .backwards)
        var files: [String] = []
        for folder in ["Tests/Fuzz/corpus/\(target)", "Tests/Fuzz/crashes/\(target)"] {
            let path = Repository.path(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files += names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
        }
        #expect(!files.isEmpty)
        let result = try Run.program(binary, [target] + files)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("\(target): \(files.count) input(s) read"))
    }
}
