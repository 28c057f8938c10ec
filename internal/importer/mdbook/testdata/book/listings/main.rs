use std::fmt;
// ANCHOR: all
// ANCHOR: body
fn main() {
    let x = 5;
    println!("{x}");
}
// ANCHOR_END: body
// ANCHOR_END: all
fn helper() {}
