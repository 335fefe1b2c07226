# The R side of `bench/compare.py --issue15`: only the statistics of `matcluster replicate`, on the
# same 17 x 19 z matrix, with the study's settings. Each step is timed in-process (elapsed
# seconds of system.time), so R's start-up and package loading are not counted.
# Usage: Rscript bench/replicate_stats.R X17.csv   (first column: trust ids, as row names)
suppressPackageStartupMessages({
  library(cluster)
  library(fpc)
})
args <- commandArgs(trailingOnly = TRUE)
z <- as.matrix(read.csv(args[1], row.names = 1))
stopifnot(nrow(z) == 17, ncol(z) == 19)
elapsed <- function(expr) system.time(expr)[["elapsed"]]
set.seed(2018)
kmeans_s <- elapsed(kmeans(z, 3, nstart = 100, iter.max = 100))
# spaceH0 = "scaledPCA" is clusGap's default; spelled out because it is one of the study's settings.
gap_s <- elapsed(clusGap(z, FUNcluster = kmeans, K.max = 8, B = 500, d.power = 2,
                         spaceH0 = "scaledPCA", nstart = 10, iter.max = 100, verbose = FALSE))
boot_s <- elapsed(clusterboot(z, B = 1000, bootmethod = "boot", clustermethod = kmeansCBI,
                              krange = 3, runs = 10, count = FALSE, showplots = FALSE))
cat("kmeans_seconds", kmeans_s, "\n")
cat("gap_seconds", gap_s, "\n")
cat("boot_seconds", boot_s, "\n")
cat("stats_seconds", kmeans_s + gap_s + boot_s, "\n")
cat("R_version", paste(R.version$major, R.version$minor, sep = "."), "\n")
cat("cluster_version", as.character(packageVersion("cluster")), "\n")
cat("fpc_version", as.character(packageVersion("fpc")), "\n")
