//! The continuum map as data, independent of any painter: where each marker goes so that none
//! hides another. The on-screen canvas uses it today; the SVG and PNG exporters will share it.

mod stack;

pub use stack::{StackedItem, stack_rows};
