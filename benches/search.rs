//! Search benchmark (being written): see BENCHMARKS.md.
fn main() {}
