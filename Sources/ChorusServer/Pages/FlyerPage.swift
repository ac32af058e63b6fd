import ChorusFeed
import ChorusRegistry
import ChorusLanguage
import Foundation

/// The printable flyer: the group's name, who it is for, its next dates, where, how to join, how to get in touch,
/// and a QR code of its page, for notice boards in libraries and surgeries. Nothing on it that the page does not show.
struct FlyerView {
    struct Day {
        let text: String
        let meeting: String
    }

    let groupLang: String?
    var groupDir = "auto"
    let title: String
    let restriction: String?
    let summary: String
    let hasDates: Bool
    let dates: [Day]
    let noDates: String?
    let whereText: String
    let join: String
    let contacts: [GroupView.Contact]
    let pageURL: String
    let path: String
    /// An SVG element, made here from the page's address only; empty when the address is too long for a QR code
    /// (over 213 bytes), where the flyer gives the address alone.
    let qrCode: String
}

enum FlyerPage {
    static func view(_ group: PublicGroup, occurrences: [(meetingId: String, start: Date, end: Date, cancelled: Bool)], now: Date,
                     address: PublicAddress) -> FlyerView {
        let contacts = group.contacts.map(GroupPage.contact)
        let glance = GroupPage.glance(group, occurrences: occurrences, now: now, visitorZone: nil, contact: contacts.first)
        let region = group.places.first?.country
        let dates = occurrences.filter { !$0.cancelled }.prefix(4).compactMap { occurrence -> FlyerView.Day? in
            guard let meeting = group.meetings.first(where: { $0.id == occurrence.meetingId }),
                  let zone = TimeZone(identifier: meeting.timeZone) else { return nil }
            return FlyerView.Day(text: MeetingClock.shared.dateAndTime(occurrence.start, zone: zone, region: region), meeting: meeting.title)
        }
        let pageURL = address.groupPage(group.groupId)
        var view = FlyerView(
            groupLang: group.language, title: group.title, restriction: group.restriction?.sentence, summary: group.summary,
            hasDates: !dates.isEmpty, dates: Array(dates), noDates: glance.noDates, whereText: glance.whereText, join: glance.join,
            contacts: contacts, pageURL: pageURL, path: PageLanguage.current.link("/groups/" + PublicAddress.segment(group.groupId)),
            qrCode: (try? QRCode(pageURL))?.svg(label: tr("QR code of this group's page: {address}", ["address": pageURL])) ?? "")
        view.groupDir = GroupPage.direction(group.language)
        return view
    }
}
