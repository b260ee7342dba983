//! Links the system libxml2: through pkg-config when it knows the library (it also finds
//! non-default prefixes), otherwise by its plain name, which the default linker path resolves on
//! distributions that install libxml2 and its headers (`libxml2-dev`).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if pkg_config::Config::new().probe("libxml-2.0").is_err() {
        println!("cargo:rustc-link-lib=xml2");
    }
}
