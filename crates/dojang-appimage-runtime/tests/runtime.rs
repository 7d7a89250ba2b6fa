//! The runtime end to end: real AppImages made with Debian's `mksquashfs`, run as real
//! processes, and checked against an independent reader (Debian's libappimage).
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::collections::BTreeMap;
use std::fs;
use std::io::{ErrorKind, Write};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::Duration;

use tempfile::TempDir;

/// The runtime under test.
const RUNTIME: &str = env!("CARGO_BIN_EXE_dojang-appimage-runtime");

/// What every error line starts with.
const PREFIX: &str = "dojang-appimage-runtime: ";

/// The AppDir's `AppRun`: prints what the runtime gave it, then a file of the AppDir.
const APP_RUN: &str = r#"#!/bin/sh
echo "PID=$$"
echo "APPDIR=$APPDIR"
echo "APPIMAGE=$APPIMAGE"
echo "OWD=$OWD"
echo "ARGV0=$ARGV0"
for arg in "$@"; do
  echo "ARG=$arg"
done
cat "$APPDIR/data/hello.txt"
"#;

/// The content of `data/hello.txt`.
const HELLO: &str = "hello from inside the image\n";

/// A freshly built AppImage and the AppDir it was made from.
struct AppImage {
    /// Holds everything below; deleted on drop.
    _dir: TempDir,
    /// The AppDir that was packed.
    appdir: PathBuf,
    /// The AppImage file (runtime + SquashFS, magic written, executable).
    path: PathBuf,
    /// The SquashFS image alone.
    squashfs: Vec<u8>,
}

/// Makes an AppDir with an `AppRun`, nested directories, an executable, a file spanning
/// several SquashFS blocks and a symlink; packs it with `mksquashfs`; and appends the
/// image to the runtime the way the packaging script does.
fn build_appimage() -> AppImage {
    build_appimage_with(APP_RUN, "")
}

/// [`build_appimage`] with another `AppRun` and a `data/version` file, so that two builds
/// differ.
fn build_appimage_with(app_run: &str, version: &str) -> AppImage {
    let dir = TempDir::new().unwrap();
    let appdir = dir.path().join("Dojang.AppDir");
    fs::create_dir_all(appdir.join("data/nested")).unwrap();
    fs::create_dir_all(appdir.join("usr/bin")).unwrap();
    write_mode(&appdir.join("AppRun"), app_run.as_bytes(), 0o755);
    write_mode(&appdir.join("data/version"), version.as_bytes(), 0o644);
    write_mode(&appdir.join("data/hello.txt"), HELLO.as_bytes(), 0o644);
    write_mode(&appdir.join("data/nested/deep.txt"), b"deep\n", 0o600);
    write_mode(
        &appdir.join("usr/bin/tool"),
        b"#!/bin/sh\necho tool\n",
        0o755,
    );
    // Over 128 KiB, patterned: two full data blocks and a tail kept in a fragment.
    let big: Vec<u8> = (0..300_000_u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    write_mode(&appdir.join("data/big.bin"), &big, 0o644);
    symlink("data/hello.txt", appdir.join("hello-link")).unwrap();
    symlink("../../data", appdir.join("usr/bin/data-link")).unwrap();

    let image = dir.path().join("image.sqfs");
    let made = Command::new("/usr/bin/mksquashfs")
        .arg(&appdir)
        .arg(&image)
        .args(["-comp", "zstd", "-root-owned", "-noappend", "-quiet"])
        .output()
        .expect("mksquashfs (Debian's squashfs-tools) must be installed");
    assert!(
        made.status.success(),
        "mksquashfs failed: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    let squashfs = fs::read(&image).unwrap();

    let mut bytes = fs::read(RUNTIME).unwrap();
    bytes.extend_from_slice(&squashfs);
    bytes[8..11].copy_from_slice(b"AI\x02");
    let path = dir.path().join("Dojang-x86_64.AppImage");
    write_mode(&path, &bytes, 0o755);
    AppImage {
        _dir: dir,
        appdir,
        path,
        squashfs,
    }
}

/// Writes a file and gives it exactly `mode` (whatever the umask).
fn write_mode(path: &Path, bytes: &[u8], mode: u32) {
    let mut file = fs::File::create(path).unwrap();
    file.write_all(bytes).unwrap();
    file.set_permissions(fs::Permissions::from_mode(mode))
        .unwrap();
}

/// Runs `appimage` with `args` in `cwd`, with `cache` as `XDG_CACHE_HOME`. Returns its
/// PID and output.
fn run_in(appimage: &Path, args: &[&str], cwd: &Path, cache: &Path) -> (u32, Output) {
    let mut command = Command::new(appimage);
    command
        .args(args)
        .current_dir(cwd)
        .env("XDG_CACHE_HOME", cache)
        .env_remove("APPDIR")
        .env_remove("APPIMAGE")
        .env_remove("ARGV0")
        .env_remove("OWD")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // A file just written may still be open in a child that another test thread forked
    // meanwhile (until that child execs), which makes exec fail with ETXTBSY: retry.
    let mut attempts = 0;
    let child = loop {
        match command.spawn() {
            Err(error) if error.kind() == ErrorKind::ExecutableFileBusy && attempts < 50 => {
                attempts += 1;
                thread::sleep(Duration::from_millis(20));
            }
            spawned => break spawned.unwrap(),
        }
    };
    let pid = child.id();
    (pid, child.wait_with_output().unwrap())
}

/// Like [`run_in`], in a scratch directory and with a scratch cache.
fn run(appimage: &Path, args: &[&str]) -> Output {
    let scratch = TempDir::new().unwrap();
    run_in(appimage, args, scratch.path(), scratch.path()).1
}

/// Asserts that the run failed the promised way: status 1 and one line on stderr that
/// starts with the program name (no panic message). Returns that line.
fn assert_one_line_error(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    assert!(lines[0].starts_with(PREFIX), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    lines[0].to_owned()
}

/// The `KEY=value` lines of AppRun's output, and its `ARG=` lines in order.
fn parse_app_output(output: &Output) -> (BTreeMap<String, String>, Vec<String>, String) {
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    let mut vars = BTreeMap::new();
    let mut args = Vec::new();
    for line in stdout.lines() {
        if let Some(arg) = line.strip_prefix("ARG=") {
            args.push(arg.to_owned());
        } else if let Some((key, value)) = line.split_once('=') {
            vars.insert(key.to_owned(), value.to_owned());
        }
    }
    (vars, args, stdout)
}

/// The directories under the cache folder of the runtime (builds, and temporary ones).
fn cache_entries(cache: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(cache.join("dojang-appimage"))
        .unwrap()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().unwrap().is_dir())
        .map(|entry| entry.file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// What a tree holds, for comparing two: per relative path, a description of the entry
/// (type, permission bits of files, content or link target).
fn describe_tree(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut entries = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(directory) = pending.pop() {
        for entry in fs::read_dir(&directory).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(root).unwrap().to_path_buf();
            let metadata = fs::symlink_metadata(&path).unwrap();
            let description = if metadata.file_type().is_symlink() {
                format!("symlink -> {}", fs::read_link(&path).unwrap().display())
            } else if metadata.is_dir() {
                pending.push(path);
                "directory".to_owned()
            } else {
                let content = fs::read(&path).unwrap();
                format!(
                    "file {:o} {} bytes, sum {}",
                    metadata.permissions().mode() & 0o777,
                    content.len(),
                    content.iter().map(|&b| u64::from(b)).sum::<u64>()
                )
            };
            entries.insert(relative, description);
        }
    }
    entries
}

#[test]
fn runs_app_run_with_arguments_and_environment_and_reuses_the_cache() {
    let appimage = build_appimage();
    let cache = TempDir::new().unwrap();
    let cwd = TempDir::new().unwrap();
    let args = ["first", "with two spaces", "", "--flag=x y", "-", "ünïcode"];

    let (pid, output) = run_in(&appimage.path, &args, cwd.path(), cache.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (vars, seen_args, stdout) = parse_app_output(&output);
    assert_eq!(seen_args, args, "{stdout}");
    assert!(stdout.ends_with(HELLO), "{stdout}");
    // exec replaced the runtime: AppRun has the PID the runtime was started with.
    assert_eq!(vars["PID"], pid.to_string());

    let key = cache_entries(cache.path()).pop().unwrap();
    assert_eq!(key.len(), 16, "{key}");
    assert!(
        key.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
        "{key}"
    );
    let appdir = cache.path().join("dojang-appimage").join(&key);
    assert_eq!(vars["APPDIR"], appdir.to_str().unwrap());
    assert_eq!(
        vars["APPIMAGE"],
        appimage.path.canonicalize().unwrap().to_str().unwrap()
    );
    assert_eq!(vars["ARGV0"], appimage.path.to_str().unwrap());
    assert_eq!(
        vars["OWD"],
        cwd.path().canonicalize().unwrap().to_str().unwrap()
    );
    assert_eq!(describe_tree(&appdir), describe_tree(&appimage.appdir));

    // The second run finds the extracted copy and does not extract again.
    fs::write(appdir.join("marker"), "left by the test").unwrap();
    let (_, again) = run_in(&appimage.path, &["second run"], cwd.path(), cache.path());
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let (vars_again, args_again, _) = parse_app_output(&again);
    assert_eq!(vars_again["APPDIR"], vars["APPDIR"]);
    assert_eq!(args_again, ["second run"]);
    assert!(appdir.join("marker").exists());
    assert_eq!(
        cache_entries(cache.path()),
        [key],
        "no temporary directory may be left"
    );
}

#[test]
fn instances_started_together_share_one_extraction() {
    let appimage = build_appimage();
    let cache = TempDir::new().unwrap();
    let runs: Vec<_> = (0..4)
        .map(|i| {
            let path = appimage.path.clone();
            let cache = cache.path().to_path_buf();
            thread::spawn(move || run_in(&path, &[&format!("instance {i}")], &cache, &cache).1)
        })
        .collect();
    let mut appdirs = Vec::new();
    for (i, handle) in runs.into_iter().enumerate() {
        let output = handle.join().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let (vars, args, stdout) = parse_app_output(&output);
        assert_eq!(args, [format!("instance {i}")]);
        assert!(stdout.ends_with(HELLO), "{stdout}");
        appdirs.push(vars["APPDIR"].clone());
    }
    appdirs.dedup();
    assert_eq!(appdirs.len(), 1, "{appdirs:?}");
    assert_eq!(
        cache_entries(cache.path()).len(),
        1,
        "{:?}",
        cache_entries(cache.path())
    );
}

#[test]
fn offset_is_the_size_of_the_runtime() {
    let appimage = build_appimage();
    let output = run(&appimage.path, &["--appimage-offset"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let runtime_len = fs::metadata(RUNTIME).unwrap().len();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("{runtime_len}\n")
    );
    let total = fs::metadata(&appimage.path).unwrap().len();
    assert_eq!(total, runtime_len + appimage.squashfs.len() as u64);
}

#[test]
fn extract_reproduces_the_app_dir() {
    let appimage = build_appimage();
    let cwd = TempDir::new().unwrap();
    let (_, output) = run_in(
        &appimage.path,
        &["--appimage-extract"],
        cwd.path(),
        cwd.path(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let root = cwd.path().join("squashfs-root");
    assert_eq!(describe_tree(&root), describe_tree(&appimage.appdir));

    let printed: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    for expected in [
        "squashfs-root/AppRun",
        "squashfs-root/data/nested/deep.txt",
        "squashfs-root/hello-link",
    ] {
        assert!(
            printed.iter().any(|line| line == expected),
            "{expected} not in {printed:?}"
        );
    }
    assert_eq!(
        printed.len(),
        describe_tree(&appimage.appdir).len(),
        "{printed:?}"
    );

    let mode = |path: &str| fs::metadata(root.join(path)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("AppRun"), 0o755);
    assert_eq!(mode("usr/bin/tool"), 0o755);
    assert_eq!(mode("data/nested/deep.txt"), 0o600);
    assert_eq!(
        fs::read_to_string(root.join("data/hello.txt")).unwrap(),
        HELLO
    );
    let link = root.join("hello-link");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("data/hello.txt"));
    assert_eq!(
        fs::read_link(root.join("usr/bin/data-link")).unwrap(),
        Path::new("../../data")
    );
    let tool = Command::new(root.join("usr/bin/tool")).output().unwrap();
    assert_eq!(tool.stdout, b"tool\n");

    // Extracting again over the first extraction works and changes nothing.
    let (_, again) = run_in(
        &appimage.path,
        &["--appimage-extract"],
        cwd.path(),
        cwd.path(),
    );
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(describe_tree(&root), describe_tree(&appimage.appdir));
}

#[test]
fn extract_with_a_pattern_takes_only_what_matches() {
    let appimage = build_appimage();
    let extract = |pattern: &str| {
        let cwd = TempDir::new().unwrap();
        let (_, output) = run_in(
            &appimage.path,
            &["--appimage-extract", pattern],
            cwd.path(),
            cwd.path(),
        );
        (cwd, output)
    };
    let listing = |cwd: &TempDir| -> Vec<PathBuf> {
        describe_tree(&cwd.path().join("squashfs-root"))
            .into_keys()
            .collect()
    };

    let (cwd, output) = extract("data/*.txt");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        listing(&cwd),
        [
            Path::new("data"),
            Path::new("data/hello.txt"),
            Path::new("data/nested"),
            Path::new("data/nested/deep.txt")
        ]
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "squashfs-root/data\nsquashfs-root/data/hello.txt\nsquashfs-root/data/nested\nsquashfs-root/data/nested/deep.txt\n"
    );

    let (cwd, output) = extract("usr/bin/t");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        listing(&cwd),
        [
            Path::new("usr"),
            Path::new("usr/bin"),
            Path::new("usr/bin/tool")
        ]
    );

    let (_, output) = extract("no-such-thing");
    let line = assert_one_line_error(&output);
    assert!(line.contains("nothing in the image matches"), "{line}");
}

/// Debian's libappimage, through Python's ctypes: the type it sees and the files it lists.
const LIBAPPIMAGE_PROBE: &str = r#"
import ctypes, sys
lib = ctypes.CDLL("libappimage.so.1.0abi1")
lib.appimage_get_type.argtypes = [ctypes.c_char_p, ctypes.c_bool]
lib.appimage_get_type.restype = ctypes.c_int
lib.appimage_list_files.argtypes = [ctypes.c_char_p]
lib.appimage_list_files.restype = ctypes.POINTER(ctypes.c_char_p)
path = sys.argv[1].encode()
print("type", lib.appimage_get_type(path, False))
files = lib.appimage_list_files(path)
i = 0
while files and files[i] is not None:
    print("file", files[i].decode())
    i += 1
if hasattr(lib, "appimage_string_list_free"):
    lib.appimage_string_list_free.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
    lib.appimage_string_list_free(files)
"#;

#[test]
fn libappimage_recognises_a_type_2_appimage() {
    let appimage = build_appimage();
    let output = Command::new("/usr/bin/python3")
        .args(["-c", LIBAPPIMAGE_PROBE])
        .arg(&appimage.path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.first(), Some(&"type 2"), "{stdout}");
    for expected in ["file AppRun", "file data/hello.txt", "file usr/bin/tool"] {
        assert!(lines.contains(&expected), "{expected} not in {stdout}");
    }
}

#[test]
fn a_truncated_image_fails_cleanly() {
    let appimage = build_appimage();
    let bytes = fs::read(&appimage.path).unwrap();
    let cut = bytes.len() - appimage.squashfs.len() / 2;
    write_mode(&appimage.path, &bytes[..cut], 0o755);

    let cache = TempDir::new().unwrap();
    let (_, output) = run_in(&appimage.path, &["arg"], cache.path(), cache.path());
    let line = assert_one_line_error(&output);
    assert!(line.contains("truncated"), "{line}");
    assert!(output.stdout.is_empty());
    assert!(!cache.path().join("dojang-appimage").exists());

    let line = assert_one_line_error(&run(&appimage.path, &["--appimage-extract"]));
    assert!(line.contains("truncated"), "{line}");
}

#[test]
fn garbage_after_the_runtime_fails_cleanly() {
    let appimage = build_appimage();
    let mut bytes = fs::read(RUNTIME).unwrap();
    bytes[8..11].copy_from_slice(b"AI\x02");
    bytes.extend((0..50_000_u32).map(|i| (i % 251) as u8));
    write_mode(&appimage.path, &bytes, 0o755);
    for args in [&[][..], &["--appimage-extract"]] {
        let line = assert_one_line_error(&run(&appimage.path, args));
        assert!(line.contains("no SquashFS image"), "{line}");
    }

    // The bare runtime, with nothing appended.
    let line = assert_one_line_error(&run(Path::new(RUNTIME), &[]));
    assert!(
        line.contains("no SquashFS image follows the runtime"),
        "{line}"
    );
}

#[test]
fn damage_inside_the_image_fails_cleanly_and_leaves_no_extraction() {
    let appimage = build_appimage();
    let pristine = fs::read(&appimage.path).unwrap();
    let start = pristine.len() - appimage.squashfs.len();
    // The image proper (mksquashfs pads the file after it to a multiple of 4 KiB).
    let mut bytes_used = [0_u8; 8];
    bytes_used.copy_from_slice(&appimage.squashfs[40..48]);
    let used = usize::try_from(u64::from_le_bytes(bytes_used)).unwrap();
    // Damage after the superblock, in the file data at the start and in the tables at
    // the end, so that both the directory tree and the file contents are hit.
    let damages: [(usize, usize); 4] = [
        (96, 4096),
        (used / 3, used / 2),
        (used - 600, used - 8),
        (96, used),
    ];
    for (from, to) in damages {
        let mut bytes = pristine.clone();
        for (i, byte) in bytes[start + from..start + to].iter_mut().enumerate() {
            *byte = (i as u8).wrapping_mul(37) ^ 0x5a;
        }
        write_mode(&appimage.path, &bytes, 0o755);
        let cache = TempDir::new().unwrap();
        let (_, output) = run_in(&appimage.path, &[], cache.path(), cache.path());
        let line = assert_one_line_error(&output);
        eprintln!("damage {from}..{to}: {line}");
        assert!(output.stdout.is_empty(), "AppRun must not run");
        let folder = cache.path().join("dojang-appimage");
        let left = if folder.exists() {
            cache_entries(cache.path())
        } else {
            Vec::new()
        };
        assert!(left.is_empty(), "damage {from}..{to} left {left:?}");

        assert_one_line_error(&run(&appimage.path, &["--appimage-extract"]));
    }
}

#[test]
fn unknown_runtime_options_are_refused() {
    let appimage = build_appimage();
    let cache = TempDir::new().unwrap();
    for args in [
        &["--appimage-foo"][..],
        &["file.txt", "--appimage-foo"],
        &["--appimage-offset", "x"],
    ] {
        let (_, output) = run_in(&appimage.path, args, cache.path(), cache.path());
        let line = assert_one_line_error(&output);
        assert!(line.contains("--appimage-"), "{line}");
        assert!(output.stdout.is_empty(), "AppRun must not run for {args:?}");
    }
    assert!(!cache.path().join("dojang-appimage").exists());
}

#[test]
fn help_and_version() {
    let appimage = build_appimage();
    let help = run(&appimage.path, &["--appimage-help"]);
    assert!(help.status.success());
    let help = String::from_utf8(help.stdout).unwrap();
    for option in [
        "--appimage-extract",
        "--appimage-offset",
        "--appimage-version",
    ] {
        assert!(help.contains(option), "{help}");
    }
    let version = run(&appimage.path, &["--appimage-version"]);
    assert!(version.status.success());
    let version = String::from_utf8(version.stdout).unwrap();
    assert!(
        version.starts_with(&format!(
            "dojang-appimage-runtime {}",
            env!("CARGO_PKG_VERSION")
        )),
        "{version}"
    );
}

/// An update written over the AppImage file, or an AppImage deleted, frees the old build's
/// folder at the next start, unless the old build is still running.
#[test]
fn an_update_frees_the_old_build_unless_it_is_running() {
    let cache = TempDir::new().unwrap();
    let place = TempDir::new().unwrap();
    let installed = place.path().join("Dojang.AppImage");
    let start = |path: &Path| {
        let (_, output) = run_in(path, &[], place.path(), cache.path());
        assert!(output.status.success(), "{output:?}");
    };

    // Version 1, then version 2 copied over the same file: only version 2 stays.
    let v1 = build_appimage_with(APP_RUN, "1");
    fs::copy(&v1.path, &installed).unwrap();
    start(&installed);
    let first = cache_entries(cache.path());
    assert_eq!(first.len(), 1, "{first:?}");
    let note = cache
        .path()
        .join("dojang-appimage")
        .join(format!("{}.source", first[0]));
    assert_eq!(
        fs::read(&note).unwrap(),
        installed.as_os_str().as_encoded_bytes()
    );
    let v2 = build_appimage_with(APP_RUN, "22");
    fs::copy(&v2.path, &installed).unwrap();
    start(&installed);
    let second = cache_entries(cache.path());
    assert_eq!(second.len(), 1, "{second:?}");
    assert_ne!(second, first);
    assert!(!note.exists(), "the old note goes with its build");

    // Another AppImage elsewhere keeps its build while its file is there.
    let kept = place.path().join("Dojang-other.AppImage");
    let v3 = build_appimage_with(APP_RUN, "333");
    fs::copy(&v3.path, &kept).unwrap();
    start(&kept);
    start(&installed);
    assert_eq!(cache_entries(cache.path()).len(), 2);

    // A build still running (it works in its folder) stays until it has stopped.
    let sleeper = "#!/bin/sh\ncd \"$APPDIR\"\necho started\nexec sleep 30\n";
    let v4 = build_appimage_with(sleeper, "4444");
    let busy = place.path().join("Dojang-busy.AppImage");
    fs::copy(&v4.path, &busy).unwrap();
    let mut running = Command::new(&busy)
        .current_dir(place.path())
        .env("XDG_CACHE_HOME", cache.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(running.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(line, "started\n");
    fs::remove_file(&busy).unwrap();
    start(&installed);
    assert_eq!(
        cache_entries(cache.path()).len(),
        3,
        "the running build stays"
    );
    running.kill().unwrap();
    running.wait().unwrap();
    start(&installed);
    assert_eq!(
        cache_entries(cache.path()).len(),
        2,
        "its file gone and stopped, it goes: {:?}",
        cache_entries(cache.path())
    );
    // The one whose file is still there was never touched.
    fs::remove_file(&kept).unwrap();
    start(&installed);
    assert_eq!(cache_entries(cache.path()), second);
}
