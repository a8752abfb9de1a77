# Reference numbers for litmeta.certainty.small_study (Egger and Peters regression tests),
# produced by R metafor regtest(model = "lm").
#
# Run from the repository root:
#     python tests/metafor/small_study_inputs.py   # corpus pools -> fixtures/small_study_inputs.csv
#     Rscript tests/metafor/small_study.R
#
# Reads  tests/metafor/fixtures/small_study_inputs.csv (dataset, cohort, events, n), adds a
# simulated k = 10 pool with a planted small-study effect (set.seed below; its rows are written
# to fixtures/small_study_sim_inputs.csv), and writes fixtures/small_study.csv: one row per
# (dataset, test) with the slope, its SE, t, df, p, the limit estimate and its 95% CI, and the
# exact R call in `r_call`. tests/test_small_study_metafor.py reads these files; it never runs R.

suppressPackageStartupMessages(library(metafor))
set.seed(20261201)

dir <- file.path("tests", "metafor", "fixtures")
inputs <- read.csv(file.path(dir, "small_study_inputs.csv"), stringsAsFactors = FALSE)

# k = 10 with small cohorts showing higher proportions (asymmetric funnel)
n_sim <- c(12, 15, 18, 22, 30, 40, 60, 90, 150, 240)
p_sim <- plogis(-1.2 + 8 / sqrt(n_sim))
sim <- data.frame(dataset = "sim_k10_asymmetric", cohort = sprintf("sim%02d", 1:10),
                  events = rbinom(10, n_sim, p_sim), n = n_sim)
write.csv(sim, file.path(dir, "small_study_sim_inputs.csv"), row.names = FALSE, quote = FALSE)
inputs <- rbind(inputs, sim)

rows <- list()
for (ds in unique(inputs$dataset)) {
  d <- inputs[inputs$dataset == ds, ]
  es <- escalc(measure = "PLO", xi = d$events, ni = d$n)  # add = 1/2, to = "only0"
  calls <- list(
    egger = 'regtest(es$yi, es$vi, model = "lm", predictor = "sei")',
    peters = 'regtest(es$yi, es$vi, ni = d$n, model = "lm", predictor = "ninv")'
  )
  for (test in names(calls)) {
    r <- eval(parse(text = calls[[test]]))
    coefs <- coef(summary(r$fit))
    rows[[length(rows) + 1]] <- data.frame(
      dataset = ds, test = test, k = nrow(d),
      slope = coefs[2, 1], slope_se = coefs[2, 2], t = r$zval, df = r$dfs, p = r$pval,
      limit = r$est, limit_ci_low = r$ci.lb, limit_ci_high = r$ci.ub,
      r_call = paste0('es <- escalc(measure = "PLO", xi = events, ni = n); ', calls[[test]])
    )
  }
}
out <- do.call(rbind, rows)
write.csv(out, file.path(dir, "small_study.csv"), row.names = FALSE)
cat("wrote", nrow(out), "rows\n")
