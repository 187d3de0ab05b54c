import Crypto
import Foundation
import HummingbirdBcrypt

/// Password hashing (bcrypt, through HummingbirdBcrypt) and the rules a new password follows.
public enum Passwords {
    /// The bcrypt cost used outside the tests: 2^12 rounds, about a quarter of a second a hash.
    public static let cost: UInt8 = 12
    public static let minimumLength = 10

    public static func hash(_ password: String, cost: UInt8 = cost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// Why `password` cannot be used, in one sentence, or nil when it can.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "the password must have at least \(minimumLength) characters" }
        if password.utf8.count > 72 { return "the password must have at most 72 bytes (bcrypt reads no further)" }
        return nil
    }
}

/// Random tokens and checksums.
public enum Tokens {
    /// 32 random bytes from the system's generator, in hexadecimal.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// The SHA-256 of `data` in lowercase hexadecimal.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    /// Compares two tokens in a time that does not depend on where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for (p, q) in zip(x, y) { difference |= p ^ q }
        return difference == 0
    }
}
