# fpc::clusterboot reference on iris (R 4.2.2, fpc 2.2.10). Usage: Rscript refs_fpc.R > refs_fpc.txt
suppressMessages(library(fpc))
x <- as.matrix(iris[, 1:4])
set.seed(2018)
cb <- clusterboot(x, B = 1000, bootmethod = "boot", clustermethod = kmeansCBI,
                  krange = 3, runs = 10, count = FALSE)
cat("sizes:", table(cb$partition), "\n")
cat("centre Petal.Length:", sprintf("%.6f", tapply(x[, 3], cb$partition, mean)), "\n")
cat("bootmean:", sprintf("%.6f", cb$bootmean), "\n")
cat("bootbrd:", cb$bootbrd, "\n")
cat("bootrecover:", cb$bootrecover, "\n")
