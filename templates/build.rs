//! Notes the compiler's version for `X-Stripe-Client-User-Agent`
//! (`lang_version`), as Stripe's libraries send their language's version.

fn main() {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned))
        .filter(|v| v.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-+".contains(&b)))
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=STRIPE_CLIENT_RUSTC_VERSION={version}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC");
}
