/// The OpenAPI 3.1 description of the JSON API, served at `/openapi.json` (checked by
/// openapi-spec-validator in the tests).
enum OpenAPIDocument {
    static func json(version: String) -> String {
        #"""
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
          "paths": {
            "/api/v1/status": {
              "get": {
                "operationId": "getStatus",
                "summary": "State of the data served (version, what is loaded).",
                "responses": { "200": { "description": "Status.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Status" } } } } }
              }
            },
            "/api/v1/framework": {
              "get": {
                "operationId": "getFramework",
                "summary": "The framework: axes, domains, actors, typologies and scales.",
                "responses": { "200": { "description": "The framework recorded in the observatory.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Framework" } } } } }
              }
            },
            "/api/v1/territories": {
              "get": {
                "operationId": "listTerritories",
                "summary": "Territories of one level, optionally below a parent.",
                "parameters": [
                  { "name": "level", "in": "query", "required": false, "schema": { "$ref": "#/components/schemas/Level" }, "description": "Level listed (default region). Communes need a parent." },
                  { "name": "parent", "in": "query", "required": false, "schema": { "type": "string" }, "description": "An INSEE code (44) or level:code (departement:44)." }
                ],
                "responses": {
                  "200": { "description": "Territories sorted by code.", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Territory" } } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/v1/territories/{level}/{code}": {
              "get": {
                "operationId": "getTerritory",
                "summary": "One territory with its ancestors, counts, children and values.",
                "parameters": [
                  { "name": "level", "in": "path", "required": true, "schema": { "$ref": "#/components/schemas/Level" } },
                  { "name": "code", "in": "path", "required": true, "schema": { "type": "string" }, "description": "INSEE code (44 for Grand Est at level region)." }
                ],
                "responses": {
                  "200": { "description": "The territory.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/TerritoryDetail" } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/v1/layers": {
              "get": {
                "operationId": "listLayers",
                "summary": "The figures the maps can show (territory figures, then the analyses' results as they are loaded).",
                "responses": { "200": { "description": "Layers.", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Layer" } } } } } }
              }
            },
            "/api/v1/layers/{id}": {
              "get": {
                "operationId": "getLayerValues",
                "summary": "One layer's values and ranks for the regions or the départements.",
                "parameters": [
                  { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
                  { "name": "level", "in": "query", "required": false, "schema": { "type": "string", "enum": ["region", "departement"] } }
                ],
                "responses": {
                  "200": { "description": "Values.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/LayerValues" } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/v1/regions/{code}/profile": {
              "get": {
                "operationId": "getRegionProfile",
                "summary": "The region profile: identity card, fragilities measured and felt, co-construction, practices against France, synthesis and provenance (404 when no analysis is loaded).",
                "parameters": [{ "name": "code", "in": "path", "required": true, "schema": { "type": "string" }, "description": "INSEE code of the region (44 for Grand Est)." }],
                "responses": {
                  "200": { "description": "The RegionProfile as computed by PhareCore (ObservatoryAnalysis).", "content": { "application/json": { "schema": { "type": ["object", "array"] } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/v1/regions/{code}/crossview": {
              "get": {
                "operationId": "getRegionCrossView",
                "summary": "The cross-view cells of a region: measured score and rank, each actor's perception, verdicts and class per domain.",
                "parameters": [{ "name": "code", "in": "path", "required": true, "schema": { "type": "string" }, "description": "INSEE code of the region (44 for Grand Est)." }],
                "responses": {
                  "200": { "description": "Cross-view cells, one per domain.", "content": { "application/json": { "schema": { "type": ["object", "array"] } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/v1/diagnosis": {
              "get": {
                "operationId": "getDiagnosis",
                "summary": "The region diagnosis: indicator positions, domain and axis composite scores and ranks.",
                "parameters": [{ "name": "peers", "in": "query", "required": false, "schema": { "type": "string", "enum": ["metropolitan", "all"] }, "description": "Peer set (default metropolitan)." }],
                "responses": {
                  "200": { "description": "The Diagnosis as computed by PhareCore.", "content": { "application/json": { "schema": { "type": ["object", "array"] } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/v1/sensitivity": {
              "get": {
                "operationId": "getSensitivity",
                "summary": "Monte-Carlo rank intervals of the metropolitan region diagnosis (500 runs, fixed seed).",
                "parameters": [],
                "responses": {
                  "200": { "description": "The SensitivityResult as computed by PhareCore.", "content": { "application/json": { "schema": { "type": ["object", "array"] } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/v1/practices": {
              "get": {
                "operationId": "getPractices",
                "summary": "Partnership practices of every region against France (rates, types, scopes, innovation agreement).",
                "parameters": [],
                "responses": {
                  "200": { "description": "One entry per region with its PracticesPart.", "content": { "application/json": { "schema": { "type": ["object", "array"] } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/v1/measures": {
              "get": {
                "operationId": "getMeasures",
                "summary": "Every survey estimate of the latest wave read by the profiles, nationally and by region.",
                "parameters": [],
                "responses": {
                  "200": { "description": "MeasureEstimate list.", "content": { "application/json": { "schema": { "type": ["object", "array"] } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/api/v1/tables/{name}": {
              "get": {
                "operationId": "getTable",
                "summary": "A table of the dashboard as JSON rows (the same rows as its CSV and XLSX downloads).",
                "parameters": [
                  { "name": "name", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^[a-z0-9-]+$" }, "description": "regions, departements, communes, compare, compare-domains, compare-ratings, domains, actors, layers, weighted-ranking; with domain: domain-regions, domain-indicators, domain-ratings, domain-relevance; with actor: actor-ratings, actor-top3, actor-innovation, actor-regions; headline-innovation, headline-dynamic, headline-partnership; with region: measured-felt-{axis}, perception-{actor}, crossview, dynamic, roles, relevance, recommended, partnership-rates, partnership-types, partnership-scopes, innovation." },
                  { "name": "layer", "in": "query", "required": false, "schema": { "type": "string" }, "description": "regions, departements: the layer (default population)." },
                  { "name": "region", "in": "query", "required": false, "schema": { "type": "string" }, "description": "departements and the region tables: the region code." },
                  { "name": "departement", "in": "query", "required": false, "schema": { "type": "string" }, "description": "communes: the département code." },
                  { "name": "domain", "in": "query", "required": false, "schema": { "type": "string" }, "description": "domain-* tables: the domain code." },
                  { "name": "actor", "in": "query", "required": false, "schema": { "type": "string" }, "description": "actor-* tables: the actor code." },
                  { "name": "a", "in": "query", "required": false, "schema": { "type": "string" }, "description": "compare tables: first region (INSEE code or region:CODE)." },
                  { "name": "b", "in": "query", "required": false, "schema": { "type": "string" }, "description": "compare tables: second region (INSEE code or region:CODE)." },
                  { "$ref": "#/components/parameters/Lang" }
                ],
                "responses": {
                  "200": { "description": "Rows, keys in column order.", "content": { "application/json": { "schema": { "type": "array", "items": { "type": "object", "additionalProperties": { "type": ["string", "number", "boolean", "null"] } } } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/download/{file}": {
              "get": {
                "operationId": "downloadTable",
                "summary": "A table of the dashboard as a CSV or XLSX file: {name}.csv or {name}.xlsx, same parameters as /api/v1/tables/{name}.",
                "parameters": [ { "name": "file", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^[a-z0-9-]+\\.(csv|xlsx)$" } } ],
                "responses": {
                  "200": {
                    "description": "The file.",
                    "content": {
                      "text/csv": { "schema": { "type": "string" } },
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { "schema": { "type": "string", "contentMediaType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } }
                    }
                  },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/healthz": {
              "get": {
                "operationId": "health",
                "summary": "Liveness and the data version served.",
                "responses": { "200": { "description": "Serving.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Status" } } } } }
              }
            },
            "/metrics": {
              "get": {
                "operationId": "metrics",
                "summary": "Counters and latency histogram in the Prometheus text format.",
                "responses": { "200": { "description": "Metrics.", "content": { "text/plain": { "schema": { "type": "string" } } } } }
              }
            }
          },
          "components": {
            "parameters": {
              "Lang": { "name": "lang", "in": "query", "required": false, "schema": { "type": "string", "enum": ["fr", "en"] }, "description": "Language of labels (default fr)." }
            },
            "responses": {
              "BadRequest": { "description": "A parameter is malformed.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "NotFound": { "description": "Nothing has this code.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            },
            "schemas": {
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
