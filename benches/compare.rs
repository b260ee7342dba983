//! `cargo bench --bench compare`: every reader and writer on every benchmark document, interleaved
//! (each round runs all variants once, so drift in machine speed hits them alike), medians over the
//! rounds, MB/s and heap allocations per document, and one closing line of ratios for document (a).
//!
//! MB/s is always the size of the *input* document divided by the time, for writers too, so the
//! numbers of one document compare directly. Allocations are counted by a wrapper around the system
//! allocator, in a separate untimed run.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::{serde_model, Docs};
use enhanced_presence::categories::Categories;
use enhanced_presence::rich_presence::Publish;
use enhanced_presence::state::State;

struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

fn count() {
    if COUNTING.load(Ordering::Relaxed) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded to `System` unchanged; the wrapper only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        System.realloc(ptr, layout, new_size)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap allocations (including reallocations) made by one call of `f`.
fn allocations(f: &dyn Fn() -> usize) -> u64 {
    ALLOCATIONS.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    black_box(f());
    COUNTING.store(false, Ordering::Relaxed);
    ALLOCATIONS.load(Ordering::Relaxed)
}

struct Variant {
    doc: &'static str,
    bytes: usize,
    name: &'static str,
    run: Box<dyn Fn() -> usize>,
    iters: u32,
    samples: Vec<f64>,
    allocations: u64,
}

/// Rounds by default; `COMPARE_ROUNDS` overrides.
const ROUNDS: usize = 21;
/// Time one measurement (a batch of iterations) should take.
const BATCH: Duration = Duration::from_millis(25);

fn main() {
    // `COMPARE_ONLY=substring` keeps only the variants whose "document variant" label contains it
    // (for profiling one of them, e.g. under valgrind); the ratios line then needs all of (a).
    let only = std::env::var("COMPARE_ONLY").ok();
    let rounds = std::env::var("COMPARE_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(ROUNDS);
    let docs: &'static Docs = Box::leak(Box::new(Docs::new()));
    // `COMPARE_DUMP=dir` writes the three documents there, to look at them.
    if let Ok(dir) = std::env::var("COMPARE_DUMP") {
        for (name, xml) in
            [("categories", &docs.categories), ("state", &docs.state), ("publish", &docs.publish)]
        {
            std::fs::write(std::path::Path::new(&dir).join(format!("{name}.xml")), xml)
                .expect("writing the document");
        }
    }
    let mut variants = Vec::new();
    let mut add = |doc: &'static str, bytes: usize, name: &'static str, run: Box<dyn Fn() -> usize>| {
        variants.push(Variant { doc, bytes, name, run, iters: 1, samples: Vec::new(), allocations: 0 })
    };

    macro_rules! document {
        ($label:literal, $xml:expr, $ours:ty, $serde:ty) => {{
            let xml: &'static str = $xml;
            let ours: &'static $ours =
                Box::leak(Box::new(enhanced_presence::from_str::<$ours>(xml).unwrap()));
            let theirs: &'static $serde = Box::leak(Box::new(common::serde_read::<$serde>(xml)));
            let events: &'static [_] = Box::leak(common::events(xml).into_boxed_slice());
            let n = xml.len();
            add($label, n, "read  raw quick-xml Reader", Box::new(move || common::raw_read(xml)));
            add($label, n, "read  quick-xml NsReader", Box::new(move || common::ns_read(xml)));
            add(
                $label,
                n,
                "read  quick-xml serde",
                Box::new(move || {
                    let v: $serde = common::serde_read(xml);
                    black_box(&v);
                    1
                }),
            );
            add(
                $label,
                n,
                "read  generated (ours)",
                Box::new(move || {
                    let v: $ours = enhanced_presence::from_str(xml).unwrap();
                    black_box(&v);
                    1
                }),
            );
            add($label, n, "write raw quick-xml Writer", Box::new(move || common::raw_write(events).len()));
            add($label, n, "write quick-xml serde", Box::new(move || common::serde_write(theirs).len()));
            add(
                $label,
                n,
                "write generated (ours)",
                Box::new(move || enhanced_presence::to_string(ours).map_or(0, |xml| xml.len())),
            );
        }};
    }
    document!("(a) categories", &docs.categories, Categories, serde_model::Categories);
    document!("(b) state", &docs.state, State, serde_model::State);
    document!("(c) publish", &docs.publish, Publish, serde_model::Publish);

    if let Some(only) = &only {
        variants.retain(|v| format!("{} {}", v.doc, v.name).contains(only.as_str()));
    }
    // `COMPARE_ITERS=n` fixes the iterations per measurement and skips calibration and allocation
    // counting: `COMPARE_ONLY=… COMPARE_ROUNDS=1 COMPARE_ITERS=1` runs one variant exactly once, for
    // `valgrind --tool=callgrind --toggle-collect='*compare::main::{{closure}}*'`.
    let fixed: Option<u32> = std::env::var("COMPARE_ITERS").ok().and_then(|n| n.parse().ok());
    for v in variants.iter_mut().filter(|_| fixed.is_some()) {
        v.iters = fixed.unwrap_or(1);
    }
    // Calibrate: enough iterations per measurement to fill BATCH.
    for v in variants.iter_mut().filter(|_| fixed.is_none()) {
        v.allocations = allocations(&*v.run);
        let start = Instant::now();
        let mut n = 0u32;
        while start.elapsed() < BATCH / 5 || n < 3 {
            black_box((v.run)());
            n += 1;
        }
        let per = start.elapsed().as_secs_f64() / f64::from(n);
        v.iters = ((BATCH.as_secs_f64() / per) as u32).max(1);
    }
    for _ in 0..rounds {
        for v in &mut variants {
            let start = Instant::now();
            for _ in 0..v.iters {
                black_box((v.run)());
            }
            v.samples.push(start.elapsed().as_secs_f64() / f64::from(v.iters));
        }
    }

    println!("{rounds} interleaved rounds, median time per document; MB/s = input bytes / time (1 MB = 10^6 bytes)");
    let mut last_doc = "";
    let mut median = std::collections::HashMap::new();
    for v in &mut variants {
        if v.doc != last_doc {
            println!("\n{} ({} bytes)", v.doc, v.bytes);
            println!("  {:<28} {:>9} {:>12} {:>12}", "variant", "MB/s", "time/doc", "allocs/doc");
            last_doc = v.doc;
        }
        v.samples.sort_by(f64::total_cmp);
        let t = v.samples[v.samples.len() / 2];
        median.insert((v.doc, v.name), t);
        let time = if t < 1e-3 { format!("{:.2} µs", t * 1e6) } else { format!("{:.3} ms", t * 1e3) };
        println!("  {:<28} {:>9.1} {:>12} {:>12}", v.name, v.bytes as f64 / t / 1e6, time, v.allocations);
    }
    if only.is_some() {
        return;
    }
    codegen_time();
    let t = |name: &str| median[&("(a) categories", name)];
    let ratio = |ours: &str, other: &str| t(other) / t(ours);
    println!();
    println!(
        "ratios: read/raw={:.2} read/serde={:.1} write/serde={:.1} write/raw={:.2}",
        ratio("read  generated (ours)", "read  raw quick-xml Reader"),
        ratio("read  generated (ours)", "read  quick-xml serde"),
        ratio("write generated (ours)", "write quick-xml serde"),
        ratio("write generated (ours)", "write raw quick-xml Writer"),
    );
}

/// Time to generate Rust for all of `schemas/` in memory (parse, resolve, emit, format), median of
/// five runs after one warm-up.
fn codegen_time() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas"));
    let config = enhanced_presence_codegen::Config::enhanced_presence_schemas(dir).expect("reading schemas/");
    let files = std::fs::read_dir(dir)
        .map(|d| d.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "xsd")).count());
    black_box(config.generate().expect("schemas/ generate"));
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            black_box(config.generate().expect("schemas/ generate"));
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "\ncodegen: generating all of schemas/ ({} XSD files) takes {:.0} ms (median of 5, in memory)",
        files.unwrap_or(0),
        times[2] * 1e3
    );
}
