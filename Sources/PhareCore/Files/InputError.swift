import Foundation

/// A problem in an input file, located as precisely as possible: file, line, column.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += " column \(column)" }
        return "\(location): \(message)"
    }
}

/// Several input problems reported at once (an import lists all of them, not just the first).
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]

    public init(_ errors: [InputError]) { self.errors = errors }

    public var description: String {
        let shown = errors.prefix(200).map(\.description)
        let more = errors.count > 200 ? ["… and \(errors.count - 200) more problems"] : []
        return (["\(errors.count) problem\(errors.count > 1 ? "s" : "") found:"] + shown + more).joined(separator: "\n")
    }
}
