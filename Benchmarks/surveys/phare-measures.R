# R's survey package doing what `phare survey estimate --responses FILE --margins FILE --measure all
# --by region` does for citizens: read the response file, rake the design weights on the margins
# (region, sexe, age, csp), and estimate every published measure by region with its standard error
# and confidence interval (normal for mean ratings; logit, with the design degrees of freedom, for
# shares). Usage: Rscript phare-measures.R responses.csv margins.csv out.csv
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(survey))
started <- Sys.time()
data <- read.csv(args[1], colClasses = "character", check.names = FALSE)
data$weight <- as.numeric(data$weight)
domains <- sub("FRAG_", "", grep("^FRAG_", names(data), value = TRUE))
split_choices <- function(column) strsplit(column, "|", fixed = TRUE)
chosen <- function(lists, code) as.numeric(vapply(lists, function(x) code %in% x, logical(1)))
prio <- split_choices(data$PRIO)
mobil <- lapply(c(entreprises = "MOBIL_entreprises", associations = "MOBIL_associations", citoyens = "MOBIL_citoyens"),
                function(column) split_choices(data[[column]]))
columns <- list()
keys <- character(0)
add <- function(measure, item, values) {
  columns[[length(columns) + 1]] <<- values
  keys <<- c(keys, paste(measure, item, sep = "|"))
}
for (d in domains) {
  rating <- as.numeric(data[[paste0("FRAG_", d)]])
  add("mean_rating", d, rating)
  add("share_rating_above_6", d, as.numeric(rating >= 7))
  add("share_top3", d, chosen(prio, d))
  for (target in names(mobil)) add(paste0("share_mobilise_", target), d, chosen(mobil[[target]], d))
  add("share_impact", d, as.numeric(data[[paste0("IMPACT_", d)]] == "fort"))
  add("cocon_relevant", d, as.numeric(data[[paste0("COCON_", d)]] == "oui"))
}
add("innovation_agree", "all", as.numeric(data$INNOV %in% c("tout-a-fait", "plutot")))
values <- as.data.frame(columns)
names(values) <- paste0("v", seq_along(columns))
frame <- cbind(data[, c("stratum", "region", "sexe", "age", "csp", "weight")], values)
prepared <- Sys.time()

margins <- read.csv(args[2], colClasses = c("character", "character", "numeric"))
variables <- unique(margins$variable)
population <- lapply(variables, function(v) {
  x <- margins[margins$variable == v, c("category", "population")]
  names(x) <- c(v, "Freq")
  x
})
design <- svydesign(id = ~1, strata = ~stratum, weights = ~weight, data = frame)
design <- rake(design, lapply(variables, function(v) as.formula(paste0("~", v))), population,
               control = list(maxit = 50, epsilon = 1e-9))
raked <- Sys.time()

formula <- as.formula(paste("~", paste(names(values), collapse = "+")))
result <- svyby(formula, ~region, design, svymean, na.rm = TRUE)
estimated <- Sys.time()

# Long table with the intervals: normal for means, logit (t with PSUs - strata = n - 1 in a region) for shares.
k <- length(keys)
estimate <- as.matrix(result[, 2:(k + 1)])
se <- as.matrix(result[, (k + 2):(2 * k + 1)])
n <- as.vector(table(frame$region)[as.character(result$region)])
df <- n - 1
out <- NULL
for (j in seq_len(k)) {
  parts <- strsplit(keys[j], "|", fixed = TRUE)[[1]]
  p <- estimate[, j]
  s <- se[, j]
  if (parts[1] == "mean_rating") {
    lower <- p - qnorm(0.975) * s
    upper <- p + qnorm(0.975) * s
  } else {
    half <- qt(0.975, df) * s / (p * (1 - p))
    lower <- plogis(qlogis(p) - half)
    upper <- plogis(qlogis(p) + half)
  }
  out <- rbind(out, data.frame(measure = parts[1], item = parts[2], region = as.character(result$region),
                               estimate = p, se = s, ci_lower = lower, ci_upper = upper))
}
write.csv(out, args[3], row.names = FALSE)
finished <- Sys.time()
seconds <- function(a, b) round(as.numeric(difftime(b, a, units = "secs")), 2)
cat(sprintf("R timings (s): read and prepare %s, rake %s, svyby %s, total %s\n",
            seconds(started, prepared), seconds(prepared, raked), seconds(raked, estimated), seconds(started, finished)),
    file = stderr())
