# Reference values for the lq2002 instrument (tests/lq2002/survey.csv + codebook.csv), computed
# from the two files as the tool reads them. Run from the repository root:
#   Rscript tests/lq2002/reference.R            # writes tests/lq2002/reference.txt
# Needs R with multilevel and cluster (Debian: r-base-core r-cran-multilevel r-cran-cluster;
# made with R 4.2.2, multilevel 2.7, cluster 2.1.4). Takes about a minute (k-means starts).
#
# Every number is printed with sprintf("%.17g"), so it reads back as the same f64.
# Line formats (one record per line, fields separated by one space; "#" lines are comments):
#   responses <trust_id> <counted responses>
#   n <trust_id> <item_id> <answers>
#   mean <trust_id> <item_id> <mean of the answers>
#   var <trust_id> <item_id> <sample variance of the answers (n-1)>
#   z <trust_id> <item_id> <z-score of the trust mean across the 49 trusts (sample sd, n-1)>
#   icc1 <item_id> <value>        multilevel::ICC1(aov(answer ~ trust))
#   icc2 <item_id> <value>        multilevel::ICC2(aov(answer ~ trust))
#   rwg_j <trust_id> <value>      rwg(j) over all 19 items (see below)
#   wss k=<k> <value>             best k-means within-cluster sum of squares on z (k = 1..4)
#   sizes k=<k> <size of label 0> <size of label 1> ...
#   labels k=<k> <trust_id>:<label> ... (all 49 trusts, in trust_id order)
#   centroid k=<k> <label> <item_id> <value>
#   silhouette k=<k> <mean silhouette width>   cluster::silhouette(labels, dist(z))
#   hits k=<k> <single starts reaching the best wss> <single starts run>
#   pca_share <c> <share of total variance>   prcomp(z): sdev[c]^2 / sum(sdev^2), c = 1, 2
#   pca_loading <c> <item_id> <value>         prcomp(z)$rotation[, c], sign fixed (see below)
# Order: the record types in the order above; trusts in trust_id order (C02..C58); items in
# codebook order (lead_01..lead_11, tsig_01..tsig_03, host_01..host_05); k ascending.
# Labels are 0-based and put in the project's canonical order (crates/cluster/src/kmeans.rs,
# relabel): label 0 = the largest cluster, equal sizes ordered by the smallest trust_id they hold.
# Principal components: c = 1, 2 ascending, items in codebook order within each c. Each
# component's sign is the project's (crates/cluster/src/pca.rs): flipped if needed so that its
# largest-absolute loading (the first, on a tie) is positive; R leaves the sign to LAPACK.

suppressPackageStartupMessages({ library(multilevel); library(cluster) })

dir <- "tests/lq2002"
cb <- read.csv(file.path(dir, "codebook.csv"), colClasses = "character", na.strings = NULL)
sv <- read.csv(file.path(dir, "survey.csv"), colClasses = "character", na.strings = NULL,
               check.names = FALSE)
stopifnot(all(cb$kind == "statement"), !anyDuplicated(sv$response_id))

items <- cb$item_id
smin <- ifelse(cb$scale_min == "", 1, as.numeric(cb$scale_min))
smax <- ifelse(cb$scale_max == "", 5, as.numeric(cb$scale_max))
names(smin) <- names(smax) <- items
A <- smax - smin + 1
sigma2 <- (A^2 - 1) / 12       # rwg's uniform null variance per item
stopifnot(all(sigma2 == 2))    # both scales here have 5 points (1..5 and 0..4)

# Cell -> value, as the format describes: empty / NA / N/A / Don't know / the item's missing
# codes -> NA; a label -> its code; otherwise an integer inside the scale, or an error.
default_labels <- c("Not at all", "Slightly", "Moderately", "Very well", "Completely")
code_item <- function(x, k) {
  labels <- if (cb$labels[k] != "") strsplit(cb$labels[k], ";")[[1]] else
    if (A[k] == 5) default_labels else character(0)
  missing <- c("", "na", "n/a", "don't know",
               if (cb$missing[k] == "") character(0) else tolower(strsplit(cb$missing[k], ";")[[1]]))
  vapply(tolower(trimws(x)), function(cell) {
    if (cell %in% missing) return(NA_real_)
    hit <- match(cell, tolower(labels))
    if (!is.na(hit)) return(smin[[k]] + hit - 1)
    v <- suppressWarnings(as.numeric(cell))
    if (is.na(v) || v != round(v) || v < smin[k] || v > smax[k])
      stop(sprintf("%s: %s is not an answer on %g..%g", items[k], cell, smin[k], smax[k]))
    v
  }, numeric(1), USE.NAMES = FALSE)
}
X <- as.data.frame(setNames(lapply(seq_along(items), function(k) code_item(sv[[items[k]]], k)),
                            items))
trust_all <- gsub(" +", " ", trimws(sv$trust_id))

# Counted responses: at least one statement answered. Analysed trusts: >= 5 counted responses.
counted <- rowSums(!is.na(X)) >= 1
stopifnot(all(counted))
X <- X[counted, ]; trust <- trust_all[counted]
sizes <- table(trust)
stopifnot(all(sizes >= 5))
trusts <- sort(names(sizes))
stopifnot(length(trusts) == 49)
grp <- factor(trust, levels = trusts)

g <- function(x) sprintf("%.17g", x)
out <- character(0)
emit <- function(...) out <<- c(out, paste(...))

emit("# tests/lq2002 reference values (reference.R)")
emit(sprintf("# %s, multilevel %s, cluster %s", R.version.string,
             format(packageVersion("multilevel")), format(packageVersion("cluster"))))
emit(sprintf("# %d counted responses in %d trusts, all analysed (>= 5 responses each); %d items; no missing answers",
             nrow(X), length(trusts), length(items)))
emit("# numbers printed with sprintf(\"%.17g\"); formats are listed at the top of reference.R")

for (t in trusts) emit("responses", t, sum(grp == t))

n <- sapply(items, function(it) tapply(!is.na(X[[it]]), grp, sum))
m <- sapply(items, function(it) tapply(X[[it]], grp, mean, na.rm = TRUE))
v <- sapply(items, function(it) tapply(X[[it]], grp, var, na.rm = TRUE))
stopifnot(identical(rownames(m), trusts), identical(colnames(m), items))
z <- scale(m)                      # centre and divide by the sample sd (n-1), per item
stopifnot(all(attr(z, "scaled:scale") > 0))
attributes(z)[c("scaled:center", "scaled:scale")] <- NULL

for (t in trusts) for (it in items) emit("n", t, it, n[t, it])
for (t in trusts) for (it in items) emit("mean", t, it, g(m[t, it]))
for (t in trusts) for (it in items) emit("var", t, it, g(v[t, it]))
for (t in trusts) for (it in items) emit("z", t, it, g(z[t, it]))

# ICC(1), ICC(2): one-way ANOVA of the answers on trust, rows with the item answered.
icc <- t(sapply(items, function(it) {
  ok <- !is.na(X[[it]])
  fit <- aov(y ~ f, data = data.frame(y = X[[it]][ok], f = droplevels(grp[ok])))
  c(ICC1(fit), ICC2(fit))
}))
# The same from the per-trust n, mean and variance, as crates/aggregate/src/agreement.rs does.
for (it in items) {
  N <- sum(n[, it]); G <- sum(n[, it] > 0); grand <- sum(n[, it] * m[, it]) / N
  msb <- sum(n[, it] * (m[, it] - grand)^2) / (G - 1)
  msw <- sum((n[, it] - 1) * v[, it]) / (N - G)
  stopifnot(abs((msb - msw) / (msb + (N / G - 1) * msw) - icc[it, 1]) < 1e-13,
            abs((msb - msw) / msb - icc[it, 2]) < 1e-13)
}
for (it in items) emit("icc1", it, g(icc[it, 1]))
for (it in items) emit("icc2", it, g(icc[it, 2]))

# rwg(j) over the 19 items. multilevel::rwg.j drops respondents with an NA in any item
# (listwise); the project uses each item's own answers (pairwise) and leaves items with fewer
# than two answers out of J, with r = mean_j(s_j^2 / sigma2_j) capped at 1. This data has no
# NA, and every item has the same null (2), so both are the same: rwg.j(X, grp, ranvar = 2).
# The hand-computed pairwise value is checked against it.
rwg_r <- rwg.j(X, grp, ranvar = 2)
stopifnot(identical(as.character(rwg_r$grpid), trusts), all(rwg_r$gsize == as.vector(sizes[trusts])))
rwg_hand <- sapply(trusts, function(t) {
  ratios <- v[t, ] / sigma2
  ratios <- ratios[is.finite(ratios)]
  J <- length(ratios); r <- min(mean(ratios), 1)
  J * (1 - r) / (J * (1 - r) + r)
})
stopifnot(max(abs(rwg_hand - rwg_r$rwg.j)) < 1e-13)
for (i in seq_along(trusts)) emit("rwg_j", trusts[i], g(rwg_r$rwg.j[i]))

# k-means on z (Hartigan-Wong, R's default), 2000 starts per k.
canonical <- function(cl) {
  k <- max(cl)
  key_size <- tabulate(cl, k)
  key_first <- sapply(1:k, function(c) min(trusts[cl == c]))   # trusts are sorted text
  ord <- order(-key_size, key_first)
  match(cl, ord) - 1L
}
total_ss <- sum(scale(z, scale = FALSE)^2)
fits <- list()
hits <- list()
for (k in 2:4) {
  set.seed(20020 + k)
  best <- kmeans(z, k, nstart = 2000, iter.max = 100)
  # The same best from two other seeds, and how often a single start reaches it.
  for (s in 1:2) {
    set.seed(30020 + 10 * k + s)
    again <- kmeans(z, k, nstart = 2000, iter.max = 100)
    stopifnot(abs(again$tot.withinss - best$tot.withinss) <= 1e-10 * best$tot.withinss,
              identical(canonical(again$cluster), canonical(best$cluster)))
  }
  set.seed(40020 + k)
  single <- replicate(2000, kmeans(z, k, nstart = 1, iter.max = 100)$tot.withinss)
  stopifnot(min(single) >= best$tot.withinss * (1 - 1e-12))
  hits[[k]] <- c(sum(single <= best$tot.withinss * (1 + 1e-10)), length(single))
  fits[[k]] <- best
}

emit("wss k=1", g(total_ss))
for (k in 2:4) emit(sprintf("wss k=%d", k), g(fits[[k]]$tot.withinss))
lab <- list()
for (k in 2:4) {
  lab[[k]] <- canonical(fits[[k]]$cluster)
  # the exact WSS of the canonical partition (sum over clusters of squared distances to the means)
  w <- sum(sapply(0:(k - 1), function(c) sum(scale(z[lab[[k]] == c, , drop = FALSE], scale = FALSE)^2)))
  stopifnot(abs(w - fits[[k]]$tot.withinss) <= 1e-12 * w)
}
for (k in 2:4) emit(sprintf("sizes k=%d", k), paste(tabulate(lab[[k]] + 1, k), collapse = " "))
for (k in 2:4) emit(sprintf("labels k=%d", k), paste0(trusts, ":", lab[[k]], collapse = " "))
for (k in 2:4) for (c in 0:(k - 1)) for (it in items)
  emit(sprintf("centroid k=%d", k), c, it, g(mean(z[lab[[k]] == c, it])))
d <- dist(z)
for (k in 2:4) emit(sprintf("silhouette k=%d", k), g(mean(silhouette(lab[[k]] + 1, d)[, "sil_width"])))
for (k in 2:4) emit(sprintf("hits k=%d", k), hits[[k]][1], hits[[k]][2])

# Principal components of z (already centred; prcomp centres it again, which changes it only by rounding).
pc <- prcomp(z)                    # center = TRUE, scale. = FALSE
stopifnot(identical(rownames(pc$rotation), items))
share <- pc$sdev^2 / sum(pc$sdev^2)
rot <- pc$rotation[, 1:2]
for (c in 1:2) {
  big <- which.max(abs(rot[, c]))  # the first on a tie
  if (rot[big, c] < 0) rot[, c] <- -rot[, c]
}
emit("# pca: prcomp(z), center = TRUE, scale. = FALSE; share = sdev[c]^2 / sum(sdev^2);",
     "each component's sign flipped if needed so that its largest-absolute loading is positive",
     "(the project's convention)")
for (c in 1:2) emit("pca_share", c, g(share[c]))
for (c in 1:2) for (it in items) emit("pca_loading", c, it, g(rot[it, c]))

writeLines(out, file.path(dir, "reference.txt"), sep = "\n")
cat("wrote", file.path(dir, "reference.txt"), length(out), "lines\n")
