# The hand-written R equivalent of the pipeline's primary analyses: what a reviewer would run
# with metafor on the analysis table, used by benchmarks/run.py as the speed reference.
#   Rscript benchmarks/reference.R results/analysis_table.csv OUT_DIR
# For every endpoint x setting with at least two included cohorts: proportions (ORR, DCR,
# toxicity, MDS/AML) by rma.glmm (binomial-normal, logit, ML), medians (PFS, OS) by rma REML
# on log(median) with SE from the 95% CI; one forest() PNG per analysis and OUT_DIR/pooled.csv.
suppressPackageStartupMessages(library(metafor))

args <- commandArgs(trailingOnly = TRUE)
table_csv <- if (length(args) >= 1) args[1] else "results/analysis_table.csv"
out_dir <- if (length(args) >= 2) args[2] else "reference_out"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

tab <- read.csv(table_csv, stringsAsFactors = FALSE, na.strings = "")
tab <- tab[tab$included == "true", ]
median_eps <- c("pfs_median", "os_median")
rows <- list()

for (endpoint in unique(tab$endpoint)) {
  for (setting in c("initial", "salvage")) {
    d <- tab[tab$endpoint == endpoint & tab$pooled_in == setting, ]
    if (nrow(d) < 2) next
    if (endpoint %in% median_eps) {
      se <- ifelse(is.na(d$ci_high), (log(d$median) - log(d$ci_low)) / 1.96,
                   (log(d$ci_high) - log(d$ci_low)) / (2 * 1.96))
      fit <- rma(yi = log(d$median), sei = se, method = "REML", slab = d$cohort_id)
      pred <- predict(fit, transf = exp)
      transf <- exp
      xlab <- "median (months)"
    } else {
      fit <- rma.glmm(measure = "PLO", xi = events, ni = n, data = d, method = "ML",
                      slab = d$cohort_id)
      pred <- predict(fit, transf = transf.ilogit)
      transf <- transf.ilogit
      xlab <- "proportion"
    }
    png(file.path(out_dir, sprintf("forest_%s_%s.png", endpoint, setting)),
        width = 900, height = 200 + 22 * nrow(d))
    forest(fit, transf = transf, xlab = xlab, header = c("cohort", "estimate [95% CI]"))
    invisible(dev.off())
    rows[[length(rows) + 1]] <- data.frame(
      endpoint = endpoint, setting = setting, k = nrow(d), estimate = pred$pred,
      ci_low = pred$ci.lb, ci_high = pred$ci.ub, tau2 = fit$tau2, i2 = fit$I2)
  }
}

pooled <- do.call(rbind, rows)
write.csv(pooled, file.path(out_dir, "pooled.csv"), row.names = FALSE)
cat(sprintf("metafor %s: %d primary analyses, %d forest plots in %s\n",
            packageVersion("metafor"), nrow(pooled), nrow(pooled), out_dir))
