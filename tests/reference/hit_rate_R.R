# Per-start hit rate of the optimum for R kmeans (Hartigan-Wong, nstart = 1) on iris, k = 2..8.
x <- as.matrix(iris[,1:4])
opt <- c(681.37059999999929,152.34795176035786,78.851441426145996,57.2284732142857,46.446182051282015,39.039987246087243,34.298229665071787,29.988943950786059)
for (k in 2:8) { set.seed(1); w <- replicate(1000, suppressWarnings(kmeans(x, k, nstart=1, iter.max=100)$tot.withinss)); cat(sprintf("R k=%d hit=%.3f mean=%.4f\n", k, mean(w <= opt[k]*(1+1e-9)), mean(w))) }
