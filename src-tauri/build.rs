// The command list is declared once, in src/commands/declared.rs.
include!("src/commands/declared.rs");

/// The names of the declared commands.
macro_rules! names {
    ($($module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $result:ty;)*) => {
        &[$(stringify!($name)),*]
    };
}

/// Permissions the window needs beside its own commands (plugins, core).
const PLUGIN_PERMISSIONS: &[&str] = &[
    "dialog:allow-open",
    "dialog:allow-save",
    "core:app:allow-version",
    "core:event:allow-listen",
    "core:event:allow-unlisten",
];

/// The window's capability: exactly its commands and the plugins' permissions above.
fn capability(commands: &[&str]) -> String {
    let permissions: Vec<String> = commands
        .iter()
        .map(|c| format!("    \"allow-{}\"", c.replace('_', "-")))
        .chain(PLUGIN_PERMISSIONS.iter().map(|p| format!("    \"{p}\"")))
        .collect();
    format!(
        "{{\n  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"main\",\n  \
         \"description\": \"The main window: exactly the commands its screens call, nothing more \
         (written by build.rs from src/commands/declared.rs).\",\n  \"windows\": [\n    \"main\"\n  ],\n  \
         \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    )
}

fn main() {
    let commands: &[&str] = app_commands!(names);
    // Written only when it changes, so the build does not loop on it.
    let file = std::path::Path::new("capabilities/main.json");
    let text = capability(commands);
    if std::fs::read_to_string(file).ok().as_deref() != Some(text.as_str())
        && let Err(e) = std::fs::write(file, &text)
    {
        eprintln!("cannot write {}: {e}", file.display());
        std::process::exit(1);
    }
    println!("cargo:rerun-if-changed=src/commands/declared.rs");
    // Every app command gets a permission of its own; the capability grants them.
    let manifest = tauri_build::AppManifest::new().commands(commands);
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
