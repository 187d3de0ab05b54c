# Reference estimates from R's survey package (Lumley), in the shape of `phare stats --format csv`:
# one row per (group, variable, level) with estimate, se, ci_lower, ci_upper.
# Sourced by the test scripts that Phare's tests write and run with Rscript.
suppressMessages(library(survey))
options(survey.lonely.psu = "fail")

ref_formula <- function(name) as.formula(paste0("~`", name, "`"))

# svymean / svytotal (normal interval, R's confint default), overall or with svyby.
ref_estimate <- function(design, var, by = NULL, stat = svymean) {
  f <- ref_formula(var)
  if (is.null(by)) {
    m <- stat(f, design, na.rm = TRUE)
    ci <- confint(m)
    data.frame(group = "", variable = var, level = "", estimate = unname(coef(m))[1],
               se = unname(SE(m))[1], ci_lower = ci[1, 1], ci_upper = ci[1, 2])
  } else {
    r <- svyby(f, ref_formula(by), design, stat, na.rm = TRUE, vartype = c("se", "ci"))
    data.frame(group = as.character(r[[1]]), variable = var, level = "", estimate = r[[2]],
               se = r[[3]], ci_lower = r[[4]], ci_upper = r[[5]])
  }
}

# svyciprop of var == level, overall or with svyby. method "logit" fits svyglm(quasibinomial);
# "xlogit" gives the same interval (delta method on the log-odds) through svycontrast, without the
# glm fit, which can fail on domains of raked designs (an intercept of -2e15 reported as converged).
ref_prop <- function(design, var, level, by = NULL, method = "logit") {
  design$variables$.indicator <- as.numeric(as.character(design$variables[[var]]) == level)
  if (is.null(by)) {
    p <- svyciprop(~.indicator, design, method = method, na.rm = TRUE)
    ci <- attr(p, "ci")
    data.frame(group = "", variable = var, level = level, estimate = unname(coef(p))[1],
               se = unname(SE(p))[1], ci_lower = ci[[1]], ci_upper = ci[[2]])
  } else {
    r <- svyby(~.indicator, ref_formula(by), design, svyciprop, method = method, na.rm = TRUE,
               vartype = c("se", "ci"))
    data.frame(group = as.character(r[[1]]), variable = var, level = level, estimate = r[[2]],
               se = r[[3]], ci_lower = r[[4]], ci_upper = r[[5]])
  }
}

# Margins file (variable, category, population) as the list of sample margins and population
# tables that rake() and postStratify() take.
ref_margins <- function(file) {
  m <- read.csv(file, colClasses = c("character", "character", "numeric"))
  vars <- unique(m$variable)
  list(
    sample = lapply(vars, ref_formula),
    population = lapply(vars, function(v) {
      rows <- m[m$variable == v, ]
      out <- data.frame(rows$category, rows$population)
      names(out) <- c(v, "Freq")
      out
    })
  )
}

ref_rake <- function(design, file, ...) {
  margins <- ref_margins(file)
  for (v in all.vars(as.formula(paste("~", paste(sapply(margins$sample, function(f) deparse(f[[2]])), collapse = "+"))))) {
    design$variables[[v]] <- as.character(design$variables[[v]])
  }
  rake(design, margins$sample, margins$population, ...)
}

ref_poststratify <- function(design, file) {
  margins <- ref_margins(file)
  v <- deparse(margins$sample[[1]][[2]])
  design$variables[[gsub("`", "", v)]] <- as.character(design$variables[[gsub("`", "", v)]])
  postStratify(design, margins$sample[[1]], margins$population[[1]])
}
