//! Prints what the extractor finds in a report: `cargo run -p mahdar-import --example extract FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let text = std::fs::read_to_string(path).expect("readable");
    let ex = mahdar_import::extract(&text);
    for p in &ex.proposals {
        println!(
            "{:>2} {:<9} [{}..{}] «{}»",
            p.no,
            p.item.kind(),
            p.span.start,
            p.span.end,
            p.span.of(&text).chars().take(60).collect::<String>()
        );
        println!("   {}", serde_json::to_string(&p.item).unwrap_or_default());
    }
}
