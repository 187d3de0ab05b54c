import Foundation

/// The stylesheet and the enhancement script of the dashboard (bundled resources).
public enum DashboardAssets {
    public static func stylesheet() throws -> Data { try resource("dashboard", "css") }
    public static func script() throws -> Data { try resource("dashboard", "js") }

    static func resource(_ name: String, _ ext: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(name).\(ext)"])
        }
        return try Data(contentsOf: url)
    }
}
