//! An empty Tauri 2 window: the peer Mahdar's start-up time and memory are measured against
//! (`scripts/measure-app.py`). Its page reports when it has drawn, as Mahdar's does.

use std::{io::Write, time::Instant};

struct Started(Instant);

#[tauri::command]
fn ui_ready(started: tauri::State<'_, Started>) {
    if std::env::var("MAHDAR_REPORT_READY").is_ok_and(|v| v == "1") {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "mahdar-ready {}", started.0.elapsed().as_millis());
        let _ = out.flush();
    }
}

fn main() {
    let started = Started(Instant::now());
    let result = tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![ui_ready])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("mahdar-empty-window: {e}");
        std::process::exit(1);
    }
}
