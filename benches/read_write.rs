//! `cargo bench --bench read_write`: criterion benches reading and writing each benchmark document
//! with the generated types, side by side with the raw quick-xml `Reader` loop, the `NsReader` loop,
//! quick-xml serde (hand-written structs) and a raw quick-xml `Writer` writing the same events.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{serde_model, Docs};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use enhanced_presence::categories::Categories;
use enhanced_presence::rich_presence::Publish;
use enhanced_presence::state::State;
use enhanced_presence::XmlElement;

fn document<T, S>(c: &mut Criterion, name: &str, xml: &str)
where
    T: XmlElement,
    S: serde::de::DeserializeOwned + serde::Serialize,
{
    let ours: T = enhanced_presence::from_str(xml).unwrap();
    let theirs: S = common::serde_read(xml);
    let events = common::events(xml);
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(xml.len() as u64));
    g.sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    g.bench_function("read/raw-reader", |b| b.iter(|| common::raw_read(black_box(xml))));
    g.bench_function("read/ns-reader", |b| b.iter(|| common::ns_read(black_box(xml))));
    g.bench_function("read/serde", |b| b.iter(|| common::serde_read::<S>(black_box(xml))));
    g.bench_function("read/generated", |b| {
        b.iter(|| enhanced_presence::from_str::<T>(black_box(xml)).unwrap())
    });
    g.bench_function("write/raw-writer", |b| b.iter(|| common::raw_write(black_box(&events))));
    g.bench_function("write/serde", |b| b.iter(|| common::serde_write(black_box(&theirs))));
    g.bench_function("write/generated", |b| {
        b.iter(|| enhanced_presence::to_string(black_box(&ours)).unwrap())
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let docs = Docs::new();
    document::<Categories, serde_model::Categories>(c, "categories", &docs.categories);
    document::<State, serde_model::State>(c, "state", &docs.state);
    document::<Publish, serde_model::Publish>(c, "publish", &docs.publish);
}

criterion_group!(benches_group, benches);
criterion_main!(benches_group);
