//! Generates the app's command permissions: the window may call exactly the commands listed
//! here, each granted in `capabilities/default.json`.

fn main() {
    // The window shows the built UI, embedded at compile time.
    println!("cargo:rerun-if-changed=../ui/dist");
    if !std::path::Path::new("../ui/dist/index.html").exists() {
        panic!(
            "the UI is not built (ui/dist/index.html is missing): run `scripts/ci.sh ui` or \
             `npm --prefix ui ci && npm --prefix ui run build` first"
        );
    }
    let manifest = tauri_build::AppManifest::new().commands(mahdar_commands::ALL);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("the Tauri build step succeeds (see the message above)");
}

#[path = "src/command_names.rs"]
mod mahdar_commands;
