# Reference for the plane chart's principal components (crates/cluster/src/pca.rs,
# iris_components_match_prcomp). R 4.2.2: Rscript tests/reference/plane_pca.R
p <- prcomp(iris[, 1:4])
options(digits = 17)
print(p$sdev^2)
print(p$rotation[, 1:2])
print(p$sdev[1]^2 / sum(p$sdev^2))
