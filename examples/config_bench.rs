//! How long loading a configuration takes as it grows (issue 11: linear in size, 10 MB < 1 s).
//!
//! `cargo run --release --example config_bench` prints one row per size.

use std::time::Instant;

use otklik::config::Config;

/// A valid file of roughly `bytes` bytes: units with their deputies and executors.
fn config_of(bytes: usize) -> String {
    let mut text = String::from("[organization]\nname = \"Администрация\"\n\n");
    let mut n = 0;
    while text.len() < bytes {
        text += &format!(
            "[[people]]\nname = \"Заместитель {n}\"\ntelegram_id = {}\nroles = [\"deputy\"]\n\n\
             [[units]]\nname = \"Отдел {n}\"\ndeputy = \"Заместитель {n}\"\n\n\
             [[people]]\nname = \"Исполнитель {n}\"\ntelegram_id = {}\nroles = [\"executor\"]\nunit = \"Отдел {n}\"\n\n",
            1_000_000 + 2 * n,
            1_000_001 + 2 * n
        );
        n += 1;
    }
    text
}

fn main() {
    println!("{:>8} {:>10} {:>8} {:>10}", "MB", "people", "ms", "MB/s");
    for mb in [1usize, 2, 5, 10] {
        let text = config_of(mb << 20);
        let started = Instant::now();
        let config = Config::parse(&text, "bench.toml").expect("a valid file");
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{:>8.1} {:>10} {:>8.0} {:>10.1}",
            text.len() as f64 / 1048576.0,
            config.people.len(),
            secs * 1000.0,
            text.len() as f64 / 1048576.0 / secs
        );
    }
}
