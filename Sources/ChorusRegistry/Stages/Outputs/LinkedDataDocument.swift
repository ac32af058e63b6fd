import Foundation

/// The schema.org objects of a group page's JSON-LD, with schema.org's property names. An absent optional is left out.
extension GroupLinkedData {
    public struct Document: Encodable, Sendable {
        let context = "https://schema.org"
        var graph: [Event]

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case graph = "@graph"
        }
    }

    public struct Event: Encodable, Sendable {
        enum AttendanceMode: String, Encodable, Sendable {
            case offline = "https://schema.org/OfflineEventAttendanceMode"
            case online = "https://schema.org/OnlineEventAttendanceMode"
            case mixed = "https://schema.org/MixedEventAttendanceMode"
        }

        enum Status: String, Encodable, Sendable {
            case scheduled = "https://schema.org/EventScheduled"
            case postponed = "https://schema.org/EventPostponed"
        }

        let type = "Event"
        var name: String
        var description: String
        var url: String
        var eventAttendanceMode: AttendanceMode
        var eventStatus: Status
        var organizer: Organization
        var isAccessibleForFree: Bool
        var eventSchedule: [Schedule]
        var startDate: String
        var duration: String
        var inLanguage: [String]?
        var location: Locations?

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, description, url, eventAttendanceMode, eventStatus, organizer, isAccessibleForFree, eventSchedule
            case startDate, duration, inLanguage, location
        }
    }

    public struct Organization: Encodable, Sendable {
        let type = "Organization"
        var name: String
        var url: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, url
        }
    }

    public struct Schedule: Encodable, Sendable {
        let type = "Schedule"
        var scheduleTimezone: String
        var startDate: String
        var startTime: String
        var duration: String
        var endTime: String?
        var endDate: String?
        var exceptDate: [String]?
        var repeatFrequency: String?
        var byDay: [String]?
        var byMonthWeek: Int?
        var repeatCount: Int?

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case scheduleTimezone, startDate, startTime, duration, endTime, endDate, exceptDate
            case repeatFrequency, byDay, byMonthWeek, repeatCount
        }
    }

    /// An event's `location`: one location is written as an object, several as an array.
    public enum Locations: Encodable, Sendable {
        case one(Location)
        case several([Location])

        init?(_ locations: [Location]) {
            switch locations.count {
            case 0: return nil
            case 1: self = .one(locations[0])
            default: self = .several(locations)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .one(let location): try container.encode(location)
            case .several(let locations): try container.encode(locations)
            }
        }
    }

    public enum Location: Encodable, Sendable {
        case place(Place)
        case virtual(VirtualLocation)

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .place(let place): try place.encode(to: encoder)
            case .virtual(let virtual): try virtual.encode(to: encoder)
            }
        }
    }

    public struct Place: Encodable, Sendable {
        let type = "Place"
        var name: String
        var address: PostalAddress
        var geo: GeoCoordinates?
        var amenityFeature: [LocationFeatureSpecification]?

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, address, geo, amenityFeature
        }
    }

    public struct PostalAddress: Encodable, Sendable {
        let type = "PostalAddress"
        var addressCountry: String
        var addressLocality: String?
        var addressRegion: String?
        var streetAddress: String?
        var postalCode: String?

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case addressCountry, addressLocality, addressRegion, streetAddress, postalCode
        }
    }

    public struct GeoCoordinates: Encodable, Sendable {
        let type = "GeoCoordinates"
        var latitude: Double
        var longitude: Double

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case latitude, longitude
        }
    }

    public struct LocationFeatureSpecification: Encodable, Sendable {
        let type = "LocationFeatureSpecification"
        var name: String
        let value = true

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, value
        }
    }

    public struct VirtualLocation: Encodable, Sendable {
        let type = "VirtualLocation"
        var url: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case url
        }
    }
}
