# Reference values for rwg(j), item means and ICC(1)/ICC(2) on tests/scales/ (items on
# different scales). Run from the repository root:
#   Rscript tests/scales/rwg_reference.R > tests/scales/rwg_reference.txt
# Needs R and the multilevel package (Debian: r-base-core r-cran-multilevel).
#
# Mixed-scale rwg(j): r = mean_j(s_j^2 / sigma2_j), sigma2_j = (A_j^2 - 1) / 12 with
# A_j = scale_max - scale_min + 1, rwg(j) = J(1 - r) / (J(1 - r) + r), r truncated at 1 (so
# rwg(j) is in [0, 1]). That is multilevel::rwg.j(x_j / sqrt(sigma2_j), grp, ranvar = 1).
#
# NA handling: multilevel::rwg.j starts with na.exclude(data.frame(x, grpid)), so it drops every
# respondent with an NA in ANY of the items passed (listwise), and J is always ncol(x). The
# project computes each item's variance from that item's own answers in the trust (pairwise,
# var(x_j, na.rm = TRUE)) and leaves items with fewer than 2 answers out of J. Both are printed:
# "pairwise" = the project's method, computed by hand here; "rwg.j" = multilevel::rwg.j as is.

suppressPackageStartupMessages(library(multilevel))

dir <- "tests/scales"
cb <- read.csv(file.path(dir, "codebook.csv"), colClasses = "character", na.strings = NULL)
sv <- read.csv(file.path(dir, "survey.csv"), colClasses = "character", na.strings = NULL,
               check.names = FALSE)

items <- cb$item_id
# Scales: an empty scale_min/scale_max is the default 1..5 with no labels and no missing codes.
smin <- ifelse(cb$scale_min == "", 1, as.numeric(cb$scale_min))
smax <- ifelse(cb$scale_max == "", 5, as.numeric(cb$scale_max))
names(smin) <- names(smax) <- items
A <- smax - smin + 1
sigma2 <- (A^2 - 1) / 12

# Cell text -> value: "" and missing codes -> NA; a label (case-insensitive) -> its code
# (scale_min for the first label); otherwise an integer inside the scale, or an error.
code_item <- function(x, k) {
  labels <- if (cb$labels[k] == "") character(0) else strsplit(cb$labels[k], ";")[[1]]
  missing <- if (cb$missing[k] == "") character(0) else strsplit(cb$missing[k], ";")[[1]]
  sapply(trimws(x), function(cell) {
    if (cell == "" || cell %in% missing) return(NA_real_)
    hit <- match(tolower(cell), tolower(labels))
    if (!is.na(hit)) return(smin[k] + hit - 1)
    v <- suppressWarnings(as.numeric(cell))
    if (is.na(v) || v != round(v) || v < smin[k] || v > smax[k])
      stop(sprintf("%s: %s is not an answer on %g..%g", items[k], cell, smin[k], smax[k]))
    v
  }, USE.NAMES = FALSE)
}
X <- as.data.frame(setNames(lapply(seq_along(items), function(k) code_item(sv[[items[k]]], k)),
                            items))
grp <- factor(sv$trust_id)
trusts <- levels(grp)
stopifnot(all(rowSums(!is.na(X)) >= 1))

f <- function(x) ifelse(is.na(x), "NA", sapply(x, format, digits = 17))
line <- function(...) cat(paste(...), "\n", sep = "")

# Pairwise rwg(j) over the given items (the project's method): items with >= 2 answers in the
# trust; r = mean(var_j / sigma2_j) (untruncated r is returned too); rwg from r truncated at 1.
pairwise <- function(cols) {
  t(sapply(trusts, function(t) {
    rows <- grp == t
    v <- sapply(cols, function(it) {
      x <- X[rows, it]
      if (sum(!is.na(x)) < 2) NA else var(x, na.rm = TRUE) / sigma2[it]
    })
    v <- v[!is.na(v)]
    J <- length(v)
    if (J == 0) return(c(J = 0, r = NA, rwg = NA))
    r <- mean(v)
    rt <- min(r, 1)
    c(J = J, r = r, rwg = J * (1 - rt) / (J * (1 - rt) + rt))
  }))
}

# multilevel::rwg.j as is (listwise), on items divided by sqrt(sigma2) with ranvar = 1.
rwgj_scaled <- function(cols) {
  Z <- as.data.frame(lapply(cols, function(it) X[[it]] / sqrt(sigma2[it])))
  rwg.j(Z, grp, ranvar = 1)
}

cat("# tests/scales rwg(j) reference\n")
cat("# ", R.version.string, ", multilevel ", format(packageVersion("multilevel")), "\n", sep = "")
cat("# values printed with format(x, digits = 17)\n")
line("# sigma2_j = (A_j^2 - 1)/12:", paste(items, f(sigma2), sep = "=", collapse = " "))
cat("# pairwise = project's method (per-item var with na.rm, items with < 2 answers left out of J);\n")
cat("# rwg.j = multilevel::rwg.j as is: drops respondents with an NA in any passed item (listwise),\n")
cat("#   J = number of passed items, NA when fewer than 2 respondents are left; rows = respondents left.\n")
cat("# r = mean(var_j / sigma2_j) before truncation at 1 (pairwise).\n\n")

cat("## respondents per trust\n")
cat("trust n\n")
for (t in trusts) line(t, sum(grp == t))

cat("\n## items per trust: answers, mean (na.rm), sample variance (n-1; NA when answers < 2)\n")
cat("trust item answers mean var\n")
for (t in trusts) for (it in items) {
  x <- X[grp == t, it]
  n <- sum(!is.na(x))
  line(t, it, n, f(if (n > 0) mean(x, na.rm = TRUE) else NA),
       f(if (n > 1) var(x, na.rm = TRUE) else NA))
}

sets <- list(
  list(name = "mixed (all six items; rwg.j on x_j/sqrt(sigma2_j), ranvar = 1)", cols = items,
       rwgj = function() rwgj_scaled(items)),
  list(name = "pace only (pace_1..3, 1-7; rwg.j(x, grp, ranvar = 4))",
       cols = c("pace_1", "pace_2", "pace_3"),
       rwgj = function() rwg.j(X[, c("pace_1", "pace_2", "pace_3")], grp, ranvar = 4)),
  list(name = "calm only (calm_1..2, 0-4; rwg.j(x, grp, ranvar = 2))",
       cols = c("calm_1", "calm_2"),
       rwgj = function() rwg.j(X[, c("calm_1", "calm_2")], grp, ranvar = 2)))

# One-scale sets: the scaled form (ranvar = 1) must give the same as ranvar = sigma2 directly.
for (s in sets[2:3]) {
  a <- s$rwgj(); b <- rwgj_scaled(s$cols)
  stopifnot(isTRUE(all.equal(a$rwg.j, b$rwg.j, tolerance = 1e-12)), identical(a$gsize, b$gsize))
}

for (s in sets) {
  p <- pairwise(s$cols)
  l <- s$rwgj()
  stopifnot(identical(as.character(l$grpid), trusts))
  # Where no respondent of the trust has an NA in these items, the two methods must agree.
  for (i in seq_along(trusts)) {
    rows <- grp == trusts[i]
    if (all(!is.na(X[rows, s$cols])) && !is.na(l$rwg.j[i]))
      stopifnot(abs(l$rwg.j[i] - p[i, "rwg"]) < 1e-12)
  }
  line("\n## rwg(j),", s$name)
  cat("trust n J_pairwise r_pairwise rwg_pairwise rwg.j_listwise rows_listwise\n")
  for (i in seq_along(trusts)) {
    line(trusts[i], sum(grp == trusts[i]), p[i, "J"], f(p[i, "r"]), f(p[i, "rwg"]),
         f(l$rwg.j[i]), l$gsize[i])
  }
}

cat("\n## ICC per item: multilevel::ICC1/ICC2(aov(value ~ trust)) on scale values, NA rows dropped\n")
cat("item groups answers icc1 icc2\n")
for (it in items) {
  ok <- !is.na(X[[it]])
  d <- data.frame(value = X[[it]][ok], trust = droplevels(grp[ok]))
  m <- aov(value ~ trust, data = d)
  line(it, nlevels(d$trust), nrow(d), f(ICC1(m)), f(ICC2(m)))
}
