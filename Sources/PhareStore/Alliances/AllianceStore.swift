import Foundation
import GRDB
import PhareAnalysis
import PhareCore

/// The registry of alliances and innovation projects, in the observatory's own terms.
public protocol AllianceStore: Sendable {
    /// Records alliances in one transaction: an alliance whose id is already registered is replaced,
    /// the others are added. Returns how many were added and how many replaced.
    @discardableResult
    func saveAlliances(_ alliances: [Alliance]) throws -> (added: Int, replaced: Int)
}

extension SQLiteObservatoryStore {
    /// Migration `v7-alliances`: the registry (alliances, their partners, their domains).
    static func registerAllianceMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-alliances") { db in
            try db.execute(
                sql: """
                    CREATE TABLE alliance (
                        id TEXT PRIMARY KEY NOT NULL,
                        title TEXT NOT NULL,
                        category TEXT NOT NULL,
                        territory_level TEXT NOT NULL,
                        territory_code TEXT NOT NULL,
                        stage TEXT NOT NULL,
                        start_date TEXT NOT NULL,
                        end_date TEXT,
                        description TEXT NOT NULL,
                        link TEXT,
                        example INTEGER NOT NULL CHECK (example IN (0, 1)),
                        FOREIGN KEY (territory_level, territory_code) REFERENCES territory(level, code)
                    );
                    CREATE TABLE alliance_partner (
                        alliance_id TEXT NOT NULL REFERENCES alliance(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        PRIMARY KEY (alliance_id, position)
                    );
                    CREATE TABLE alliance_domain (
                        alliance_id TEXT NOT NULL REFERENCES alliance(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        domain TEXT NOT NULL REFERENCES domain(code),
                        PRIMARY KEY (alliance_id, position)
                    );
                    CREATE INDEX alliance_territory ON alliance(territory_level, territory_code);
                    CREATE INDEX alliance_domain_code ON alliance_domain(domain);
                    """)
        }
    }

    @discardableResult
    public func saveAlliances(_ alliances: [Alliance]) throws -> (added: Int, replaced: Int) {
        try writeData { db in
            var added = 0
            var replaced = 0
            for alliance in alliances {
                try db.execute(sql: "DELETE FROM alliance WHERE id = ?", arguments: [alliance.id])
                if db.changesCount > 0 { replaced += 1 } else { added += 1 }
                try db.execute(
                    sql: """
                        INSERT INTO alliance(id, title, category, territory_level, territory_code, stage, start_date,
                            end_date, description, link, example)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        alliance.id, alliance.title, alliance.category.rawValue, alliance.territory.level.rawValue,
                        alliance.territory.code, alliance.stage.rawValue, alliance.start.description,
                        alliance.end?.description, alliance.description, alliance.link, alliance.example ? 1 : 0,
                    ])
                for (position, partner) in alliance.partners.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO alliance_partner(alliance_id, position, name, kind) VALUES (?, ?, ?, ?)",
                        arguments: [alliance.id, position, partner.name, partner.kind.rawValue])
                }
                for (position, domain) in alliance.domains.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO alliance_domain(alliance_id, position, domain) VALUES (?, ?, ?)",
                        arguments: [alliance.id, position, domain])
                }
            }
            return (added, replaced)
        }
    }

    public func alliances() throws -> [Alliance] {
        try queue.read { db in
            var partners: [String: [AlliancePartner]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT alliance_id, name, kind FROM alliance_partner ORDER BY alliance_id, position")
            {
                guard let kind = PartnerKind(rawValue: row["kind"]) else {
                    throw StoreError("alliance \(row["alliance_id"] as String) has an unknown partner kind")
                }
                partners[row["alliance_id"], default: []].append(AlliancePartner(name: row["name"], kind: kind))
            }
            var domains: [String: [String]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT alliance_id, domain FROM alliance_domain ORDER BY alliance_id, position")
            {
                domains[row["alliance_id"], default: []].append(row["domain"])
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, title, category, territory_level, territory_code, stage, start_date, end_date,
                        description, link, example
                    FROM alliance ORDER BY id
                    """
            ).map { row in
                let id: String = row["id"]
                guard let category = PartnershipCategory(rawValue: row["category"]),
                    let level = TerritoryLevel(rawValue: row["territory_level"]),
                    let stage = InnovationStage(rawValue: row["stage"]),
                    let start = PartialDate(row["start_date"])
                else { throw StoreError("alliance \(id) holds a value this version of Phare cannot read") }
                let endText: String? = row["end_date"]
                return Alliance(
                    id: id, title: row["title"], partners: partners[id] ?? [], category: category,
                    domains: domains[id] ?? [], territory: TerritoryID(level, row["territory_code"]), stage: stage,
                    start: start, end: endText.flatMap(PartialDate.init), description: row["description"],
                    link: row["link"], example: (row["example"] as Int) == 1)
            }
        }
    }
}
