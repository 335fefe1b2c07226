# Builds tests/lq2002/survey.csv and tests/lq2002/codebook.csv from the lq2002 data set that ships
# with the R package multilevel (Bliese; GPL >= 2): 2,042 soldiers in 49 US Army companies,
# answering 11 leadership-climate items (LEAD01..11, 1..5), 3 task-significance items
# (TSIG01..03, 1..5) and 5 hostility items (HOSTIL01..05, 0..4; Brief Symptom Inventory items).
#
# Run from the repository root (deterministic: no random numbers are drawn):
#   Rscript tests/lq2002/make_fixture.R
# Needs R and multilevel (Debian: r-base-core r-cran-multilevel; tested with R 4.2.2, multilevel 2.7).
#
# What changes from the package's data frame (nothing else does):
#   - COMPID 2..58 becomes trust_id "C02".."C58" (zero-padded, so text order = number order);
#   - SUB 1..2042 becomes response_id "r0001".."r2042";
#   - a constant wave column "2002" is added (the year of the Leadership Quarterly special issue,
#     not the year the survey was taken, which the package does not give);
#   - item columns are renamed LEAD01 -> lead_01, TSIG01 -> tsig_01, HOSTIL01 -> host_01 (the
#     original names are kept as aliases in the codebook);
#   - the scale scores LEAD, TSIG, HOSTILE and company means GLEAD, GTSIG, GHOSTILE are dropped
#     (they are the row means of the items and the company means of those).
# Answers are written exactly as in the data: integers, no recoding. The data has no missing
# answers, so no cell is empty.

suppressPackageStartupMessages(library(multilevel))
data(lq2002, package = "multilevel")
d <- lq2002
out <- "tests/lq2002"

orig <- c(sprintf("LEAD%02d", 1:11), sprintf("TSIG%02d", 1:3), sprintf("HOSTIL%02d", 1:5))
ids <- c(sprintf("lead_%02d", 1:11), sprintf("tsig_%02d", 1:3), sprintf("host_%02d", 1:5))
theme <- rep(c("leadership", "task_significance", "hostility"), c(11, 3, 5))
theme_label <- rep(c("Leadership climate", "Task significance", "Hostility"), c(11, 3, 5))
smin <- rep(c(1, 1, 0), c(11, 3, 5))
smax <- rep(c(5, 5, 4), c(11, 3, 5))

# Checks on the data as shipped (multilevel 2.7): the fixture and README rely on these.
stopifnot(nrow(d) == 2042, identical(d$SUB, 1:2042), !is.unsorted(d$COMPID),
          length(unique(d$COMPID)) == 49, min(table(d$COMPID)) >= 5,
          all(d$COMPID >= 1 & d$COMPID <= 99), !anyNA(d[, orig]))
for (j in seq_along(orig)) {
  x <- d[[orig[j]]]
  stopifnot(all(x == round(x)), min(x) == smin[j], max(x) == smax[j])
}

# survey.csv: plain layout, LF line endings, no quoting needed (no commas in any cell).
s <- data.frame(response_id = sprintf("r%04d", d$SUB),
                trust_id = sprintf("C%02d", d$COMPID),
                wave = "2002", stringsAsFactors = FALSE)
for (j in seq_along(orig)) s[[ids[j]]] <- sprintf("%d", as.integer(d[[orig[j]]]))
write.table(s, file.path(out, "survey.csv"), sep = ",", quote = FALSE, row.names = FALSE,
            eol = "\n")

# codebook.csv. Item text: a neutral description built from the variable labels in ?lq2002
# (the package's own short labels, with the original survey codes), not the questionnaire's
# wording, which the package does not give. Two texts are long (about 100 characters) so that
# charts meet long text; one of them holds a comma, so it is quoted as RFC 4180 says.
desc <- c("officers get cooperation from company (EXV01)",
          "NCOs get cooperation from company (EXV02)",
          "impressed by leadership (EXV04)",
          "go for help within chain of command (EXV05)",
          "officers would lead well in combat (EXV07)",
          "NCOs would lead well in combat (EXV08)",
          "officers interested in welfare (EXV11)",
          "NCOs interested in welfare (EXV13)",
          "officers interested in what I think (EXV14)",
          "NCOs interested in what I think (EXV15)",
          "chain of command works well (EXV16)",
          "what I am doing is important (MIS05)",
          "making contribution to mission (MIS06)",
          "what I am doing accomplishes mission (MIS07)",
          "easily annoyed or irritated (BSI09)",
          "temper outburst that you cannot control (BSI18)",
          "urges to harm someone (BSI47)",
          "urges to break things (BSI49)",
          "getting into frequent arguments (BSI54)")
num <- c(1:11, 1:3, 1:5)
text <- sprintf("%s item %d (%s): %s", theme_label, num, orig, desc)
text[1] <- paste0("Leadership climate item 1 (LEAD01), labelled in the package as: officers ",
                  "get cooperation from company (EXV01)")
text[15] <- paste0("Hostility item 1 (HOSTIL01), Brief Symptom Inventory item BSI09: easily ",
                   "annoyed or irritated, scored 0 to 4")
stopifnot(!anyDuplicated(tolower(text)), nchar(text[c(1, 15)]) >= 90, nchar(text[c(1, 15)]) <= 110)

# The hostility items are Brief Symptom Inventory items, whose published answer anchors are
# 0 Not at all, 1 A little bit, 2 Moderately, 3 Quite a bit, 4 Extremely. The package does not
# give the other items' anchors, so they have none (the report then says "1 to 5").
labels <- ifelse(theme == "hostility", "Not at all;A little bit;Moderately;Quite a bit;Extremely", "")
csv_field <- function(x) ifelse(grepl("[\",\r\n]", x), paste0("\"", gsub("\"", "\"\"", x), "\""), x)
cb <- data.frame(item_id = ids, kind = "statement", theme = theme, text = text, aliases = orig,
                 scale_min = smin, scale_max = smax, labels = labels, missing = "",
                 theme_label = theme_label, stringsAsFactors = FALSE)
lines <- c(paste(names(cb), collapse = ","),
           apply(cb, 1, function(r) paste(csv_field(trimws(r)), collapse = ",")))
writeLines(lines, file.path(out, "codebook.csv"), sep = "\n")

cat(sprintf("wrote %s/survey.csv (%d rows, %d trusts) and %s/codebook.csv (%d items)\n",
            out, nrow(s), length(unique(s$trust_id)), out, nrow(cb)))
