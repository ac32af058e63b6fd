/// The closed vocabularies behind `FeedAnswers`, by the answer field each one fills, for forms built outside Swift
/// (the browser publisher): one definition with the CLI wizard, so their choices cannot drift apart.
public enum AnswerVocabularies {
    public static let byField: [(field: String, vocabulary: Vocabulary)] = [
        ("experiences", Experience.vocabulary),
        ("audience", AudienceKind.vocabulary),
        ("membership", MembershipKind.vocabulary),
        ("access", AccessRoute.vocabulary),
        ("fee", FeeKind.vocabulary),
        ("feePer", FeePeriod.vocabulary),
        ("independence", IndependenceKind.vocabulary),
        ("commitments", Commitment.vocabulary),
        ("groundRules", StandardGroundRule.vocabulary),
        ("venue.setting", Setting.vocabulary),
        ("venue.precision", Precision.vocabulary),
        ("venue.disclosure", Disclosure.vocabulary),
        ("venue.accessibility", AccessibilityFeature.vocabulary),
        ("meetings.mode", AttendanceMode.vocabulary),
        ("contactKind", ContactKind.vocabulary),
        ("status", ActivityStatus.vocabulary),
        ("notices.kind", NoticeKind.vocabulary),
    ]
}
