import ChorusFeed
import Foundation
import Testing

@Suite struct DocumentationTests {
    @Test func everyVocabularyIDIsSpecified() throws {
        let spec = try Repository.text("Federation/group-feed.md")
        let schema = try Repository.text("Federation/schema/group-feed.rng")
        for vocabulary in Vocabulary.all {
            for term in vocabulary.terms {
                #expect(spec.contains("`\(term.id)`"), "group-feed.md does not define \(vocabulary.name) \(term.id)")
                #expect(schema.contains("<value>\(term.id)</value>"), "group-feed.rng does not allow \(vocabulary.name) \(term.id)")
            }
        }
    }
}
