//! What the benchmarks share: a median, a percentile, and a closure timed in milliseconds.

/// The middle sample.
pub fn median(samples: Vec<f64>) -> f64 {
    percentile(samples, 50)
}

/// The sample below which `p` percent of them lie (nearest rank).
#[allow(dead_code)] // not every benchmark reports one
pub fn percentile(mut samples: Vec<f64>, p: usize) -> f64 {
    samples.sort_by(f64::total_cmp);
    let rank = (samples.len() * p).div_ceil(100).max(1);
    samples[rank - 1]
}

/// How long `f` takes, in milliseconds.
pub fn time_ms(f: impl Fn()) -> f64 {
    let start = std::time::Instant::now();
    f();
    start.elapsed().as_secs_f64() * 1000.0
}
