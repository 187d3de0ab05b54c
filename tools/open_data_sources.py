"""The producers' files Phare's open-data baseline is built from, one record each.

Every record says who produced the data and under which title (the attribution the
Licence Ouverte / Etalab 2.0 asks for), its vintage and licence, where the copy was
obtained (a public GitHub repository, the commit and the path inside it) and the
file's SHA-256 and size. `tools/build_open_data.py` writes these records to
`Sources/PhareCore/Resources/open-data/provenance.json` and refuses to run when a
cached file's checksum differs from its record, or when a file it reads has none.

The cache folder holds each file at `<owner>+<repo>/<path>`; `populate()` fills it
from local mirrors of the repositories (`git show COMMIT:PATH`).
"""
import hashlib
import os
import subprocess
import sys

LO2 = "Licence Ouverte / Etalab 2.0"

SOURCES = [
    dict(key="census", producer="INSEE", dataset="Recensement de la population 2021, populations municipales, ménages et population de 15 à 64 ans par activité, par commune (géographie 2024), compilé par commune et code postal",
         vintage="RP 2021 (COG 2024)", licence=LO2, repository="rcarlier/datas.fun", commit="b9874080432e11b943e93aeae75ee372a024697b",
         path="France/communes.csv", sha256="2c2676845aa41545ea8b4420e6d3bebb818146d0f657ebb938cb4375751f1b65", size=3593706,
         note="Not the producer's own file: a compilation keeping INSEE's counts under renamed columns (population_2021, menages_2021, pop_15_64_totale_2021, pop_15_64_active_2021, pop_15_64_chomage_2021), one line per commune and postcode, COMD lines repeating their commune's figures, the 45 municipal arrondissements and no line for Paris, Lyon and Marseille; Mayotte as zeros."),
    dict(key="filosofi-com", producer="INSEE - DGFiP - CNAF - CNAV - CCMSA", dataset="Fichier localisé social et fiscal (Filosofi) 2021, indicateurs de revenus et de pauvreté par commune (cc_filosofi_2021_COM)",
         vintage="2021", licence=LO2, repository="greg2gld/DS-Immo", commit="9eccc193c2016901998cba511e61247b69e59b7d",
         path="data/cc_filosofi_2021_COM.csv", sha256="145d3b90d0720e5e011fccdc05f72be500e4cca4dc077add14d28cfa77b86eef", size=2616619,
         note="The producer's file (official column names, 's' for secret values)."),
    dict(key="ssmsi", producer="Ministère de l'Intérieur - SSMSI", dataset="Bases statistiques départementales de la délinquance enregistrée par la police et la gendarmerie nationales, 2016-2024 (géographie 2024, produit le 2025-01-26)",
         vintage="2016-2024", licence=LO2, repository="Ayden1416/MSPR-block-3", commit="69d2233f4d86bddeaea39f0729fecb20964ee5df",
         path="data/criminality/donnee-dep-data.gouv-2024-geographie2024-produit-le2025-01-26.csv", sha256="d59867b002106bc7cd768483a920ca1b9fb18870d93efb7198945185ea8a816c", size=1671450,
         note="The producer's file as published on data.gouv.fr."),
    dict(key="estimates", producer="INSEE", dataset="Estimations de population au 1er janvier, par département, sexe et âge quinquennal, 1975-2023 (résultats provisoires arrêtés fin 2022)",
         vintage="1 January 2023", licence=LO2, repository="Ayden1416/MSPR-block-3", commit="69d2233f4d86bddeaea39f0729fecb20964ee5df",
         path="data/age/estim-pop-dep-sexe-aq-1975-2023.xls", sha256="899f9b477237d20a0629187fcc2b706f0bfc1e7bcd47e9fee956515f94cfc4bd", size=2322944,
         note="The producer's workbook (sheet 2023 used)."),
    dict(key="chomage-localise", producer="INSEE", dataset="Taux de chômage localisés par région et département, séries trimestrielles corrigées des variations saisonnières (famille TAUX-CHOMAGE, mise à jour du 19/12/2024)",
         vintage="1982 Q1 - 2024 Q3", licence=LO2, repository="Ayden1416/MSPR-block-3", commit="69d2233f4d86bddeaea39f0729fecb20964ee5df",
         path="data/unemployment/famille_TAUX-CHOMAGE_19122024.xlsx", sha256="c574336c4846669e28f5fe8fc7b97ea80c0ba0868be160fb5ea5f0f7eaa4e460", size=91310,
         note="The producer's download of the BDM series family; territories are named, not coded; Mayotte absent."),
    dict(key="apl", producer="DREES - CNAM", dataset="Accessibilité potentielle localisée (APL) aux médecins généralistes, 2022 et 2023, par commune",
         vintage="2022, 2023", licence=LO2, repository="louiselize/Data_Analysis_Lattitudes_Sante_et_Territoires", commit="b6378a0b90fd267d7ea26d3e309afc49e78548ee",
         path="data/raw/apl-thierache-centre/apl_generalistes.xlsx", sha256="983d59a873d2b176349e003a565c14a8b2793da1c76bbc5e9a3505a068b730a7", size=3803291,
         note="The producer's workbook (sheets APL 2022 and APL 2023)."),
    dict(key="stat-locales-dep", producer="INSEE (Statistiques locales), with INSEE BPE, état civil, recensement 2022 and Filosofi 2021",
         dataset="Export « France par département » of INSEE's Statistiques locales: médecins généralistes (BPE 2024), espérance de vie à la naissance 2024, taux de mortalité standardisé des 0 à 64 ans 2024, taux de pauvreté et médiane du niveau de vie 2021, diplômes 2022, modes de transport domicile-travail 2022, estimations de population 2025",
         vintage="2021-2025 (per column)", licence=LO2, repository="louiselize/Data_Analysis_Lattitudes_Sante_et_Territoires", commit="d2faf7ffc19054ede807a17d7f09c654033c7f55",
         path="data/raw/health-anova-regression/health_anova_regression.csv", sha256="389c93255a974ce2cc96dac7b079c335889750f64597684da60ed92354d2f034", size=12863,
         note="An unmodified export of INSEE's Statistiques locales (its header lines kept); 'N/A - résultat non disponible' where INSEE has no value."),
    dict(key="asdep-benef", producer="DREES", dataset="Enquête Aide sociale : bénéficiaires de l'aide sociale départementale (APA, PCH, ACTP), par département et région",
         vintage="1996-2022", licence=LO2, repository="patrickaubert/asdep", commit="0b5d08d4a8d1978f4fb6b2318263ec269cf30984",
         path="data/ASDEPslbenef.rda", sha256="daee3f33d48c540b40c8a74bdade497c243251e6c51adf4eb14e11af1408cd05", size=169462,
         note="DREES's series reshaped into an R data file by the asdep package (values unchanged; read with pyreadr, latin-1)."),
    dict(key="asdep-minsoc", producer="DREES - CNAF - MSA", dataset="Minima sociaux : allocataires de l'AAH et du RSA et population couverte par le RSA, par département",
         vintage="1995-2019", licence=LO2, repository="patrickaubert/asdep", commit="0b5d08d4a8d1978f4fb6b2318263ec269cf30984",
         path="data/MINSOCsl.rda", sha256="32f53eda040276b5211a522c9cab66db812c6b5c71015cab799e2189ddde4373", size=76062,
         note="Same package as above."),
    dict(key="asdep-pop", producer="DREES (from INSEE population estimates)", dataset="Populations de référence des départements utilisées par la DREES (totale, 20-64 ans, 60 ans ou plus)",
         vintage="1989-2021", licence=LO2, repository="patrickaubert/asdep", commit="0b5d08d4a8d1978f4fb6b2318263ec269cf30984",
         path="data/PopDepartementales.rda", sha256="be7e84207f86787bf1a1ce001960c9e25b6784b589dc5951c774ffaf9d3c1b1d", size=77058,
         note="Same package as above."),
    dict(key="barometre-2022", producer="Services du Premier ministre - DITP", dataset="Baromètre des résultats de l'action publique, synthèse départementale (données publiées début 2023)",
         vintage="2021-2022 (per indicator)", licence=LO2, repository="etalab/barometre-resultats-donnees", commit="825d445459e2c0528811d8d511259e8682981784",
         path="barometre-resultats-synthese-departemental.csv", sha256="5326ede59478f522f604b2b34e065ec4295ca529d2804dff766a1db98f759c11", size=1371963,
         note="The producer's file."),
    dict(key="bpe-2018", producer="INSEE", dataset="Base permanente des équipements (BPE) 2018, ensemble des équipements par commune et IRIS",
         vintage="2018", licence=LO2, repository="InseeFrLab/DoReMIFaSolData", commit="d67c97adbd0210f572e0ef5e1466967b514e4dc8",
         path="data/bpe_ens_2018.rda", sha256="c67205ccd990290e14756257973492636b7c7f5b14c0d3423028630e747a25b9", size=1239101,
         note="INSEE's table stored as an R data file by INSEE's own package (columns REG, DEP, DEPCOM, DCIRIS, AN, TYPEQU, NB_EQUIP)."),
    dict(key="comparateur", producer="INSEE", dataset="Base comparateur de territoires (recensement 2018, Filosofi 2019, REE 2018), par commune",
         vintage="RP 2018 (COG 2021)", licence=LO2, repository="klopstock-dviz/dataviz_elections", commit="357aa24609acb65b1d1d3c556cc52a5593affaaa",
         path="data/base_cc_comparateur_csv.zip", sha256="311caa145141e60a7e61297a2e6038a2acba6d85b3a7763320b058076d2be9dc", size=3755401,
         note="The producer's zip (base_cc_comparateur.CSV and its metadata)."),
    dict(key="presidentielle-2022", producer="Ministère de l'Intérieur", dataset="Élection présidentielle 2022, premier tour : résultats par circonscription législative, France entière",
         vintage="10 April 2022", licence=LO2, repository="Ayden1416/MSPR-block-3", commit="69d2233f4d86bddeaea39f0729fecb20964ee5df",
         path="data/elections/resultats-par-niveau-cirlg-t1-france-entiere.xlsx", sha256="85ce1652dcc9002534a0a79c17df91393676b112ec5c2edcf0d708a48b8a0cd7", size=296554,
         note="The producer's workbook (file name and sheet name as published on data.gouv.fr)."),
    dict(key="pib-regionaux", producer="INSEE", dataset="Produits intérieurs bruts régionaux et valeurs ajoutées régionales 1990-2022 (base 2014)",
         vintage="2022 (semi-definitive)", licence=LO2, repository="Ayden1416/MSPR-block-3", commit="69d2233f4d86bddeaea39f0729fecb20964ee5df",
         path="data/wealth_per_capita/PIB_regionaux_1990-2022.xlsx", sha256="337c33507d588a7db1ea1a9213c6528d702cd214d66e6946f4c18e973333075c", size=55621,
         note="The producer's workbook (sheet « PIB par hab 1990-2022 »)."),
    dict(key="ditp-200", producer="Services du Premier ministre - DITP", dataset="Baromètre des résultats de l'action publique : Part des jeunes éligibles au pass Culture inscrits sur l'année (IND-200)",
         vintage="2022-2024 (monthly or quarterly, snapshot of 17 October 2024)", licence=LO2, repository="DITP-pilotage/barometre-resultats", commit="8bab813aa2926e9293cd85d3ac8c35ed74604347",
         path="data/ind-200.csv", sha256="eb61de14835d638a94d9c0a019660cebd0fe77d32f655e21cb01f4f5af6d7a45", size=94271,
         note="The producer's export (columns indic_id, enforce_zone_id, metric_enforce_date, maille, indic_vi, indic_va, indic_vc, indic_ta; indic_va is the measured value)."),
    dict(key="ditp-218", producer="Services du Premier ministre - DITP", dataset="Baromètre des résultats de l'action publique : Part des élèves entrant en sixième qui atteignent le niveau attendu en lecture à voix haute (IND-218)",
         vintage="2022-2024 (monthly or quarterly, snapshot of 17 October 2024)", licence=LO2, repository="DITP-pilotage/barometre-resultats", commit="8bab813aa2926e9293cd85d3ac8c35ed74604347",
         path="data/ind-218.csv", sha256="b10e092ae61d8f95b27b7ef6abfc0e475fdbd988de44dbc2bda3c4ace2893aef", size=14024,
         note="The producer's export (columns indic_id, enforce_zone_id, metric_enforce_date, maille, indic_vi, indic_va, indic_vc, indic_ta; indic_va is the measured value)."),
    dict(key="ditp-223", producer="Services du Premier ministre - DITP", dataset="Baromètre des résultats de l'action publique : Part des élèves de sixième qui atteignent le niveau attendu en résolution de problèmes de mathématiques (IND-223)",
         vintage="2022-2024 (monthly or quarterly, snapshot of 17 October 2024)", licence=LO2, repository="DITP-pilotage/barometre-resultats", commit="8bab813aa2926e9293cd85d3ac8c35ed74604347",
         path="data/ind-223.csv", sha256="932f4bce0aa9007cabdc194aa8900bb3fea243aae9890063ddd49536ab6abf15", size=14063,
         note="The producer's export (columns indic_id, enforce_zone_id, metric_enforce_date, maille, indic_vi, indic_va, indic_vc, indic_ta; indic_va is the measured value)."),
    dict(key="ditp-285", producer="Services du Premier ministre - DITP", dataset="Baromètre des résultats de l'action publique : Nombre d'habitants disposant d'une solution de tri à la source des biodéchets (IND-285)",
         vintage="2022-2024 (monthly or quarterly, snapshot of 17 October 2024)", licence=LO2, repository="DITP-pilotage/barometre-resultats", commit="8bab813aa2926e9293cd85d3ac8c35ed74604347",
         path="data/ind-285.csv", sha256="4040f42d1be49588d53e49b887514502f8e32c2f72bc7fd70f65b3cf8d211f11", size=29003,
         note="The producer's export (columns indic_id, enforce_zone_id, metric_enforce_date, maille, indic_vi, indic_va, indic_vc, indic_ta; indic_va is the measured value)."),
    dict(key="ditp-306", producer="Services du Premier ministre - DITP", dataset="Baromètre des résultats de l'action publique : Taux de déploiement de la fibre, part des locaux raccordables au FttH (IND-306, source ARCEP)",
         vintage="2022-2024 (monthly or quarterly, snapshot of 17 October 2024)", licence=LO2, repository="DITP-pilotage/barometre-resultats", commit="8bab813aa2926e9293cd85d3ac8c35ed74604347",
         path="data/ind-306.csv", sha256="2893168f374d1b073439913a2dbd1ff278e4e9dea06a5db1e9b291dc698f06c9", size=44751,
         note="The producer's export (columns indic_id, enforce_zone_id, metric_enforce_date, maille, indic_vi, indic_va, indic_vc, indic_ta; indic_va is the measured value)."),
    dict(key="ditp-316", producer="Services du Premier ministre - DITP", dataset="Baromètre des résultats de l'action publique : Nombre de points de recharge ouverts au public (IND-316)",
         vintage="2022-2024 (monthly or quarterly, snapshot of 17 October 2024)", licence=LO2, repository="DITP-pilotage/barometre-resultats", commit="8bab813aa2926e9293cd85d3ac8c35ed74604347",
         path="data/ind-316.csv", sha256="26ac528e392e28a24c51940d7ab764337d923a69ca1fdd89d992e6aa555074a3", size=67492,
         note="The producer's export (columns indic_id, enforce_zone_id, metric_enforce_date, maille, indic_vi, indic_va, indic_vc, indic_ta; indic_va is the measured value)."),
    dict(key="ditp-329", producer="Services du Premier ministre - DITP", dataset="Baromètre des résultats de l'action publique : Part d'élèves ayant vécu au moins une action d'éducation artistique et culturelle depuis la rentrée (IND-329)",
         vintage="2022-2024 (monthly or quarterly, snapshot of 17 October 2024)", licence=LO2, repository="DITP-pilotage/barometre-resultats", commit="8bab813aa2926e9293cd85d3ac8c35ed74604347",
         path="data/ind-329.csv", sha256="f16a9a1a3cdef022ecfe850e36f1d73c35be63cf1be956250625b2fe69f85566", size=25909,
         note="The producer's export (columns indic_id, enforce_zone_id, metric_enforce_date, maille, indic_vi, indic_va, indic_vc, indic_ta; indic_va is the measured value)."),
    dict(key="ditp-555", producer="Services du Premier ministre - DITP", dataset="Baromètre des résultats de l'action publique : Nombre de mises en relation entre un bénévole et une organisation sur la plateforme JeVeuxAider (IND-555)",
         vintage="2022-2024 (monthly or quarterly, snapshot of 17 October 2024)", licence=LO2, repository="DITP-pilotage/barometre-resultats", commit="8bab813aa2926e9293cd85d3ac8c35ed74604347",
         path="data/ind-555.csv", sha256="cc5d42ddf75bd1e5cbdc0bef9484cb383796a001cddc950e155d89149e2e14cf", size=36003,
         note="The producer's export (columns indic_id, enforce_zone_id, metric_enforce_date, maille, indic_vi, indic_va, indic_vc, indic_ta; indic_va is the measured value)."),
    dict(key="ditp-589", producer="Services du Premier ministre - DITP", dataset="Baromètre des résultats de l'action publique : Part de la population habitant un territoire couvert par une CPTS (IND-589)",
         vintage="2022-2024 (monthly or quarterly, snapshot of 17 October 2024)", licence=LO2, repository="DITP-pilotage/barometre-resultats", commit="8bab813aa2926e9293cd85d3ac8c35ed74604347",
         path="data/ind-589.csv", sha256="16ac943a5600b19cb6e86dfaff0f8a160380157d387811493a5cfde02f7fa8c1", size=21735,
         note="The producer's export (columns indic_id, enforce_zone_id, metric_enforce_date, maille, indic_vi, indic_va, indic_vc, indic_ta; indic_va is the measured value)."),
    dict(key="odre-conso-regionale", producer="RTE, NaTran (ex-GRTgaz) et Teréga, via l'Open Data Réseaux Énergies (ODRE)",
         dataset="Consommation annuelle brute régionale d'électricité et de gaz (2013-2024)",
         vintage="2013-2024", licence=LO2, repository="m-bouville/predict_elec", commit="e81013f767b0a22b384bfafb418396452443741f",
         path="data/consommation-annuelle-brute-regionale.csv", sha256="baf33f882aab7346b2a0a2dfb8bd3bf676fed440fa6c4650d88311943dc63a24", size=1791496,
         note="The producer's export (official French column names, region outlines included); the 13 metropolitan regions only."),
    dict(key="ditp-736", producer="Services du Premier ministre - DITP", dataset="Baromètre des résultats de l'action publique : nombre d'accompagnements réalisés par les conseillers numériques, en cumul (IND-736)",
         vintage="2022-2024 (monthly, snapshot of 17 October 2024)", licence=LO2, repository="DITP-pilotage/barometre-resultats", commit="8bab813aa2926e9293cd85d3ac8c35ed74604347",
         path="data/ind-736.csv", sha256="7bee7e8be7a2793c1a1ba46688e3c1a04c9011c8a8f8314c4478749c938a3018", size=84868,
         note="The producer's export (columns indic_id, enforce_zone_id, metric_enforce_date, maille, indic_vi, indic_va, indic_vc, indic_ta; indic_va is the measured value)."),
]

BY_KEY = {s["key"]: s for s in SOURCES}


def cache_path(cache, source):
    return os.path.join(cache, source["repository"].replace("/", "+"), source["path"])


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class ProvenanceError(Exception):
    pass


def checked(cache, key, used=None):
    """Path of the cached file of source `key`, after checking its size and checksum."""
    if key not in BY_KEY:
        raise ProvenanceError(f"no provenance record for source '{key}': add it to tools/open_data_sources.py")
    source = BY_KEY[key]
    path = cache_path(cache, source)
    if not os.path.isfile(path):
        raise ProvenanceError(f"{path}: missing; fetch {source['repository']} @ {source['commit']} and copy {source['path']} there "
                              f"(python3 tools/open_data_sources.py populate CACHE MIRRORS)")
    size = os.path.getsize(path)
    digest = sha256(path)
    if size != source["size"] or digest != source["sha256"]:
        raise ProvenanceError(f"{path}: checksum {digest} ({size} bytes) differs from its provenance record "
                              f"{source['sha256']} ({source['size']} bytes); refusing to build from it")
    if used is not None:
        used.add(key)
    return path


def populate(cache, mirrors):
    """Copy every source file from local mirrors `<mirrors>/<owner>+<repo>/repo` (git directories)."""
    for source in SOURCES:
        git_dir = os.path.join(mirrors, source["repository"].replace("/", "+"), "repo")
        target = cache_path(cache, source)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        data = subprocess.run(["git", "--git-dir", git_dir, "show", f"{source['commit']}:{source['path']}"],
                              check=True, capture_output=True).stdout
        with open(target, "wb") as fh:
            fh.write(data)
        print(f"{target}: {len(data)} bytes", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "populate":
        populate(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: python3 tools/open_data_sources.py populate CACHE_DIR MIRRORS_DIR")
