@testable import PipeStages

/// The normalize passes over scalars, one unit each: the plain reference that the tests compare
/// the stage's UTF-8 passes with.
extension Unicode.Scalar: TextUnit {
    public init(ascii: Unicode.Scalar) { self = ascii }

    public var startsScalar: Bool { true }

    public static func scalar(at index: Int, in units: UnsafeBufferPointer<Unicode.Scalar>) -> (scalar: Unicode.Scalar, length: Int) {
        (units[index], 1)
    }

    public static func scalar(before index: Int, in units: UnsafeBufferPointer<Unicode.Scalar>) -> (scalar: Unicode.Scalar, length: Int) {
        (units[index - 1], 1)
    }

    public static func string(_ units: some Collection<Unicode.Scalar>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: units)
        return String(scalars)
    }

    /// One unit at a time.
    public static func nextStopOrQuote(in units: UnsafeBufferPointer<Unicode.Scalar>, from start: Int) -> Int {
        var index = start
        while index < units.count, !units[index].isStopOrQuote { index += 1 }
        return index
    }

    /// None: every unit goes through the whole test.
    public static func plainLength(in units: UnsafeBufferPointer<Unicode.Scalar>, from start: Int) -> Int { 0 }
}
