/// One choice of a select, a radio group or a filter, as every page's template shows it.
struct FormOption {
    let value: String
    let label: String
    let selected: Bool
}
