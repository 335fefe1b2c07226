library(cluster)
d <- read.csv("notebooks-out/replication/trust_scores.csv")
m <- reshape(d[,c("trust_id","item_id","z")], idvar="trust_id", timevar="item_id", direction="wide")
x <- as.matrix(m[,-1])
set.seed(1)
for (k in 1:8) { best <- Inf; for (s in 1:3) { set.seed(s); f <- kmeans(x, k, nstart=200, iter.max=100); best <- min(best, f$tot.withinss) }; cat(k, sprintf("%.6f", best), "\n") }
set.seed(1); f <- kmeans(x, 3, nstart=200)
cat("sil3", mean(silhouette(f$cluster, dist(x))[,3]), "\n")
print(table(f$cluster))
