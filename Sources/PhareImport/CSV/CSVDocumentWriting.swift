import Foundation

extension CSVDocument {
    /// The document as CSV text (its own separator, RFC 4180 quoting) with a column set to `values`:
    /// replaced when it exists, added at the end otherwise.
    public func rendered(settingColumn name: String, to values: [String]) -> String {
        let sep = String(separator)
        func escape(_ field: String) -> String {
            if field.contains(where: { String($0) == sep || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return field
        }
        let existing = column(name)
        var header = self.header
        if existing == nil { header.append(name) }
        var lines = [header.map(escape).joined(separator: sep)]
        lines.reserveCapacity(records.count + 1)
        for (offset, record) in records.enumerated() {
            var fields = record.fields
            if let existing { fields[existing] = values[offset] } else { fields.append(values[offset]) }
            lines.append(fields.map(escape).joined(separator: sep))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
