/// Response files of the bundled questionnaire for the CLI and server suites.
public enum SurveyFixtures {
    public static let citizenHeader =
        "respondent_id;weight;region;departement;sexe;age;csp;FRAG_emploi;FRAG_logement;PRIO;MOBIL_entreprises;IMPACT_emploi;COCON_emploi;INNOV"

    /// `count` valid citizens of design weight 1 in two regions (44 for even indices, 52 for odd),
    /// women except every third, every age and csp class present.
    public static func citizens(_ count: Int) -> String {
        let ages = ["18-24", "25-34", "35-49", "50-64", "65-plus"]
        let csps = [
            "agriculteurs", "artisans-commercants", "cadres", "intermediaires", "employes", "ouvriers", "retraites",
            "inactifs",
        ]
        var lines = [citizenHeader]
        for index in 0..<count {
            let region = index % 2 == 0 ? "44" : "52"
            let departement = index % 2 == 0 ? "67" : "44"
            let rating = 1 + (index * 7) % 10
            lines.append(
                "c\(index);1;\(region);\(departement);\(index % 3 == 0 ? "homme" : "femme");\(ages[index % 5]);\(csps[index % 8]);\(rating);\(11 - rating);emploi|logement|sante;emploi;\(index % 4 == 0 ? "fort" : "moyen");oui;\(index % 3 == 0 ? "plutot-pas" : "tout-a-fait")"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
