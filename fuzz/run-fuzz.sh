#!/bin/sh
# Runs both fuzz targets one after the other, one job, for $1 seconds each (default 900); each
# target's log goes to fuzz-TARGET.log. Stable Rust acts as nightly through RUSTC_BOOTSTRAP=1.
set -e
cd "$(dirname "$0")"
secs=${1:-900}
for t in ${2:-survey_reader codebook}; do
    mkdir -p "corpus/$t"
    cp -n seeds/$t/* "corpus/$t/" 2>/dev/null || true
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O -a --sanitizer none "$t" "corpus/$t" -- \
        -dict=survey.dict -max_total_time="$secs" -print_final_stats=1 -max_len=65536 \
        > "fuzz-$t.log" 2>&1
done
