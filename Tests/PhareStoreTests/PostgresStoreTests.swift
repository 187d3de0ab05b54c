import Foundation
import PhareCore
import PhareStore
import PhareTestSupport
import Testing

/// What is particular to the PostgreSQL store: bad URLs, servers and databases refused in one
/// sentence with nothing changed, and its schema versions. (Reads and writes are checked on both
/// stores by the parameterised suites.)
@Suite struct PostgresStoreTests {
    static func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func anUnreachableServerIsOneSentence() throws {
        // Port 1: nobody listens there.
        let message = Self.message { _ = try ObservatoryLocation("postgres://phare@127.0.0.1:1/phare").open() }
        #expect(message.hasPrefix("cannot reach the PostgreSQL server at 127.0.0.1:1"), "\(message)")
        #expect(message.contains("check that it is running"))
    }

    @Test func wrongCredentialsAreOneSentence() throws {
        let url = try PostgresTestServer.newDatabase()
        var components = try #require(URLComponents(string: url))
        components.password = "not-the-password"
        let wrong = try #require(components.string)
        let message = Self.message { _ = try ObservatoryLocation(wrong).open() }
        #expect(message.contains("refused the credentials of user phare"), "\(message)")
        #expect(message.contains("check the user and password"))
        #expect(!message.contains("not-the-password"))
    }

    @Test func aMissingDatabaseIsOneSentence() throws {
        let url = try PostgresTestServer.newDatabase() + "_absent"
        let message = Self.message { _ = try ObservatoryLocation(url).open() }
        #expect(message.contains("there is no database"), "\(message)")
    }

    @Test func aDatabaseThatIsNotAnObservatoryIsRefusedAndLeftAlone() throws {
        let url = try PostgresTestServer.newDatabase()
        try PostgresTestServer.psql(url, "CREATE TABLE invoices (id integer); INSERT INTO invoices VALUES (7)")
        let message = Self.message { _ = try ObservatoryLocation(url).open() }
        #expect(message.contains("holds 1 tables but is not a Phare observatory"), "\(message)")
        let initMessage = Self.message {
            try ObservatoryLocation(url).initialise(
                framework: StoreFixture.framework, frameworkSource: "bundled", territories: StoreFixture.tree,
                force: false)
        }
        #expect(initMessage.contains("is not a Phare observatory"), "\(initMessage)")
        #expect(
            try PostgresTestServer.value(
                url, "SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public'")
                == "invoices")
        #expect(try PostgresTestServer.value(url, "SELECT id FROM invoices") == "7")

        let empty = try PostgresTestServer.newDatabase()
        let emptyMessage = Self.message { _ = try ObservatoryLocation(empty).open() }
        #expect(emptyMessage.contains("is empty, not yet an observatory: create it with `phare init --db"))
    }

    @Test func aSchemaNewerThanThisPhareIsRefusedAndLeftAlone() throws {
        let (_, url) = try StoreFixture.initialised(.postgres)
        try PostgresTestServer.psql(url, "UPDATE phare_schema SET version = 99")
        let message = Self.message { _ = try ObservatoryLocation(url).open() }
        #expect(message.contains("has schema version 99, newer than this phare knows (5): upgrade phare"), "\(message)")
        #expect(try PostgresTestServer.value(url, "SELECT version FROM phare_schema") == "99")
    }

    @Test func initTwiceChangesNothingAndForceRebuilds() throws {
        let (store, url) = try StoreFixture.initialised(.postgres)
        let created = try store.description().createdAt
        let again = try ObservatoryLocation(url).initialise(
            framework: StoreFixture.framework, frameworkSource: "bundled", territories: StoreFixture.tree, force: false)
        #expect(again == .alreadyInitialised(appliedMigrations: []))
        #expect(try ObservatoryLocation(url).open().description().createdAt == created)
        let forced = try ObservatoryLocation(url).initialise(
            framework: StoreFixture.framework, frameworkSource: "bundled", territories: StoreFixture.tree, force: true,
            now: Date(timeIntervalSince1970: 0))
        #expect(forced == .rebuilt)
        let rebuilt = try ObservatoryLocation(url).open().description()
        #expect(rebuilt.createdAt == "1970-01-01T00:00:00Z")
        #expect(rebuilt.territoryCount == StoreFixture.tree.territories.count)
        #expect(!rebuilt.location.contains("phare:phare@"), "the password stays out of messages")
    }

    @Test func aURLWithoutDatabaseOrUserIsOneSentence() throws {
        #expect(Self.message { _ = try ObservatoryLocation("postgres://127.0.0.1:5432/") }.contains("names no"))
        #expect(Self.message { _ = try ObservatoryLocation("postgres://127.0.0.1/obs") }.contains("names no user"))
    }

    /// A write made through one store is seen by another open on the same database once it refreshes.
    @Test func aWriteThroughOneStoreReachesAnother() throws {
        let (first, url) = try StoreFixture.initialised(.postgres)
        let second = try #require(try ObservatoryLocation(url).open() as? PostgresObservatoryStore)
        #expect(try second.indicatorCatalogue().indicators.isEmpty)
        _ = try first.saveCatalogue(IndicatorStoreTests.definitions)
        #expect(try second.refresh())
        #expect(try second.indicatorCatalogue().indicators.map(\.code) == ["chomeurs", "actifs", "taux"])
        #expect(try !second.refresh())
        // And a write through the second, on top of the first's, reaches the first.
        _ = try second.saveCatalogue([IndicatorStoreTests.definitions[0]])
        let reopened = try ObservatoryLocation(url).open()
        #expect(try reopened.indicatorCatalogue().indicators.count == 3)
    }
}
