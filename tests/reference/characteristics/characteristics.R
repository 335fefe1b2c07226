# Reference values for comparing clusters on trust characteristics (crates/characteristics tests).
#
# Run from the repository root (base R only, no packages):
#
#     Rscript tests/reference/characteristics/characteristics.R
#     Rscript tests/reference/characteristics/characteristics.R /some/other/out.txt
#
# Writes characteristics_R.txt next to this script (or to the path given as the first argument).
# Every number in it comes from R: kruskal.test, fisher.test, chisq.test, p.adjust, quantile
# (type 7), and the exact permutation p-values of the Kruskal-Wallis H, which are enumerated here
# in R (see exact_h_pvalue below). exact_permutation.py in this folder re-derives the permutation
# p-values (and the Fisher-Freeman-Halton p-values of the small tables) independently with
# numpy and only checks them; it never writes to the file.
#
# The replication cases read, relative to the repository root:
#   notebooks-out/replication/trusts.csv   (wave,trust_id,responses,analysed,reason,cluster,...)
#   data/replication/trusts-2017.csv       (trust_id,schools,pupils,region,phase,good_or_outstanding_pct)

args <- commandArgs(trailingOnly = TRUE)
script_dir <- local({
  f <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(f) == 1L) dirname(normalizePath(sub("^--file=", "", f))) else "."
})
out_path <- if (length(args) >= 1L) args[[1L]] else file.path(script_dir, "characteristics_R.txt")

num <- function(x) sprintf("%.17g", as.numeric(x))
int <- function(x) sprintf("%d", as.integer(x))

lines <- character()
emit <- function(...) lines <<- c(lines, paste(...))

# ---------------------------------------------------------------------------------------------
# Exact permutation p-value of the Kruskal-Wallis H.
#
# The reference set is every DISTINCT assignment of the observed multiset of group labels to the
# n observations (multiset permutations of `groups`), each counted once with equal weight; that
# is n! / (n_1! ... n_k!) assignments. Tied values at different positions are different
# observations, so assignments that only swap tied values still count separately. H is the
# ties-corrected statistic exactly as kruskal.test computes it (the tie correction depends only on
# the values, so it is the same for every assignment). p = #{H >= H_obs * (1 - 1e-12)} / total.
#
# H depends only on the rank sums of the groups, and the group sizes can be visited in any order,
# so the groups are enumerated smallest first (outer loops over combn) and the last two groups are
# done vectorised.
exact_h_pvalue <- function(x, g, h_obs) {
  g <- factor(g)
  n <- length(x)
  r <- rank(x)
  ties <- table(x)
  tie_den <- 1 - sum(ties^3 - ties) / (n^3 - n)
  sizes <- sort(as.integer(table(g)))
  k <- length(sizes)
  thr <- h_obs * (1 - 1e-12)
  h_of <- function(ssq) (12 * ssq / (n * (n + 1)) - 3 * (n + 1)) / tie_den
  combn_cache <- new.env()
  cmb <- function(m, s) {
    key <- paste(m, s)
    if (is.null(combn_cache[[key]])) {
      combn_cache[[key]] <- if (s == m) matrix(seq_len(m), ncol = 1L) else combn(m, s)
    }
    combn_cache[[key]]
  }
  count <- c(ge = 0, total = 0)
  rec <- function(rem, gi, ssq) {
    s <- sizes[gi]
    if (gi == k - 1L) {
      idx <- cmb(length(rem), s)
      sums <- colSums(matrix(rem[idx], nrow = s))
      other <- sum(rem) - sums
      h <- h_of(ssq + sums^2 / s + other^2 / sizes[k])
      count[["ge"]] <<- count[["ge"]] + sum(h >= thr)
      count[["total"]] <<- count[["total"]] + length(h)
      return(invisible())
    }
    idx <- cmb(length(rem), s)
    for (j in seq_len(ncol(idx))) {
      pick <- idx[, j]
      rec(rem[-pick], gi + 1L, ssq + sum(rem[pick])^2 / s)
    }
  }
  rec(r, 1L, 0)
  expected <- exp(lfactorial(n) - sum(lfactorial(sizes)))
  stopifnot(abs(count[["total"]] - expected) < 0.5)
  count[["ge"]] / count[["total"]]
}

# ---------------------------------------------------------------------------------------------
kw_case <- function(name, x, g, exact = FALSE) {
  stopifnot(length(x) == length(g), !anyNA(x), !anyNA(g))
  g <- as.integer(g)
  kt <- kruskal.test(x, factor(g))
  n <- length(x)
  h <- unname(kt$statistic)
  emit("kw", name)
  emit("values", paste(num(x), collapse = " "))
  emit("groups", paste(int(g), collapse = " "))
  emit("statistic", num(h))
  emit("df", num(unname(kt$parameter)))
  emit("p_value", num(kt$p.value))
  emit("epsilon_squared", num(h / (n - 1)))
  for (G in sort(unique(g))) {
    xg <- x[g == G]
    q <- quantile(xg, c(0.5, 0.25, 0.75), type = 7, names = FALSE)
    emit("group", int(G), int(length(xg)), num(q[1]), num(q[2]), num(q[3]), num(mean(xg)))
  }
  if (exact) emit("p_exact_permutation", num(exact_h_pvalue(x, g, h)))
  emit("end")
}

# m: rows = categories, columns = clusters.
ffh_case <- function(name, m) {
  m <- as.matrix(m)
  storage.mode(m) <- "integer"
  stopifnot(all(rowSums(m) > 0), all(colSums(m) > 0))
  n <- sum(m)
  ft <- fisher.test(m, workspace = 2e8)
  cs <- suppressWarnings(chisq.test(m, correct = FALSE))
  x2 <- unname(cs$statistic)
  emit("ffh", name)
  emit("rows", int(nrow(m)))
  emit("cols", int(ncol(m)))
  emit("cells", paste(int(as.vector(t(m))), collapse = " "))
  emit("p_value", num(ft$p.value))
  emit("chisq", num(x2))
  emit("df", num((nrow(m) - 1) * (ncol(m) - 1)))
  emit("cramers_v", num(sqrt(x2 / (n * (min(dim(m)) - 1)))))
  emit("end")
}

holm_case <- function(name, p) {
  emit("holm", name)
  emit("p", paste(num(p), collapse = " "))
  emit("adjusted", paste(num(p.adjust(p, "holm")), collapse = " "))
  emit("end")
}

# ---------------------------------------------------------------------------------------------
emit("# Reference values for crates/characteristics tests; written by")
emit("# tests/reference/characteristics/characteristics.R (run from the repository root).")
emit("#", R.version.string)
emit("# All numbers sprintf('%.17g'). p_exact_permutation is enumerated in R (exact_h_pvalue);")
emit("# exact_permutation.py re-checks it with numpy and does not write this file.")
emit("# Zero margins: for r x c tables (not 2 x 2) fisher.test passes the table to FEXACT")
emit("# unchanged (only the simulate.p.value branch drops all-zero rows/columns first); an all-zero")
emit("# row or column contributes log(0!) = 0 to every table, so the p-value equals that of the table")
emit("# with the empty row/column removed (checked below at run time). A 2 x 2 table with a zero margin")
emit("# has a one-point hypergeometric support and p = 1. chisq.test gives NaN (0/0 expected counts),")
emit("# so Cramer's V is undefined. Only tables with all margins positive are listed here.")

local({
  a <- matrix(c(3, 1, 2, 0, 0, 0, 1, 4, 2), 3, byrow = TRUE)
  b <- matrix(c(3, 0, 1, 1, 0, 4, 2, 0, 2), 3, byrow = TRUE)
  stopifnot(
    isTRUE(all.equal(fisher.test(a)$p.value, fisher.test(a[-2, ])$p.value, tolerance = 1e-12)),
    isTRUE(all.equal(fisher.test(b)$p.value, fisher.test(b[, -2])$p.value, tolerance = 1e-12)),
    fisher.test(matrix(c(3, 0, 1, 0), 2))$p.value == 1,
    is.nan(suppressWarnings(chisq.test(a, correct = FALSE)$statistic))
  )
})

# ---- Kruskal-Wallis --------------------------------------------------------------------------
# ties3: sizes 4/5/3, labels interleaved (not sorted by group), many ties.
kw_case("ties3",
  x = c(1, 2, 3, 2, 3, 4, 2, 3, 5, 3, 4, 4),
  g = c(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 2),
  exact = TRUE)
kw_case("two_groups",
  x = c(1.5, 2.0, 2.0, 3.1, 4.2, 4.2, 5.0, 6.3, 7.1),
  g = c(1, 1, 2, 1, 2, 2, 1, 2, 2),
  exact = TRUE)
# four_unequal: sizes 5/2/1/4 (group 3 has one observation).
kw_case("four_unequal",
  x = c(12.5, 3.2, 7.7, 9.1, 3.2, 15.0, 8.4, 11.3, 6.6, 10.0, 2.9, 9.1),
  g = c(1, 2, 4, 1, 2, 3, 4, 1, 4, 1, 4, 1),
  exact = TRUE)
# tiny_p: 3 well-separated groups of 12 (p about 1.8e-7): the chi-square upper tail.
kw_case("tiny_p",
  x = c(seq(1.0, 6.5, by = 0.5), seq(11.0, 16.5, by = 0.5), seq(21.0, 26.5, by = 0.5)),
  g = rep(1:3, each = 12))
# all_tied_but_one: nine tied values and one other; tie correction 1 - 720/990. The odd value is
# in a group of 3, which gives the largest H; putting it in the other group of 3 gives the same H
# (a tie that the 1e-12 tolerance must catch), so p_exact_permutation = 6/10.
kw_case("all_tied_but_one",
  x = c(2, 7, 2, 2, 2, 2, 2, 2, 2, 2),
  g = c(1, 2, 3, 1, 2, 3, 1, 2, 3, 1),
  exact = TRUE)
# empty_group: labels 1 and 3 only (cluster 2 has no observation). kruskal.test calls factor(g),
# which drops unused levels, so k = 2 and df = 1; only the groups present get a "group" line.
kw_case("empty_group",
  x = c(4.0, 1.0, 6.0, 2.5, 5.0, 2.5, 7.0),
  g = c(3, 1, 3, 1, 3, 1, 3),
  exact = TRUE)

# ---- Fisher-Freeman-Halton -------------------------------------------------------------------
ffh_case("tea_2x2", matrix(c(3, 1, 1, 3), 2, byrow = TRUE))
ffh_case("zero_cell_2x2", matrix(c(5, 0, 2, 4), 2, byrow = TRUE))
ffh_case("two_by_three", matrix(c(3, 1, 4, 2, 5, 1), 2, byrow = TRUE))
ffh_case("three_by_two", matrix(c(4, 1, 2, 3, 0, 5), 3, byrow = TRUE))
# All margins 4: every row/column permutation of the observed table has exactly the observed
# probability, so the p-value hinges on counting those ties as "as or less likely".
ffh_case("three_by_three_symmetric", matrix(c(3, 1, 0, 0, 3, 1, 1, 0, 3), 3, byrow = TRUE))
ffh_case("four_by_three_empty_cells",
  matrix(c(4, 0, 1,
           0, 4, 0,
           2, 2, 0,
           1, 1, 5), 4, byrow = TRUE))
ffh_case("four_by_three_n40",
  matrix(c(5, 3, 2,
           4, 6, 1,
           2, 3, 5,
           1, 2, 6), 4, byrow = TRUE))
# Job satisfaction, example(fisher.test): p = 0.7827.
ffh_case("job_4x4", matrix(c(1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11), 4, 4))
ffh_case("five_by_three_n30",
  matrix(c(3, 2, 1,
           1, 4, 2,
           2, 1, 3,
           4, 1, 1,
           0, 2, 3), 5, byrow = TRUE))

# ---- Holm ------------------------------------------------------------------------------------
holm_case("five_with_ties", c(0.04, 0.01, 0.04, 0.55, 0.02))
holm_case("capped_at_one", c(0.4, 0.4, 0.002, 0.7, 0.35))

# ---- Replication wave ------------------------------------------------------------------------
trusts_path <- "notebooks-out/replication/trusts.csv"
chars_path <- "data/replication/trusts-2017.csv"
if (!file.exists(trusts_path) || !file.exists(chars_path)) {
  stop("run from the repository root: ", trusts_path, " and ", chars_path, " are needed")
}
tr <- read.csv(trusts_path, colClasses = "character", na.strings = "")
ch <- read.csv(chars_path, colClasses = "character", na.strings = "")
tr <- tr[tr$analysed == "true", c("trust_id", "cluster")]
tr$cluster <- as.integer(tr$cluster)
stopifnot(!anyNA(tr$cluster), !anyDuplicated(tr$trust_id), !anyDuplicated(ch$trust_id))
d <- merge(tr, ch, by = "trust_id", all.x = FALSE, all.y = FALSE, sort = FALSE)
d <- d[order(d$trust_id, method = "radix"), ]
stopifnot(nrow(d) == nrow(tr))
emit("# replication: analysed trusts of", trusts_path, "joined on trust_id with", chars_path,
     paste0("(", nrow(d), " trusts; clusters ", paste(sort(unique(d$cluster)), collapse = " "), ")."))
emit("# Values and groups are in trust_id order; missing values dropped. As matcluster does with")
emit("# its default --min-cell 5, a cluster with fewer than 5 trusts with a value is left out of the")
emit("# test (withheld): the replication's cluster 3 (2 trusts).")
min_cell <- 5
shown <- function(ok) {
  sizes <- table(d$cluster[ok])
  ok & d$cluster %in% as.integer(names(sizes)[sizes >= min_cell])
}

for (col in c("schools", "pupils", "good_or_outstanding_pct")) {
  v <- as.numeric(d[[col]])
  ok <- shown(!is.na(v))
  kw_case(paste0("replication_", col), v[ok], d$cluster[ok], exact = TRUE)
}
for (col in c("region", "phase")) {
  v <- d[[col]]
  ok <- shown(!is.na(v))
  cats <- sort(unique(v[ok]), method = "radix") # byte order, locale-independent
  ks <- sort(unique(d$cluster[ok]))
  m <- table(factor(v[ok], levels = cats), factor(d$cluster[ok], levels = ks))
  if (all(rowSums(m) > 0) && all(colSums(m) > 0)) {
    emit("# replication_", col, " rows: ", paste(cats, collapse = " | "), sep = "")
    ffh_case(paste0("replication_", col), unclass(m))
  } else {
    emit("# replication_", col, " left out: a cluster has no non-missing ", col, sep = "")
  }
}

writeLines(lines, out_path)
cat("wrote", out_path, "(", length(lines), "lines )\n")
