//! Entry point: mounts the tools into the static page.

fn main() {
    fushen::app::start();
}
