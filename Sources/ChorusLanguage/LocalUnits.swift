/// Distances as the visitor's locale gives them: miles where roads are signed in miles, kilometres elsewhere, and
/// both where the visitor's browser named no region and the page is in English.
public enum DistanceUnit: Sendable {
    case kilometres, miles, both

    public static func forTag(_ tag: String) -> DistanceUnit {
        guard let region = LanguageTag.region(tag) else { return LanguageTag.primary(tag) == "en" ? .both : .kilometres }
        return ["US", "GB", "LR", "MM"].contains(region) ? .miles : .kilometres
    }
}
