import Crypto
import Foundation
import PhareCore

/// A backup file: the whole observatory as one SQLite database, behind a header that names the
/// program, the format version, the length and the SHA-256 of what follows (docs/DATA-FORMATS.md).
///
///     offset  size  content
///          0     8  magic "PHAREBAK"
///          8     4  format version, unsigned little-endian (1)
///         12     8  payload length in bytes, unsigned little-endian
///         20    32  SHA-256 of the payload
///         52     …  payload: an SQLite observatory database (every table, every migration applied)
public enum ObservatoryBackup {
    static let magic = Data("PHAREBAK".utf8)
    static let version: UInt32 = 1
    static let headerLength = 52

    /// Writes a backup of the observatory at `location` to `file` (whole or not at all) and returns
    /// the digest of what it holds.
    public static func write(from location: ObservatoryLocation, to file: String) throws -> ObservatoryDigest {
        let folder = try WorkingFolder()
        let copy = folder.path + "/backup.sqlite"
        try location.exportSQLite(to: copy)
        let digest = try ObservatoryDigest.ofSQLite(copy)
        let payload = try Data(contentsOf: URL(fileURLWithPath: copy))
        var data = magic
        withUnsafeBytes(of: version.littleEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: SHA256.hash(data: payload))
        data.append(payload)
        do {
            try AtomicFile.write(data, to: file)
        } catch {
            throw StoreError("cannot write the backup: \(error)")
        }
        return digest
    }

    /// Checks the backup `file` whole (header, length, checksum, database), then replaces the
    /// observatory at `location` with it; an observatory already there is refused unless `force`.
    /// Nothing is written before every check has passed.
    public static func restore(_ file: String, to location: ObservatoryLocation, force: Bool) throws
        -> ObservatoryDigest
    {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw StoreError("cannot read the backup \(file): no such file or no permission")
        }
        guard data.count >= magic.count, data.prefix(magic.count) == magic else {
            throw StoreError("\(file) is not a Phare backup (it does not start with PHAREBAK): nothing was restored")
        }
        guard data.count >= headerLength else {
            throw StoreError("the backup \(file) is truncated (\(data.count) bytes, shorter than its header)")
        }
        let format = data.subdata(in: 8..<12).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }.littleEndian
        guard format == version else {
            throw StoreError(
                "the backup \(file) has format version \(format); this phare reads version \(version): use a "
                    + "phare of the same version")
        }
        let length = data.subdata(in: 12..<20).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian
        let payload = data.subdata(in: headerLength..<data.count)
        guard UInt64(payload.count) == length else {
            throw StoreError(
                "the backup \(file) is truncated: its header announces \(length) bytes of data, it holds "
                    + "\(payload.count); nothing was restored")
        }
        guard Data(SHA256.hash(data: payload)) == data.subdata(in: 20..<headerLength) else {
            throw StoreError("the backup \(file) is damaged (its SHA-256 does not match): nothing was restored")
        }
        let folder = try WorkingFolder()
        let copy = folder.path + "/restore.sqlite"
        try payload.write(to: URL(fileURLWithPath: copy))
        do {
            _ = try SQLiteObservatoryStore(path: copy)
        } catch {
            throw StoreError("the backup \(file) does not hold a readable observatory (\(error)): nothing was restored")
        }
        let expected = try ObservatoryDigest.ofSQLite(copy)
        if !force, try location.holdsObservatory() {
            throw StoreError(
                "\(location) already holds an observatory: restore into a new one, or add --force to replace it")
        }
        try location.replaceContents(withSQLite: copy, force: true)
        let restored = try location.digest()
        guard restored == expected else {
            throw StoreError("the observatory restored at \(location) differs from the backup \(file)")
        }
        return restored
    }
}

/// `phare store copy`: the whole observatory from one store to another, checked by counts and checksums.
public enum ObservatoryCopy {
    /// Copies `source` into `target` (refused when `target` already holds an observatory, unless
    /// `force`) and returns the digest both hold.
    public static func copy(from source: ObservatoryLocation, to target: ObservatoryLocation, force: Bool) throws
        -> ObservatoryDigest
    {
        guard source != target else { throw StoreError("the source and the target are the same observatory") }
        let folder = try WorkingFolder()
        let copy = folder.path + "/copy.sqlite"
        try source.exportSQLite(to: copy)
        let expected = try ObservatoryDigest.ofSQLite(copy)
        if !force, try target.holdsObservatory() {
            throw StoreError("\(target) already holds an observatory: add --force to replace it")
        }
        try target.replaceContents(withSQLite: copy, force: true)
        let copied = try target.digest()
        guard copied == expected else {
            let differing = zip(expected.tables, copied.tables).first { $0 != $1 }.map { $0.0.name } ?? "(table list)"
            throw StoreError("the copy at \(target) differs from \(source) in the table \(differing)")
        }
        return copied
    }
}
