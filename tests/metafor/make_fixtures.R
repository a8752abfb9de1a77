# Reference numbers for litmeta.stats, produced by R metafor (and lme4 for the GLMM).
#
# Run from the repository root:
#     Rscript tests/metafor/make_fixtures.R
#
# Writes (deterministically, set.seed below):
#   tests/metafor/fixtures/inputs.csv     one row per study: dataset, kind, study, group,
#                                         events, n (proportions) or median, lower, upper, n
#                                         (medians; upper/lower NA = not estimable / not reported)
#   tests/metafor/fixtures/generated.csv  one row per (dataset, model) with the metafor results
#                                         on the analysis scale and the natural scale, and the
#                                         exact R call(s) that produced them in `r_call`.
#
# The Python tests (tests/test_stats_metafor.py) read these files; they never run R.

suppressPackageStartupMessages({
  library(metafor)
  library(lme4)
})

set.seed(20240611)

out_dir <- file.path("tests", "metafor", "fixtures")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

# ----------------------------------------------------------------------------------------------
# Data sets
# ----------------------------------------------------------------------------------------------

prop_sets <- list()
add_prop <- function(id, xi, ni, note) {
  stopifnot(length(xi) == length(ni), all(xi >= 0), all(xi <= ni))
  prop_sets[[length(prop_sets) + 1]] <<- list(id = id, xi = as.integer(xi), ni = as.integer(ni),
                                              note = note)
}
gen_prop <- function(k, mu, tau, nmin, nmax) {
  ni <- sample(nmin:nmax, k, replace = TRUE)
  pi <- plogis(rnorm(k, mu, tau))
  xi <- rbinom(k, ni, pi)
  list(xi = xi, ni = ni)
}

add_prop("p01_k2", c(12, 30), c(60, 90), "k = 2, no PI")
add_prop("p02_k2_zero", c(0, 9), c(25, 40), "k = 2 with a zero-event study")
add_prop("p03_zero_one", c(4, 0, 11, 7, 15, 3), c(40, 35, 80, 52, 120, 30),
         "zero events in one study")
add_prop("p04_all_one", c(30, 45, 20, 12, 50, 27), c(40, 60, 20, 15, 80, 35),
         "all events in one study")
add_prop("p05_zero_and_all", c(0, 2, 5, 8, 10, 1, 7, 9), c(10, 12, 9, 10, 10, 14, 11, 12),
         "one zero-event and one all-event study")
add_prop("p06_homog_exact", c(10, 20, 30, 40, 6), c(50, 100, 150, 200, 30),
         "identical proportions, Q = 0, tau2 on the boundary")
g <- list(xi = rbinom(8, 200, 0.3), ni = rep(200L, 8))
add_prop("p07_homog_sampled", g$xi, g$ni, "homogeneous binomial sample")
g <- gen_prop(5, -1.5, 0.4, 1000, 5000)
add_prop("p08_large_n", g$xi, g$ni, "large n (1000-5000)")
g <- gen_prop(8, 0, 0.8, 3, 5)
add_prop("p09_tiny_n", g$xi, g$ni, "tiny n (3-5)")
g <- gen_prop(12, -0.8, 0.6, 20, 400)
add_prop("p10_k12", g$xi, g$ni, "k = 12")
g <- gen_prop(10, -3.5, 0.7, 30, 300)
add_prop("p11_rare", g$xi, g$ni, "rare events, likely several zeros")
g <- gen_prop(9, 3, 0.6, 20, 120)
add_prop("p12_common", g$xi, g$ni, "common events, likely all-event studies")
add_prop("p13_mixed_n", c(2, 48, 330, 1, 61), c(5, 100, 1000, 4, 150),
         "n = 5, 100, 1000 in one meta-analysis")
add_prop("p14_k3", c(14, 22, 41), c(100, 95, 110), "k = 3")
random_specs <- list(
  c(4, -1.0, 0.3, 50, 200), c(5, 0.5, 1.0, 10, 80), c(6, -2.0, 0.5, 100, 1500),
  c(7, 0.0, 0.2, 30, 60), c(8, -1.2, 1.2, 15, 500), c(11, 1.0, 0.4, 40, 250),
  c(12, -0.3, 0.9, 5, 60), c(3, -2.5, 0.8, 200, 3000)
)
for (i in seq_along(random_specs)) {
  s <- random_specs[[i]]
  g <- gen_prop(s[1], s[2], s[3], s[4], s[5])
  add_prop(sprintf("p%02d_random", 14 + i), g$xi, g$ni,
           sprintf("random: k=%d mu=%.1f tau=%.1f n in [%d, %d]", s[1], s[2], s[3], s[4], s[5]))
}
add_prop("p23_mostly_zero", c(0, 0, 1), c(20, 30, 40),
         "two zero-event studies; a single event in all")

med_sets <- list()
add_med <- function(id, median, lower, upper, n, note) {
  med_sets[[length(med_sets) + 1]] <<- list(id = id, median = median, lower = lower,
                                            upper = upper, n = as.integer(n), note = note)
}
gen_med <- function(k, mu, tau, nmin, nmax, ne_upper = integer(0), no_ci = integer(0)) {
  n <- sample(nmin:nmax, k, replace = TRUE)
  se <- 2.2 / sqrt(n)
  lm <- rnorm(k, mu, sqrt(tau^2 + se^2))
  median <- round(exp(lm), 1)
  lower <- round(exp(log(median) - 1.96 * se * runif(k, 0.8, 1.2)), 1)
  upper <- round(exp(log(median) + 1.96 * se * runif(k, 0.8, 1.2)), 1)
  upper[ne_upper] <- NA
  lower[no_ci] <- NA
  upper[no_ci] <- NA
  list(median = median, lower = lower, upper = upper, n = n)
}
add_med("m01_k2", c(14.2, 18.9), c(11.0, 15.2), c(17.5, 23.4), c(120, 210), "k = 2")
g <- gen_med(5, log(12), 0.25, 40, 300)
add_med("m02_k5", g$median, g$lower, g$upper, g$n, "k = 5, all CIs complete")
g <- gen_med(7, log(20), 0.35, 30, 400, ne_upper = c(2, 5))
add_med("m03_ne_upper", g$median, g$lower, g$upper, g$n, "two NE upper bounds")
g <- gen_med(10, log(8), 0.15, 50, 500, ne_upper = 4)
add_med("m04_k10_ne", g$median, g$lower, g$upper, g$n, "k = 10, one NE upper bound")
add_med("m05_homog", c(10, 10, 10, 10), c(8, 8.5, 7.5, 8.2), c(12.5, 11.8, 13.3, 12.2),
        c(100, 150, 80, 120), "equal medians, tau2 on the boundary")
g <- gen_med(6, log(30), 0.5, 20, 150, ne_upper = 6, no_ci = 3)
add_med("m06_no_ci", g$median, g$lower, g$upper, g$n,
        "one study without CI (SE imputed), one NE upper bound")
g <- gen_med(3, log(6), 0.3, 60, 200)
add_med("m07_k3", g$median, g$lower, g$upper, g$n, "k = 3")

# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------

rows <- list()
num <- function(x) if (is.null(x) || length(x) == 0) NA_real_ else as.numeric(x[1])
add_row <- function(dataset, model, res, pred, r_call, k, loglik = NA_real_, tau = NA_real_,
                    qe = res$QE, qep = res$QEp) {
  rows[[length(rows) + 1]] <<- data.frame(
    dataset = dataset, model = model, k = k,
    estimate = num(res$beta), se = num(res$se), ci_lb = num(res$ci.lb), ci_ub = num(res$ci.ub),
    pi_lb = num(pred$pi.lb.raw), pi_ub = num(pred$pi.ub.raw),
    tau2 = num(res$tau2), I2 = num(res$I2), H2 = num(res$H2),
    QE = num(qe), QEdf = k - 1, QEp = num(qep),
    est_nat = num(pred$pred), ci_lb_nat = num(pred$ci.lb), ci_ub_nat = num(pred$ci.ub),
    pi_lb_nat = num(pred$pi.lb), pi_ub_nat = num(pred$pi.ub),
    loglik = loglik, tau = tau, r_call = r_call, stringsAsFactors = FALSE
  )
}
# predict() on the analysis scale for the PI, and with the back-transformation for natural scale
preds <- function(res, transf, targs = NULL) {
  raw <- predict(res)
  nat <- if (is.null(targs)) predict(res, transf = transf) else
    predict(res, transf = transf, targs = targs)
  list(pi.lb.raw = raw$pi.lb, pi.ub.raw = raw$pi.ub, pred = nat$pred, ci.lb = nat$ci.lb,
       ci.ub = nat$ci.ub, pi.lb = nat$pi.lb, pi.ub = nat$pi.ub)
}

# ----------------------------------------------------------------------------------------------
# Proportions
# ----------------------------------------------------------------------------------------------

input_rows <- list()
for (d in prop_sets) {
  xi <- d$xi
  ni <- d$ni
  k <- length(xi)
  group <- rep(c("A", "B"), length.out = k)
  input_rows[[length(input_rows) + 1]] <- data.frame(
    dataset = d$id, kind = "proportion", study = seq_len(k), group = group, events = xi, n = ni,
    median = NA_real_, lower = NA_real_, upper = NA_real_, note = d$note
  )

  # GLMM, binomial-normal, ML (lme4::glmer, nAGQ = 7 by default)
  # (lme4 refuses data sets whose observed proportions are all identical: "Response is
  # constant"; no GLMM row is written for those.)
  call <- 'rma.glmm(measure="PLO", xi=xi, ni=ni, method="ML", retfit=TRUE)'
  res <- tryCatch(eval(parse(text = call)), error = function(e) {
    message(d$id, ": rma.glmm failed (", conditionMessage(e), "); no glmm row")
    NULL
  })
  if (!is.null(res)) {
    theta <- unname(lme4::getME(res$res.ML, "theta"))
    add_row(d$id, "glmm", res, preds(res, transf.ilogit),
            paste0(call, "; predict(res, transf=transf.ilogit); logLik(res$res.ML); ",
                   "QE = res$QE.LRT (PROTOCOL.md Amendment 2)"), k,
            loglik = as.numeric(logLik(res$res.ML)), tau = theta, qe = res$QE.LRT,
            qep = res$QEp.LRT)
  }

  es <- escalc(measure = "PLO", xi = xi, ni = ni)
  esc <- 'es <- escalc(measure="PLO", xi=xi, ni=ni); '
  iv <- list(
    iv_logit_reml = 'rma(yi, vi, data=es, method="REML", control=list(threshold=1e-10))',
    iv_logit_reml_knha =
      'rma(yi, vi, data=es, method="REML", test="knha", control=list(threshold=1e-10))',
    iv_logit_dl = 'rma(yi, vi, data=es, method="DL")',
    iv_logit_pm = 'rma(yi, vi, data=es, method="PM", control=list(tol=1e-12))',
    iv_logit_fe = 'rma(yi, vi, data=es, method="FE")',
    # metafor's default stopping rules (REML: change < 1e-5; PM: uniroot tol ~1.2e-4)
    iv_logit_reml_default = 'rma(yi, vi, data=es, method="REML")',
    iv_logit_pm_default = 'rma(yi, vi, data=es, method="PM")'
  )
  for (m in names(iv)) {
    res <- eval(parse(text = iv[[m]]))
    add_row(d$id, m, res, preds(res, transf.ilogit),
            paste0(esc, iv[[m]], "; predict(res, transf=transf.ilogit)"), k)
  }

  es_ft <- escalc(measure = "PFT", xi = xi, ni = ni)
  call <- 'rma(yi, vi, data=es_ft, method="REML", control=list(threshold=1e-10))'
  res <- eval(parse(text = call))
  add_row(d$id, "iv_ft_reml", res, preds(res, transf.ipft.hm, targs = list(ni = ni)),
          paste0('es_ft <- escalc(measure="PFT", xi=xi, ni=ni); ', call,
                 "; predict(res, transf=transf.ipft.hm, targs=list(ni=ni))"), k)

  # Subgroup test: REML within each group (logit), fixed-effect Q across the group estimates
  if (k >= 4) {
    ctrl <- list(threshold = 1e-10)
    fa <- rma(yi, vi, data = es, subset = group == "A", method = "REML", control = ctrl)
    fb <- rma(yi, vi, data = es, subset = group == "B", method = "REML", control = ctrl)
    res <- rma(yi = c(fa$beta, fb$beta), sei = c(fa$se, fb$se), method = "FE")
    add_row(d$id, "subgroup_qb", res, preds(res, transf.ilogit),
            paste0(esc, 'ctrl <- list(threshold=1e-10); ',
                   'fa <- rma(yi, vi, data=es, subset=group=="A", method="REML", control=ctrl); ',
                   'fb <- rma(yi, vi, data=es, subset=group=="B", method="REML", control=ctrl); ',
                   'rma(yi=c(fa$beta, fb$beta), sei=c(fa$se, fb$se), method="FE")$QE'), 2)
  }
}

# ----------------------------------------------------------------------------------------------
# Medians (months). yi = log(median); sei = (log U - log L) / (2 * 1.96), or
# (log M - log L) / 1.96 when U is not estimable; studies without any CI get
# sei = median(sei_j * sqrt(n_j) over studies with a CI) / sqrt(n_i).
# ----------------------------------------------------------------------------------------------

for (d in med_sets) {
  k <- length(d$median)
  input_rows[[length(input_rows) + 1]] <- data.frame(
    dataset = d$id, kind = "median", study = seq_len(k), group = rep(c("A", "B"), length.out = k),
    events = NA_integer_, n = d$n, median = d$median, lower = d$lower, upper = d$upper,
    note = d$note
  )
  yi <- log(d$median)
  sei <- ifelse(is.na(d$upper), (log(d$median) - log(d$lower)) / 1.96,
                (log(d$upper) - log(d$lower)) / (2 * 1.96))
  no_ci <- is.na(d$lower)
  if (any(no_ci)) sei[no_ci] <- median(sei[!no_ci] * sqrt(d$n[!no_ci])) / sqrt(d$n[no_ci])
  calls <- list(
    iv_logmedian_reml = 'rma(yi=yi, sei=sei, method="REML", control=list(threshold=1e-10))',
    iv_logmedian_reml_knha =
      'rma(yi=yi, sei=sei, method="REML", test="knha", control=list(threshold=1e-10))',
    iv_logmedian_dl = 'rma(yi=yi, sei=sei, method="DL")'
  )
  for (m in names(calls)) {
    res <- eval(parse(text = calls[[m]]))
    add_row(d$id, m, res, preds(res, exp),
            paste0("yi <- log(median); sei <- SE from the 95% CI (see script header); ",
                   calls[[m]], "; predict(res, transf=exp)"), k)
  }
}

results <- do.call(rbind, rows)
inputs <- do.call(rbind, input_rows)
stopifnot(length(unique(inputs$dataset)) >= 25)

write_csv <- function(df, path) {
  num_cols <- vapply(df, is.double, logical(1))
  df[num_cols] <- lapply(df[num_cols], function(x) ifelse(is.na(x), NA, sprintf("%.17g", x)))
  write.csv(df, path, row.names = FALSE, na = "", quote = which(!num_cols))
}
write_csv(inputs, file.path(out_dir, "inputs.csv"))
write_csv(results, file.path(out_dir, "generated.csv"))
cat(sprintf("metafor %s, lme4 %s: %d data sets, %d result rows -> %s\n",
            packageVersion("metafor"), packageVersion("lme4"), length(unique(inputs$dataset)),
            nrow(results), out_dir))
