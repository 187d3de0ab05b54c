#!/usr/bin/env python3
"""Drives headless Chromium (Debian's chromium and chromium-driver, through selenium) through
the dashboard as a person would. Usage: browser_tests.py BASE_URL SCREENSHOT_DIR DOWNLOAD_DIR.
Prints one line per check and ends with 'N passed, N failed'; exits 1 on any failure."""
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from selenium.webdriver.support.expected_conditions import staleness_of

BASE, SHOTS, DOWNLOADS = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(SHOTS, exist_ok=True)
os.makedirs(DOWNLOADS, exist_ok=True)
passed, failed = 0, 0


def check(condition, message):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok    {message}")
    else:
        failed += 1
        print(f"FAIL  {message}")


def shot(driver, name):
    path = os.path.join(SHOTS, name + ".png")
    height = driver.execute_script("return Math.min(document.body.scrollHeight, 4000)")
    driver.set_window_size(1280, max(800, height))
    driver.save_screenshot(path)
    driver.set_window_size(1280, 1000)
    print(f"      screenshot {path}")


FIND_POINT = """
const path = arguments[0];
path.scrollIntoView({block: 'center'});
const box = path.getBoundingClientRect();
for (let step = 2; step <= 64; step *= 2) {
  for (let i = 1; i < step; i += 2) {
    for (let j = 1; j < step; j += 2) {
      const x = box.left + box.width * i / step, y = box.top + box.height * j / step;
      if (document.elementFromPoint(x, y) === path) return [Math.round(x), Math.round(y)];
    }
  }
}
return null;
"""


def click_area(driver, css):
    """Clicks a map area where a person would: on a point of the screen that shows it."""
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    area = driver.find_element(By.CSS_SELECTOR, css)
    point = driver.execute_script(FIND_POINT, area)
    if point is None:
        raise AssertionError(f"no visible point of {css}")
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(point[0], point[1]).click()
    actions.perform()


def wait_for(driver, predicate, timeout=10):
    WebDriverWait(driver, timeout).until(lambda d: predicate(d))


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=fr-FR"]:
    options.add_argument(argument)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
options.add_experimental_option("prefs", {
    "download.default_directory": os.path.abspath(DOWNLOADS),
    "download.prompt_for_download": False,
    "safebrowsing.enabled": True,
})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)

try:
    # France: the map of the regions, the ranking beside it.
    driver.get(BASE + "/")
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr", "France page is in French")
    regions = driver.find_elements(By.CSS_SELECTOR, "svg#map-regions a.map-link path")
    check(len(regions) == 18, f"France map has 18 regions ({len(regions)})")
    rows = driver.find_elements(By.CSS_SELECTOR, ".ranking table.data tbody tr")
    check(len(rows) == 19, f"ranking table has 18 regions and France ({len(rows)})")
    check("Grand Est" in driver.find_element(By.CSS_SELECTOR, ".ranking table.data").text, "ranking lists Grand Est")
    # The demo observatory opens on the measured fragility map, labelled as illustrative.
    check(driver.find_element(By.CSS_SELECTOR, "option[value=overall]").is_selected(), "France map shows the overall fragility layer")
    legend = driver.find_element(By.CSS_SELECTOR, "svg#map-regions").text
    check("Fragilité mesurée" in legend, "the map legend names measured fragility")
    fills = {p.get_attribute("fill") for p in driver.find_elements(By.CSS_SELECTOR, "svg#map-regions a.map-link path")}
    check(len(fills) >= 4, f"the fragility map uses several classes ({len(fills)} colours)")
    check("ILLUSTRATIVES" in driver.find_element(By.CSS_SELECTOR, ".demo-notice").text, "demo data is labelled illustrative")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg#headline-innovation")) == 1, "headline innovation chart shown")
    shot(driver, "france")

    # A perception layer.
    driver.get(BASE + "/?layer=perception-citoyens-emploi")
    check("Fragilité ressentie" in driver.find_element(By.CSS_SELECTOR, "svg#map-regions").text, "perception layer on the map")
    shot(driver, "france-perception")
    driver.get(BASE + "/")

    # The layer selector submits itself (vanilla JS) and the URL keeps the choice.
    Select(driver.find_element(By.ID, "layer")).select_by_value("density")
    wait_for(driver, lambda d: "layer=density" in d.current_url)
    check("layer=density" in driver.current_url, "choosing density changes the URL")
    check(driver.find_element(By.CSS_SELECTOR, "option[value=density]").is_selected(), "density stays selected")
    shot(driver, "france-density")

    # Click Grand Est on the map: its profile opens with its five parts.
    click_area(driver, "svg#map-regions path[data-code='44']")
    wait_for(driver, lambda d: "/region/44" in d.current_url)
    check(driver.find_element(By.TAG_NAME, "h1").text == "Grand Est", "map click opens Grand Est")
    headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "main h2")]
    for number in range(1, 6):
        check(any(h.startswith(f"{number}.") for h in headings), f"region page has part {number}")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg#map-departements path")) == 10, "Grand Est map has 10 départements")
    for svg in ["measured-felt-economique", "perception-citoyens", "dynamic", "relevance", "partnership-rates", "innovation"]:
        check(len(driver.find_elements(By.CSS_SELECTOR, f"svg#{svg}")) == 1, f"region page draws {svg}")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#crossview-table, section#fragilities table.data")) >= 1, "region page has the cross-view table")
    check(len(driver.find_elements(By.CSS_SELECTOR, "ul.synthesis li")) >= 3, "region page has synthesis sentences")
    check(any(h.startswith("5. Synthèse") for h in headings), "French part 5 heading")
    shot(driver, "region-grand-est")

    # Switch to English.
    driver.find_element(By.CSS_SELECTOR, "a.lang").click()
    wait_for(driver, lambda d: "lang=en" in d.current_url)
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "language switch gives English")
    check("1. Identity card" in driver.page_source, "English region page reads 'Identity card'")
    headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "main h2")]
    for title in ["2. Fragilities measured and felt", "3. State of co-construction", "4. Partnership practices", "5. Synthesis"]:
        check(any(h.startswith(title[:12]) for h in headings), f"English region page has '{title[:12]}…'")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg#measured-felt-economique")) == 1, "English region page draws the measured/felt chart")
    check("SYNTHETIC" in driver.find_element(By.CSS_SELECTOR, ".demo-notice").text, "English demo notice")
    shot(driver, "region-grand-est-en")

    # Drill down to a département from the region map.
    click_area(driver, "svg#map-departements path[data-code='54']")
    wait_for(driver, lambda d: "/departement/54" in d.current_url)
    check("Meurthe-et-Moselle" in driver.find_element(By.TAG_NAME, "h1").text, "département drill-down opens Meurthe-et-Moselle")
    check("lang=en" in driver.current_url, "drill-down keeps English")
    shot(driver, "departement-54-en")

    # Every other page type.
    pages = [
        ("/domain/emploi", "Emploi", "domain-emploi"),
        ("/actor/maires", "Maires", "actor-maires"),
        ("/indicators", "Indicateurs", "indicators"),
        ("/sources", "Sources", "sources"),
        ("/methodology", "Méthodologie", "methodology"),
        ("/framework", "Cadre", "framework"),
        ("/weights", "Vos pondérations", "weights"),
        ("/region/04", "La Réunion", "region-reunion"),
    ]
    for path, expected, name in pages:
        driver.get(BASE + path)
        check(expected.lower() in driver.find_element(By.TAG_NAME, "h1").text.lower(), f"{path} shows {expected}")
        shot(driver, name)

    # The Sources page lists the producers' files with their licence; the catalogue says what is real.
    driver.get(BASE + "/sources")
    sources_text = driver.find_element(By.TAG_NAME, "main").text
    check("INSEE" in sources_text and "Licence Ouverte" in sources_text, "Sources page lists INSEE files under the Licence Ouverte")
    driver.get(BASE + "/indicators")
    catalogue_rows = driver.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    real_rows = [r for r in catalogue_rows if "réelles" in r.text]
    check(len(real_rows) >= 40, f"the catalogue shows at least 40 indicators with real values ({len(real_rows)})")

    # The domain page: map of the measured score, ranking, indicators, ratings, relevance.
    driver.get(BASE + "/domain/emploi")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg#map-regions path[data-code='44']")) == 1, "domain page draws the region map")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg#ratings-citoyens")) == 1, "domain page draws the citizens' ratings chart")
    headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "main h2")]
    check(any(h.startswith("Pertinence pour des alliances") for h in headings), "domain page has the relevance section")
    ranking = driver.find_elements(By.CSS_SELECTOR, ".ranking table tbody tr")
    check(len(ranking) == 13, f"domain ranking lists the 13 metropolitan regions ({len(ranking)})")
    check(len(driver.find_elements(By.CSS_SELECTOR, "a[href^='/download/domain-indicators.csv?domain=emploi']")) == 1, "domain page offers the indicators download")
    shot(driver, "domain-emploi")

    # The actor page: national ratings, then the map follows the chosen domain.
    driver.get(BASE + "/actor/citoyens")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg#actor-ratings rect")) >= 16, "actor page draws 16 rating bars")
    Select(driver.find_element(By.ID, "domain")).select_by_value("sante")
    wait_for(driver, lambda d: "domain=sante" in d.current_url)
    check("domain=sante" in driver.current_url, "choosing a domain reloads the actor map")
    check("Santé" in driver.find_element(By.CSS_SELECTOR, "svg#map-regions").get_attribute("innerHTML"), "actor map now shows health")
    shot(driver, "actor-citoyens")

    # The compare page: two regions, dot plot, recommended domains.
    driver.get(BASE + "/compare?a=44&b=93")
    check("Grand Est" in driver.find_element(By.TAG_NAME, "h1").text, "compare title names Grand Est")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg#compare-domains circle")) >= 13, "compare dot plot draws the domains")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#recommended ~ div ol li, section ol li")) >= 1, "compare lists recommended domains")
    shot(driver, "compare-44-93")
    driver.get(BASE + "/compare?a=44")
    check("Requête invalide" in driver.page_source or "manque" in driver.page_source, "compare without b is refused")

    # Weights live in the URL.
    driver.get(BASE + "/weights")
    field = driver.find_element(By.ID, "w-emploi")
    field.clear()
    field.send_keys("4")
    driver.find_element(By.CSS_SELECTOR, "form.weights button[type=submit]").click()
    wait_for(driver, lambda d: "w-emploi=4" in d.current_url)
    check("w-emploi=4" in driver.current_url, "weights are in the shareable URL")
    ranking = driver.find_element(By.CSS_SELECTOR, "div.ranking").text
    check(any(f" · {name}" in ranking for name in ("normalisation", "agrégation", "imputation", "poids")),
          "each rank interval names the choice that drives it (Sobol)")
    shot(driver, "weights-drivers")

    # Unknown codes.
    driver.get(BASE + "/region/99")
    check("Page introuvable" in driver.find_element(By.TAG_NAME, "h1").text, "unknown region shows the 404 page")

    # Download the ranking as CSV from the France page.
    driver.get(BASE + "/")
    driver.find_element(By.CSS_SELECTOR, "p.downloads a[href^='/download/regions.csv']").click()
    target = os.path.join(DOWNLOADS, "phare-regions.csv")
    for _ in range(100):
        if os.path.exists(target):
            break
        time.sleep(0.1)
    check(os.path.exists(target), "CSV download arrives")
    if os.path.exists(target):
        with open(target, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        check(lines[0] == "name,code,rank,overall", "CSV header")
        check(len(lines) == 20, f"CSV has 18 regions and France ({len(lines) - 1})")

    # Download a region table (the cross view of Grand Est) as CSV.
    driver.get(BASE + "/region/44")
    driver.find_element(By.CSS_SELECTOR, "p.downloads a[href^='/download/crossview.csv']").click()
    target = os.path.join(DOWNLOADS, "phare-crossview.csv")
    for _ in range(100):
        if os.path.exists(target):
            break
        time.sleep(0.1)
    check(os.path.exists(target), "region CSV download arrives")
    if os.path.exists(target):
        with open(target, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        check(lines[0].startswith("domain,domain_code,measured_score"), "region CSV header")
        check(len(lines) == 17, f"region CSV has 16 domains ({len(lines) - 1})")

    # The registry of alliances, its filters and map; the region's section; the stage diagnostic; the toolkit.
    driver.get(BASE + "/alliances")
    check(driver.find_elements(By.ID, "map-alliances"), "the registry page has its map")
    Select(driver.find_element(By.NAME, "domain")).select_by_value("environnement")
    driver.find_element(By.CSS_SELECTOR, "form.layer-form button[type=submit]").click()
    wait_for(driver, lambda d: "domain=environnement" in d.current_url)
    check("Toyota" in driver.page_source and "Restoria" not in driver.page_source, "the registry filters by domain")
    shot(driver, "alliances-environnement")
    driver.get(BASE + "/region/44#alliances")
    section = driver.find_element(By.ID, "alliances")
    check("Strasbourg" in section.text and "sans alliance" in section.text, "Grand Est shows its alliances and gaps")
    driver.execute_script("arguments[0].scrollIntoView()", section)
    shot(driver, "region-44-alliances")
    driver.get(BASE + "/stage")
    for number in range(1, 13):
        value = "oui" if number <= 7 else "non"
        driver.find_element(By.CSS_SELECTOR, f"input[name=Q{number}][value={value}]").click()
    driver.find_element(By.CSS_SELECTOR, "form.stage-form button[type=submit]").click()
    wait_for(driver, lambda d: "Q12=non" in d.current_url)
    check("Modélisation" in driver.find_element(By.CSS_SELECTOR, ".stage-result h2").text, "the stage form places a project")
    shot(driver, "stage-result")
    driver.get(BASE + "/toolkit")
    driver.find_element(By.NAME, "q").send_keys("espèces")
    driver.find_element(By.CSS_SELECTOR, "form[role=search] button").click()
    wait_for(driver, lambda d: "q=" in d.current_url)
    links = driver.find_elements(By.CSS_SELECTOR, "ul.toolkit-pages a")
    check(len(links) == 1 and "partenariat" in links[0].text, "the toolkit search finds a page by a word of its body")
    links[0].click()
    shot(driver, "toolkit-typologie")
    # Evolution on the region page: the 2015 -> 2025 slope chart with its intervals, at least three
    # real indicators as time series with the national line, the selector carried in the URL.
    driver.get(BASE + "/region/44#evolution")
    section = driver.find_element(By.ID, "evolution")
    slope = section.find_elements(By.CSS_SELECTOR, "svg#evolution-slope")
    check(len(slope) == 1, "region page: evolution slope chart")
    if slope:
        text = slope[0].get_attribute("textContent")
        check("2015" in text and "2025" in text, "slope chart goes from 2015 to 2025")
        intervals = slope[0].find_elements(By.CSS_SELECTOR, "line[stroke-opacity]")
        check(len(intervals) >= 16, f"slope chart draws the intervals of both waves ({len(intervals)})")
    panels = section.find_elements(By.CSS_SELECTOR, "svg#indicator-series > g")
    check(len(panels) >= 3, f"at least three indicators as time series ({len(panels)})")
    dashed = section.find_elements(By.CSS_SELECTOR, "svg#indicator-series path[stroke-dasharray]")
    check(len(dashed) >= 3, "each series has the national line")
    driver.execute_script("document.getElementById('evolution').scrollIntoView()")
    shot(driver, "region-evolution")
    Select(section.find_element(By.NAME, "evolution-actor")).select_by_value("maires")
    section.find_element(By.CSS_SELECTOR, "form button").click()
    wait_for(driver, lambda d: "evolution-actor=maires" in d.current_url)
    check("from=2015" in driver.current_url, "the wave selector is carried in the URL")
    check("Maires" in driver.find_element(By.ID, "evolution-slope").get_attribute("textContent"),
          "the chosen actor's slope chart")
    driver.get(BASE + "/?from=PHARE-2015")
    france = driver.find_element(By.ID, "evolution")
    check("PHARE-2015" in france.find_element(By.ID, "evolution-slope").get_attribute("textContent"),
          "France page: published PHARE figures against the 2025 wave")
    driver.execute_script("document.getElementById('evolution').scrollIntoView()")
    shot(driver, "france-evolution")

    # Evolution on the actor page (that actor only) and on the domain page (one slope per actor,
    # the domain's indicator series for a region chosen in the URL).
    driver.get(BASE + "/actor/citoyens#evolution")
    section = driver.find_element(By.ID, "evolution")
    check(len(section.find_elements(By.CSS_SELECTOR, "svg#evolution-slope")) == 1, "actor page: evolution slope chart")
    check(not section.find_elements(By.CSS_SELECTOR, "select[name=evolution-actor]"), "actor page: no actor selector")
    check(bool(section.find_elements(By.CSS_SELECTOR, 'a[href*="evolution.csv?actor=citoyens"]')),
          "actor page: the evolution table downloads for that actor")
    driver.execute_script("document.getElementById('evolution').scrollIntoView()")
    shot(driver, "actor-evolution")
    driver.get(BASE + "/domain/securite?evolution-region=84#evolution")
    section = driver.find_element(By.ID, "evolution")
    panels = section.find_elements(By.CSS_SELECTOR, "svg#indicator-series > g")
    check(len(panels) >= 3, f"domain page: the domain's indicators as time series ({len(panels)})")
    check(bool(section.find_elements(By.CSS_SELECTOR, 'select[name=evolution-region] option[value="84"][selected]')),
          "domain page: the region of the series is carried in the URL")
    driver.execute_script("document.getElementById('evolution').scrollIntoView()")
    shot(driver, "domain-evolution")

    # Statistical coherence: a heat-map per domain, the summary table and its download.
    driver.get(BASE + "/coherence")
    check(len(driver.find_elements(By.CSS_SELECTOR, "section.coherence-group")) >= 16, "coherence page: a section per domain and axis")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#coherence-domain-emploi-heatmap rect.heat-cell")) >= 4,
          "coherence page: the employment domain's correlation heat-map")
    check(bool(driver.find_elements(By.CSS_SELECTOR, 'a[href*="/download/coherence.csv"]')), "coherence page: summary download")
    shot(driver, "coherence")

    # No page broke the Content Security Policy or threw a script error.
    # (The 404 page and the refused comparison visited on purpose log their status; those are expected.)
    problems = [entry for entry in driver.get_log("browser")
                if entry["level"] == "SEVERE" and "favicon" not in entry["message"] and "status of 404" not in entry["message"]
                and "compare?a=44 " not in entry["message"]]
    for entry in problems:
        print("      console:", entry["message"])
    check(not problems, "no console errors (CSP violations, script errors)")

    # Accounts: on loopback with no account the local user is admin and the header says so.
    driver.get(BASE + "/admin/users")
    check("Utilisateur local · admin" in driver.find_element(By.CSS_SELECTOR, "header.site .account").text,
          "account menu names the local admin")
    shot(driver, "admin-users-local")
    driver.get(BASE + "/admin/publication")
    check(len(driver.find_elements(By.CSS_SELECTOR, "table.data form button")) == 2, "publication page offers two kinds")
    shot(driver, "admin-publication")

    # An import from the browser: a file with errors is shown with its line and column, escaped.
    bad = os.path.join(DOWNLOADS, "<b>bad.csv")
    with open(bad, "w", encoding="utf-8") as fh:
        fh.write("code;label\n<script>x</script>;1\n")
    driver.get(BASE + "/import")
    shot(driver, "import-form")
    Select(driver.find_element(By.NAME, "kind")).select_by_value("catalogue")
    driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(bad)
    driver.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "ul.problems li"))
    problems_text = driver.find_element(By.CSS_SELECTOR, "ul.problems").text
    check("<b>bad.csv" in problems_text, "upload errors name the file (shown as text, not markup)")
    check(not driver.find_elements(By.CSS_SELECTOR, "main b"), "the file name is not rendered as markup")
    shot(driver, "import-errors")

    # The first account ends the local admin: sign in, see the account menu, sign out.
    driver.get(BASE + "/admin/users")
    form = driver.find_element(By.CSS_SELECTOR, "form.account-form")
    form.find_element(By.NAME, "login").send_keys("marie")
    Select(form.find_element(By.NAME, "role")).select_by_value("admin")
    form.find_element(By.NAME, "password").send_keys("browser test password")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    # The answer comes back to the same URL, so wait for the old page to go (hashing the password takes time).
    WebDriverWait(driver, 30).until(staleness_of(form))
    wait_for(driver, lambda d: "/admin/users" in d.current_url)
    check("Connectez-vous" in driver.find_element(By.TAG_NAME, "main").text, "after the first account, pages ask to sign in")
    driver.find_element(By.CSS_SELECTOR, "main a.button").click()
    wait_for(driver, lambda d: "/login" in d.current_url)
    shot(driver, "login")
    driver.find_element(By.NAME, "login").send_keys("marie")
    driver.find_element(By.NAME, "password").send_keys("browser test password")
    driver.find_element(By.CSS_SELECTOR, "form.account-form button[type=submit]").click()
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "header.site form.account"))
    check("marie · administrateur" in driver.find_element(By.CSS_SELECTOR, "header.site .account").text,
          "signed in: the account menu names the account and its role")
    check("/admin/users" in driver.current_url, "login returns to the page asked for")
    shot(driver, "admin-users")
    driver.get(BASE + "/admin/audit")
    check(len(driver.find_elements(By.CSS_SELECTOR, "table.audit tbody tr")) >= 1, "audit page lists the account creation")
    shot(driver, "admin-audit")
    driver.find_element(By.CSS_SELECTOR, "header.site form.account button").click()
    wait_for(driver, lambda d: "/login" in d.current_url)
    driver.get(BASE + "/region/44")
    check("Connectez-vous" in driver.find_element(By.TAG_NAME, "main").text, "after logout the session is gone")
finally:
    driver.quit()

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
