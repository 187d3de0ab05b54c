import Foundation

/// A reproducible pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014): the same seed
/// gives the same sequence on every machine, which the Monte-Carlo analyses and the demo data
/// generators rely on. Not for cryptography.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 bits of precision.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal draw (Box–Muller).
    public mutating func nextNormal() -> Double {
        var u1 = nextUniform()
        while u1 <= .leastNonzeroMagnitude { u1 = nextUniform() }
        let u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
