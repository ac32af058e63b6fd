/// Charter commitments a group declares (`<g:commitment id=…>`).
public enum Commitment: String, VocabularyTerm {
    case voluntaryAttendance = "voluntary-attendance"
    case noCoerciveReferral = "no-coercive-referral"
    case noRiskAssessment = "no-risk-assessment"
    case noAttendanceReporting = "no-attendance-reporting"
    case confidentialityKnownLimits = "confidentiality-known-limits"
    case groupDecidesConfidentiality = "group-decides-confidentiality"
    case diversityOfExplanation = "diversity-of-explanation"
    case noAssumptionOfIllness = "no-assumption-of-illness"
    case experiencesAcceptedAsReal = "experiences-accepted-as-real"
    case notTreatment = "not-treatment"
    case membersAreExperts = "members-are-experts"
    case ordinaryLanguage = "ordinary-language"
    case selfHelpEthos = "self-help-ethos"
    case sharingFocus = "sharing-focus"
    case talkAboutAnything = "talk-about-anything"
    case belongAsLongAsWished = "belong-as-long-as-wished"
    case equalityOfMembers = "equality-of-members"
    case openBeyondServices = "open-beyond-services"
    case livedExperienceFacilitation = "lived-experience-facilitation"
    case peerLed = "peer-led"
    case notTimeLimited = "not-time-limited"
    case noCompulsoryForms = "no-compulsory-forms"
    case feedbackRoute = "feedback-route"
    case noProfessionalSoliciting = "no-professional-soliciting"
    case moderatedOnline = "moderated-online"
    case hearingVoicesApproach = "hearing-voices-approach"

    public static let vocabularyName = "commitment"

    public var wording: TermWording {
        switch self {
        case .voluntaryAttendance: TermWording("Voluntary attendance", "Attendance is voluntary and self-determined; it is never imposed as a condition of anything.")
        case .noCoerciveReferral: TermWording("No coercive referral", "The group never refers anyone against their will, or to services where coercion may be used.")
        case .noRiskAssessment: TermWording("No risk assessment", "The group does no referral-out, discharge or risk assessment of its members.")
        case .noAttendanceReporting: TermWording("No reporting on attendance", "Facilitators do not report attendance or what members say to services.")
        case .confidentialityKnownLimits: TermWording("Confidentiality with known limits", "What is said stays in the group as far as possible, and members know the limits of that.")
        case .groupDecidesConfidentiality: TermWording("The group decides confidentiality", "The group itself, not the facilitator, decides the limits of confidentiality.")
        case .diversityOfExplanation: TermWording("Any explanation is welcome", "Members may understand their experiences in any way; no explanation is imposed.")
        case .noAssumptionOfIllness: TermWording("No assumption of illness", "Nobody is assumed to be ill because of their experiences.")
        case .experiencesAcceptedAsReal: TermWording("Experiences accepted as real", "Voices, visions and similar experiences are accepted as real to the person who has them.")
        case .notTreatment: TermWording("Not a treatment group", "The group is not a treatment or clinical group.")
        case .membersAreExperts: TermWording("Members are the experts", "Every member is treated as the expert on their own experience.")
        case .ordinaryLanguage: TermWording("Ordinary language", "The group uses ordinary, not clinical, language.")
        case .selfHelpEthos: TermWording("Self-help and mutual respect", "The group runs on self-help, mutual respect, support and empathy.")
        case .sharingFocus: TermWording("Sharing experiences", "The main focus of meetings is sharing experiences.")
        case .talkAboutAnything: TermWording("Free to talk about anything", "Members are free to talk about anything and to challenge social norms.")
        case .belongAsLongAsWished: TermWording("Belong for as long as you wish", "Members belong to the group for as long as they wish and are accepted as they are.")
        case .equalityOfMembers: TermWording("Everyone is equal", "Everyone, facilitators included, is equal; decisions and problems are handled together.")
        case .openBeyondServices: TermWording("Open beyond services", "The group is open to people who do not use mental health services and to people from other areas.")
        case .livedExperienceFacilitation: TermWording("Facilitated by people with lived experience", "The group aims to be facilitated by people with lived experience.")
        case .peerLed: TermWording("Peer-led", "The group is run by its members for its members.")
        case .notTimeLimited: TermWording("Not time-limited", "Attendance is not time-limited; there is no course to finish.")
        case .noCompulsoryForms: TermWording("No compulsory forms", "No forms or sign-in are required; any attendance sheet is voluntary.")
        case .feedbackRoute: TermWording("A way to give feedback", "The group has a way for members to give feedback or complain.")
        case .noProfessionalSoliciting: TermWording("No recruiting of clients", "Professionals may not use the group to recruit clients.")
        case .moderatedOnline: TermWording("Moderated online spaces", "Online spaces of the group are moderated.")
        case .hearingVoicesApproach: TermWording("The Hearing Voices approach", "The group follows the Hearing Voices Movement approach as set out in its network's charter.")
        }
    }
}

/// The shared ground rules a group may declare by id (`<g:ground-rule id=…>`); free text needs no id.
public enum StandardGroundRule: String, VocabularyTerm {
    case confidentiality
    case nonJudgement = "non-judgement"
    case rightToPass = "right-to-pass"
    case boundaries
    case respectDiversity = "respect-diversity"
    case speakingTime = "speaking-time"
    case noCrossTalk = "no-cross-talk"
    case sharedRoles = "shared-roles"
    case noOffensiveRemarks = "no-offensive-remarks"
    case facilitatorMayIntervene = "facilitator-may-intervene"
    case noRecoveryTimetable = "no-recovery-timetable"
    case askBeforeAdvising = "ask-before-advising"
    case respectChoices = "respect-choices"
    case safeguarding
    case punctuality
    case onlineConduct = "online-conduct"

    public static let vocabularyName = "ground rule"

    public var wording: TermWording {
        switch self {
        case .confidentiality: TermWording("Confidentiality", "Names and what is shared stay in the room; members leave with shared wisdom, not names.")
        case .nonJudgement: TermWording("No judgement", "Feelings and experiences are neither right nor wrong; nobody is judged.")
        case .rightToPass: TermWording("You may just listen", "Everyone may just be there; there is no pressure to speak, and anyone may step out.")
        case .boundaries: TermWording("Boundaries", "Members respect each other's boundaries and are not intrusive.")
        case .respectDiversity: TermWording("Respect for everyone", "Everyone is met with empathy and respect, without discrimination.")
        case .speakingTime: TermWording("Time to speak", "Everyone gets time to speak without interruption.")
        case .noCrossTalk: TermWording("One at a time", "One person speaks at a time; no talking over others.")
        case .sharedRoles: TermWording("Shared roles", "Roles, from making tea to facilitating, are shared in turn.")
        case .noOffensiveRemarks: TermWording("No offensive remarks", "No discriminatory, offensive or sexual remarks or jokes.")
        case .facilitatorMayIntervene: TermWording("The facilitator may step in", "The facilitator may step in on a breach of the ground rules or a disruption.")
        case .noRecoveryTimetable: TermWording("No recovery timetable", "There is no standard timetable for recovery; showing emotion is fine.")
        case .askBeforeAdvising: TermWording("Ask before advising", "Members ask before offering advice and inform rather than prescribe.")
        case .respectChoices: TermWording("Respect for choices", "Members respect each other's choices about treatment and support.")
        case .safeguarding: TermWording("Safeguarding", "Abuse or serious harm is referred on as national law requires, and members know this.")
        case .punctuality: TermWording("Punctuality", "Members arrive on time or let the group know.")
        case .onlineConduct: TermWording("Online conduct", "Harmful posts online lead to a pause in access, with support continued.")
        }
    }
}
