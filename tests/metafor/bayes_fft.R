# Independent reference for litmeta's sens_bayes (src/litmeta/stats/bayes.py), integrating
# in a different way: the random effects are integrated out by FFT convolution on a fine
# theta grid instead of Gauss-Hermite quadrature per (mu, tau) point.
#
# Model: theta_i ~ N(mu, tau^2); mu ~ N(0, mu_sd^2) (10 by default); tau ~ half-normal(tau_sd).
#   binomial: x_i ~ Binomial(n_i, plogis(theta_i))      (tau_sd = 1)
#   normal:   y_i ~ N(theta_i, v_i)                      (tau_sd = 0.5)
# For each tau on a grid, the study likelihood L_i(theta) on the theta grid is convolved with
# the discretised N(0, tau^2) density (stats::fft on a zero-padded grid), which gives the marginal
# likelihood m_i(mu) = int L_i(theta) N(theta | mu, tau^2) dtheta on the same grid. The joint
# posterior on (mu, tau) is prior x prod_i m_i; the predictive density of a new cohort's theta
# is the posterior of mu at each tau convolved once more with N(0, tau^2). Quantiles come from
# cumulative trapezoid sums, linearly interpolated.
#
# Sourced by real_analyses.R and bayes_synthetic.R; bayes_fft(...) returns a list with the
# posterior median and 95% equal-tailed interval of mu, the posterior median of tau, and the
# 95% predictive interval, all on the analysis scale.

BAYES_FFT_CALL <- paste(
  "bayes_fft(lik, tau_sd): theta grid h=0.01 over +- max(20, 20*tau_sd) (logits) / mean(y) +- max(8, 16*tau_sd)",
  "(log medians), tau grid 0..6*tau_sd in 601 steps, convolution by stats::fft on a",
  "zero-padded grid of 2^m points")

# FFT convolution on a zero-padded grid of N = 2^m points: f (length n, the grid) with the
# discretised N(0, tau^2) density (normalised to sum 1; a unit spike for tau = 0)
kernel_fft <- function(h, tau, N) {
  k <- numeric(N)
  if (tau < 1e-12) {
    k[1] <- 1
  } else {
    half <- min(ceiling(8 * tau / h), N / 2 - 1)
    d <- dnorm(seq(0, half) * h, 0, tau)
    k[1:(half + 1)] <- d
    k[N - seq_len(half) + 1] <- d[-1]
    k <- k / sum(k)
  }
  fft(k)
}

conv_fft <- function(F, K, n) pmax(Re(fft(F * K, inverse = TRUE))[1:n] / length(K), 0)

pad_fft <- function(f, N) fft(c(f, numeric(N - length(f))))

quantile_grid <- function(x, dens, p) {
  cdf <- c(0, cumsum(diff(x) * (head(dens, -1) + tail(dens, -1)) / 2))
  cdf <- cdf / cdf[length(cdf)]
  keep <- !duplicated(cdf)
  approx(cdf[keep], x[keep], xout = p)$y
}

# lik: function(theta) -> matrix (length(theta) x k) of study likelihoods (not logs)
# tau_max: the tau grid's end (6 tau_sd: the prior mass above is 2e-9); a reference for many
# cohorts may end it where the posterior has no mass, to afford a finer theta grid
bayes_fft <- function(lik, tau_sd, theta, n_tau = 601, mu_sd = 10, tau_max = 6 * tau_sd) {
  h <- theta[2] - theta[1]
  n <- length(theta)
  N <- 2^ceiling(log2(n + 2 * ceiling(8 * tau_max / h) + 2))
  L <- lik(theta)
  # scale each study's likelihood to max 1 (constants cancel in the posterior)
  L <- sweep(L, 2, apply(L, 2, max), "/")
  LF <- lapply(seq_len(ncol(L)), function(i) pad_fft(L[, i], N))
  taus <- seq(0, tau_max, length.out = n_tau)
  kf <- lapply(taus, function(t) kernel_fft(h, t, N))
  joint <- matrix(0, n, n_tau)
  for (j in seq_along(taus)) {
    logm <- 0
    for (i in seq_along(LF)) logm <- logm + log(conv_fft(LF[[i]], kf[[j]], n))
    joint[, j] <- logm
  }
  prior <- outer(dnorm(theta, 0, mu_sd, log = TRUE), dnorm(taus, 0, tau_sd, log = TRUE), "+")
  joint <- joint + prior
  joint <- exp(joint - max(joint))
  wt <- c(0.5, rep(1, n_tau - 2), 0.5) * (taus[2] - taus[1])
  mu_dens <- as.vector(joint %*% wt)
  wm <- c(0.5, rep(1, n - 2), 0.5) * h
  tau_dens <- as.vector(wm %*% joint)
  pred <- numeric(n)
  for (j in seq_along(taus)) pred <- pred + wt[j] * conv_fft(pad_fft(joint[, j], N), kf[[j]], n)
  q_mu <- quantile_grid(theta, mu_dens, c(0.025, 0.5, 0.975))
  list(mu = q_mu[2], ci_low = q_mu[1], ci_high = q_mu[3],
       tau = quantile_grid(taus, tau_dens, 0.5),
       pi_low = quantile_grid(theta, pred, 0.025), pi_high = quantile_grid(theta, pred, 0.975))
}

bayes_binomial <- function(x, n, tau_sd = 1, mu_sd = 10) {
  # +-20 holds the random effects for tau ~ half-normal(1); wider priors need a wider grid
  hw <- max(20, 20 * tau_sd)
  theta <- seq(-hw, hw, by = 0.01)
  lik <- function(th) sapply(seq_along(x), function(i) dbinom(x[i], n[i], plogis(th)))
  bayes_fft(lik, tau_sd, theta, mu_sd = mu_sd)
}

bayes_normal <- function(y, v, tau_sd = 0.5, mu_sd = 10) {
  c0 <- mean(y)
  # +-8 holds the predictive mass for tau ~ half-normal(0.5); wider priors need a wider grid
  hw <- max(8, 16 * tau_sd)
  theta <- seq(c0 - hw, c0 + hw, by = 0.01)
  lik <- function(th) sapply(seq_along(y), function(i) dnorm(y[i], th, sqrt(v[i])))
  bayes_fft(lik, tau_sd, theta, mu_sd = mu_sd)
}
