//! What the benchmarks share: a median, and a closure timed in milliseconds.

/// The middle sample.
pub fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// How long `f` takes, in milliseconds.
pub fn time_ms(f: impl Fn()) -> f64 {
    let start = std::time::Instant::now();
    f();
    start.elapsed().as_secs_f64() * 1000.0
}
