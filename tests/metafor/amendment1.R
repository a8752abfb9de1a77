# Expected values for the statistics of PROTOCOL.md Amendment 1 on the synthetic data sets of
# fixtures/inputs.csv (make_fixtures.R). Run from the repository root:
#   Rscript tests/metafor/amendment1.R
# Writes tests/metafor/fixtures/amendment1.csv: one row per (data set, model), analysis-scale
# numbers, the R call in `r_call`. tests/test_stats_amendment1.py reads it (no R needed).
#
#   iv_*_adhoc_tk2   rma(test="adhoc") (Hartung-Knapp with max(1, q)); PI b +- qt(.975, k-2)
#                    sqrt(se^2 + tau2) with the model's own se
#   glmm_tk2         rma.glmm(measure="PLO", method="ML"); the same t(k-2) PI
#   ne_max_imputed   medians with an NE upper bound: SE = max((ln M - ln L)/1.96,
#                    median(SE_j sqrt(n_j)) / sqrt(n_i)) over studies with two bounds; REML
#   bayes            bayes_fft.R (FFT convolution; a different integration from litmeta's)
#   metareg          rma.glmm(measure="PLO", mods=~group, method="ML"): b0, b1, se, tau2, QM
suppressPackageStartupMessages({library(metafor)})
source("tests/metafor/bayes_fft.R")

inp <- read.csv("tests/metafor/fixtures/inputs.csv", stringsAsFactors = FALSE)
ctl <- list(threshold = 1e-10)
out <- list()
add <- function(dataset, model, est, ci_low, ci_high, pi_low, pi_high, tau2, r_call,
                b1 = NA, se = NA, se1 = NA, qm = NA, qmp = NA) {
  out[[length(out) + 1]] <<- data.frame(
    dataset = dataset, model = model, estimate = est, ci_low = ci_low, ci_high = ci_high,
    pi_low = pi_low, pi_high = pi_high, tau2 = tau2, b1 = b1, se = se, se1 = se1, qm = qm,
    qmp = qmp, r_call = r_call, stringsAsFactors = FALSE)
}
tk2 <- function(fit, k) {
  if (k < 3) return(c(NA, NA))
  as.vector(fit$b)[1] + c(-1, 1) * qt(0.975, k - 2) * sqrt(fit$se[1]^2 + fit$tau2)
}

median_se_amended <- function(d) {
  two <- !is.na(d$lower) & !is.na(d$upper)
  half <- !is.na(d$lower) & is.na(d$upper)
  se <- ifelse(two, (log(d$upper) - log(d$lower)) / (2 * 1.96),
               (log(d$median) - log(d$lower)) / 1.96)
  if (any(half) && any(two)) {
    scale <- median(se[two] * sqrt(d$n[two]))
    se[half] <- pmax(se[half], scale / sqrt(d$n[half]))
  }
  se
}

prop_sets <- unique(inp$dataset[inp$kind == "proportion"])
for (ds in prop_sets) {
  d <- inp[inp$dataset == ds, ]
  k <- nrow(d)
  es <- escalc(measure = "PLO", xi = events, ni = n, data = d)
  fit <- rma(yi, vi, data = es, method = "REML", test = "adhoc", control = ctl)
  p <- tk2(fit, k)
  add(ds, "iv_logit_reml_adhoc_tk2", fit$b, fit$ci.lb, fit$ci.ub, p[1], p[2], fit$tau2,
      paste('es <- escalc(measure="PLO", xi=events, ni=n); rma(yi, vi, data=es,',
            'method="REML", test="adhoc", control=list(threshold=1e-10));',
            'b +- qt(.975, k-2)*sqrt(se^2+tau2)'), se = fit$se)
  g <- tryCatch(rma.glmm(measure = "PLO", xi = events, ni = n, data = d, method = "ML"),
                error = function(e) NULL)
  if (!is.null(g)) {
    p <- tk2(g, k)
    add(ds, "glmm_tk2", g$b, g$ci.lb, g$ci.ub, p[1], p[2], g$tau2,
        paste('rma.glmm(measure="PLO", xi=events, ni=n, method="ML");',
              'b +- qt(.975, k-2)*sqrt(se^2+tau2)'), se = g$se)
  }
  if (length(unique(d$group)) == 2 && all(table(d$group) >= 1) && k >= 3) {
    m <- tryCatch(rma.glmm(measure = "PLO", xi = events, ni = n, mods = ~group, data = d,
                           method = "ML"), error = function(e) NULL)
    if (!is.null(m)) {
      add(ds, "metareg", m$b[1], m$ci.lb[1], m$ci.ub[1], NA, NA, m$tau2,
          'rma.glmm(measure="PLO", xi=events, ni=n, mods=~group, method="ML"); b, se, tau2, QM',
          b1 = m$b[2], se = m$se[1], se1 = m$se[2], qm = m$QM, qmp = m$QMp)
    }
  }
}
for (ds in c("p01_k2", "p02_k2_zero", "p05_zero_and_all", "p11_rare", "p14_k3",
             "p23_mostly_zero", "p16_random")) {
  d <- inp[inp$dataset == ds, ]
  r <- bayes_binomial(d$events, d$n)
  add(ds, "bayes", r$mu, r$ci_low, r$ci_high, r$pi_low, r$pi_high, r$tau^2,
      paste0("bayes_binomial(events, n): ", BAYES_FFT_CALL, "; tau2 = median(tau)^2"))
}
for (ds in unique(inp$dataset[inp$kind == "median"])) {
  d <- inp[inp$dataset == ds, ]
  d <- d[!is.na(d$lower), ]
  if (nrow(d) < 2) next
  k <- nrow(d)
  se <- median_se_amended(d)
  fit <- rma(yi = log(d$median), sei = se, method = "REML", test = "adhoc", control = ctl)
  p <- tk2(fit, k)
  add(ds, "iv_logmedian_reml_adhoc_tk2", fit$b, fit$ci.lb, fit$ci.ub, p[1], p[2], fit$tau2,
      paste('rma(yi=log(median), sei=se_amended, method="REML", test="adhoc",',
            'control=list(threshold=1e-10)); b +- qt(.975, k-2)*sqrt(se^2+tau2);',
            'se_amended = max(one-half SE, median(SE_j*sqrt(n_j))/sqrt(n_i)) for NE bounds'),
      se = fit$se)
  fit <- rma(yi = log(d$median), sei = se, method = "REML", control = ctl)
  p <- tk2(fit, k)
  add(ds, "ne_max_imputed", fit$b, fit$ci.lb, fit$ci.ub, p[1], p[2], fit$tau2,
      paste('rma(yi=log(median), sei=se_amended, method="REML", control=list(threshold=1e-10));',
            'b +- qt(.975, k-2)*sqrt(se^2+tau2)'), se = fit$se)
  r <- bayes_normal(log(d$median), se^2)
  add(ds, "bayes", r$mu, r$ci_low, r$ci_high, r$pi_low, r$pi_high, r$tau^2,
      paste0("bayes_normal(log(median), se_amended^2): ", BAYES_FFT_CALL,
             "; tau2 = median(tau)^2"))
}

res <- do.call(rbind, out)
write.csv(res, "tests/metafor/fixtures/amendment1.csv", row.names = FALSE)
cat(sprintf("metafor %s: %d rows\n", packageVersion("metafor"), nrow(res)))
