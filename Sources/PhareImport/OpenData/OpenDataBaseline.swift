import Foundation
import PhareCore
import ZIPFoundation

/// The real open-data baseline bundled with Phare (`Resources/open-data/`, built by
/// `tools/build_open_data.py` from the producers' files; see docs/OPEN-DATA.md): the values in the
/// long layout, every territory written `level:code`, and the provenance of every source file.
public enum OpenDataBaseline {
    /// The dataset name the baseline's values are recorded under.
    public static let datasetName = "Données ouvertes de référence / open-data baseline (INSEE, SSMSI, DREES…)"
    public static let sourceFile = "bundled open-data baseline (open-data/values.csv.gz, provenance.json)"

    /// The baseline's values, checked against the catalogue and the territory tree like any import.
    public static func values(index: TerritoryIndex, catalogue: IndicatorCatalogue) throws -> IndicatorFileContents {
        let data = try gunzip(try resource("values", extension: "csv.gz"), file: "values.csv.gz")
        let document = try CSVDocument.parse(data: data, file: "open-data/values.csv.gz (bundled)")
        return try IndicatorValueFile.readLong(document, level: nil, index: index, catalogue: catalogue)
    }

    /// The provenance records of the baseline (`provenance.json`), as bytes to store with the values.
    public static func provenanceData() throws -> Data { try resource("provenance", extension: "json") }

    static func resource(_ name: String, extension ext: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "open-data") else {
            throw InputError(file: "open-data/\(name).\(ext)", message: "missing from this build (a packaging defect)")
        }
        return try Data(contentsOf: url)
    }

    /// The content of a gzip member (RFC 1952) without optional header fields, as
    /// `tools/build_open_data.py` writes it: a 10-byte header, raw DEFLATE, CRC-32 and size.
    static func gunzip(_ data: Data, file: String) throws -> Data {
        let bytes = [UInt8](data)
        guard bytes.count > 18, bytes[0] == 0x1f, bytes[1] == 0x8b, bytes[2] == 8 else {
            throw InputError(file: file, message: "not a gzip file")
        }
        guard bytes[3] == 0 else { throw InputError(file: file, message: "gzip header fields are not supported") }
        let deflated = Data(bytes[10..<(bytes.count - 8)])
        var output = Data()
        _ = try Data.decompress(
            size: Int64(deflated.count), bufferSize: 1 << 16, skipCRC32: true,
            provider: { position, size in
                deflated.subdata(in: Int(position)..<min(Int(position) + size, deflated.count))
            },
            consumer: { output.append($0) }
        )
        let size = bytes[(bytes.count - 4)...].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard UInt32(truncatingIfNeeded: output.count) == size else {
            throw InputError(
                file: file, message: "the gzip member is truncated (\(output.count) bytes, \(size) expected)")
        }
        return output
    }
}
