# Reference numbers for litmeta's sens_bayes with many cohorts, where the posterior of tau is
# narrower than the protocol's fixed tau grid steps and litmeta lays its tau grid over the
# posterior's mass (src/litmeta/stats/bayes.py, `_narrowed`; issue 28, third session).
#
# Run from the repository root:
#     Rscript tests/metafor/bayes_large_k.R
#
# Simulates (set.seed below) two binomial data sets (k = 100, 200; events ~ Binomial(n,
# plogis(theta)), n in 30..150, theta ~ N(-0.8, 0.5^2)) and two normal ones (k = 100, 400; log
# medians yi ~ N(log 15, 0.3^2) with variances vi ~ U(0.01, 0.06)), writes them to
# fixtures/bayes_large_k_inputs.csv, and writes fixtures/bayes_large_k.csv: bayes_fft.R's
# posterior median and 95% interval of mu, median of tau (as tau2) and 95% predictive interval,
# on the analysis scale (logit / log), with the R call in `r_call`. The FFT computation
# integrates the random effects on a theta grid of step 0.01 with tau on 601 points over
# 0..6 tau_sd, a different integration from litmeta's (Gauss-Hermite per grid point).
# tests/test_bayes_narrow.py reads these files; it never runs R.

source("tests/metafor/bayes_fft.R")
set.seed(20261207)
dir <- file.path("tests", "metafor", "fixtures")

inputs <- list()
rows <- list()
add <- function(ds, likelihood, r, call) {
  rows[[length(rows) + 1]] <<- data.frame(
    dataset = ds, likelihood = likelihood, estimate = r$mu, ci_low = r$ci_low,
    ci_high = r$ci_high, tau2 = r$tau^2, pi_low = r$pi_low, pi_high = r$pi_high, r_call = call
  )
}

for (k in c(100, 200)) {
  ds <- paste0("binomial_k", k)
  n <- sample(30:150, k, replace = TRUE)
  x <- rbinom(k, n, plogis(rnorm(k, -0.8, 0.5)))
  inputs[[ds]] <- data.frame(dataset = ds, likelihood = "binomial", a = x, b = n)
  add(ds, "binomial", bayes_binomial(x, n),
      paste0("bayes_binomial(events, n): ", BAYES_FFT_CALL, "; tau2 = median(tau)^2"))
}
# The normal model's posterior of mu has an SD of 0.014-0.03 here, near bayes_normal()'s
# theta step (0.01), whose 95% interval is then ~1e-3 too wide (litmeta's mu given tau is in
# closed form). So these get a theta step of 0.0025 over mean(y) +- 3 (the predictive
# interval spans +- 0.5) and tau on 601 points over 0..0.6 instead of 0..3 (tau's posterior
# lies within 0.2 +- 0.05: no mass beyond 0.6), which keeps the FFTs small.
FINE_NORMAL_CALL <- paste(
  "bayes_fft(lik, tau_sd = 0.5, theta = seq(mean(y) - 3, mean(y) + 3, by = 0.0025),",
  "n_tau = 601, tau_max = 0.6) with lik(th) = dnorm(y_i, th, sqrt(v_i)), convolution by",
  "stats::fft on a zero-padded grid of 2^m points")
for (k in c(100, 400)) {
  ds <- paste0("normal_k", k)
  y <- rnorm(k, log(15), 0.3)
  v <- runif(k, 0.01, 0.06)
  inputs[[ds]] <- data.frame(dataset = ds, likelihood = "normal", a = y, b = v)
  theta <- seq(mean(y) - 3, mean(y) + 3, by = 0.0025)
  lik <- function(th) sapply(seq_along(y), function(i) dnorm(y[i], th, sqrt(v[i])))
  add(ds, "normal", bayes_fft(lik, 0.5, theta, n_tau = 601, tau_max = 0.6),
      paste0(FINE_NORMAL_CALL, "; tau2 = median(tau)^2"))
}

write.csv(do.call(rbind, inputs), file.path(dir, "bayes_large_k_inputs.csv"), row.names = FALSE)
write.csv(do.call(rbind, rows), file.path(dir, "bayes_large_k.csv"), row.names = FALSE)
