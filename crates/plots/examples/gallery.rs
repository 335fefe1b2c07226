//! Writes every chart of the realistic 17-trust example (and a 2,500-trust scatter) as SVG and
//! PNG: `cargo run -p plots --example gallery -- DIR` (default `target/plots-gallery`).

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/plots-gallery".to_string()),
    );
    std::fs::create_dir_all(&dir)?;
    let cl = fixtures::clusters();
    let big_clusters: Vec<plots::ClusterStyle> = (1..=4)
        .map(|n| plots::ClusterStyle {
            number: n,
            name: format!("group {n}"),
            size: 625,
        })
        .collect();
    let charts = vec![
        plots::autonomy_vs_pedagogy(
            &fixtures::points(),
            &fixtures::centroids(),
            &cl,
            "Trusts by focus on autonomy and on teaching and pedagogy (k = 3)",
        )?,
        plots::profiles(
            &fixtures::profile_cells(),
            &cl,
            &fixtures::themes(),
            &plots::Unit::default(),
        )?,
        plots::k_selection(&fixtures::k_rows(), 3)?,
        plots::silhouette(&fixtures::silhouette_bars(), &cl, &plots::Unit::default())?,
        plots::stability(&fixtures::stability_bars(), &cl, &plots::Unit::default())?,
        plots::standardisation(&fixtures::std_rows())?,
        plots::alignment(&fixtures::align_rows())?,
        plots::moves(&fixtures::moves(), &cl, &plots::PlaneText::study_moves())?,
    ];
    for c in &charts {
        std::fs::write(dir.join(format!("{}.svg", c.name)), &c.svg)?;
        std::fs::write(dir.join(format!("{}.png", c.name)), &c.png)?;
    }
    let big = plots::autonomy_vs_pedagogy(
        &fixtures::many_points(2500, 4),
        &[],
        &big_clusters,
        "2,500 simulated trusts",
    )?;
    std::fs::write(dir.join("autonomy_vs_pedagogy_2500.png"), &big.png)?;
    std::fs::write(dir.join("autonomy_vs_pedagogy_2500.svg"), &big.svg)?;
    println!("wrote {} charts to {}", charts.len() + 1, dir.display());
    Ok(())
}
