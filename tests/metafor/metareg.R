# Reference numbers for litmeta.metaregression (binomial-normal meta-regression on config
# moderators), produced by R metafor rma.glmm(measure = "PLO", mods = ...) with method = "ML".
#
# Run from the repository root:
#     python tests/metafor/metareg_inputs.py   # corpus pools -> fixtures/metareg_inputs.csv
#     Rscript tests/metafor/metareg.R
#
# Reads  tests/metafor/fixtures/metareg_inputs.csv (dataset, cohort, events, n, year, style:
# three k = 24 pools of the synthetic corpus) and writes fixtures/metareg.csv: one row per
# (dataset, moderator, term) with the coefficient, its SE, tau2, QM, its df and p, and the
# exact R call in `r_call`. A numeric moderator (year) enters centred at its mean over the
# pool, as litmeta enters it (the fit is badly conditioned in raw years); a categorical one (style)
# as treatment dummies with the first level (sorted) as reference, R's default for a factor.
# tests/test_metaregression_metafor.py reads these files; it never runs R.

suppressPackageStartupMessages(library(metafor))

dir <- file.path("tests", "metafor", "fixtures")
inputs <- read.csv(file.path(dir, "metareg_inputs.csv"), stringsAsFactors = FALSE)
inputs$style <- factor(inputs$style, levels = sort(unique(inputs$style)))

rows <- list()
for (ds in unique(inputs$dataset)) {
  d <- inputs[inputs$dataset == ds, ]
  calls <- list(
    year = 'rma.glmm(measure = "PLO", xi = events, ni = n, mods = ~ I(year - mean(year)), data = d, method = "ML")',
    style = 'rma.glmm(measure = "PLO", xi = events, ni = n, mods = ~ style, data = d, method = "ML")'
  )
  for (mod in names(calls)) {
    r <- eval(parse(text = calls[[mod]]))
    terms <- rownames(r$beta)
    if (mod == "year") {
      terms[2] <- "year"  # I(year - mean(year)): the slope
    } else {
      terms[-1] <- sub(paste0("^", mod), paste0(mod, "="), terms[-1])
    }
    rows[[length(rows) + 1]] <- data.frame(
      dataset = ds, moderator = mod, k = r$k, term = terms,
      estimate = as.numeric(r$beta), se = r$se, tau2 = r$tau2,
      qm = r$QM, qm_df = r$QMdf[1], qm_p = r$QMp,
      r_call = calls[[mod]]
    )
  }
}
out <- do.call(rbind, rows)
write.csv(out, file.path(dir, "metareg.csv"), row.names = FALSE)
cat("wrote", nrow(out), "rows to", file.path(dir, "metareg.csv"), "\n")
