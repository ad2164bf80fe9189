//! Load benchmark client (`scripts/bench-server.sh` runs it): posts distinct, valid enquiries to
//! a running fushen-server from many threads for a while, as phones would, and reports how many
//! were accepted per second and the latency percentiles. Each answer is a 201 only after the
//! enquiry is committed, so the rate is of durable enquiries.
//!
//! ```text
//! cargo run --release -p fushen-server --example load -- http://127.0.0.1:4260/ 20 64
//!                                                        address              seconds threads
//! ```

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fushen_domain::enquiry::draft::EnquiryDraft;
use fushen_domain::enquiry::payload::{client_id, payload_json};
use fushen_server::clock::{china_today, now_ms};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = args
        .first()
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:4260/".into());
    let seconds: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let threads: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(64);
    let url = format!("{base}api/enquiries");

    let stop = Arc::new(AtomicBool::new(false));
    let counter = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (url, stop, counter) = (url.clone(), Arc::clone(&stop), Arc::clone(&counter));
            std::thread::spawn(move || worker(&url, &stop, &counter))
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::SeqCst);
    let mut latencies = Vec::new();
    let mut failures = 0u64;
    for worker in workers {
        let (times, failed) = worker.join().unwrap_or_default();
        latencies.extend(times);
        failures += failed;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "accepted {} enquiries in {elapsed:.1} s: {:.0}/s with {threads} clients; failed {failures}",
        latencies.len(),
        latencies.len() as f64 / elapsed
    );
    println!(
        "latency ms: p50 {:.1}, p90 {:.1}, p99 {:.1}, max {:.1}",
        percentile(0.50),
        percentile(0.90),
        percentile(0.99),
        percentile(1.0)
    );
}

/// Posts enquiries until `stop`; returns the latency of each accepted one, and the failures.
fn worker(url: &str, stop: &AtomicBool, counter: &AtomicU64) -> (Vec<Duration>, u64) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut times = Vec::new();
    let mut failures = 0;
    let today = china_today(now_ms());
    while !stop.load(Ordering::Relaxed) {
        let n = counter.fetch_add(1, Ordering::Relaxed);
        let mut random = [0u8; 16];
        random[..8].copy_from_slice(&n.to_le_bytes());
        random[8..].copy_from_slice(&now_ms().to_le_bytes());
        let id = client_id(random);
        let mut draft = EnquiryDraft {
            name: "压测".into(),
            phone: format!("139{:08}", n % 100_000_000),
            certificate: "fusion-welding".into(),
            message: "想参加下个月的复审培训".into(),
            ..EnquiryDraft::default()
        };
        draft.set_consent(true, now_ms());
        let Ok(enquiry) = draft.validate(today) else {
            failures += 1;
            continue;
        };
        let body = payload_json(&enquiry, &id, now_ms(), "http://127.0.0.1/");
        let sent = Instant::now();
        let answer = agent
            .post(url)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", &id)
            .send(body)
            .map(|mut r| (r.status().as_u16(), r.body_mut().read_to_string()));
        match answer {
            Ok((201, _)) => times.push(sent.elapsed()),
            _ => failures += 1,
        }
    }
    (times, failures)
}
