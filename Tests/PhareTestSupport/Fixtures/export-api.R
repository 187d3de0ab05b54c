# Writes R's `api` data sets (survey package; California Academic Performance Index, 2000) as CSV
# fixtures for Phare's tests. Run from this folder: Rscript export-api.R
suppressMessages(library(survey))
data(api)
for (name in c("apistrat", "apiclus1", "apiclus2", "apisrs")) {
  write.csv(get(name), paste0(name, ".csv"), row.names = FALSE, na = "")
}
