# The R side of bench/compare.py: k-means, cluster::clusGap and fpc::clusterboot with the study's
# settings, timed in-process (elapsed seconds). Usage: Rscript bench/compare.R X17.csv X2500.csv
suppressPackageStartupMessages({
  library(cluster)
  library(fpc)
})
args <- commandArgs(trailingOnly = TRUE)
x17 <- as.matrix(read.csv(args[1], row.names = 1))
x2500 <- as.matrix(read.csv(args[2], row.names = 1))
elapsed <- function(expr) system.time(expr)[["elapsed"]]
set.seed(2018)
cat("kmeans_17", elapsed(kmeans(x17, 3, nstart = 100, iter.max = 100)), "\n")
cat("gap_17", elapsed(clusGap(x17, FUNcluster = kmeans, K.max = 8, B = 500, d.power = 2,
                              nstart = 10, iter.max = 100, verbose = FALSE)), "\n")
cat("boot_17", elapsed(clusterboot(x17, B = 1000, bootmethod = "boot", clustermethod = kmeansCBI,
                                   krange = 3, runs = 10, count = FALSE, showplots = FALSE)), "\n")
cat("kmeans_2500", elapsed(kmeans(x2500, 3, nstart = 100, iter.max = 100)), "\n")
cat("R_version", paste(R.version$major, R.version$minor, sep = "."), "\n")
cat("cluster_version", as.character(packageVersion("cluster")), "\n")
cat("fpc_version", as.character(packageVersion("fpc")), "\n")
