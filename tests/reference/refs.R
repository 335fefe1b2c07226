# Reference values for crates/cluster tests. R 4.2.2, cluster 2.1.4, fpc 2.2.10.
# Usage: Rscript refs.R > refs_R.txt
library(cluster)
options(digits = 17)
x <- as.matrix(iris[, 1:4])
sp <- as.integer(iris$Species)

cat("## kmeans WSS on iris: min over set.seed(1..5) of kmeans(x, k, nstart=200, algorithm='Hartigan-Wong', iter.max=100)\n")
for (k in 1:8) {
  best <- Inf
  for (s in 1:5) {
    set.seed(s)
    fit <- suppressWarnings(kmeans(x, k, nstart = 200, algorithm = "Hartigan-Wong", iter.max = 100))
    best <- min(best, fit$tot.withinss)
  }
  cat(sprintf("k=%d wss=%.17g\n", k, best))
}

cat("## silhouette on iris with species labels (Euclidean), mean and rows 1, 51, 101, 150\n")
s <- silhouette(sp, dist(x))[, "sil_width"]
cat(sprintf("mean=%.17g\n", mean(s)))
cat(sprintf("row%d=%.17g\n", c(1, 51, 101, 150), s[c(1, 51, 101, 150)]))
write.csv(data.frame(sil_width = sprintf("%.17g", s)), "iris_species_silhouette.csv", row.names = FALSE, quote = FALSE)

cat("## 7x2 matrix with a singleton cluster\n")
m <- rbind(c(0, 0), c(0.5, 1.2), c(1.1, 0.3), c(5, 5), c(5.2, 6.1), c(6.3, 4.8), c(9.7, 0.4))
la <- c(1, 1, 1, 2, 2, 2, 3)
lb <- c(1, 1, 2, 2, 2, 3, 1)
cat("labels A:", sprintf("%.17g", silhouette(la, dist(m))[, "sil_width"]), "\n")
cat("labels B:", sprintf("%.17g", silhouette(lb, dist(m))[, "sil_width"]), "\n")
# duplicate rows: a == b == 0 case
d <- rbind(c(1, 1), c(1, 1), c(1, 1), c(1, 1))
cat("dups:", sprintf("%.17g", silhouette(c(1, 1, 2, 2), dist(d))[, "sil_width"]), "\n")

cat("## maxSE\n")
fs <- list(
  c(0.10, 0.30, 0.25, 0.40, 0.38),
  c(0.50, 0.45, 0.60, 0.70, 0.65),
  c(0.10, 0.20, 0.30, 0.40, 0.50),
  c(0.30, 0.29, 0.28, 0.27),
  c(0.2, 0.5, 0.55, 0.52, 0.9, 0.88),
  c(1.0)
)
ses <- list(
  c(0.02, 0.03, 0.03, 0.02, 0.02),
  c(0.06, 0.05, 0.05, 0.04, 0.04),
  c(0.01, 0.01, 0.01, 0.01, 0.01),
  c(0.01, 0.01, 0.01, 0.01),
  c(0.05, 0.06, 0.1, 0.02, 0.5, 0.01),
  c(0.1)
)
meths <- c("firstSEmax", "Tibs2001SEmax", "globalSEmax", "firstmax", "globalmax")
for (i in seq_along(fs)) {
  cat(sprintf("case %d:", i), sapply(meths, function(me) maxSE(fs[[i]], ses[[i]], method = me)), "\n")
}

cat("## scaledPCA box widths on iris (clusGap's rng.x1 column ranges)\n")
xs <- scale(x, center = TRUE, scale = FALSE)
V <- svd(xs, nu = 0)$v
r <- apply(xs %*% V, 2, range)
cat("widths:", sprintf("%.17g", r[2, ] - r[1, ]), "\n")

cat("## clusGap on iris, kmeans nstart=10, K.max=8, B=500, d.power=2, seed 2018\n")
set.seed(2018)
g <- clusGap(x, function(x, k) kmeans(x, k, nstart = 10, iter.max = 100), K.max = 8, B = 500, d.power = 2, verbose = FALSE)
print(g$Tab)
cat("logW:", sprintf("%.17g", g$Tab[, "logW"]), "\n")
cat("E.logW:", sprintf("%.17g", g$Tab[, "E.logW"]), "\n")
cat("SE.sim:", sprintf("%.17g", g$Tab[, "SE.sim"]), "\n")
cat("firstSEmax:", maxSE(g$Tab[, "gap"], g$Tab[, "SE.sim"], "firstSEmax"), " Tibs2001SEmax:", maxSE(g$Tab[, "gap"], g$Tab[, "SE.sim"], "Tibs2001SEmax"), "\n")
