import ChorusFeed
import Foundation

/// The HSDS 3 objects the export writes, with the standard's field names. An absent optional is left out.
extension HSDSExport {
    public struct Organization: Encodable, Sendable {
        var id: String
        var name: String
        var description: String
        var website: String?
        var email: String?
        var phones: [Phone]?
        var services: [Service]

        enum CodingKeys: String, CodingKey {
            case id, name, description, website, email, phones, services
        }
    }

    public struct Phone: Encodable, Sendable {
        enum Kind: String, Encodable, Sendable {
            case voice
        }

        var id: String
        var number: String
        var type: Kind

        enum CodingKeys: String, CodingKey {
            case id, number, type
        }
    }

    public struct Service: Encodable, Sendable {
        /// The HSDS service statuses a group's status maps to.
        enum Status: String, Encodable, Sendable {
            case active, defunct
            case temporarilyClosed = "temporarily closed"
        }

        var id: String
        var organizationId: String
        var name: String
        var status: Status
        var description: String
        var url: String
        var lastModified: String
        var feesDescription: String
        var applicationProcess: String
        var eligibilityDescription: String
        var languages: [Language]
        var costOptions: [CostOption]?
        var minimumAge: Int?
        var maximumAge: Int?
        var serviceAtLocations: [ServiceAtLocation]

        enum CodingKeys: String, CodingKey {
            case id, name, status, description, url, languages
            case organizationId = "organization_id"
            case lastModified = "last_modified"
            case feesDescription = "fees_description"
            case applicationProcess = "application_process"
            case eligibilityDescription = "eligibility_description"
            case costOptions = "cost_options"
            case minimumAge = "minimum_age"
            case maximumAge = "maximum_age"
            case serviceAtLocations = "service_at_locations"
        }
    }

    public struct Language: Encodable, Sendable {
        var id: String
        var name: String
        var code: String
        var note: String

        enum CodingKeys: String, CodingKey {
            case id, name, code, note
        }
    }

    public struct CostOption: Encodable, Sendable {
        var id: String
        var serviceId: String
        var option: String
        var currency: String?
        var amount: Double
        var amountDescription: String?

        enum CodingKeys: String, CodingKey {
            case id, option, currency, amount
            case serviceId = "service_id"
            case amountDescription = "amount_description"
        }
    }

    public struct ServiceAtLocation: Encodable, Sendable {
        var id: String
        var location: Location
        var schedules: [Schedule]

        enum CodingKeys: String, CodingKey {
            case id, location, schedules
        }
    }

    public struct Location: Encodable, Sendable {
        enum Kind: String, Encodable, Sendable {
            case physical, virtual
        }

        var id: String
        var locationType: Kind
        var name: String
        var description: String?
        var url: String?
        var latitude: Double?
        var longitude: Double?
        var addresses: [Address]?
        var transportation: String?
        var accessibility: [Accessibility]?

        enum CodingKeys: String, CodingKey {
            case id, name, description, url, latitude, longitude, addresses, transportation, accessibility
            case locationType = "location_type"
        }
    }

    public struct Address: Encodable, Sendable {
        var id: String
        var address1: String
        var city: String
        var stateProvince: String
        var postalCode: String
        var country: String
        var addressType: Location.Kind

        enum CodingKeys: String, CodingKey {
            case id, city, country
            case address1 = "address_1"
            case stateProvince = "state_province"
            case postalCode = "postal_code"
            case addressType = "address_type"
        }
    }

    public struct Accessibility: Encodable, Sendable {
        var id: String
        var description: String

        enum CodingKeys: String, CodingKey {
            case id, description
        }
    }

    public struct Schedule: Encodable, Sendable {
        enum Frequency: String, Encodable, Sendable {
            case weekly = "WEEKLY"
            case monthly = "MONTHLY"
        }

        var id: String
        var dtstart: String
        var opensAt: String
        var closesAt: String?
        var attendingType: AttendanceMode
        /// Hours from UTC.
        var timezone: Double?
        var freq: Frequency?
        var byday: String?
        var interval: Int?
        var wkst: String?
        var validFrom: String?
        var validTo: String?
        var until: String?
        var description: String
        var notes: String?

        enum CodingKeys: String, CodingKey {
            case id, dtstart, timezone, freq, byday, interval, wkst, until, description, notes
            case opensAt = "opens_at"
            case closesAt = "closes_at"
            case attendingType = "attending_type"
            case validFrom = "valid_from"
            case validTo = "valid_to"
        }
    }
}
