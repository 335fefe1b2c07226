# Reference for Ward's hierarchy and PAM beside k-means (crates/cluster/src/ward.rs, pam.rs,
# and tests/cli/methods.rs). R 4.2.2, cluster 2.1.4; from the project root:
#   Rscript tests/reference/ward_pam.R > tests/reference/ward_pam_R.txt
# Each line: dataset, key, values (17 significant digits; indices 1-based as R gives them).
# The tests read this file as it is, so a re-run that changes a value fails them.
library(cluster)

out <- function(name, key, v) {
  if (is.numeric(v) && !is.integer(v)) v <- sprintf("%.17g", v)
  cat(name, key, paste(v, collapse = " "), sep = "\t")
  cat("\n")
}

describe <- function(name, x, k) {
  d <- dist(x)
  h <- hclust(d, method = "ward.D2")
  out(name, "n", nrow(x))
  out(name, "k", as.integer(k))
  out(name, "merge_left", h$merge[, 1])
  out(name, "merge_right", h$merge[, 2])
  out(name, "height", h$height)
  out(name, "order", h$order)
  out(name, "cut", cutree(h, k))
  out(name, "cophenetic_correlation", cor(cophenetic(h), d))
  p <- pam(d, k)
  out(name, "pam_medoids", p$id.med)
  out(name, "pam_clustering", p$clustering)
  # R reports the mean distance to the medoid; the sum is what we write.
  out(name, "pam_objective_build_sum", unname(p$objective["build"]) * nrow(x))
  out(name, "pam_objective_swap_sum", unname(p$objective["swap"]) * nrow(x))
  out(name, "pam_sum_distances", sum(as.matrix(d)[cbind(seq_len(nrow(x)), p$id.med[p$clustering])]))
}

# The replication run's own z-scores, trusts in the order of trust_scores.csv, items in the
# order they first appear there.
s <- read.csv("notebooks-out/replication/trust_scores.csv", stringsAsFactors = FALSE)
trusts <- unique(s$trust_id)
items <- unique(s$item_id)
z <- matrix(NA_real_, length(trusts), length(items))
z[cbind(match(s$trust_id, trusts), match(s$item_id, items))] <- s$z
describe("replication", z, 3)

# iris (rows 102 and 143 are identical: a zero distance).
describe("iris", as.matrix(iris[, 1:4]), 3)

# Points on a grid: many tied distances, and ties at the cut.
grid <- rbind(
  as.matrix(expand.grid(x = 0:3, y = 0:2)),
  cbind(x = c(10, 10, 11, 11), y = c(0, 1, 0, 1)),
  cbind(x = c(5, 6), y = c(8, 8))
)
describe("grid", grid, 3)
describe("grid4", grid, 4)
describe("grid5", grid, 5)

# Many duplicate rows (31 of 40), and rows that are all equal (every distance 0; R's
# cophenetic correlation is NA).
set.seed(3)
describe("ties", matrix(sample(0:2, 80, TRUE), 40, 2), 4)
describe("flat", matrix(1, 6, 2), 3)
