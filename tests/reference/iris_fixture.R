# Writes R's iris (4 numeric columns) as the test fixture crates/cluster/tests/data/iris.csv.
# Usage: Rscript iris_fixture.R OUT.csv
args <- commandArgs(trailingOnly = TRUE)
x <- iris[, 1:4]
x$species <- as.integer(iris$Species) - 1L
write.csv(x, args[1], row.names = FALSE, quote = FALSE)
