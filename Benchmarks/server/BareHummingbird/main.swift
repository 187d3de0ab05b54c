import Hummingbird

// The ceiling of the stack for Benchmarks/server/run: one route, a fixed body of the size of a
// small page, no middleware. Usage: bare-hummingbird PORT
let arguments = CommandLine.arguments
let port = arguments.count > 1 ? Int(arguments[1]) ?? 8090 : 8090
let body = String(repeating: "<p>Phare bare route.</p>\n", count: 40)
let router = Router()
router.get("/bench/bare") { _, _ -> String in body }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
