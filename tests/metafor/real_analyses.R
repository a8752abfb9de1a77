# Expected values for every analysis of the real synthesis, computed by R metafor from the
# committed results/analysis_table.csv. Run from the repository root:
#   Rscript tests/metafor/real_analyses.R
# Writes tests/metafor/fixtures/real_pooled.csv, real_subgroups.csv and real_loo.csv; each
# row carries in `r_call` the metafor call that produced its numbers. The Python tests
# (tests/test_pooled_metafor.py) compare results/*.csv with these files and need no R.
suppressPackageStartupMessages(library(metafor))

tab <- read.csv("results/analysis_table.csv", stringsAsFactors = FALSE, na.strings = "")
cfg_excl <- list(sens_exclude_preprint = "kalantarhormozi2020",
                 sens_exclude_symptomatic = "zandee2021")
median_eps <- c("pfs_median", "os_median")
held_back <- "^(no 95% CI|only cohort of its setting)"

rows <- list(); sub <- list(); loo <- list()

# metafor's default stopping rules (REML threshold 1e-5, PM uniroot tol ~1e-4) are looser
# than the 1e-4 agreement the tests ask for; tighten them (the r_call says so).
ctl <- function(method) {
  switch(method, REML = list(threshold = 1e-10), PM = list(tol = 1e-12), list())
}
ctl_text <- function(method) {
  switch(method, REML = ", control=list(threshold=1e-10)", PM = ", control=list(tol=1e-12)", "")
}

record <- function(analysis, endpoint, setting, d, fit, pred, r_call) {
  k <- nrow(d)
  pi_lb <- if (k >= 3) pred$pi.lb else NA
  pi_ub <- if (k >= 3) pred$pi.ub else NA
  q <- if (inherits(fit, "rma.glmm")) fit$QE.Wld else fit$QE
  qp <- if (inherits(fit, "rma.glmm")) fit$QEp.Wld else fit$QEp
  rows[[length(rows) + 1]] <<- data.frame(
    analysis = analysis, endpoint = endpoint, setting = setting, k = k,
    estimate = pred$pred, ci_low = pred$ci.lb, ci_high = pred$ci.ub,
    pi_low = pi_lb, pi_high = pi_ub, tau2 = fit$tau2, i2 = fit$I2, q = q, q_p = qp,
    b = as.numeric(fit$b), se = fit$se, cohorts = paste(d$cohort_id, collapse = ";"),
    r_call = r_call, stringsAsFactors = FALSE)
}

median_se <- function(d) {
  ifelse(is.na(d$ci_high), (log(d$median) - log(d$ci_low)) / 1.96,
         (log(d$ci_high) - log(d$ci_low)) / (2 * 1.96))
}

fit_prop <- function(model, d) {
  if (model == "glmm") {
    fit <- rma.glmm(measure = "PLO", xi = events, ni = n, data = d, method = "ML")
    return(list(fit = fit, pred = predict(fit, transf = transf.ilogit),
                call = 'rma.glmm(measure="PLO", xi=events, ni=n, method="ML"); predict(transf=transf.ilogit)'))
  }
  spec <- switch(model,
    logit_reml_hksj = list(m = "PLO", method = "REML", test = "knha"),
    ft_reml = list(m = "PFT", method = "REML", test = "z"),
    logit_dl = list(m = "PLO", method = "DL", test = "z"),
    logit_pm = list(m = "PLO", method = "PM", test = "z"))
  es <- escalc(measure = spec$m, xi = events, ni = n, data = d)
  fit <- rma(yi, vi, data = es, method = spec$method, test = spec$test,
             control = ctl(spec$method))
  if (spec$m == "PFT") {
    pred <- predict(fit, transf = transf.ipft.hm, targs = list(ni = d$n))
    tr <- "predict(transf=transf.ipft.hm, targs=list(ni=n))"
  } else {
    pred <- predict(fit, transf = transf.ilogit)
    tr <- "predict(transf=transf.ilogit)"
  }
  list(fit = fit, pred = pred, call = sprintf(
    'es <- escalc(measure="%s", xi=events, ni=n); rma(yi, vi, data=es, method="%s", test="%s"%s); %s',
    spec$m, spec$method, spec$test, ctl_text(spec$method), tr))
}

fit_med <- function(method, d, impute = FALSE) {
  se <- median_se(d)
  if (impute && any(is.na(se))) {
    known <- !is.na(se)
    se[!known] <- median(se[known] * sqrt(d$n[known])) / sqrt(d$n[!known])
  }
  fit <- rma(yi = log(d$median), sei = se, method = method, control = ctl(method))
  list(fit = fit, pred = predict(fit, transf = exp), call = sprintf(
    'rma(yi=log(median), sei=%s, method="%s"%s); predict(transf=exp)',
    if (impute) "se_imputed" else "se_from_ci", method, ctl_text(method)))
}

for (endpoint in unique(tab$endpoint)) {
  is_med <- endpoint %in% median_eps
  for (setting in c("initial", "salvage")) {
    pool <- tab[tab$endpoint == endpoint & tab$pooled_in == setting, ]
    base <- pool[pool$included == "true", ]
    wide <- pool[pool$included == "true" | grepl(held_back, pool$reason), ]
    per_setting <- list()
    run <- function(analysis, d, f) {
      if (nrow(d) < 2) return(invisible(NULL))
      r <- f(d)
      record(analysis, endpoint, setting, d, r$fit, r$pred, r$call)
      per_setting[[analysis]] <<- r$fit
    }
    if (is_med) {
      run("primary", base, function(d) fit_med("REML", d))
      run("sens_dl", base, function(d) fit_med("DL", d))
      run("sens_pm", base, function(d) fit_med("PM", d))
      wide_med <- wide[!is.na(wide$median), ]
      run("sens_impute_se", wide_med, function(d) fit_med("REML", d, impute = TRUE))
    } else {
      run("primary", base, function(d) fit_prop("glmm", d))
      run("sens_logit_reml_hksj", base, function(d) fit_prop("logit_reml_hksj", d))
      run("sens_ft_reml", base, function(d) fit_prop("ft_reml", d))
      run("sens_dl", base, function(d) fit_prop("logit_dl", d))
      run("sens_pm", base, function(d) fit_prop("logit_pm", d))
    }
    prim <- if (is_med) function(d) fit_med("REML", d) else function(d) fit_prop("glmm", d)
    for (a in names(cfg_excl)) run(a, base[!(base$cohort_id %in% cfg_excl[[a]]), ], prim)
    alt <- base
    for (col in c("events", "n", "median", "ci_low", "ci_high")) {
      altcol <- paste0("alt_", col)
      if (altcol %in% names(alt)) alt[[col]] <- ifelse(is.na(alt[[altcol]]), alt[[col]], alt[[altcol]])
    }
    run("sens_alternative_values", alt, prim)
    if (nrow(base) >= 3) {
      for (i in seq_len(nrow(base))) {
        r <- prim(base[-i, ])
        loo[[length(loo) + 1]] <- data.frame(
          endpoint = endpoint, setting = setting, omitted_cohort = base$cohort_id[i],
          estimate = r$pred$pred, ci_low = r$pred$ci.lb, ci_high = r$pred$ci.ub,
          tau2 = r$fit$tau2, i2 = r$fit$I2, r_call = paste("leave one out:", r$call),
          stringsAsFactors = FALSE)
      }
    }
    assign(paste0("fits_", setting), per_setting)
  }
  for (a in intersect(names(fits_initial), names(fits_salvage))) {
    f1 <- fits_initial[[a]]; f2 <- fits_salvage[[a]]
    fe <- rma(yi = c(as.numeric(f1$b), as.numeric(f2$b)), sei = c(f1$se, f2$se), method = "FE")
    sub[[length(sub) + 1]] <- data.frame(
      analysis = a, endpoint = endpoint, q_between = fe$QE, df = 1, p = fe$QEp,
      r_call = 'rma(yi=c(b_initial, b_salvage), sei=c(se_initial, se_salvage), method="FE")$QE',
      stringsAsFactors = FALSE)
  }
  rm(fits_initial, fits_salvage)
}

dir.create("tests/metafor/fixtures", showWarnings = FALSE, recursive = TRUE)
write.csv(do.call(rbind, rows), "tests/metafor/fixtures/real_pooled.csv", row.names = FALSE)
write.csv(do.call(rbind, sub), "tests/metafor/fixtures/real_subgroups.csv", row.names = FALSE)
write.csv(do.call(rbind, loo), "tests/metafor/fixtures/real_loo.csv", row.names = FALSE)
cat(sprintf("metafor %s: %d pooled rows, %d subgroup tests, %d leave-one-out rows\n",
            packageVersion("metafor"), length(rows), length(sub), length(loo)))
