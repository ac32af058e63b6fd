import Testing

/// The suites that load the whole machine (a real browser, third-party checkers, many processes) and the ones that
/// measure deadlines, run one after another, never beside each other: on two cores a browser's scrypt or axe-core
/// run beside a 2-second fetch deadline makes the deadline, not the code, fail. The other suites still run alongside.
@Suite(.serialized) enum MachineHeavyTests {}
