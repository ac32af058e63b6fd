import ChorusFeed
import Foundation

/// A deterministic pseudo-random source (SplitMix64), so every run builds the same directory.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
}

/// Groups spread over cities of several countries in proportion to population, with realistic meeting patterns.
public struct SyntheticDirectory {
    public struct City: Sendable {
        public let name: String
        public let region: String
        public let country: String
        public let latitude: Double
        public let longitude: Double
        public let zone: String
        public let languages: [String]
        public let weight: Int
    }

    public static let cities: [City] = [
        City(name: "London", region: "England", country: "GB", latitude: 51.507, longitude: -0.128, zone: "Europe/London", languages: ["en"], weight: 90),
        City(name: "Manchester", region: "England", country: "GB", latitude: 53.481, longitude: -2.244, zone: "Europe/London", languages: ["en"], weight: 30),
        City(name: "Leeds", region: "England", country: "GB", latitude: 53.801, longitude: -1.549, zone: "Europe/London", languages: ["en"], weight: 20),
        City(name: "Sheffield", region: "England", country: "GB", latitude: 53.383, longitude: -1.466, zone: "Europe/London", languages: ["en"], weight: 15),
        City(name: "Bristol", region: "England", country: "GB", latitude: 51.455, longitude: -2.597, zone: "Europe/London", languages: ["en"], weight: 15),
        City(name: "Glasgow", region: "Scotland", country: "GB", latitude: 55.864, longitude: -4.252, zone: "Europe/London", languages: ["en"], weight: 15),
        City(name: "Cardiff", region: "Wales", country: "GB", latitude: 51.481, longitude: -3.179, zone: "Europe/London", languages: ["en", "cy"], weight: 8),
        City(name: "Dublin", region: "Leinster", country: "IE", latitude: 53.350, longitude: -6.260, zone: "Europe/Dublin", languages: ["en", "ga"], weight: 15),
        City(name: "Cork", region: "Munster", country: "IE", latitude: 51.898, longitude: -8.471, zone: "Europe/Dublin", languages: ["en"], weight: 6),
        City(name: "New York", region: "New York", country: "US", latitude: 40.713, longitude: -74.006, zone: "America/New_York", languages: ["en", "es"], weight: 90),
        City(name: "Philadelphia", region: "Pennsylvania", country: "US", latitude: 39.952, longitude: -75.164, zone: "America/New_York", languages: ["en"], weight: 20),
        City(name: "Chicago", region: "Illinois", country: "US", latitude: 41.850, longitude: -87.650, zone: "America/Chicago", languages: ["en", "es"], weight: 35),
        City(name: "Springfield", region: "Illinois", country: "US", latitude: 39.802, longitude: -89.644, zone: "America/Chicago", languages: ["en"], weight: 4),
        City(name: "Springfield", region: "Massachusetts", country: "US", latitude: 42.101, longitude: -72.590, zone: "America/New_York", languages: ["en"], weight: 4),
        City(name: "Houston", region: "Texas", country: "US", latitude: 29.763, longitude: -95.363, zone: "America/Chicago", languages: ["en", "es"], weight: 30),
        City(name: "Denver", region: "Colorado", country: "US", latitude: 39.739, longitude: -104.985, zone: "America/Denver", languages: ["en"], weight: 15),
        City(name: "Los Angeles", region: "California", country: "US", latitude: 34.052, longitude: -118.244, zone: "America/Los_Angeles", languages: ["en", "es"], weight: 60),
        City(name: "Seattle", region: "Washington", country: "US", latitude: 47.606, longitude: -122.332, zone: "America/Los_Angeles", languages: ["en"], weight: 20),
        City(name: "Toronto", region: "Ontario", country: "CA", latitude: 43.651, longitude: -79.347, zone: "America/Toronto", languages: ["en", "fr"], weight: 30),
        City(name: "Montréal", region: "Québec", country: "CA", latitude: 45.509, longitude: -73.588, zone: "America/Toronto", languages: ["fr", "en"], weight: 20),
        City(name: "Nairobi", region: "Nairobi County", country: "KE", latitude: -1.283, longitude: 36.817, zone: "Africa/Nairobi", languages: ["en", "sw"], weight: 25),
        City(name: "Kisumu", region: "Kisumu County", country: "KE", latitude: -0.102, longitude: 34.762, zone: "Africa/Nairobi", languages: ["sw", "luo"], weight: 6),
        City(name: "Sydney", region: "NSW", country: "AU", latitude: -33.868, longitude: 151.207, zone: "Australia/Sydney", languages: ["en"], weight: 35),
        City(name: "Melbourne", region: "VIC", country: "AU", latitude: -37.814, longitude: 144.963, zone: "Australia/Melbourne", languages: ["en"], weight: 30),
        City(name: "Auckland", region: "Auckland", country: "NZ", latitude: -36.848, longitude: 174.763, zone: "Pacific/Auckland", languages: ["en", "mi"], weight: 12),
        City(name: "Berlin", region: "Berlin", country: "DE", latitude: 52.520, longitude: 13.405, zone: "Europe/Berlin", languages: ["de"], weight: 30),
        City(name: "München", region: "Bayern", country: "DE", latitude: 48.137, longitude: 11.575, zone: "Europe/Berlin", languages: ["de"], weight: 15),
        City(name: "Tokyo", region: "Tokyo", country: "JP", latitude: 35.690, longitude: 139.692, zone: "Asia/Tokyo", languages: ["ja"], weight: 60),
        City(name: "Cape Town", region: "Western Cape", country: "ZA", latitude: -33.925, longitude: 18.424, zone: "Africa/Johannesburg", languages: ["en", "af", "xh"], weight: 12),
        City(name: "São Paulo", region: "São Paulo", country: "BR", latitude: -23.548, longitude: -46.636, zone: "America/Sao_Paulo", languages: ["pt"], weight: 40),
    ]

    static let days: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]
    static let times = [(10, 0), (10, 30), (11, 0), (14, 0), (14, 30), (17, 30), (18, 0), (18, 30), (19, 0), (19, 30), (20, 0)]
    static let features = AccessibilityFeature.allCases
    static let names = ["Voices", "Hearing Voices", "Peer Voices", "Open Circle", "Visions", "Listening", "Compass", "Harbour", "Lantern", "Haven"]

    public var random: SeededRandom
    private let cumulative: [Int]

    public init(seed: UInt64) {
        random = SeededRandom(seed: seed)
        var total = 0
        cumulative = Self.cities.map { total += $0.weight; return total }
    }

    public mutating func city() -> City {
        let pick = Int.random(in: 0..<cumulative.last!, using: &random)
        return Self.cities[cumulative.firstIndex { pick < $0 }!]
    }

    public mutating func feed(_ index: Int, updated: Date) -> GroupFeed {
        let city = city()
        let onlineOnly = random.chance(0.12)
        let withheld = !onlineOnly && random.chance(0.05)
        var locations: [Location] = []
        if !onlineOnly {
            let spread = 0.15
            let latitude = city.latitude + Double.random(in: -spread...spread, using: &random) * Double.random(in: 0...1, using: &random)
            let longitude = city.longitude + Double.random(in: -spread...spread, using: &random) * Double.random(in: 0...1, using: &random)
            let features = Self.features.filter { _ in random.chance(0.3) }
            locations.append(Location(
                id: "venue", name: withheld ? nil : "Community room \(index % 97)", setting: .community,
                address: Address(street: withheld ? nil : "\(index % 300 + 1) High Street", locality: city.name, region: city.region, country: city.country),
                geo: withheld ? nil : Geo(latitude: (latitude * 10_000).rounded() / 10_000, longitude: (longitude * 10_000).rounded() / 10_000),
                precision: withheld ? .withheld : .exact, disclosure: withheld ? .onRequest : .public, timeZone: city.zone,
                accessibility: features))
        }
        let meetingCount = [1, 2, 2, 3, 3, 3, 4, 4, 5][Int.random(in: 0..<9, using: &random)]
        let meetings = (0..<meetingCount).map { number -> Meeting in
            let mode: AttendanceMode = onlineOnly ? .online : (random.chance(0.7) ? .inPerson : (random.chance(0.6) ? .online : .hybrid))
            let time = Self.times[Int.random(in: 0..<Self.times.count, using: &random)]
            let day = Self.days[Int.random(in: 0..<7, using: &random)]
            let roll = Double.random(in: 0..<1, using: &random)
            let recurrence: Recurrence = roll < 0.75 ? .weekly(interval: 1, days: [day])
                : roll < 0.88 ? .weekly(interval: 2, days: [day])
                : .monthly(interval: 1, ordinal: [1, 2, 3, -1][Int.random(in: 0..<4, using: &random)], day: day)
            let schedule = Schedule(recurrence: recurrence, startDate: LocalDate(year: 2026, month: 1, day: 5 + Int.random(in: 0..<14, using: &random))!,
                                    startTime: LocalTime(hour: time.0, minute: time.1)!, durationMinutes: [60, 90, 120][Int.random(in: 0..<3, using: &random)],
                                    timeZone: city.zone)
            return Meeting(id: "m\(number)", title: "\(day.name) group", mode: mode, locationID: mode.hasVenue ? "venue" : nil,
                           online: mode.hasOnlineRoom ? OnlineAccess(platform: "Jitsi Meet") : nil, schedule: schedule, facilitators: 2)
        }
        var languages = [city.languages[0]]
        if city.languages.count > 1 && random.chance(0.25) { languages.append(city.languages[1]) }
        let audienceRoll = Double.random(in: 0..<1, using: &random)
        let audience: Audience = audienceRoll < 0.05 ? Audience(id: .youngPeople, minimumAge: 14, maximumAge: 25, reason: "A space for young people")
            : audienceRoll < 0.13 ? Audience(id: .familyFriends, reason: "For the people around someone who hears voices")
            : audienceRoll < 0.17 ? Audience(id: .women, reason: "A women-only space")
            : audienceRoll < 0.20 ? Audience(id: .lgbtq, reason: "A space for LGBTQ+ people")
            : Audience(id: random.chance(0.5) ? .anyone : .livedExperience)
        let feeRoll = Double.random(in: 0..<1, using: &random)
        let fee = feeRoll < 0.9 ? Fee.free : feeRoll < 0.97 ? Fee(kind: .voluntaryContribution) : Fee(kind: .fee, amount: "3", currency: "EUR", per: .meeting)
        let name = Self.names[Int.random(in: 0..<Self.names.count, using: &random)]
        return GroupFeed(
            id: "urn:uuid:00000000-0000-4000-8000-\(String(format: "%012d", index))",
            title: "\(city.name) \(name) Group \(index)", updated: updated, language: languages[0],
            profile: GroupProfile(
                summary: "A peer support group in \(city.name) for people who hear voices, see visions or have other unusual experiences.",
                whatToExpect: "Come along, have a drink and listen. Nobody has to speak.", languages: languages, experiences: [.voices, .visions],
                audiences: [audience], membership: .open, accessRoutes: [.dropIn], fee: fee, independence: Independence(id: .independent),
                status: .active, commitments: [.voluntaryAttendance, .notTreatment], groundRules: [GroundRule(id: .confidentiality)],
                locations: locations, meetings: meetings,
                facilitation: Facilitation(poolSize: 3, livedExperience: 2, trained: 3),
                contacts: [Contact(kind: .email, uri: "mailto:group\(index)@groups.example.org")]))
    }
}
