/// The OpenAPI 3.1 description of the JSON API, served at `/openapi.json` (checked by
/// openapi-spec-validator in the tests).
enum OpenAPIDocument {
    /// The path item with its security requirement and 401/403 answers, as the route's access says:
    /// optional for what an admin can publish (`{}` is anonymous access), required otherwise.
    static func secured(_ pathItem: String, _ access: Access) -> String {
        let publishable: Bool
        switch access {
        case .anyone: return pathItem
        case .adminOrLoopbackPeer: publishable = false
        case .role(_, let publicAs): publishable = publicAs != nil
        }
        let security = !publishable ? #"[{"sessionCookie": []}]"# : #"[{"sessionCookie": []}, {}]"#
        return pathItem.replacingOccurrences(
            of: #""responses": {"#,
            with:
                ##""security": \##(security), "responses": {"401": {"$ref": "#/components/responses/Unauthorized"}, "##
                + ##""403": {"$ref": "#/components/responses/Forbidden"}, "##)
    }

    static func json(version: String) -> String {
        // The documented paths come from the route table, so that routing and the document agree.
        let paths = RouteTable.routes.compactMap { route in
            route.openAPI.map { "\n    \"\(route.pattern)\": " + secured($0, route.access) }
        }
        .joined(separator: ",")
        return #"""
            {
              "openapi": "3.1.0",
              "info": {
                "title": "Phare open data API",
                "version": "\#(version)",
                "summary": "Territories, framework and every table of the Phare dashboard, as JSON.",
                "description": "Read-only. Every table shown on the dashboard is also available at /api/v1/tables/{name} (JSON) and /download/{name}.csv or .xlsx, with the same query parameters as the page. Labels are in French unless lang=en.",
                "license": { "name": "GPL-3.0-or-later", "identifier": "GPL-3.0-or-later" }
              },
              "servers": [{ "url": "/" }],
              "paths": {\#(paths)},
              "components": {
                "parameters": {
                  "Lang": { "name": "lang", "in": "query", "required": false, "schema": { "type": "string", "enum": ["fr", "en"] }, "description": "Language of labels (default fr)." }
                },
                "responses": {
                  "BadRequest": { "description": "A parameter is malformed.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                  "NotFound": { "description": "Nothing has this code.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                  "Unauthorized": { "description": "Not signed in (and not published by an admin): sign in at /login.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                  "Forbidden": { "description": "Signed in, but the account's role is too low.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
                },
                "securitySchemes": {
                  "sessionCookie": { "type": "apiKey", "in": "cookie", "name": "phare_session", "description": "The session cookie set by POST /login. Readers see every resource; the audit log needs an admin. Without it, only what an admin published." }
                },
                "schemas": {
                  "AuditEntry": {
                    "type": "object",
                    "properties": { "id": { "type": "integer" }, "at": { "type": "string", "format": "date-time" }, "actor": { "type": "string" }, "action": { "type": "string" }, "file_name": { "type": ["string", "null"] }, "sha256": { "type": ["string", "null"] }, "counts": { "type": "object", "additionalProperties": { "type": "integer" } }, "detail": { "type": "string" } }
                  },
                  "Level": { "type": "string", "enum": ["pays", "region", "departement", "epci", "commune"] },
                  "Reference": {
                    "type": "object",
                    "required": ["level", "code", "name"],
                    "properties": { "level": { "$ref": "#/components/schemas/Level" }, "code": { "type": "string" }, "name": { "type": "string" } }
                  },
                  "Territory": {
                    "type": "object",
                    "required": ["level", "code", "name", "parent", "population", "area_km2", "density_per_km2", "overseas"],
                    "properties": {
                      "level": { "$ref": "#/components/schemas/Level" },
                      "code": { "type": "string" },
                      "name": { "type": "string" },
                      "parent": { "oneOf": [{ "$ref": "#/components/schemas/Reference" }, { "type": "null" }] },
                      "population": { "type": ["integer", "null"] },
                      "area_km2": { "type": ["number", "null"] },
                      "density_per_km2": { "type": ["number", "null"] },
                      "overseas": { "type": "boolean" }
                    }
                  },
                  "TerritoryDetail": {
                    "allOf": [
                      { "$ref": "#/components/schemas/Territory" },
                      {
                        "type": "object",
                        "required": ["ancestors", "counts", "children", "values"],
                        "properties": {
                          "ancestors": { "type": "array", "items": { "$ref": "#/components/schemas/Reference" } },
                          "counts": { "type": "object", "additionalProperties": { "type": "integer" } },
                          "children": { "type": "array", "items": { "$ref": "#/components/schemas/Reference" } },
                          "values": { "type": "object", "additionalProperties": { "type": "number" }, "description": "Value of each layer for this territory." }
                        }
                      }
                    ]
                  },
                  "Localized": { "type": "object", "required": ["fr", "en"], "properties": { "fr": { "type": "string" }, "en": { "type": "string" } } },
                  "Layer": {
                    "type": "object",
                    "required": ["id", "group", "label", "unit", "decimals", "rank_highest_first", "source", "levels"],
                    "properties": {
                      "id": { "type": "string" },
                      "group": { "type": "string", "enum": ["territory", "overall", "axis", "domain", "perception"] },
                      "subject": { "type": ["string", "null"], "description": "The axis or domain code." },
                      "actor": { "type": ["string", "null"] },
                      "label": { "$ref": "#/components/schemas/Localized" },
                      "unit": { "$ref": "#/components/schemas/Localized" },
                      "decimals": { "type": "integer" },
                      "rank_highest_first": { "type": "boolean" },
                      "source": { "type": "string" },
                      "levels": { "type": "array", "items": { "$ref": "#/components/schemas/Level" } }
                    }
                  },
                  "LayerValues": {
                    "type": "object",
                    "required": ["layer", "level", "national", "values"],
                    "properties": {
                      "layer": { "$ref": "#/components/schemas/Layer" },
                      "level": { "type": "string" },
                      "national": { "type": ["number", "null"] },
                      "values": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "required": ["code", "name", "value", "rank"],
                          "properties": { "code": { "type": "string" }, "name": { "type": "string" }, "value": { "type": ["number", "null"] }, "rank": { "type": ["integer", "null"] } }
                        }
                      }
                    }
                  },
                  "Framework": {
                    "type": "object",
                    "required": ["id", "version", "name", "axes", "domains", "actors"],
                    "properties": {
                      "id": { "type": "string" },
                      "version": { "type": "string" },
                      "name": { "$ref": "#/components/schemas/Localized" },
                      "axes": { "type": "array", "items": { "type": "object" } },
                      "domains": { "type": "array", "items": { "type": "object" } },
                      "actors": { "type": "array", "items": { "type": "object" } }
                    }
                  },
                  "Status": {
                    "type": "object",
                    "required": ["status", "data_version"],
                    "properties": {
                      "status": { "type": "string" },
                      "data_version": { "type": "string" },
                      "framework": { "type": "string" },
                      "territories": { "type": "integer" },
                      "layers": { "type": "integer" },
                      "indicator_results": { "type": "boolean" },
                      "survey_results": { "type": "boolean" }
                    }
                  },
                  "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": { "error": { "type": "object", "required": ["status", "message"], "properties": { "status": { "type": "integer" }, "message": { "type": "string" } } } }
                  }
                }
              }
            }
            """#
    }
}
